/**
 * Named VIPs as dcos-net names and addresses them (dcos_l4lb_lashup_vip_listener.erl, mesos_state.erl):
 * `<label>.<framework>.l4lb.thisdcos.directory`, and an IPv4 address in DC/OS's VIP range picked by Erlang's
 * `erlang:phash2` of `<label>.<framework>` (Bob Jenkins' lookup2 `block_hash` over the name's bytes, as OTP's
 * `make_hash2` hashes a binary).
 */

/** DC/OS's VIP range (gen/calc.py: dcos_l4lb_min_named_ip / max_named_ip): 11.0.0.0 to 11.255.255.255. */
export const VIP_RANGE: Readonly<{ min: number; max: number }> = { min: ipToInt('11.0.0.0'), max: ipToInt('11.255.255.255') };

/** OTP's HCONST_13: the seed `make_hash2` gives `block_hash` for a binary at the top of the term. */
const BINARY_SEED = 0x08d12e65;
const GOLDEN_RATIO = 0x9e3779b9;

/** `erlang:phash2(Binary, Range)` of a UTF-8 string: in [0, range). */
export function phash2(text: string, range: number): number {
  return blockHash(new TextEncoder().encode(text), BINARY_SEED) % range;
}

/** lookup2's mix of three unsigned 32-bit words, in place. */
function mix(s: Uint32Array): void {
  const step = (x: 0 | 1 | 2, y: 0 | 1 | 2, z: 0 | 1 | 2, shift: number, left: boolean) => {
    s[x] = s[x]! - s[y]! - s[z]!;
    s[x] = s[x]! ^ (left ? s[z]! << shift : s[z]! >>> shift);
  };
  step(0, 1, 2, 13, false);
  step(1, 2, 0, 8, true);
  step(2, 0, 1, 13, false);
  step(0, 1, 2, 12, false);
  step(1, 2, 0, 16, true);
  step(2, 0, 1, 5, false);
  step(0, 1, 2, 3, false);
  step(1, 2, 0, 10, true);
  step(2, 0, 1, 15, false);
}

function blockHash(k: Uint8Array, seed: number): number {
  const s = new Uint32Array([GOLDEN_RATIO, GOLDEN_RATIO, seed]);
  const word = (at: number) => k[at]! | (k[at + 1]! << 8) | (k[at + 2]! << 16) | (k[at + 3]! << 24);
  let at = 0;
  for (; k.length - at >= 12; at += 12) {
    s[0] = s[0]! + word(at);
    s[1] = s[1]! + word(at + 4);
    s[2] = s[2]! + word(at + 8);
    mix(s);
  }
  s[2] = s[2]! + k.length;
  // The tail: bytes 0-3 into a, 4-7 into b, 8-10 into c from its second byte (its low byte holds the length).
  for (let i = 0; at + i < k.length; i++) {
    const byte = k[at + i]!;
    if (i < 4) s[0] = s[0]! + (byte << (8 * i));
    else if (i < 8) s[1] = s[1]! + (byte << (8 * (i - 4)));
    else s[2] = s[2]! + (byte << (8 * (i - 7)));
  }
  mix(s);
  return s[2]!;
}

/** dcos-net's `label`: lower-case; `.` and `_` become `-`; other characters but a-z, 0-9 and `-` dropped; no leading `-`; 63 at most. */
export function dnsLabel(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) {
    if (/[a-z0-9-]/.test(ch)) out += ch;
    else if (ch === '.' || ch === '_') out += '-';
  }
  return out.replace(/^-+/, '').slice(0, 63);
}

/** `domain_frag`: split on `.`, each part a label, empty parts dropped, joined by `.` (`/outer/sub/app` → `outersubapp`). */
export function domainFragment(text: string): string {
  return text
    .split('.')
    .map(dnsLabel)
    .filter((part) => part !== '')
    .join('.');
}

/** A VIP label's DNS name: `myapp` of Marathon → `myapp.marathon.l4lb.thisdcos.directory`. */
export function vipDnsName(label: string, framework: string): string {
  return `${domainFragment(label)}.${domainFragment(framework)}.l4lb.thisdcos.directory`;
}

/**
 * The VIP's address: `min + phash2("<label>.<framework>", max - min)`, both parts as `domain_frag` makes them (`to_name`); an address already taken by another VIP moves to
 * the next one, wrapping from `max` to `min` (vip_listener.erl: 155-232). Null when every address is taken.
 */
export function vipAddress(label: string, framework: string, taken: ReadonlySet<number> = new Set(), range = VIP_RANGE): number | null {
  const quantity = range.max - range.min;
  let ip = range.min + phash2(`${domainFragment(label)}.${domainFragment(framework)}`, quantity);
  for (let tries = 0; tries < quantity; tries++) {
    if (!taken.has(ip)) return ip;
    ip = ip === range.max ? range.min : ip + 1;
  }
  return null;
}

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}
