/**
 * Named and IP VIPs as dcos-net's layer-4 load balancer has them (networking-sources.md §2.3): each agent's l4lb polls
 * its agent every 2 s (phase spread over the agents, §5 #7) and gossips what it found to every node (at once, §5 #6),
 * so a backend appears, changes weight or goes at its agent's next poll. A VIP exists while it has a backend; its
 * address is `11.0.0.0 + phash2(name)`, the next free one on a collision.
 */
import type { ClusterState, TaskState } from '../core/model.ts';
import { domainFragment, intToIp, vipAddress, vipDnsName } from '../../common/network/vip.ts';
import { mesosHealth, netTask, stateAt } from './tasks.ts';
import { changeMark } from '../dns/read-state.ts';

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

/**
 * A task port that backs a VIP, whatever its state: which VIPs have which backends at a moment is read from these,
 * each through its agent's last poll (`vipsAt`). Rebuilt only when tasks change (`changeMark`): a steady cluster
 * reads its tasks once, not at every request.
 */
export interface Candidate {
  vip: Vip;
  ip: string;
  port: number;
  task: TaskState;
  agentIdx: number;
  /** The task has a check Mesos runs (only those weigh a backend 0). */
  checked: boolean;
  /** The IP as a number, for ordering. */
  ipKey: number;
}

interface CandidateTable {
  mark: string;
  /** Every VIP some task declares, ordered, with its address; `backends` empty (filled per moment by `vipsAt`). */
  vips: Vip[];
  byVip: Map<Vip, Candidate[]>;
}

const tables = new WeakMap<ClusterState, CandidateTable>();

function candidateTable(state: ClusterState): CandidateTable {
  const mark = changeMark(state);
  const last = tables.get(state);
  if (last?.mark === mark) return last;
  const byKey = new Map<string, Vip>();
  const byVip = new Map<Vip, Candidate[]>();
  const add = (task: TaskState) => {
    if (state.agents[task.agentIdx]!.gone) return;
    for (const c of candidatesOf(state, task, byKey)) {
      let list = byVip.get(c.vip);
      if (!list) byVip.set(c.vip, (list = []));
      list.push(c);
    }
  };
  for (const id in state.tasks) add(state.tasks[id]!);
  // A task that ended stays a candidate until every agent has polled since (ended tasks are filtered out by state).
  let newest = 0;
  for (const id in state.tasks) newest = Math.max(newest, state.tasks[id]!.statuses.at(-1)!.timestamp);
  for (const fw of state.frameworks) newest = Math.max(newest, fw.completedTasks.at(-1)?.statuses.at(-1)?.timestamp ?? 0);
  for (const fw of state.frameworks)
    for (const task of fw.completedTasks) if (task.statuses.at(-1)!.timestamp > newest - 2 * POLL_MS) add(task);
  const vips = [...byKey.values()].sort(vipOrder);
  assignAddresses(vips);
  // Backends in address order (sorted once here: a moment's backends keep it).
  for (const list of byVip.values()) list.sort((a, b) => a.ipKey - b.ipKey || a.port - b.port);
  const table = { mark, vips, byVip };
  tables.set(state, table);
  return table;
}

/** One VIP backend a task's port declares: fixed for the task's life (its addresses and DiscoveryInfo do not change). */
interface Declaration {
  key: string;
  protocol: string;
  label: string;
  framework: string;
  vipPort: number;
  ip: string;
  ipKey: number;
  port: number;
  checked: boolean;
}

const declarations = new WeakMap<TaskState, Declaration[]>();

function declarationsOf(state: ClusterState, task: TaskState): Declaration[] {
  let known = declarations.get(task);
  if (known) return known;
  const t = netTask(state, task, task.state);
  known = [];
  for (const port of t.ports) {
    for (const value of port.vips) {
      const parsed = parseVipLabel(value);
      if (!parsed) continue;
      const framework = IPV4.test(parsed.address) ? '' : t.framework;
      const key = `${port.protocol}\u0000${parsed.address}\u0000${framework}\u0000${parsed.port}`;
      for (const ip of port.onHost ? [t.agentIp] : t.taskIps) {
        const base = { key, protocol: port.protocol, label: parsed.address, framework, vipPort: parsed.port };
        known.push({ ...base, ip, ipKey: ipKey(ip), port: port.port, checked: t.healthy !== undefined });
      }
    }
  }
  declarations.set(task, known);
  return known;
}

/** The VIP backends one task's ports give, whatever its state. */
function candidatesOf(state: ClusterState, task: TaskState, byKey: Map<string, Vip>): Candidate[] {
  return declarationsOf(state, task).map((d) => {
    let vip = byKey.get(d.key);
    if (!vip) {
      const name = d.framework === '' ? d.label : vipDnsName(d.label, d.framework);
      vip = { protocol: d.protocol, label: d.label, framework: d.framework, port: d.vipPort, name, address: '', backends: [] };
      byKey.set(d.key, vip);
    }
    return { vip, ip: d.ip, ipKey: d.ipKey, port: d.port, task, agentIdx: task.agentIdx, checked: d.checked };
  });
}

/** The backend a candidate is at `now`, as its agent's last poll found it; null when it is none. */
export function backendAt(state: ClusterState, c: Candidate, now: number): VipBackend | null {
  const backendState = backendStateAt(state, c, now);
  if (backendState === null) return null;
  return {
    ip: c.ip,
    port: c.port,
    weight: backendState === 'running' ? 1 : 0,
    state: backendState,
    taskId: c.task.id,
    task: c.task,
    agentIdx: c.agentIdx,
  };
}

/** What the candidate is to the balancers at `now` (its agent's last poll), or null when it is no backend. */
export function backendStateAt(state: ClusterState, c: Candidate, now: number): BackendState | null {
  const polled = lastPoll(c.agentIdx, state.agents.length, now);
  const then = polled === null ? null : stateAt(c.task, polled);
  if (then !== 'TASK_RUNNING' && then !== 'TASK_KILLING') return null;
  if (then === 'TASK_KILLING') return 'killing';
  return c.checked && mesosHealth(state, c.task) === false ? 'unhealthy' : 'running';
}

/** The address of the VIP named `name` (`….l4lb.thisdcos.directory`) while it has a backend at `now`. */
export function vipAddressAt(state: ClusterState, name: string, now: number): string | null {
  const table = candidateTable(state);
  for (const vip of table.vips) {
    if (vip.name !== name || vip.framework === '' || vip.address === '') continue;
    if ((table.byVip.get(vip) ?? []).some((c) => backendStateAt(state, c, now) !== null)) return vip.address;
  }
  return null;
}

/** The candidates of the VIP at `address:port` (tcp), or null when no VIP has that address. */
export function vipCandidates(state: ClusterState, address: string, port: number): { vip: Vip; candidates: Candidate[] } | null {
  const table = candidateTable(state);
  const vip = table.vips.find((v) => v.address === address && v.port === port && v.protocol === 'tcp');
  return vip ? { vip, candidates: table.byVip.get(vip) ?? [] } : null;
}

const moments = new WeakMap<ClusterState, { at: number; mark: string; vips: Vip[] }>();

/** Every VIP with its backends as the load balancers have them at `now`; a VIP without a backend does not exist. */
export function vipsAt(state: ClusterState, now: number): Vip[] {
  const table = candidateTable(state);
  const last = moments.get(state);
  if (last?.at === now && last.mark === table.mark) return last.vips;
  const vips: Vip[] = [];
  for (const vip of table.vips) {
    const backends: VipBackend[] = [];
    for (const c of table.byVip.get(vip) ?? []) {
      const b = backendAt(state, c, now);
      if (b) backends.push(b);
    }
    if (backends.length > 0) vips.push({ ...vip, backends });
  }
  moments.set(state, { at: now, mark: table.mark, vips });
  return vips;
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

const ipKey = (ip: string): number => {
  const [a, b, c, d] = ip.split('.').map(Number);
  return ((a! * 256 + b!) * 256 + c!) * 256 + d!;
};
