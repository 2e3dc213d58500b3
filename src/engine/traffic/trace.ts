/**
 * One request, traced: what `curl` in the sandbox's terminal shows. It reads the model and changes nothing (no draw
 * from the seeded generator, no tally), so looking does not change the cluster's history. Of equal backends the
 * balancer takes the next one each second (`wlc` counts connections just closed; inferred).
 */
import type { ClusterState, TaskState } from '../core/model.ts';
import type { Resolver } from '../dcos-net/resolve.ts';
import { routingTable } from '../marathon-lb/routing.ts';
import { lbFor, lbPool } from './marathon-lb.ts';
import { vipCandidates } from '../dcos-net/vips.ts';
import { linked } from '../network/reach.ts';
import { balancerPool, listenerAt, resolveTarget, serves, splitTarget } from './requests.ts';
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
  const resolved = resolveTarget(state, parts.host, now);
  if (!resolved.ok) return { resolver: resolved.resolver, addresses: [], reached: null, vip: null, taskId: null, error: resolved.error };
  const base = { resolver: resolved.resolver, addresses: resolved.ips };
  const second = Math.floor(now / 1000);
  const ip = resolved.ips[second % resolved.ips.length]!;
  const found = vipCandidates(state, ip, parts.port);
  const vip = found?.vip;
  const lb = vip ? null : lbFor(state, routingTable(state), ip, parts.port);
  if (lb) return { ...base, ...throughLb(state, lb, parts.port, parts.header ?? parts.host, from, second) };
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

/** A request through the Marathon-LB on the address: the backend's next UP server this second (roundrobin). */
function throughLb(
  state: ClusterState,
  lb: NonNullable<ReturnType<typeof lbFor>>,
  port: number,
  header: string,
  from: string,
  second: number,
): Omit<RequestTrace, 'resolver' | 'addresses'> {
  const front = `${lb.ip}:${port}`;
  if (!linked(state, from, lb.hostname)) return { reached: null, vip: null, taskId: null, error: 'ETIMEDOUT' };
  const { servers, routing } = lbPool(lb, port, header);
  if (routing.kind === 'stats') return { reached: front, vip: null, taskId: lb.taskId, error: null };
  if (servers.length === 0) return { reached: front, vip: null, taskId: null, error: 'ECONNREFUSED' };
  const server = servers[second % servers.length]!;
  return { reached: `${server.ip}:${server.port}`, vip: null, taskId: server.taskId, error: null };
}
