/**
 * Faults, as the sandbox's API takes them (POST /sandbox/v1/faults): crash or restore a master or
 * an agent by hostname, cut the network between two sets of hosts and heal it, expire a
 * ZooKeeper session, crash a task or make it unhealthy. Faults are actions: they enter the
 * scenario's script like any other write.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import { abdicateMesos } from '../mesos/leader.ts';
import { abdicateMarathon } from '../marathon/leader.ts';
import { makeUnhealthy } from '../marathon/health.ts';
import { hostOf } from '../network/reach.ts';
import { crashMaster, restoreMaster } from '../ha/units.ts';
import { refreshCluster } from '../ha/refresh.ts';
import { removeSession } from '../zookeeper/ensemble.ts';
import type { ZkClient } from '../zookeeper/model.ts';
import { own } from '../../common/own.ts';

export const FAULT_KINDS = [
  'master-crash',
  'master-restore',
  'agent-crash',
  'agent-restore',
  'partition',
  'heal',
  'zk-session-expire',
  'task-crash',
  'task-unhealthy',
] as const;

export type Fault =
  | { kind: 'master-crash' | 'master-restore' | 'agent-crash' | 'agent-restore'; target: string }
  | { kind: 'task-crash' | 'task-unhealthy'; target: string }
  | { kind: 'partition'; sides: [string[], string[]] }
  | { kind: 'heal' }
  | { kind: 'zk-session-expire'; target: string; component: ZkClient | null };

const ZK_CLIENTS: readonly ZkClient[] = ['mesos-master', 'marathon', 'metronome'];

/** A fault from a request body, or why it is not one (the API answers 400 with it). */
export function readFault(state: ClusterState, body: unknown): Fault | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'expected a JSON object {"kind": ..., "target": ...}';
  const f = body as Record<string, unknown>;
  const kind = f.kind;
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    return `unknown fault kind '${String(kind)}' (expected one of: ${FAULT_KINDS.join(', ')})`;
  }
  switch (kind) {
    case 'heal':
      return { kind };
    case 'partition':
      return readPartition(state, f.sides);
    case 'task-crash':
    case 'task-unhealthy':
      return typeof f.target === 'string' && f.target !== '' ? { kind, target: f.target } : `fault '${kind}' needs a target (a task id)`;
    default: {
      if (typeof f.target !== 'string' || f.target === '') return `fault '${kind}' needs a target (a hostname)`;
      const host = hostOf(state, f.target);
      if (!host) return `unknown host '${f.target}'`;
      const wants = kind.startsWith('agent-') ? 'agent' : 'master';
      if (host.kind !== wants)
        return `'${f.target}' is ${host.kind === 'agent' ? 'an agent' : 'a master'}; '${kind}' needs ${wants === 'agent' ? 'an agent' : 'a master'}`;
      if (kind === 'zk-session-expire') {
        const component = f.component ?? null;
        if (component !== null && !(ZK_CLIENTS as readonly unknown[]).includes(component))
          return `component must be one of: ${ZK_CLIENTS.join(', ')}`;
        return { kind, target: f.target, component: component as ZkClient | null };
      }
      return { kind: kind as 'master-crash', target: f.target };
    }
  }
}

function readPartition(state: ClusterState, raw: unknown): Fault | string {
  if (!Array.isArray(raw) || raw.length !== 2) return "a partition needs 'sides': two lists of hostnames";
  const sides: string[][] = [];
  const seen = new Set<string>();
  for (const [i, side] of raw.entries()) {
    if (!Array.isArray(side) || side.length === 0) return `sides[${i}] must be a non-empty list of hostnames`;
    for (const host of side) {
      if (typeof host !== 'string' || !hostOf(state, host)) return `sides[${i}]: unknown host '${String(host)}'`;
      if (seen.has(host)) return `'${host}' is on both sides (or twice on one)`;
      seen.add(host);
    }
    sides.push([...side] as string[]);
  }
  return { kind: 'partition', sides: [sides[0]!, sides[1]!] };
}

export type FaultResult = { ok: true } | { ok: false; message: string };

export function applyFault(ctx: SimContext, state: ClusterState, fault: Fault): FaultResult {
  switch (fault.kind) {
    case 'task-crash': {
      const task = own(state.tasks, fault.target);
      if (!task) return { ok: false, message: `unknown task '${fault.target}'` };
      ctx.schedule(0, { type: 'task.status', taskId: task.id, state: 'TASK_FAILED' });
      return { ok: true };
    }
    case 'task-unhealthy': {
      const instanceId = own(state.marathon.taskInstance, fault.target);
      const instance = instanceId === undefined ? undefined : own(state.marathon.instances, instanceId);
      if (!instance) return { ok: false, message: `unknown Marathon task '${fault.target}'` };
      makeUnhealthy(instance);
      return { ok: true };
    }
    case 'agent-crash':
    case 'agent-restore':
      state.agents[hostOf(state, fault.target)!.index]!.up = fault.kind === 'agent-restore';
      break;
    case 'master-crash':
      crashMaster(ctx, state, hostOf(state, fault.target)!.index);
      break;
    case 'master-restore':
      restoreMaster(state, hostOf(state, fault.target)!.index);
      break;
    case 'partition':
      state.network.partitions.push({ sides: fault.sides });
      break;
    case 'heal':
      state.network.partitions = [];
      break;
    case 'zk-session-expire':
      expireSessions(ctx, state, hostOf(state, fault.target)!.index, fault.component);
      break;
  }
  refreshCluster(ctx, state);
  return { ok: true };
}

/** The ensemble expires the master's sessions now (as after a long GC pause): its clients give up and restart. */
function expireSessions(ctx: SimContext, state: ClusterState, master: number, component: ZkClient | null): void {
  for (const s of [...state.zk.sessions]) {
    if (s.master !== master || (component !== null && s.client !== component)) continue;
    if (s.clientAlive) {
      s.clientAlive = false;
      if (s.client === 'mesos-master') abdicateMesos(ctx, state, master, 'its ZooKeeper session expired');
      else abdicateMarathon(ctx, state, master, 'its ZooKeeper session expired');
    }
    removeSession(state, s.id);
  }
}
