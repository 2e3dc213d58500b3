/**
 * One request, traced: what `curl` in the sandbox's terminal shows. It reads the model and changes nothing (no draw
 * from the seeded generator, no tally), so looking does not change the cluster's history. Of equal backends the
 * balancer takes the next one each second (`wlc` counts connections just closed; inferred).
 */
import type { ClusterState, TaskState } from '../core/model.ts';
import { resolveA, type Resolver } from '../dcos-net/resolve.ts';
import { vipCandidates } from '../dcos-net/vips.ts';
import { linked } from '../network/reach.ts';
import { balancerPool, listenerAt, serves, splitTarget } from './requests.ts';
import type { TrafficError } from './model.ts';

export interface RequestTrace {
  resolver: Resolver;
  addresses: string[];
  reached: string | null;
  vip: string | null;
  taskId: string | null;
  error: TrafficError | null;
}

export function traceRequest(state: ClusterState, target: string, from: string, now: number): RequestTrace | null {
  const parts = splitTarget(target);
  if (!parts) return null;
  const resolved = resolveA(state, parts.host, now);
  if (!resolved.ok) return { resolver: resolved.resolver, addresses: [], reached: null, vip: null, taskId: null, error: resolved.error };
  const base = { resolver: resolved.resolver, addresses: resolved.ips };
  const second = Math.floor(now / 1000);
  const ip = resolved.ips[second % resolved.ips.length]!;
  const found = vipCandidates(state, ip, parts.port);
  const vip = found?.vip;
  let address = `${ip}:${parts.port}`;
  let agentIdx = state.agents.findIndex((a) => a.ip === ip && !a.gone);
  let task: TaskState | null | undefined;
  if (vip) {
    const pool = balancerPool(state, found!.candidates, from, now);
    if (pool.length === 0) return { ...base, reached: null, vip: vip.name, taskId: null, error: 'ECONNREFUSED' };
    const backend = pool[second % pool.length]!;
    address = `${backend.ip}:${backend.port}`;
    agentIdx = backend.agentIdx;
    task = serves(backend.task) ? backend.task : null;
  } else {
    task = listenerAt(state, ip, parts.port);
    if (task) agentIdx = task.agentIdx;
  }
  const vipName = vip ? `${vip.name}:${vip.port}` : null;
  if (agentIdx >= 0 && !linked(state, from, state.agents[agentIdx]!.hostname))
    return { ...base, reached: null, vip: vipName, taskId: null, error: 'ETIMEDOUT' };
  if (!task) return { ...base, reached: address, vip: vipName, taskId: null, error: 'ECONNREFUSED' };
  return { ...base, reached: address, vip: vipName, taskId: task.id, error: null };
}
