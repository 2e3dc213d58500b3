/**
 * The DC/OS HTTP API, in-process: paths and JSON shapes as behind Admin Router.
 * Mesos: `/mesos/...` reaches the leading master (`/mesos/master/state` = master `/master/state`,
 * `/mesos/quota` = master `/quota`, `/mesos/api/v1` = the operator API). Exhibitor
 * (`/exhibitor/exhibitor/v1/cluster/status`) and diagnostics (`/system/health/v1/...`) answer from
 * any master that is up, with or without a Mesos leader.
 */
import type { SimContext } from '../engine/mesos/events.ts';
import type { ClusterState } from '../engine/mesos/model.ts';
import type { ApiRequest, ApiResponse } from '../engine/types.ts';
import { marathon } from './marathon/routes.ts';
import { sandbox } from './sandbox/routes.ts';
import { badRequest, jsonBody, methodNotAllowed, notFound, ok, parsePath } from './http.ts';
import { quotaJson, removeQuota, rolesJson, setQuota, updateWeights, weightsJson } from './mesos/roles.ts';
import { masterState } from './mesos/state.ts';
import { frameworksJson, slavesJson, tasksJson } from './mesos/lists.ts';
import { stateSummary } from './mesos/summary.ts';
import { operatorCall } from './mesos/operator.ts';
import { exhibitorStatus } from './exhibitor/status.ts';
import { systemHealth } from './system/health.ts';
import { leadingMaster } from '../engine/mesos/leader.ts';
import { marathonLeaderIndex } from '../engine/marathon/leader.ts';

/** What a request may read and change: the cluster's state, and the simulation for scheduling what follows. */
export interface ApiContext {
  state: ClusterState;
  ctx: SimContext;
}

export function handleRequest(api: ApiContext, req: ApiRequest): ApiResponse {
  const parsed = parsePath(req?.path);
  if (!parsed) return badRequest(`Malformed request path '${String(req?.path)}'`);
  const [service, ...rest] = parsed.segments;
  if (service === 'mesos') return leadingMaster(api.state) ? mesos(api, req, rest, parsed.query) : noLeader('No leader elected');
  if (service === 'marathon') {
    // Marathon answers from its leader; a standby with no leader to proxy to cannot.
    if (marathonLeaderIndex(api.state) !== null) return marathon(api, req, rest, parsed.query);
    return rest.join('/') === 'v2/leader' ? { status: 404, body: { message: 'There is no leader' } } : noLeader('Could not determine the current leader');
  }
  if (service === 'sandbox') return sandbox(api, req, rest);
  if (service === 'exhibitor' && rest.join('/') === 'exhibitor/v1/cluster/status') {
    return req.method === 'GET' ? exhibitorStatus(api.state) : methodNotAllowed(['GET'], req.method);
  }
  if (service === 'system' && rest[0] === 'health' && rest[1] === 'v1') return systemHealth(api.state, req, rest.slice(2));
  return notFound();
}

function noLeader(message: string): ApiResponse {
  return { status: 503, body: { message } };
}

function mesos(api: ApiContext, req: ApiRequest, segments: string[], query: URLSearchParams): ApiResponse {
  const { state } = api;
  const path = (segments[0] === 'master' ? segments.slice(1) : segments).join('/');
  const get = (build: () => unknown): ApiResponse => (req.method === 'GET' ? ok(build()) : methodNotAllowed(['GET'], req.method));
  switch (path) {
    case 'state':
    case 'state.json':
      return get(() => masterState(state));
    case 'state-summary':
      return get(() => stateSummary(state));
    case 'slaves':
      return get(() => slavesJson(state, query));
    case 'frameworks':
      return get(() => frameworksJson(state, query));
    case 'tasks':
    case 'tasks.json':
      return get(() => tasksJson(state, query));
    case 'roles':
    case 'roles.json':
      return get(() => rolesJson(state));
    case 'weights':
      if (req.method === 'GET') return ok(weightsJson(state));
      if (req.method === 'PUT' || req.method === 'POST') return withBody(req, (body) => updateWeights(state, body));
      return methodNotAllowed(['GET', 'PUT'], req.method);
    case 'api/v1':
      return req.method === 'POST' ? withBody(req, (body) => operatorCall(api.ctx, state, body)) : methodNotAllowed(['POST'], req.method);
    case 'quota':
      if (req.method === 'GET') return ok(quotaJson(state));
      if (req.method === 'POST') return withBody(req, (body) => setQuota(state, body));
      return methodNotAllowed(['GET', 'POST'], req.method);
  }
  const [head, role, ...more] = path.split('/');
  if (head === 'quota' && role && more.length === 0) {
    return req.method === 'DELETE' ? removeQuota(state, role) : methodNotAllowed(['DELETE'], req.method);
  }
  return notFound();
}

function withBody(req: ApiRequest, handle: (body: unknown) => ApiResponse): ApiResponse {
  const body = jsonBody(req.body);
  return body.ok ? handle(body.value) : badRequest(body.error);
}
