/**
 * `dig`: a sandbox tool, not part of the dcos CLI. It answers A and SRV questions from the simulated cluster, as a
 * node's resolver would: dcos-dns (198.51.100.1#53 on every node) answers `*.thisdcos.directory` from its own zones
 * (`/net/v1/hosts|services/{name}`, TTL 5 s) and forwards `*.mesos` to the masters' Mesos-DNS on port 61053
 * (`/mesos_dns/v1/hosts|services/{name}`, TTL 60 s); any other name is NXDOMAIN (no upstream resolver is
 * simulated). Before Mesos-DNS's first load its API answers 503: SERVFAIL. The output is BIND 9.16 dig's: header
 * comments, QUESTION, ANSWER (and ADDITIONAL for SRV targets) sections laid out as its `masterdump.c` does, `+short`.
 */
import type { MesosDnsHost, MesosDnsService } from '../../api/shapes/dns.ts';
import type { NetHost, NetService } from '../../api/shapes/net.ts';
import { fail, isSuccess, ok } from '../format.ts';
import type { CliResult, RequestFn } from '../types.ts';

/** dcos-dns's address on every node (DN:apps/dcos_dns: the `spartan` interface). */
export const DCOS_DNS = '198.51.100.1';
const MESOS_DNS_PORT = 61053;
const MESOS_DNS_TTL = 60;
const DCOS_DNS_TTL = 5;
/** Mesos-DNS's `SRVRecordDefaultWeight`; both servers give priority 0. */
const SRV_WEIGHT = 1;

type QType = 'A' | 'SRV';
type Status = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL';

interface Rr {
  name: string;
  ttl: number;
  type: QType;
  data: string;
}

export interface DigAnswer {
  status: Status;
  answers: Rr[];
  additional: Rr[];
  /** Which component answered, for the `;; SERVER:` line. */
  component: string;
}

const USAGE = 'Usage:  dig [@server] [-t A|SRV] <name> [A|SRV] [+short]\n';
const KNOWN_TYPES = new Set(['A', 'SRV', 'AAAA', 'ANY', 'CNAME', 'MX', 'NS', 'PTR', 'SOA', 'TXT']);

const fqdn = (name: string) => (name.endsWith('.') ? name : `${name}.`);
const bare = (name: string) => name.replace(/\.$/, '').toLowerCase();

/** Look `name` up as the node's resolver would. */
export async function lookup(request: RequestFn, name: string, type: QType): Promise<DigAnswer> {
  const qname = fqdn(name);
  const key = bare(name);
  const path = encodeURIComponent(key);
  if (key === 'mesos' || key.endsWith('.mesos')) {
    const res = await request({ method: 'GET', path: `/mesos_dns/v1/${type === 'A' ? 'hosts' : 'services'}/${path}` });
    if (!isSuccess(res) || !Array.isArray(res.body))
      return { status: 'SERVFAIL', answers: [], additional: [], component: 'dcos-dns; Mesos-DNS is not serving yet' };
    const leader = await request({ method: 'GET', path: '/mesos_dns/v1/hosts/leader.mesos' });
    const leaderIp = isSuccess(leader) && Array.isArray(leader.body) ? ((leader.body as MesosDnsHost[])[0]?.ip ?? '') : '';
    const component = `dcos-dns; forwarded to Mesos-DNS at ${leaderIp !== '' ? leaderIp : 'the masters'}#${MESOS_DNS_PORT}`;
    if (type === 'A') {
      const answers = (res.body as MesosDnsHost[])
        .filter((h) => h.ip !== '')
        .map((h) => ({ name: qname, ttl: MESOS_DNS_TTL, type, data: h.ip }));
      return { status: answers.length > 0 ? 'NOERROR' : 'NXDOMAIN', answers, additional: [], component };
    }
    const found = (res.body as MesosDnsService[]).filter((s) => s.host !== '' && s.port !== '');
    return srvAnswer(
      qname,
      MESOS_DNS_TTL,
      found.map((s) => ({ host: s.host, port: s.port, ip: s.ip })),
      component,
    );
  }
  const component = 'dcos-dns';
  if (key.endsWith('.thisdcos.directory')) {
    const res = await request({ method: 'GET', path: `/net/v1/${type === 'A' ? 'hosts' : 'services'}/${path}` });
    if (!isSuccess(res) || !Array.isArray(res.body)) return { status: 'SERVFAIL', answers: [], additional: [], component };
    if (type === 'A') {
      const answers = (res.body as NetHost[]).map((h) => ({ name: qname, ttl: DCOS_DNS_TTL, type, data: h.ip }));
      return { status: answers.length > 0 ? 'NOERROR' : 'NXDOMAIN', answers, additional: [], component };
    }
    const found = (res.body as NetService[]).map((s) => ({ host: s.host, port: String(s.port), ip: s.ip ?? '' }));
    return srvAnswer(qname, DCOS_DNS_TTL, found, component);
  }
  return { status: 'NXDOMAIN', answers: [], additional: [], component: 'dcos-dns; no zone of the cluster holds this name' };
}

function srvAnswer(qname: string, ttl: number, found: Array<{ host: string; port: string; ip: string }>, component: string): DigAnswer {
  const answers = found.map((s) => ({ name: qname, ttl, type: 'SRV' as const, data: `0 ${SRV_WEIGHT} ${s.port} ${fqdn(s.host)}` }));
  const additional: Rr[] = [];
  for (const s of found) {
    const name = fqdn(s.host);
    if (s.ip !== '' && !additional.some((a) => a.name === name && a.data === s.ip)) additional.push({ name, ttl, type: 'A', data: s.ip });
  }
  return { status: answers.length > 0 ? 'NOERROR' : 'NXDOMAIN', answers, additional, component };
}

/**
 * BIND's `indent` (lib/dns/masterdump.c): tabs to the column, at least one blank; dig's default style puts the TTL
 * at column 24, the class at 32, the type at 40 and the data at 48, tabs 8 wide.
 */
function indent(column: number, to: number): { text: string; column: number } {
  const target = Math.max(to, column + 1);
  const tabs = Math.max(0, Math.floor(target / 8) - Math.floor(column / 8));
  const from = tabs > 0 ? Math.floor(target / 8) * 8 : column;
  return { text: '\t'.repeat(tabs) + ' '.repeat(target - from), column: target };
}

function layout(parts: Array<[string, number | null]>): string {
  let out = '';
  let column = 0;
  for (const [text, to] of parts) {
    if (to !== null) {
      const pad = indent(column, to);
      out += pad.text;
      column = pad.column;
    }
    out += text;
    column += text.length;
  }
  return out;
}

const rrLine = (rr: Rr) =>
  layout([
    [rr.name, null],
    [String(rr.ttl), 24],
    ['IN', 32],
    [rr.type, 40],
    [rr.data, 48],
  ]);

/** A name's length on the wire: each label with its length byte, then the root. */
const wireLength = (name: string) =>
  fqdn(name)
    .split('.')
    .slice(0, -1)
    .reduce((n, label) => n + label.length + 1, 1);

/** The reply's size: header, question, then each record (its owner compressed when named before). */
function messageSize(qname: string, reply: DigAnswer): number {
  const seen = new Set([qname.toLowerCase()]);
  let size = 12 + wireLength(qname) + 4;
  for (const rr of [...reply.answers, ...reply.additional]) {
    const owner = rr.name.toLowerCase();
    size += (seen.has(owner) ? 2 : wireLength(owner)) + 10;
    seen.add(owner);
    if (rr.type === 'A') size += 4;
    else {
      const target = rr.data.split(' ')[3]!;
      size += 6 + wireLength(target);
      seen.add(target.toLowerCase());
    }
  }
  return size;
}

/** A query id that does not change between runs (dig's is random). */
function queryId(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % 65536;
}

interface DigArgs {
  name: string;
  type: QType;
  short: boolean;
}

function parseArgs(args: string[]): DigArgs | CliResult {
  let name: string | undefined;
  let type: string | undefined;
  let short = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '+short') short = true;
    else if (a === '+noshort') short = false;
    else if (a.startsWith('+')) return fail(`Invalid option: ${a}\n${USAGE}`);
    else if (a.startsWith('@'))
      continue; // the node's resolver answers whichever server is named
    else if (a === '-t' || a.startsWith('-t')) {
      const value = a === '-t' ? args[++i] : a.slice(2);
      if (value === undefined || !KNOWN_TYPES.has(value.toUpperCase())) return fail(`dig: invalid type: ${value ?? ''}\n${USAGE}`);
      type = value.toUpperCase();
    } else if (a === '-h' || a === '--help') return ok(USAGE);
    else if (a.startsWith('-')) return fail(`Invalid option: ${a}\n${USAGE}`);
    else if (name !== undefined && KNOWN_TYPES.has(a.toUpperCase())) type = a.toUpperCase();
    else if (name === undefined && KNOWN_TYPES.has(a.toUpperCase()) && type === undefined) type = a.toUpperCase();
    else if (name === undefined) name = a;
    else return fail(`dig: the sandbox's dig takes one name (got ${name} and ${a})\n${USAGE}`);
  }
  if (name === undefined) return fail(`dig: a name to look up is needed\n${USAGE}`);
  type ??= 'A';
  if (type !== 'A' && type !== 'SRV') return fail(`dig: the sandbox answers A and SRV questions only, not ${type}`);
  return { name, type, short };
}

export async function dig(args: string[], request: RequestFn): Promise<CliResult> {
  const parsed = parseArgs(args);
  if ('exitCode' in parsed) return parsed;
  const { name, type, short } = parsed;
  const reply = await lookup(request, name, type);
  if (short) return ok(reply.answers.map((rr) => `${rr.data}\n`).join(''));
  const qname = fqdn(name);
  const flags = reply.status === 'SERVFAIL' ? 'qr rd ra' : 'qr aa rd ra';
  const lines = [
    '',
    `; <<>> DiG 9.16.1 <<>> ${args.join(' ')}`,
    ';; global options: +cmd',
    ';; Got answer:',
    `;; ->>HEADER<<- opcode: QUERY, status: ${reply.status}, id: ${queryId(`${qname} ${type}`)}`,
    `;; flags: ${flags}; QUERY: 1, ANSWER: ${reply.answers.length}, AUTHORITY: 0, ADDITIONAL: ${reply.additional.length}`,
    '',
    ';; QUESTION SECTION:',
    layout([
      [`;${qname}`, null],
      ['IN', 32],
      [type, 40],
    ]),
    '',
  ];
  if (reply.answers.length > 0) lines.push(';; ANSWER SECTION:', ...reply.answers.map(rrLine), '');
  if (reply.additional.length > 0) lines.push(';; ADDITIONAL SECTION:', ...reply.additional.map(rrLine), '');
  lines.push(
    ';; Query time: 0 msec',
    `;; SERVER: ${DCOS_DNS}#53(${DCOS_DNS}) (${reply.component})`,
    `;; MSG SIZE  rcvd: ${messageSize(qname, reply)}`,
    '',
    '',
  );
  return ok(lines.join('\n'));
}
