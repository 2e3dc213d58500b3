/**
 * An agent's metrics through Admin Router: `/system/v1/agent/{agentId}/metrics/v0/…` reaches the agent's
 * dcos-metrics API (Telegraf; dcos/dcos packages/adminrouter/extra/src/includes/server/master.conf proxies
 * `/metrics/v0.*` to it): `node`, `containers`, `containers/{id}`, `containers/{id}/app`. Beside it, the sandbox's
 * own `/system/v1/agent/{agentId}/metrics/prometheus` stands for Telegraf's Prometheus port (http://<agent>:61091/metrics).
 * Only paths whose segment after the agent id is `metrics` come here (system/service.ts); logs go elsewhere.
 */
import { methodNotAllowed, notFound, ok } from '../http.ts';
import type { ApiContext } from '../service.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { containerMetrics } from './containers.ts';
import { nodeMetrics } from './node.ts';
import { prometheusText } from './prometheus.ts';
import { agentById, containerIdsOf, containerOf, sampleTime } from './sample.ts';

/** No content: dcos-metrics' answer for a container it has no data for (the CLI reads 204 as "no metrics"). */
const NO_CONTENT: ApiResponse = { status: 204, body: '' };

/** `rest`: the segments after `metrics`. */
export function agentMetrics(api: ApiContext, req: ApiRequest, agentId: string | undefined, rest: string[]): ApiResponse {
  const { state } = api;
  const agent = agentById(state, agentId);
  if (!agent) return notFound();
  if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
  const at = sampleTime(api.ctx.now);
  const [version, resource, containerId, app, ...more] = rest;
  if (version === 'prometheus' && resource === undefined)
    return { status: 200, body: prometheusText(state, agent, at), headers: { 'Content-Type': 'text/plain; version=0.0.4' } };
  if (version !== 'v0' || more.length > 0) return notFound();
  if (resource === 'node' && containerId === undefined) return ok(nodeMetrics(state, agent, at));
  if (resource !== 'containers') return notFound();
  if (containerId === undefined) return ok(containerIdsOf(state, agent, at));
  if (app === 'app') return NO_CONTENT; // no task in the sandbox pushes StatsD or Prometheus metrics of its own
  if (app !== undefined) return notFound();
  const container = containerOf(state, agent, containerId, at);
  return container ? ok(containerMetrics(state, agent, container, at)) : NO_CONTENT;
}
