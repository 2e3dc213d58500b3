/**
 * Requests to a public agent's address where a Marathon-LB runs (marathon-lb/routing.ts): the frontend bound to the
 * port takes them, its ACL picks the backend by the routing header (`Host` on 80/443, `X-Marathon-App-Id` on 9091; a
 * target's `vhost@` part, else its host as curl sends it), and `balance roundrobin` spreads them over the backend's
 * servers that are UP. No matching backend, or none UP: HAProxy answers 503, which the generator counts as refused.
 * The LB's HAProxy counts what it saw per proxy and server (its stats page).
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import { linked } from '../network/reach.ts';
import { listPorts } from '../../common/resources.ts';
import { lbAt, routeIn, type LbInstance, type LbServer } from '../marathon-lb/routing.ts';
import type { HaproxyCounter, TrafficClient } from './model.ts';
import { emptyTraffic } from './model.ts';

/** What one batch of requests to one address came to (as requests.ts counts it). */
export interface LbOutcome {
  address: string;
  taskId: string | null;
  requests: number;
  ok: number;
  latencyMsTotal: number;
  error: 'ECONNREFUSED' | 'ETIMEDOUT' | null;
}

/**
 * The LB that answers connections to `ip:port`: one runs on that agent and binds the port (or it is its stats port),
 * or its task holds the port without HAProxy binding it (a reserved service port no app uses: refused).
 */
export function lbFor(state: ClusterState, table: LbInstance[], ip: string, port: number): LbInstance | null {
  const lb = lbAt(table, ip);
  if (!lb) return null;
  if (routeIn(lb, port, null).kind !== 'unbound') return lb;
  const task = state.tasks[lb.taskId];
  return task &&
    listPorts(
      task.portions.flatMap((p) => p.ports),
      Infinity,
    ).includes(port)
    ? lb
    : null;
}

/** `n` requests over `k` servers, the remainder starting at `cursor` (roundrobin across seconds). */
function spread(n: number, k: number, cursor: number): number[] {
  const share = Array.from({ length: k }, () => Math.floor(n / k));
  for (let r = 0; r < n % k; r++) share[(cursor + r) % k]!++;
  return share;
}

/** The servers a request would be balanced over, and the routing that got there (for traces too). */
export function lbPool(lb: LbInstance, port: number, header: string | null): { servers: LbServer[]; routing: ReturnType<typeof routeIn> } {
  const routing = routeIn(lb, port, header);
  const servers = routing.kind === 'frontend' && routing.backend ? routing.backend.servers.filter((s) => s.up) : [];
  return { servers, routing };
}

export function throughLb(
  ctx: SimContext,
  state: ClusterState,
  client: TrafficClient,
  lb: LbInstance,
  port: number,
  header: string | null,
  n: number,
): LbOutcome[] {
  const front = `${lb.ip}:${port}`;
  if (!linked(state, client.from, lb.hostname))
    return [{ address: front, taskId: null, requests: n, ok: 0, latencyMsTotal: 0, error: 'ETIMEDOUT' }];
  const { servers, routing } = lbPool(lb, port, header);
  if (routing.kind === 'stats') {
    const latency = ctx.randomInt(1, 4);
    return [{ address: front, taskId: lb.taskId, requests: n, ok: n, latencyMsTotal: latency * n, error: null }];
  }
  if (routing.kind !== 'frontend') return [{ address: front, taskId: null, requests: n, ok: 0, latencyMsTotal: 0, error: 'ECONNREFUSED' }];
  const counters = countersOf(state, lb);
  count(counters, `${routing.frontend.name}/FRONTEND`, n, servers.length > 0);
  if (routing.backend) count(counters, `${routing.backend.name}/BACKEND`, n, servers.length > 0);
  if (servers.length === 0) return [{ address: front, taskId: null, requests: n, ok: 0, latencyMsTotal: 0, error: 'ECONNREFUSED' }];
  const shares = spread(n, servers.length, client.cursor);
  const out: LbOutcome[] = [];
  servers.forEach((s, i) => {
    const k = shares[i]!;
    if (k === 0) return;
    count(counters, `${routing.backend!.name}/${s.name}`, k, true);
    // A request's round trip through the LB: 2 to 6 ms (inferred, one more hop than a direct one).
    const latency = ctx.randomInt(2, 6);
    out.push({ address: `${s.ip}:${s.port}`, taskId: s.taskId, requests: k, ok: k, latencyMsTotal: latency * k, error: null });
  });
  return out;
}

/** The LB task's counters; those of LB tasks that ended are dropped (a new HAProxy starts from zero). */
function countersOf(state: ClusterState, lb: LbInstance): Record<string, HaproxyCounter> {
  const traffic = (state.traffic ??= emptyTraffic());
  const all = (traffic.haproxy ??= {});
  for (const id of Object.keys(all)) if (id !== lb.taskId && !state.tasks[id]) delete all[id];
  return (all[lb.taskId] ??= {});
}

function count(counters: Record<string, HaproxyCounter>, key: string, n: number, ok: boolean): void {
  const c = (counters[key] ??= { stot: 0, ok: 0, errors: 0 });
  c.stot += n;
  if (ok) c.ok += n;
  else c.errors += n;
}
