/**
 * The sandbox's own API, beside DC/OS's: faults (`POST /sandbox/v1/faults`), agents joining and
 * leaving (`/sandbox/v1/agents`, agents-route.ts), how an app's
 * tasks behave (`PUT /sandbox/v1/marathon/apps/{id}/behavior`) and a job's (`/sandbox/v1/metronome/jobs/{id}/behavior`), jobs' runs for the time bar
 * (`GET /sandbox/v1/metronome/marks`, job-marks-route.ts), and why an app waits
 * (`GET /sandbox/v1/marathon/apps/{id}/placement`), networking views (traffic-route.ts, task-network-route.ts),
 * and the cluster's notable events
 * (`GET /sandbox/v1/events`: deployments done, failures, agents lost and back), oldest first.
 */
import { diagnose, type AgentVerdict, type Stage } from '../../engine/marathon/diagnose.ts';
import { recordOf } from '../../engine/marathon/store.ts';
import { setBehavior } from '../../engine/marathon/operations.ts';
import { applyFault, readFault } from '../../engine/faults/faults.ts';
import { normalizePath } from '../../common/marathon/path-id.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { jsonBody, methodNotAllowed, notFound } from '../http.ts';
import type { ApiContext } from '../service.ts';
import type { NotableEventList, Placement } from '../shapes/sandbox.ts';
import { agentsRoute } from './agents-route.ts';
import { requestsRoute, trafficRoute, vipsRoute } from './traffic-route.ts';
import { taskNetworkRoute } from './task-network-route.ts';
import { jobBehaviorRoute } from './job-behavior-route.ts';
import { jobMarksRoute } from './job-marks-route.ts';
import { applyUsage, readUsagePatch } from '../metrics/usage-behavior.ts';
import type { UsageSpec } from '../../common/scenario/types.ts';

/** The Debug view lists this many failing agents; the stage counts cover all of them. */
const MAX_FAILURES_LISTED = 500;
const BEHAVIOR_KEYS = ['healthCheckFailureRate', 'startFailureRate', 'meanSecondsToCrash', 'secondsUntilReady', 'usage'] as const;
const RATES: readonly string[] = ['healthCheckFailureRate', 'startFailureRate'];

export function sandbox(api: ApiContext, req: ApiRequest, segments: string[], query = new URLSearchParams()): ApiResponse {
  if (segments[0] !== 'v1') return notFound();
  const [resource, ...rest] = segments.slice(1);
  if (resource === 'agents') return agentsRoute(api, req, rest, query);
  if (resource === 'traffic') return trafficRoute(api, req, rest);
  if (resource === 'requests' && rest.length === 0) return requestsRoute(api, req);
  if (resource === 'vips' && rest.length === 0) return vipsRoute(api, req);
  if (resource === 'tasks' && rest.length === 2 && rest[1] === 'network') return taskNetworkRoute(api.state, api.ctx.now, req, rest[0]!);
  if (resource === 'metronome' && rest.length === 3 && rest[0] === 'jobs' && rest[2] === 'behavior')
    return jobBehaviorRoute(api, req, rest[1]!);
  if (resource === 'metronome' && rest.length === 1 && rest[0] === 'marks') return jobMarksRoute(api, req, query);
  if (resource === 'faults' && rest.length === 0) {
    if (req.method !== 'POST') return methodNotAllowed(['POST'], req.method);
    const body = jsonBody(req.body);
    const fault = body.ok ? readFault(api.state, body.value) : body.error;
    if (typeof fault === 'string') return { status: 400, body: { message: fault } };
    const done = applyFault(api.ctx, api.state, fault);
    return done.ok ? { status: 202, body: { accepted: fault } } : { status: 400, body: { message: done.message } };
  }
  if (resource === 'events' && rest.length === 0) {
    if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
    // `total`: how many there have been; the list keeps the newest.
    const body: NotableEventList = { events: api.state.notable.map((e) => ({ ...e })), total: api.state.notableTotal };
    return { status: 200, body };
  }
  if (resource === 'marathon' && rest[0] === 'apps' && rest.at(-1) === 'placement' && rest.length > 2) {
    if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
    const id = normalizePath(rest.slice(1, -1).join('/'));
    const record = recordOf(api.state.marathon, id);
    if (!record) return { status: 404, body: { message: `App '${id}' does not exist` } };
    const d = diagnose(api.state, api.ctx.matcher, record);
    const failures = d.verdicts.filter((v): v is AgentVerdict & { stage: Stage } => v.stage !== null);
    const body: Placement = {
      appId: d.appId,
      waiting: d.waiting,
      agents: d.agents,
      fits: d.agents - failures.length,
      stages: d.stages,
      failures: failures.slice(0, MAX_FAILURES_LISTED),
      failuresOmitted: Math.max(0, failures.length - MAX_FAILURES_LISTED),
      suggestions: d.suggestions.map(({ text, change, size }) => ({ text, change: structuredClone(change), size })),
      notes: d.notes,
    };
    return { status: 200, body };
  }
  if (resource === 'marathon' && rest[0] === 'apps' && rest.at(-1) === 'behavior' && rest.length > 2) {
    if (req.method !== 'PUT') return methodNotAllowed(['PUT'], req.method);
    const id = normalizePath(rest.slice(1, -1).join('/'));
    const body = jsonBody(req.body);
    if (!body.ok || typeof body.value !== 'object' || body.value === null)
      return { status: 400, body: { message: 'expected a JSON object' } };
    const patch: Record<string, number | null> = {};
    let usage: UsageSpec | null | undefined;
    for (const [key, value] of Object.entries(body.value)) {
      if (!(BEHAVIOR_KEYS as readonly string[]).includes(key))
        return { status: 400, body: { message: `unknown field '${key}' (expected one of: ${BEHAVIOR_KEYS.join(', ')})` } };
      if (key === 'usage') {
        const read = readUsagePatch(value);
        if ('message' in read) return { status: 400, body: { message: read.message } };
        usage = read.usage;
        continue;
      }
      const rate = RATES.includes(key);
      // secondsUntilReady may be 0 (ready at the first check); a crash needs a positive mean.
      const least = key === 'secondsUntilReady' ? 0 : Number.MIN_VALUE;
      const valid = rate
        ? typeof value === 'number' && value >= 0 && value <= 1
        : value === null || (typeof value === 'number' && value >= least);
      if (!valid) {
        const seconds = key === 'secondsUntilReady' ? 'a number of seconds (0 or more) or null' : 'a positive number of seconds or null';
        return { status: 400, body: { message: `${key} must be ${rate ? 'a number between 0 and 1' : seconds}` } };
      }
      patch[key] = value as number | null;
    }
    const done = setBehavior(api.state, id, patch);
    if (done.ok && usage !== undefined) applyUsage(api, id, usage);
    return done.ok ? { status: 200, body: done.value } : { status: done.status, body: done.body };
  }
  return notFound();
}
