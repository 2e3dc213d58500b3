/**
 * The sandbox's networking views: the request generator (`/sandbox/v1/traffic`: GET lists clients, POST starts one,
 * `DELETE /sandbox/v1/traffic/{name}` stops one), one traced request (`POST /sandbox/v1/requests`, what `curl` in
 * the terminal shows), and the load balancer's VIPs with weights (`GET /sandbox/v1/vips`).
 */
import type { ClusterState } from '../../engine/core/model.ts';
import { startClient, stopClient, type NewClient } from '../../engine/traffic/clients.ts';
import type { TrafficClient } from '../../engine/traffic/model.ts';
import { traceRequest } from '../../engine/traffic/trace.ts';
import { vipsAt } from '../../engine/dcos-net/vips.ts';
import { jsonBody, methodNotAllowed, notFound } from '../http.ts';
import type { ApiContext } from '../service.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import type { SandboxRequestTrace, SandboxTraffic, SandboxTrafficClient, SandboxVip } from '../shapes/net.ts';

const message = (status: number, text: string): ApiResponse => ({ status, body: { message: text } });

export function trafficRoute(api: ApiContext, req: ApiRequest, rest: string[]): ApiResponse {
  if (rest.length === 0) {
    if (req.method === 'GET')
      return { status: 200, body: { clients: (api.state.traffic?.clients ?? []).map(clientJson) } satisfies SandboxTraffic };
    if (req.method !== 'POST') return methodNotAllowed(['GET', 'POST'], req.method);
    const body = jsonBody(req.body);
    const wanted = body.ok ? readClient(body.value) : body.error;
    if (typeof wanted === 'string') return message(400, wanted);
    const started = startClient(api.ctx, api.state, wanted);
    return started.ok ? { status: 201, body: clientJson(started.client) } : message(started.status, started.message);
  }
  if (rest.length !== 1) return notFound();
  const name = rest[0]!;
  if (req.method === 'GET') {
    const client = (api.state.traffic?.clients ?? []).find((c) => c.name === name);
    return client ? { status: 200, body: clientJson(client) } : message(404, `No client named '${name}'`);
  }
  if (req.method !== 'DELETE') return methodNotAllowed(['GET', 'DELETE'], req.method);
  const stopped = stopClient(api.ctx, api.state, name);
  return stopped ? { status: 200, body: clientJson(stopped) } : message(404, `No running client named '${name}'`);
}

export function requestsRoute(api: ApiContext, req: ApiRequest): ApiResponse {
  if (req.method !== 'POST') return methodNotAllowed(['POST'], req.method);
  const body = jsonBody(req.body);
  if (!body.ok) return message(400, body.error);
  const value = body.value as Record<string, unknown> | null;
  if (typeof value !== 'object' || value === null || typeof value.target !== 'string') return message(400, 'target: expected host:port');
  const from = typeof value.from === 'string' ? value.from : api.state.agents.find((a) => !a.gone)?.hostname;
  if (from === undefined) return message(400, 'from: no node to send from');
  const trace = traceRequest(api.state, value.target, from, api.ctx.now);
  if (!trace) return message(400, `target: '${value.target}' is not host:port`);
  return { status: 200, body: { target: value.target, ...trace } satisfies SandboxRequestTrace };
}

export function vipsRoute(api: ApiContext, req: ApiRequest): ApiResponse {
  if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
  return { status: 200, body: sandboxVips(api.state, api.ctx.now) };
}

export function sandboxVips(state: ClusterState, now: number): SandboxVip[] {
  return vipsAt(state, now).map((v) => ({
    vip: `${v.name}:${v.port}`,
    name: v.name,
    address: v.address,
    port: v.port,
    protocol: v.protocol,
    backends: v.backends.map((b) => ({
      ip: b.ip,
      port: b.port,
      weight: b.weight,
      state: b.state,
      taskId: b.taskId,
      agent: state.agents[b.agentIdx]!.hostname,
    })),
  }));
}

function clientJson(c: TrafficClient): SandboxTrafficClient {
  return {
    name: c.name,
    target: c.target,
    rps: c.rps,
    from: c.from,
    startedAt: c.startedAt,
    stoppedAt: c.stoppedAt,
    totals: { requests: c.totals.requests, ok: c.totals.ok, errors: { ...c.totals.errors } },
    backends: Object.entries(c.backends).map(([address, b]) => ({
      address,
      taskId: b.taskId,
      requests: b.requests,
      ok: b.ok,
      errors: b.errors,
      meanLatencyMs: b.ok > 0 ? Math.round((b.latencyMsTotal / b.ok) * 100) / 100 : 0,
    })),
    series: c.series.map((s) => ({ at: s.at, ok: s.ok, errors: s.errors, byBackend: { ...s.byBackend } })),
  };
}

function readClient(value: unknown): NewClient | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  const v = value as Record<string, unknown>;
  const unknown = Object.keys(v).find((k) => !['name', 'target', 'rps', 'from'].includes(k));
  if (unknown !== undefined) return `${unknown}: unknown field`;
  if (typeof v.name !== 'string') return 'name: expected a string';
  if (typeof v.target !== 'string') return 'target: expected host:port';
  if (typeof v.rps !== 'number') return 'rps: expected a number';
  if (v.from !== undefined && typeof v.from !== 'string') return 'from: expected a hostname';
  return { name: v.name, target: v.target, rps: v.rps, ...(typeof v.from === 'string' ? { from: v.from } : {}) };
}
