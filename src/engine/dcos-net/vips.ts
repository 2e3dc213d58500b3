/**
 * Named and IP VIPs as dcos-net's layer-4 load balancer has them (networking-sources.md §2.3): each agent's l4lb polls
 * its agent every 2 s (phase spread over the agents, §5 #7) and gossips what it found to every node (at once, §5 #6),
 * so a backend appears, changes weight or goes at its agent's next poll. A VIP exists while it has a backend; its
 * address is `11.0.0.0 + phash2(name)`, the next free one on a collision.
 */
import type { ClusterState, TaskState } from '../core/model.ts';
import { domainFragment, intToIp, vipAddress, vipDnsName } from '../../common/network/vip.ts';
import { agentTasksAt, type NetTask } from './tasks.ts';

export const POLL_MS = 2000;

export type BackendState = 'running' | 'killing' | 'unhealthy';

export interface VipBackend {
  ip: string;
  port: number;
  /** 1, or 0 for a killing task or one whose Mesos health check fails. */
  weight: number;
  state: BackendState;
  taskId: string;
  task: TaskState;
  agentIdx: number;
}

export interface Vip {
  protocol: string;
  /** The label's address part: a name as written (`/web`), or an IP for an IP VIP. */
  label: string;
  /** The framework whose task declared it (named VIPs only). */
  framework: string;
  port: number;
  /** `web.marathon.l4lb.thisdcos.directory`, or the IP of an IP VIP. */
  name: string;
  address: string;
  backends: VipBackend[];
}

/** When agent `agentIdx`'s l4lb last polled, as of `now`; null before its first poll. */
export function lastPoll(agentIdx: number, agents: number, now: number): number | null {
  const phase = Math.floor((agentIdx * POLL_MS) / Math.max(1, agents));
  if (now < phase) return null;
  return now - ((now - phase) % POLL_MS);
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** A VIP label value: `name:port` or `ip:port`, split at the last `:`; null when the port is not an integer above 0. */
export function parseVipLabel(value: string): { address: string; port: number } | null {
  const cut = value.lastIndexOf(':');
  if (cut < 0) return null;
  const port = Number(value.slice(cut + 1));
  if (!Number.isInteger(port) || port <= 0 || !/^\d+$/.test(value.slice(cut + 1))) return null;
  return { address: value.slice(0, cut), port };
}

const cache = new WeakMap<ClusterState, { at: number; vips: Vip[] }>();

/** Every VIP with its backends as the load balancers have them at `now`. */
export function vipsAt(state: ClusterState, now: number): Vip[] {
  const last = cache.get(state);
  if (last?.at === now) return last.vips;
  const vips = computeVips(state, now);
  cache.set(state, { at: now, vips });
  return vips;
}

function computeVips(state: ClusterState, now: number): Vip[] {
  const ended: TaskState[] = [];
  for (const fw of state.frameworks)
    for (const task of fw.completedTasks) if ((task.statuses.at(-1)?.timestamp ?? 0) > now - POLL_MS) ended.push(task);
  const byKey = new Map<string, Vip>();
  state.agents.forEach((agent, agentIdx) => {
    if (agent.gone) return;
    const polled = lastPoll(agentIdx, state.agents.length, now);
    if (polled === null) return;
    for (const t of agentTasksAt(state, agentIdx, polled, ended)) addBackends(byKey, t, agentIdx);
  });
  const vips = [...byKey.values()].sort(vipOrder);
  assignAddresses(vips);
  for (const vip of vips) vip.backends.sort((a, b) => compareIps(a.ip, b.ip) || a.port - b.port);
  return vips;
}

function addBackends(byKey: Map<string, Vip>, t: NetTask, agentIdx: number): void {
  if (t.state !== 'running' && t.state !== 'killing') return;
  const state: BackendState = t.state === 'killing' ? 'killing' : t.healthy === false ? 'unhealthy' : 'running';
  const weight = state === 'running' ? 1 : 0;
  for (const port of t.ports) {
    for (const value of port.vips) {
      const parsed = parseVipLabel(value);
      if (!parsed) continue;
      const isIp = IPV4.test(parsed.address);
      const framework = isIp ? '' : t.framework;
      const key = `${port.protocol}\u0000${parsed.address}\u0000${framework}\u0000${parsed.port}`;
      let vip = byKey.get(key);
      if (!vip) {
        const name = isIp ? parsed.address : vipDnsName(parsed.address, framework);
        vip = { protocol: port.protocol, label: parsed.address, framework, port: parsed.port, name, address: '', backends: [] };
        byKey.set(key, vip);
      }
      const ips = port.onHost ? [t.agentIp] : t.taskIps;
      for (const ip of ips) vip.backends.push({ ip, port: port.port, weight, state, taskId: t.task.id, task: t.task, agentIdx });
    }
  }
}

/** Named VIPs before IP VIPs, then by protocol, name and port (lashup's sorted keys, inferred). */
function vipOrder(a: Vip, b: Vip): number {
  const ipA = a.framework === '' ? 1 : 0;
  const ipB = b.framework === '' ? 1 : 0;
  return ipA - ipB || cmp(a.protocol, b.protocol) || cmp(a.label, b.label) || cmp(a.framework, b.framework) || a.port - b.port;
}

/** One address per VIP name (every port of `web.marathon` shares it); a hash collision takes the next free one. */
function assignAddresses(vips: Vip[]): void {
  const byName = new Map<string, string>();
  const taken = new Set<number>();
  for (const vip of vips) {
    if (vip.framework === '') {
      vip.address = vip.label;
      continue;
    }
    const key = `${domainFragment(vip.label)}.${domainFragment(vip.framework)}`;
    let address = byName.get(key);
    if (address === undefined) {
      const ip = vipAddress(vip.label, vip.framework, taken);
      address = ip === null ? '' : intToIp(ip);
      if (ip !== null) taken.add(ip);
      byName.set(key, address);
    }
    vip.address = address;
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareIps(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}
