/**
 * DC/OS diagnostics (`/system/health/v1/...`) answer from any master that is up, with or without a Mesos leader.
 * Admin Router's `/system/v1/agent/{agentId}/…` reaches an agent's own endpoints: its overlay agent's
 * `overlay-agent/overlay` (inferred path, networking-sources.md §3.4), and its dcos-log's `logs/…` (src/api/logs).
 */
import { notFound } from '../http.ts';
import { agentLogs, leaderLogs } from '../logs/service.ts';
import { overlayAgentAnswer } from '../mesos/overlay.ts';
import type { ApiService } from '../service.ts';
import { systemHealth } from './health.ts';
import { agentMetrics } from '../metrics/agent.ts';

export const systemService: ApiService = {
  prefix: 'system',
  handle: (api, routed) => {
    const { req, segments } = routed;
    if (segments[0] === 'health' && segments[1] === 'v1') return systemHealth(api.state, req, segments.slice(2));
    const [v1, agent, agentId, ...rest] = segments;
    // Admin Router's proxies to a node's dcos-log (src/api/logs): `/system/v1/agent/{id}/logs/…`, `/system/v1/leader/mesos/logs/…`.
    if (v1 === 'v1' && agent === 'agent' && agentId !== undefined && rest[0] === 'logs')
      return agentLogs(api.state, agentId, rest.slice(1), routed);
    if (v1 === 'v1' && agent === 'leader' && agentId === 'mesos' && rest[0] === 'logs') return leaderLogs(api.state, rest.slice(1), routed);
    if (v1 === 'v1' && agent === 'agent' && rest[0] === 'metrics') return agentMetrics(api, req, agentId, rest.slice(1));
    if (v1 === 'v1' && agent === 'agent' && rest.join('/') === 'overlay-agent/overlay') {
      const found = api.state.agents.find((a) => a.id === agentId && !a.gone);
      return found ? overlayAgentAnswer(api.state, req.method, found.ip) : notFound();
    }
    return notFound();
  },
};
