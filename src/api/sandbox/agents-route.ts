/**
 * Nodes joining and leaving: `POST /sandbox/v1/agents` installs an agent (it registers with the
 * leading master shortly, or with the next one), `DELETE /sandbox/v1/agents/{id or hostname}`
 * decommissions one (Mesos' MARK_AGENT_GONE: needs a leader), `GET /sandbox/v1/agents/defaults`
 * tells what an empty POST would install (`?public=true` for a public agent).
 */
import { agentTotals, decommissionAgent, installAgent, liveAgentIndex, planAgent, type NewAgent } from '../../engine/mesos/agents.ts';
import type { AgentState, ClusterState } from '../../engine/core/model.ts';
import { Reader, ScenarioError } from '../../common/scenario/reader.ts';
import { HOSTNAME } from '../../common/scenario/validate.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { jsonBody, methodNotAllowed } from '../http.ts';
import type { ApiContext } from '../service.ts';
import type { DecommissionedAgent, SandboxAgent } from '../shapes/sandbox.ts';
import { setOwn } from '../../common/own.ts';

const RESOURCE_KEYS = ['cpus', 'mem', 'disk', 'gpus'] as const;

export function agentsRoute(api: ApiContext, req: ApiRequest, rest: string[], query: URLSearchParams): ApiResponse {
  if (rest.length === 0) {
    if (req.method !== 'POST') return methodNotAllowed(['POST'], req.method);
    const body = jsonBody(req.body);
    const wanted = body.ok ? readNewAgent(body.value) : body.error;
    if (typeof wanted === 'string') return message(400, wanted);
    const done = installAgent(api.ctx, api.state, wanted);
    return done.ok ? { status: 201, body: agentJson(api.state.agents[done.agentIdx]!) } : message(done.status, done.message);
  }
  if (rest.length === 1 && rest[0] === 'defaults') {
    if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
    const plan = planAgent(api.state, { public: query.get('public') === 'true' });
    return plan.ok ? { status: 200, body: agentJson(plan.agent) } : message(plan.status, plan.message);
  }
  if (rest.length === 1) {
    if (req.method !== 'DELETE') return methodNotAllowed(['DELETE'], req.method);
    const agentIdx = liveAgentIndex(api.state, rest[0]!);
    if (agentIdx < 0) return message(404, notFoundMessage(api.state, rest[0]!));
    const done = decommissionAgent(api.ctx, api.state, agentIdx);
    if (!done.ok) return message(done.status, done.message);
    const agent = api.state.agents[agentIdx]!;
    const body: DecommissionedAgent = { id: agent.id, hostname: agent.hostname, tasks: done.tasks };
    return { status: 200, body };
  }
  return message(404, 'Not Found');
}

function message(status: number, text: string): ApiResponse {
  return { status, body: { message: text } };
}

function notFoundMessage(state: ClusterState, key: string): string {
  const gone = state.agents.some((a) => a.gone && (a.id === key || a.hostname === key));
  return gone ? `Agent '${key}' has already been decommissioned` : `Agent '${key}' not found`;
}

/** The body of a POST, or why it is not one (the field named first). */
export function readNewAgent(value: unknown): NewAgent | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  try {
    const r = new Reader(value, '');
    r.object(['hostname', 'public', 'resources', 'attributes']);
    const wanted: NewAgent = { public: r.child('public').boolean(false) };
    if (r.child('hostname').present)
      wanted.hostname = r.child('hostname').string({ pattern: HOSTNAME, patternText: 'a DNS name (lowercase letters, digits, - and .)' });
    const res = r.child('resources');
    if (res.present) {
      res.object(RESOURCE_KEYS);
      wanted.resources = {};
      for (const key of RESOURCE_KEYS)
        if (res.child(key).present) wanted.resources[key] = res.child(key).number({ min: 0, integer: key === 'gpus' });
    }
    if (r.child('attributes').present) wanted.attributes = readAttributes(r.child('attributes'));
    return wanted;
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
}

function readAttributes(r: Reader): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of r.entries()) {
    if (key === 'hostname' || key === 'public_ip') value.fail(`'${key}' is set by the sandbox`);
    setOwn(out, key, typeof value.value === 'number' && Number.isFinite(value.value) ? value.value : value.string());
  }
  return out;
}

function agentJson(agent: AgentState): SandboxAgent {
  const [cpus, mem, disk, gpus] = agentTotals(agent);
  return {
    id: agent.id,
    hostname: agent.hostname,
    ip: agent.ip,
    public: agent.public,
    resources: { cpus, mem, disk, gpus },
    attributes: { ...agent.attributes },
  };
}
