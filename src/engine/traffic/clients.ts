/** Starting and stopping the request generator's clients, and its ticker (one event a second while any runs). */
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import { hostOf } from '../network/reach.ts';
import { splitTarget } from './requests.ts';
import { emptyTraffic, MAX_CLIENTS, type TrafficClient, type TrafficState } from './model.ts';

export const MAX_RPS = 10_000;

export interface NewClient {
  name: string;
  target: string;
  rps: number;
  /** The node it runs on; by default the first agent that is not gone. */
  from?: string;
}

export type Started = { ok: true; client: TrafficClient } | { ok: false; status: 400 | 409; message: string };

export function trafficOf(state: ClusterState): TrafficState {
  return (state.traffic ??= emptyTraffic());
}

export const isRunning = (c: TrafficClient): boolean => c.stoppedAt === null;

export function startClient(ctx: SimContext, state: ClusterState, wanted: NewClient): Started {
  const traffic = trafficOf(state);
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(wanted.name))
    return { ok: false, status: 400, message: `name: '${wanted.name}' is not a name (lower-case letters, digits and '-')` };
  if (!splitTarget(wanted.target)) return { ok: false, status: 400, message: `target: '${wanted.target}' is not host:port` };
  if (!Number.isInteger(wanted.rps) || wanted.rps < 1 || wanted.rps > MAX_RPS)
    return { ok: false, status: 400, message: `rps: must be a whole number from 1 to ${MAX_RPS}` };
  const from = wanted.from ?? state.agents.find((a) => !a.gone)?.hostname;
  if (from === undefined || !hostOf(state, from)) return { ok: false, status: 400, message: `from: no node '${wanted.from ?? ''}'` };
  if (traffic.clients.some((c) => c.name === wanted.name && isRunning(c)))
    return { ok: false, status: 409, message: `A client named '${wanted.name}' is running` };
  traffic.clients = traffic.clients.filter((c) => c.name !== wanted.name);
  const client: TrafficClient = {
    name: wanted.name,
    target: wanted.target,
    rps: wanted.rps,
    from,
    startedAt: ctx.now,
    stoppedAt: null,
    totals: { requests: 0, ok: 0, errors: {} },
    backends: {},
    series: [],
    cursor: 0,
  };
  traffic.clients.push(client);
  while (traffic.clients.length > MAX_CLIENTS) {
    const stopped = traffic.clients.findIndex((c) => !isRunning(c));
    if (stopped < 0) break;
    traffic.clients.splice(stopped, 1);
  }
  ctx.record(`${ctx.now} traffic.start ${client.name} ${client.from} ${client.target} ${client.rps}`);
  if (!traffic.ticking) {
    traffic.ticking = true;
    // Ticks fall on whole simulated seconds.
    ctx.schedule(1000 - (ctx.now % 1000), { type: 'traffic.tick' });
  }
  return { ok: true, client };
}

export function stopClient(ctx: SimContext, state: ClusterState, name: string): TrafficClient | null {
  const client = trafficOf(state).clients.find((c) => c.name === name && isRunning(c));
  if (!client) return null;
  client.stoppedAt = ctx.now;
  ctx.record(`${ctx.now} traffic.stop ${name}`);
  return client;
}
