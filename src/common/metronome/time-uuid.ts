/**
 * A time-based (version 1) UUID, as Marathon's legacy task ids end in one (MA:…/core/task/Task.scala:234-237: Java UUID
 * Generator's `timeBasedGenerator(EthernetAddress.fromInterface())`): the 60-bit count of 100 ns since 1582-10-15, the
 * version 1, the RFC 4122 variant with a 14-bit clock sequence, and the host's 48-bit MAC as node.
 */

/** 100 ns intervals from the Gregorian reform to the Unix epoch. */
const GREGORIAN_OFFSET = 0x01b21dd213814000n;

const hex = (n: bigint, digits: number): string => n.toString(16).padStart(digits, '0');

/**
 * `wallMs`: Unix ms; `tick`: 100 ns steps within that ms (0–9999; the generator moves on within a ms for each id);
 * `clockSeq`: 14 bits fixed per generator; `node`: 48 bits (the host's MAC).
 */
export function timeUuid(wallMs: number, tick: number, clockSeq: number, node: number): string {
  const t = BigInt(Math.floor(wallMs)) * 10_000n + BigInt(tick % 10_000) + GREGORIAN_OFFSET;
  const low = t & 0xffffffffn;
  const mid = (t >> 32n) & 0xffffn;
  const high = ((t >> 48n) & 0x0fffn) | 0x1000n;
  const seq = (BigInt(clockSeq) & 0x3fffn) | 0x8000n;
  return `${hex(low, 8)}-${hex(mid, 4)}-${hex(high, 4)}-${hex(seq, 4)}-${hex(BigInt(node) & 0xffffffffffffn, 12)}`;
}

/** The UUID's Unix ms (for tests and readers of task ids). */
export function timeOfUuid(uuid: string): number {
  const [low, mid, high] = uuid.split('-');
  const t = (BigInt(`0x${high!}`) & 0x0fffn) * (1n << 48n) + BigInt(`0x${mid!}`) * (1n << 32n) + BigInt(`0x${low!}`);
  return Number((t - GREGORIAN_OFFSET) / 10_000n);
}
