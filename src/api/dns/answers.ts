/** The bodies of Mesos-DNS's HTTP API from the records of one load (mesos-dns resolver/resolver.go:625-776). */
import { DOMAIN } from '../../engine/dns/generate.ts';
import type { MesosDnsRecords, RecordTable } from '../../engine/dns/record-set.ts';
import { REFRESH_MS } from '../../engine/dns/reload.ts';
import { SOA_MNAME, SOA_RNAME, TTL_SECONDS } from './config.ts';
import type {
  MesosDnsAxfr,
  MesosDnsEnumerableRecord,
  MesosDnsEnumeration,
  MesosDnsHost,
  MesosDnsRecordSet,
  MesosDnsService,
} from '../shapes/dns.ts';

/** How a path parameter becomes a lookup name: lower case, `.*` removed, a trailing dot (resolver.go:678-683, 798-803). */
export function lookupName(param: string): string {
  const name = param.replaceAll('.*', '').toLowerCase();
  return name.endsWith('.') ? name : `${name}.`;
}

/**
 * GET /v1/hosts/{host}. Go ranges over a set (random order); the sandbox sorts by address (inferred, networking-sources.md §5 #1).
 * The sandbox has no AAAA records.
 */
export function hostsAnswer(records: MesosDnsRecords, param: string): MesosDnsHost[] {
  const name = lookupName(param);
  const ips = [...(records.as.get(name) ?? [])].sort(compareIps);
  return ips.length > 0 ? ips.map((ip) => ({ host: name, ip })) : [{ host: '', ip: '' }];
}

/**
 * GET /v1/services/{service}: one entry per SRV target that has an A record, `ip` its first one. Go's order is
 * random; the sandbox sorts by address, then port, then target (inferred, networking-sources.md §5 #1).
 */
export function servicesAnswer(records: MesosDnsRecords, param: string): MesosDnsService[] {
  const answers: MesosDnsService[] = [];
  for (const target of records.srvs.get(lookupName(param)) ?? []) {
    const colon = target.lastIndexOf(':');
    const host = target.slice(0, colon);
    const ip = records.as.get(host)?.[0];
    if (colon > 0 && ip !== undefined) answers.push({ service: param, host, ip, port: target.slice(colon + 1) });
  }
  answers.sort((a, b) => compareIps(a.ip, b.ip) || Number(a.port) - Number(b.port) || compareText(a.host, b.host));
  return answers.length > 0 ? answers : [{ service: '', host: '', ip: '', port: '' }];
}

export function enumerateAnswer(records: MesosDnsRecords): MesosDnsEnumeration {
  // A Go nil slice marshals as null (generator.go:105-129, inferred).
  if (records.frameworks.length === 0) return { frameworks: null };
  return {
    frameworks: records.frameworks.map((fw) => ({
      tasks: fw.tasks.map((task) => ({ name: task.name, id: task.id, records: unflatten(task.records) })),
      name: fw.name,
    })),
  };
}

export function axfrAnswer(records: MesosDnsRecords): MesosDnsAxfr {
  return {
    TTL: TTL_SECONDS,
    Serial: records.serial,
    RefreshSeconds: REFRESH_MS / 1000,
    Mname: SOA_MNAME,
    Rname: SOA_RNAME,
    Domain: DOMAIN,
    Records: { As: sortedKeys(records.as), AAAAs: {}, SRVs: sortedKeys(records.srvs) },
  };
}

function unflatten(flat: string[]): MesosDnsEnumerableRecord[] {
  const out: MesosDnsEnumerableRecord[] = [];
  for (let i = 0; i + 2 < flat.length; i += 3)
    out.push({ name: flat[i]!, host: flat[i + 1]!, rtype: flat[i + 2] as MesosDnsEnumerableRecord['rtype'] });
  return out;
}

/** encoding/json writes map keys sorted. */
function sortedKeys(table: RecordTable): MesosDnsRecordSet {
  const out: MesosDnsRecordSet = {};
  for (const name of [...table.keys()].sort(compareText)) out[name] = [...table.get(name)!];
  return out;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareIps(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return compareText(a, b);
}
