/**
 * `/mesos/...` reaches the leading master: `/mesos/master/state` is the master's `/master/state`,
 * `/mesos/quota` its `/quota`, `/mesos/api/v1` the operator API.
 */
import { leadingMaster } from '../../engine/mesos/leader.ts';
import { MESOS_MAX_JSON_DEPTH } from '../../common/json-limits.ts';
import { badRequest, jsonBody, methodNotAllowed, notFound, ok, problemText } from '../http.ts';
import type { ApiContext, ApiService, RoutedRequest } from '../service.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { frameworksJson, slavesJson, tasksJson } from './lists.ts';
import { operatorCall } from './operator.ts';
import { quotaJson, removeQuota, rolesJson, setQuota, updateWeights, weightsJson } from './roles.ts';
import { masterState } from './state.ts';
import { stateSummary } from './summary.ts';
import { masterMetricsSnapshot } from './metrics-snapshot.ts';
import { overlayAgentAnswer, overlayMasterAnswer } from './overlay.ts';
import { leaderOf } from './leader-of.ts';
import { RESERVATION_ENDPOINTS, reservationEndpoint } from './reservations.ts';
import { own } from '../../common/own.ts';

export const mesosService: ApiService = {
  prefix: 'mesos',
  handle: (api, request) => (leadingMaster(api.state) ? mesos(api, request) : { status: 503, body: { message: 'No leader elected' } }),
  // stout's JSON parser refuses documents nested deeper than 200; libprocess answers errors as text.
  maxBodyDepth: MESOS_MAX_JSON_DEPTH,
  refuse: (problem) => {
    const status = problem.kind === 'too-large' ? 413 : problem.kind === 'too-deep' ? 400 : 500;
    return { status, body: problem.kind === 'too-deep' ? `Failed to parse JSON: ${problemText(problem)}` : problemText(problem) };
  },
};

function mesos(api: ApiContext, { req, segments, query }: RoutedRequest): ApiResponse {
  const { state } = api;
  const path = (segments[0] === 'master' ? segments.slice(1) : segments).join('/');
  const get = (build: () => unknown): ApiResponse => (req.method === 'GET' ? ok(build()) : methodNotAllowed(['GET'], req.method));
  switch (path) {
    case 'state':
    case 'state.json':
      return get(() => masterState(state));
    case 'state-summary':
      return get(() => stateSummary(state));
    case 'metrics/snapshot':
      return get(() => masterMetricsSnapshot(state, api.ctx.now));
    case 'overlay-master/state':
      return overlayMasterAnswer(state, req.method);
    // The leading master's own overlay agent (DC/OS's test_endpoints.py reads it here).
    case 'overlay-agent/overlay':
      return overlayAgentAnswer(state, req.method, leaderOf(state).ip);
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
  const reservation = own(RESERVATION_ENDPOINTS, path);
  if (reservation) return reservationEndpoint(api.ctx, state, reservation, req);
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
