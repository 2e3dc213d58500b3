/**
 * The metrics component's API. Admin Router's `/slave/{agentId}/…` reaches a Mesos agent's own endpoints (port
 * 5051); of those the sandbox answers `metrics/snapshot`. The dcos-metrics paths under `/system/v1/agent/{id}/metrics`
 * are answered by agent.ts, which the `system` service dispatches to.
 */
import { methodNotAllowed, notFound, ok } from '../http.ts';
import type { ApiService } from '../service.ts';
import { agentMetricsSnapshot } from './agent-snapshot.ts';
import { agentById } from './sample.ts';

export const agentSnapshotService: ApiService = {
  prefix: 'slave',
  handle: (api, { req, segments }) => {
    const [agentId, ...rest] = segments;
    const agent = agentById(api.state, agentId);
    if (!agent || rest.join('/') !== 'metrics/snapshot') return notFound();
    if (!agent.up) return { status: 503, body: 'Service Unavailable' };
    return req.method === 'GET' ? ok(agentMetricsSnapshot(api.state, agent, api.ctx.now)) : methodNotAllowed(['GET'], req.method);
  },
};
