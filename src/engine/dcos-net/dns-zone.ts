/**
 * dcos-dns's own zones (networking-sources.md §2.2): `<task>.<framework>.{agentip,containerip,autoip}.dcos.thisdcos.directory`
 * for running tasks, `leader.` and `master.dcos.thisdcos.directory`, and `<vip>.<framework>.l4lb.thisdcos.directory` for
 * each named VIP (also under `dclb.`). dcos-dns follows the leader's event stream and pushes its zone at most once a
 * second, so a task's names appear within a second of TASK_RUNNING: the sandbox takes the whole second (inferred).
 * Records have a TTL of 5 s.
 */
import type { ClusterState, TaskState } from '../core/model.ts';
import { dnsLabel } from '../../common/network/vip.ts';
import { leaderIndex } from '../mesos/leader.ts';
import { netTask, runningSince } from './tasks.ts';
import { vipAddressAt, vipsAt } from './vips.ts';
import { changeMark } from '../dns/read-state.ts';

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

interface TaskZone {
  key: string;
  records: ARecords;
  builtAt: number;
  /** The zone is the same until then (a task's names appear a push after it runs), or until tasks change. */
  validUntil: number;
}

const zones = new WeakMap<ClusterState, TaskZone>();

/** The names of the tasks and masters at `now`, rebuilt only when tasks, agents or the leader change, or a name is due. */
function taskZone(state: ClusterState, now: number): ARecords {
  const key = `${changeMark(state)}|${leaderIndex(state) ?? -1}`;
  const last = zones.get(state);
  if (last?.key === key && now >= last.builtAt && now < last.validUntil) return last.records;
  const zone = buildTaskZone(state, now, key);
  zones.set(state, zone);
  return zone.records;
}

function buildTaskZone(state: ClusterState, now: number, key: string): TaskZone {
  const records: ARecords = new Map();
  let validUntil = Infinity;
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
    if (task.state !== 'TASK_RUNNING' || since === null) continue;
    if (since + ZONE_PUSH_MS > now) {
      validUntil = Math.min(validUntil, since + ZONE_PUSH_MS);
      continue;
    }
    for (const [name, ips] of taskNames(state, task)) add(records, name, ips);
  }
  return { key, records, builtAt: now, validUntil };
}

/** A running task's names never change while it lives: made once per task. */
const namesOfTask = new WeakMap<TaskState, Array<[string, string[]]>>();

function taskNames(state: ClusterState, task: TaskState): Array<[string, string[]]> {
  let names = namesOfTask.get(task);
  if (!names) {
    const t = netTask(state, task, 'TASK_RUNNING');
    const base = `${dnsLabel(t.name)}.${dnsLabel(t.framework)}`;
    names = [
      [`${base}.agentip.${DCOS_ZONE}`, [t.agentIp]],
      [`${base}.containerip.${DCOS_ZONE}`, t.taskIps],
      [`${base}.autoip.${DCOS_ZONE}`, t.ports.some((p) => p.onHost) ? [t.agentIp] : t.taskIps],
    ];
    namesOfTask.set(task, names);
  }
  return names;
}

/** A VIP's name answers while the VIP has a backend. */
function vipName(state: ClusterState, name: string, now: number): string[] {
  const dns = name.endsWith(`.${DCLB_ZONE}`) ? name.slice(0, -DCLB_ZONE.length) + L4LB_ZONE : name;
  const address = vipAddressAt(state, dns, now);
  return address === null ? [] : [address];
}

/** dcos-dns's A answer for `name` at `now` (no trailing dot, lower case). */
export function dcosDnsLookup(state: ClusterState, name: string, now: number): string[] {
  if (name.endsWith(`.${L4LB_ZONE}`) || name.endsWith(`.${DCLB_ZONE}`)) return vipName(state, name, now);
  return taskZone(state, now).get(name) ?? [];
}

/** Every A record dcos-dns serves at `now`. */
export function dcosDnsRecords(state: ClusterState, now: number): ARecords {
  const records: ARecords = new Map(taskZone(state, now));
  for (const vip of vipsAt(state, now)) {
    if (vip.framework === '' || vip.address === '') continue;
    add(records, vip.name, [vip.address]);
    add(records, vip.name.replace(L4LB_ZONE, DCLB_ZONE), [vip.address]);
  }
  return records;
}
