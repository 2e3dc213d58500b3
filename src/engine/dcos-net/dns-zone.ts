/**
 * dcos-dns's own zones (networking-sources.md §2.2): `<task>.<framework>.{agentip,containerip,autoip}.dcos.thisdcos.directory`
 * for running tasks, `leader.` and `master.dcos.thisdcos.directory`, and `<vip>.<framework>.l4lb.thisdcos.directory` for
 * each named VIP (also under `dclb.`). dcos-dns follows the leader's event stream and pushes its zone at most once a
 * second, so a task's names appear within a second of TASK_RUNNING: the sandbox takes the whole second (inferred).
 * Records have a TTL of 5 s.
 */
import type { ClusterState } from '../core/model.ts';
import { dnsLabel } from '../../common/network/vip.ts';
import { leaderIndex } from '../mesos/leader.ts';
import { netTask, runningSince } from './tasks.ts';
import { vipsAt } from './vips.ts';

export const DCOS_DNS_TTL_SECONDS = 5;
export const ZONE_PUSH_MS = 1000;
export const DCOS_ZONE = 'dcos.thisdcos.directory';
export const L4LB_ZONE = 'l4lb.thisdcos.directory';
const DCLB_ZONE = 'dclb.thisdcos.directory';

/** name → addresses, in the order they were added. */
export type ARecords = Map<string, string[]>;

function add(records: ARecords, name: string, ips: string[]): void {
  const known = records.get(name);
  if (!known) records.set(name, [...new Set(ips)]);
  else for (const ip of ips) if (!known.includes(ip)) known.push(ip);
}

const cache = new WeakMap<ClusterState, { at: number; records: ARecords }>();

/** Every A record dcos-dns serves at `now`. */
export function dcosDnsRecords(state: ClusterState, now: number): ARecords {
  const last = cache.get(state);
  if (last?.at === now) return last.records;
  const records = buildRecords(state, now);
  cache.set(state, { at: now, records });
  return records;
}

function buildRecords(state: ClusterState, now: number): ARecords {
  const records: ARecords = new Map();
  const leader = leaderIndex(state);
  if (leader !== null) add(records, `leader.${DCOS_ZONE}`, [state.masters[leader]!.ip]);
  add(
    records,
    `master.${DCOS_ZONE}`,
    state.masters.map((m) => m.ip),
  );
  for (const id in state.tasks) {
    const task = state.tasks[id]!;
    const since = runningSince(task);
    if (task.state !== 'TASK_RUNNING' || since === null || since + ZONE_PUSH_MS > now) continue;
    const t = netTask(state, task, 'TASK_RUNNING');
    const base = `${dnsLabel(t.name)}.${dnsLabel(t.framework)}`;
    add(records, `${base}.agentip.${DCOS_ZONE}`, [t.agentIp]);
    add(records, `${base}.containerip.${DCOS_ZONE}`, t.taskIps);
    add(records, `${base}.autoip.${DCOS_ZONE}`, t.ports.some((p) => p.onHost) ? [t.agentIp] : t.taskIps);
  }
  for (const vip of vipsAt(state, now)) {
    if (vip.framework === '' || vip.address === '') continue;
    add(records, vip.name, [vip.address]);
    add(records, vip.name.replace(L4LB_ZONE, DCLB_ZONE), [vip.address]);
  }
  return records;
}
