/**
 * The DC/OS HTTP API, in-process: paths and JSON shapes as behind Admin Router.
 * Mesos: `/mesos/...` reaches the leading master (`/mesos/master/state` = master `/master/state`,
 * `/mesos/quota` = master `/quota`).
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

/** What a request may read and change: the cluster's state, and the simulation for scheduling what follows. */
export interface ApiContext {
  state: ClusterState;
  ctx: SimContext;
}

export function handleRequest(api: ApiContext, req: ApiRequest): ApiResponse {
  const parsed = parsePath(req?.path);
  if (!parsed) return badRequest(`Malformed request path '${String(req?.path)}'`);
  const [service, ...rest] = parsed.segments;
  if (service === 'mesos') return mesos(api.state, req, rest, parsed.query);
  if (service === 'marathon') return marathon(api, req, rest, parsed.query);
  if (service === 'sandbox') return sandbox(api, req, rest);
  return notFound();
}

function mesos(state: ClusterState, req: ApiRequest, segments: string[], query: URLSearchParams): ApiResponse {
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
