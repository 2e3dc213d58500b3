/**
 * One second of one client's requests. The target's host is resolved as the client's node resolves it
 * (dcos-net/resolve.ts); requests are spread over its addresses. An address that is a VIP goes through the load
 * balancer: equal-weight backends share the requests (IPVS `wlc` with short connections), weight-0 ones get none, and
 * backends on agents the client cannot reach are left out unless that leaves none (dcos_l4lb_mgr). A request is
 * answered when a running task listens at the address it reached and the client's node can reach that task's agent;
 * a backend the balancer still lists after its task ended refuses it.
 */
import type { ClusterState, TaskState } from '../core/model.ts';
import type { SimContext } from '../core/events.ts';
import { resolveA, type Resolution } from '../dcos-net/resolve.ts';
import { routingTable } from '../marathon-lb/routing.ts';
import { lbFor, throughLb } from './marathon-lb.ts';
import { netTask, stateAt } from '../dcos-net/tasks.ts';
import { backendStateAt, vipCandidates, type Candidate, type Vip } from '../dcos-net/vips.ts';
import { linked } from '../network/reach.ts';
import { listPorts } from '../../common/resources.ts';
import type { TrafficClient, TrafficError, TrafficSecond } from './model.ts';

/** What one batch of requests to one address came to. */
interface Outcome {
  address: string;
  taskId: string | null;
  requests: number;
  ok: number;
  latencyMsTotal: number;
  error: TrafficError | null;
}

export interface SecondResult {
  outcomes: Outcome[];
  /** Requests that failed before reaching any address. */
  failed: { error: TrafficError; requests: number } | null;
}

/**
 * A client's target: `host:port`, or `header@host:port` where `header` is the request's routing header for a
 * Marathon-LB (the Host header on 80/443, X-Marathon-App-Id on 9091); without it the host is sent, as curl does.
 */
export function splitTarget(target: string): { host: string; port: number; header: string | null } | null {
  const cut = target.lastIndexOf(':');
  if (cut <= 0) return null;
  const port = Number(target.slice(cut + 1));
  if (!/^\d+$/.test(target.slice(cut + 1)) || port < 1 || port > 65535) return null;
  const at = target.lastIndexOf('@', cut);
  if (at < 0) return { host: target.slice(0, cut), port, header: null };
  const header = target.slice(0, at);
  const host = target.slice(at + 1, cut);
  if (header === '' || host === '' || /\s/.test(header)) return null;
  return { host, port, header };
}

/** The host as the client's node resolves it; an agent's hostname is its address (inferred: the hosts' own DNS). */
export function resolveTarget(state: ClusterState, host: string, now: number): Resolution {
  const agent = state.agents.find((a) => a.hostname === host && !a.gone);
  return agent ? { ok: true, resolver: 'none', ips: [agent.ip] } : resolveA(state, host, now);
}

/** `n` requests over `k` slots, starting the remainder at `cursor`. */
function spread(n: number, k: number, cursor: number): number[] {
  const share = Array.from({ length: k }, () => Math.floor(n / k));
  for (let r = 0; r < n % k; r++) share[(cursor + r) % k]!++;
  return share;
}

export function sendSecond(ctx: SimContext, state: ClusterState, client: TrafficClient): SecondResult {
  const target = splitTarget(client.target)!;
  const resolved = resolveTarget(state, target.host, ctx.now);
  if (!resolved.ok) return { outcomes: [], failed: { error: resolved.error, requests: client.rps } };
  // A VIP's share of the second is sent in slices, each seeing the balancer as it was then: a backend gone mid-second
  // gets only the requests sent before the balancer dropped it. An address that is not a VIP is answered (or not) by
  // what listens there now (a Marathon-LB, or a task): its share goes in one batch.
  const vips = resolved.ips.map((ip) => vipCandidates(state, ip, target.port));
  const table = vips.every((v) => v !== null) ? [] : routingTable(state);
  const lbs = resolved.ips.map((ip, i) => (vips[i] ? null : lbFor(state, table, ip, target.port)));
  const direct = resolved.ips.map(() => 0);
  const outcomes: Outcome[] = [];
  spread(client.rps, SLICES, client.cursor).forEach((n, k) => {
    const at = ctx.now - 1000 + ((k + 1) * 1000) / SLICES;
    const shares = spread(n, resolved.ips.length, client.cursor + k);
    resolved.ips.forEach((_, i) => {
      const vip = vips[i];
      if (shares[i] === 0) return;
      if (vip) outcomes.push(...throughBalancer(ctx, state, client, vip, shares[i]!, at, k));
      else direct[i]! += shares[i]!;
    });
  });
  resolved.ips.forEach((ip, i) => {
    if (direct[i]! === 0) return;
    const lb = lbs[i];
    const header = target.header ?? target.host;
    if (lb) outcomes.push(...throughLb(ctx, state, client, lb, target.port, header, direct[i]!));
    else outcomes.push(toAddress(ctx, state, client, ip, target.port, direct[i]!));
  });
  client.cursor++;
  return { outcomes: outcomes.filter((o) => o.requests > 0), failed: null };
}

const SLICES = 10;

/** The backends the balancer on node `from` sends new connections to at `at` (weight 1: running and not unhealthy). */
export function balancerPool(state: ClusterState, candidates: Candidate[], from: string, at: number): Candidate[] {
  const weighted: Candidate[] = [];
  for (const c of candidates) if (backendStateAt(state, c, at) === 'running') weighted.push(c);
  const reachable = weighted.filter((c) => linked(state, from, state.agents[c.agentIdx]!.hostname));
  return reachable.length > 0 ? reachable : weighted;
}

function throughBalancer(
  ctx: SimContext,
  state: ClusterState,
  client: TrafficClient,
  { vip, candidates }: { vip: Vip; candidates: Candidate[] },
  n: number,
  at: number,
  slice: number,
): Outcome[] {
  const pool = balancerPool(state, candidates, client.from, at);
  if (pool.length === 0)
    return [{ address: `${vip.address}:${vip.port}`, taskId: null, requests: n, ok: 0, latencyMsTotal: 0, error: 'ECONNREFUSED' }];
  const shares = spread(n, pool.length, client.cursor + slice);
  return pool.flatMap((b, i) => (shares[i]! > 0 ? [answer(ctx, state, client, b, shares[i]!, at)] : []));
}

/** A backend as the balancer has it: did its task answer at `at`? */
function answer(ctx: SimContext, state: ClusterState, client: TrafficClient, c: Candidate, n: number, at: number): Outcome {
  const then = stateAt(c.task, at);
  const answering = then === 'TASK_RUNNING' || (then === 'TASK_KILLING' && c.task.draining === true);
  return outcome(ctx, state, client, `${c.ip}:${c.port}`, answering ? c.task : null, c.agentIdx, n);
}

/** A request to an address no VIP has: a task must listen there. */
function toAddress(ctx: SimContext, state: ClusterState, client: TrafficClient, ip: string, port: number, n: number): Outcome {
  const task = listenerAt(state, ip, port);
  const agentIdx = task ? task.agentIdx : state.agents.findIndex((a) => a.ip === ip && !a.gone);
  return outcome(ctx, state, client, `${ip}:${port}`, task, agentIdx, n);
}

function outcome(
  ctx: SimContext,
  state: ClusterState,
  client: TrafficClient,
  address: string,
  task: TaskState | null,
  agentIdx: number,
  n: number,
): Outcome {
  const base = { address, taskId: task?.id ?? null, requests: n };
  const agent = agentIdx >= 0 ? state.agents[agentIdx] : undefined;
  if (agent && !linked(state, client.from, agent.hostname)) return { ...base, ok: 0, latencyMsTotal: 0, error: 'ETIMEDOUT' };
  if (!task) return { ...base, ok: 0, latencyMsTotal: 0, error: 'ECONNREFUSED' };
  // A request's round trip: 1 to 4 ms, drawn once per backend and second (inferred; no upstream figure).
  const latency = n > 0 ? ctx.randomInt(1, 4) : 0;
  return { ...base, ok: n, latencyMsTotal: latency * n, error: null };
}

/** A running task answers; one being killed only while it drains (a grace period), else SIGTERM has stopped it. */
export const serves = (task: TaskState): boolean =>
  task.state === 'TASK_RUNNING' || (task.state === 'TASK_KILLING' && task.draining === true);

/**
 * The running task that listens at `ip:port`: on an agent's address, the task holding that host port (host
 * networking, or a port mapping); on a container's address, the task with that container port.
 */
export function listenerAt(state: ClusterState, ip: string, port: number): TaskState | null {
  const agentIdx = state.agents.findIndex((a) => a.ip === ip && !a.gone);
  if (agentIdx >= 0) {
    for (const id of state.agents[agentIdx]!.taskIds) {
      const task = state.tasks[id]!;
      const ranges = task.portions.flatMap((p) => p.ports);
      if (serves(task) && ranges.length > 0 && listPorts(ranges, Infinity).includes(port)) return task;
    }
    return null;
  }
  for (const id in state.tasks) {
    const task = state.tasks[id]!;
    if (!serves(task) || !(task.ips ?? []).includes(ip)) continue;
    if (netTask(state, task, task.state).ports.some((p) => p.port === port && !p.onHost)) return task;
  }
  return null;
}

/** Adds a second's result to the client's totals, backends and series. */
export function tally(client: TrafficClient, at: number, result: SecondResult): TrafficSecond {
  const second: TrafficSecond = { at, ok: 0, errors: 0, byBackend: {}, failedByBackend: {} };
  const fail = (error: TrafficError, n: number) => {
    client.totals.errors[error] = (client.totals.errors[error] ?? 0) + n;
    second.errors += n;
  };
  if (result.failed) fail(result.failed.error, result.failed.requests);
  for (const o of result.outcomes) {
    const b = (client.backends[o.address] ??= { taskId: null, requests: 0, ok: 0, errors: 0, latencyMsTotal: 0 });
    if (o.taskId !== null) b.taskId = o.taskId;
    b.requests += o.requests;
    b.ok += o.ok;
    b.errors += o.requests - o.ok;
    b.latencyMsTotal += o.latencyMsTotal;
    second.ok += o.ok;
    second.byBackend[o.address] = (second.byBackend[o.address] ?? 0) + o.requests;
    if (o.error) {
      fail(o.error, o.requests - o.ok);
      second.failedByBackend[o.address] = (second.failedByBackend[o.address] ?? 0) + o.requests - o.ok;
    }
  }
  client.totals.requests += second.ok + second.errors;
  client.totals.ok += second.ok;
  return second;
}
