/** What the Networking page computes from the API's answers: container IPs, DNS routing and answers, traffic rates. */
import type { ApiResponse } from '../../../api/types.ts';
import type { MesosState } from '../../../api/shapes/mesos.ts';
import type { TrafficClient } from './types.ts';

/** An error answer's text: `{message}`, a plain string, or the status alone. */
export function messageOf(res: ApiResponse): string {
  const body = res.body as { message?: unknown } | string | null;
  if (typeof body === 'string' && body) return `${res.status}: ${body}`;
  if (body && typeof body === 'object' && typeof body.message === 'string') return body.message;
  return `HTTP ${res.status}`;
}

/** Agent IP (from `slave(1)@ip:5051`) → hostname. */
export function agentNames(state: MesosState | null): Map<string, string> {
  const names = new Map<string, string>();
  for (const s of state?.slaves ?? []) names.set(/@([^:]+)/.exec(s.pid)?.[1] ?? s.hostname, s.hostname);
  return names;
}

export interface ContainerIp {
  taskId: string;
  agent: string;
  ip: string;
}

/** The running tasks whose latest status puts them on `network`, one row per address. */
export function containerIps(state: MesosState | null, network: string): ContainerIp[] {
  const hosts = new Map((state?.slaves ?? []).map((s) => [s.id, s.hostname]));
  const rows: ContainerIp[] = [];
  for (const f of state?.frameworks ?? []) {
    for (const t of f.tasks) {
      const infos = (t.statuses.at(-1)?.container_status.network_infos ?? []) as Array<{
        name?: string;
        ip_addresses?: Array<{ ip_address: string }>;
      }>;
      for (const info of infos) {
        if (info.name !== network) continue;
        for (const a of info.ip_addresses ?? []) rows.push({ taskId: t.id, agent: hosts.get(t.slave_id) ?? t.slave_id, ip: a.ip_address });
      }
    }
  }
  return rows.sort((a, b) => a.taskId.localeCompare(b.taskId) || a.ip.localeCompare(b.ip));
}

export type RecordType = 'A' | 'SRV';
export type DnsComponent = 'Mesos-DNS' | 'dcos-dns';

/** Which component answers `name`, and at which path; null when neither serves the name's zone. */
export function dnsQuery(name: string, type: RecordType): { component: DnsComponent; path: string } | null {
  const n = name.trim().toLowerCase().replace(/\.$/, '');
  const kind = type === 'A' ? 'hosts' : 'services';
  if (n.endsWith('.mesos')) return { component: 'Mesos-DNS', path: `/mesos_dns/v1/${kind}/${encodeURIComponent(n)}` };
  if (n.endsWith('.thisdcos.directory')) return { component: 'dcos-dns', path: `/net/v1/${kind}/${encodeURIComponent(n)}` };
  return null;
}

export interface DnsRecord {
  host: string;
  ip: string;
  port: string;
}

/** An answer's records; Mesos-DNS says "none" with one record of empty strings, dcos-dns with `[]`. */
export function dnsRecords(body: unknown): DnsRecord[] {
  if (!Array.isArray(body)) return [];
  return (body as Array<{ host?: unknown; ip?: unknown; port?: unknown }>)
    .map((r) => ({ host: String(r.host ?? ''), ip: String(r.ip ?? ''), port: r.port === undefined ? '' : String(r.port) }))
    .filter((r) => r.host !== '' || r.ip !== '');
}

/** Requests per second answered at each `ip:port`, over the last `seconds` of every client's series. */
export function backendRates(clients: readonly TrafficClient[], seconds = 10): Map<string, number> {
  const rates = new Map<string, number>();
  for (const c of clients) {
    for (const s of c.series.slice(-seconds)) {
      for (const [address, n] of Object.entries(s.byBackend)) rates.set(address, (rates.get(address) ?? 0) + n / seconds);
    }
  }
  return rates;
}

export interface TrafficSeries {
  /** Start of each second, simulated ms, oldest first. */
  at: number[];
  byBackend: Array<{ address: string; values: number[] }>;
  errors: number[];
}

/** Every client's seconds summed by time: one line per backend and one of errors. */
export function trafficSeries(clients: readonly TrafficClient[]): TrafficSeries {
  const at = [...new Set(clients.flatMap((c) => c.series.map((s) => s.at)))].sort((a, b) => a - b);
  const index = new Map(at.map((t, i) => [t, i]));
  const errors = at.map(() => 0);
  const lines = new Map<string, number[]>();
  for (const c of clients) {
    for (const s of c.series) {
      const i = index.get(s.at)!;
      errors[i]! += s.errors;
      for (const [address, n] of Object.entries(s.byBackend)) {
        let values = lines.get(address);
        if (!values) lines.set(address, (values = at.map(() => 0)));
        values[i]! += n;
      }
    }
  }
  const byBackend = [...lines].map(([address, values]) => ({ address, values })).sort((a, b) => a.address.localeCompare(b.address));
  return { at, byBackend, errors };
}

/** `NXDOMAIN 3, NO_BACKEND 1`, or an empty string. */
export function errorSummary(errors: Record<string, number>): string {
  return Object.entries(errors)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

/** A new client's name: c1, c2, … the first not taken. */
export function freeName(clients: readonly TrafficClient[]): string {
  const taken = new Set(clients.map((c) => c.name));
  let i = 1;
  while (taken.has(`c${i}`)) i++;
  return `c${i}`;
}
