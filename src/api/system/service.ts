/**
 * DC/OS diagnostics (`/system/health/v1/...`) answer from any master that is up, with or without a Mesos leader.
 * Admin Router's `/system/v1/agent/{agentId}/…` reaches an agent's own endpoints: its overlay agent's
 * `overlay-agent/overlay` (inferred path, networking-sources.md §3.4).
 */
import { notFound } from '../http.ts';
import { overlayAgentAnswer } from '../mesos/overlay.ts';
import type { ApiService } from '../service.ts';
import { systemHealth } from './health.ts';

export const systemService: ApiService = {
  prefix: 'system',
  handle: (api, { req, segments }) => {
    if (segments[0] === 'health' && segments[1] === 'v1') return systemHealth(api.state, req, segments.slice(2));
    const [v1, agent, agentId, ...rest] = segments;
    if (v1 === 'v1' && agent === 'agent' && rest.join('/') === 'overlay-agent/overlay') {
      const found = api.state.agents.find((a) => a.id === agentId && !a.gone);
      return found ? overlayAgentAnswer(api.state, req.method, found.ip) : notFound();
    }
    return notFound();
  },
};
