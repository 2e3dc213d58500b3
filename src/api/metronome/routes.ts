/**
 * Metronome's routes (MT:api/src/main/resources/routes) behind Admin Router's `/service/metronome`: `/v1/jobs` with
 * embeds, schedules and runs, `/v1/queue`, `/v0/scheduled-jobs`, `/ping`, `/info` and `/leader`. Bodies go through
 * Metronome's validation (src/common/metronome/validate-job.ts); a route that does not exist is Play's 404.
 */
import { validateCron } from '../../common/metronome/cron.ts';
import { readJobSpec } from '../../common/metronome/validate-job.ts';
import { createJob, deleteJob, jobOf, replaceJob, stopRun } from '../../engine/metronome/jobs.ts';
import { metronomeLeaderIndex } from '../../engine/metronome/leader.ts';
import { queuedRuns } from '../../engine/metronome/offers.ts';
import { jsonBody } from '../http.ts';
import type { ApiContext } from '../service.ts';
import type { JobQueueEntryJson } from '../shapes/metronome.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { answer, clientError, serverError, unknownJob, unknownRoute, type BodyReader } from './answer.ts';
import { embeddedJobJson, writtenJobJson, type Embed } from './json.ts';
import { runsRoute } from './runs-route.ts';
import { schedulesRoute } from './schedules-route.ts';

const EMBEDS: readonly Embed[] = ['activeRuns', 'schedules', 'history', 'historySummary'];
/** A segment of a path id (JobId.scala:39-40). */
const ID_SEGMENT = /^([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])$/;
/** What the sandbox answers for Metronome's version (the release DC/OS 2.2 ships, on Marathon 1.7.202). */
const VERSION = { version: '0.6.70', libVersion: '1.7.202' };

/**
 * The path binder (Binders.scala:19-27): `JobId(value)` splits on dots and drops empty segments (JobId.scala:21-23),
 * then each segment must match the segment pattern; the job is the segments joined again (so `a..b` is `a.b`).
 */
function bindJobId(value: string): string | null {
  const path = value.split('.').filter((s) => s.length > 0);
  return path.every((s) => ID_SEGMENT.test(s)) ? path.join('.') : null;
}

export function metronomeRoutes(api: ApiContext, req: ApiRequest, segments: string[], query: URLSearchParams): ApiResponse {
  // ErrorHandler writes Play's `request.path`: no query string (ErrorHandler.scala:20).
  const requestPath = `/${segments.join('/')}`;
  // Play's JSON body parser: `Invalid Json: <parser message>` as a client error; the parser's own words are
  // Jackson's upstream, the JavaScript parser's here.
  const readBody: BodyReader = (body) => {
    const parsed = jsonBody(body ?? '');
    if (parsed.ok) return parsed;
    const reason = parsed.error.replace(/^Failed to parse JSON: /, '');
    return { ok: false, response: clientError(400, `Invalid Json: ${reason}`, requestPath) };
  };
  const [version, resource, rawId, ...rest] = segments;
  if (segments.length === 1 && req.method === 'GET') {
    if (version === 'ping') return answer(200, 'pong');
    if (version === 'info') return answer(200, VERSION);
    if (version === 'leader') {
      const leader = metronomeLeaderIndex(api.state);
      return leader === null
        ? answer(404, { message: 'There is no leader' })
        : answer(200, { leader: `${api.state.masters[leader]!.ip}:9000` });
    }
  }
  if (version === 'v1' && resource === 'queue' && rawId === undefined && req.method === 'GET') return answer(200, queue(api));
  const isRoute =
    (version === 'v1' && resource === 'jobs' && rawId !== undefined && isJobRoute(req.method, rest)) ||
    (version === 'v0' && resource === 'scheduled-jobs' && rawId !== undefined && rest.length === 0 && req.method === 'PUT');
  // Play matches the route first, then binds the path id: a bad id on a route that exists is a 400.
  const id = rawId === undefined ? undefined : bindJobId(rawId);
  if (isRoute && id === null) return clientError(400, `Not a valid id: ${rawId}`, requestPath);
  if (version === 'v1' && resource === 'jobs') {
    if (rawId === undefined) return jobsRoute(api, req, query, requestPath, readBody);
    if (isRoute && id) {
      if (rest[0] === 'runs') return runsRoute(api, req, id, rest.slice(1), requestPath);
      if (rest[0] === 'schedules') return schedulesRoute(api, req, id, rest.slice(1), requestPath, readBody);
      return jobRoute(api, req, id, query, requestPath, readBody);
    }
  }
  if (version === 'v0' && resource === 'scheduled-jobs') {
    if (rawId === undefined && req.method === 'POST') return create(api, req.body, 'v0', readBody);
    if (isRoute && id) return replace(api, req.body, id, 'v0', readBody, requestPath);
  }
  return unknownRoute(requestPath);
}

/** The routes under `/v1/jobs/{id}` (MT:api/src/main/resources/routes:13-31). */
function isJobRoute(method: string, rest: string[]): boolean {
  const [what, runId, action, verb] = rest;
  if (what === undefined) return method === 'GET' || method === 'PUT' || method === 'DELETE';
  if (what === 'schedules')
    return rest.length === 1 ? method === 'GET' || method === 'POST' : rest.length === 2 && ['GET', 'PUT', 'DELETE'].includes(method);
  if (what !== 'runs') return false;
  if (runId === undefined) return method === 'GET' || method === 'POST';
  if (rest.length === 2) return method === 'GET';
  return rest.length === 4 && action === 'actions' && verb === 'stop' && method === 'POST';
}

/** Java's `String.split(",")`: trailing empty strings dropped, but `""` stays `[""]`. */
function javaSplit(value: string): string[] {
  if (value === '') return [''];
  const parts = value.split(',');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** `embed` may repeat and hold comma-separated names; an empty name is unknown too (Binders.scala:51-54). */
function embedsOf(query: URLSearchParams): Set<Embed> | null {
  const names = query.getAll('embed').flatMap(javaSplit);
  if (names.some((n) => !(EMBEDS as readonly string[]).includes(n))) return null;
  return new Set(names as Embed[]);
}

const badEmbed = (requestPath: string): ApiResponse =>
  clientError(400, `Unknown embed options. Valid options are: ${EMBEDS.join(', ')}`, requestPath);

function jobsRoute(api: ApiContext, req: ApiRequest, query: URLSearchParams, requestPath: string, readBody: BodyReader): ApiResponse {
  if (req.method === 'POST') return create(api, req.body, 'v1', readBody);
  if (req.method !== 'GET') return unknownRoute(requestPath);
  const embeds = embedsOf(query);
  if (!embeds) return badEmbed(requestPath);
  // Upstream lists in hash-map order; the sandbox sorts by id.
  const jobs = Object.values(api.state.metronome.jobs).sort((a, b) => (a.spec.id < b.spec.id ? -1 : 1));
  return answer(
    200,
    jobs.map((job) => embeddedJobJson(api.state, api.ctx.now, job, embeds, true)),
  );
}

function jobRoute(
  api: ApiContext,
  req: ApiRequest,
  id: string,
  query: URLSearchParams,
  requestPath: string,
  readBody: BodyReader,
): ApiResponse {
  if (req.method === 'GET') {
    const embeds = embedsOf(query);
    if (!embeds) return badEmbed(requestPath);
    const job = jobOf(api.state, id);
    return job ? answer(200, embeddedJobJson(api.state, api.ctx.now, job, embeds, false)) : unknownJob(id);
  }
  if (req.method === 'PUT') return replace(api, req.body, id, 'v1', readBody, requestPath);
  if (req.method === 'DELETE') {
    const stop = booleanParam(query, 'stopCurrentJobRuns');
    if (stop === null)
      return clientError(400, 'Cannot parse parameter stopCurrentJobRuns as Boolean: should be true, false, 0 or 1', requestPath);
    return remove(api, id, stop);
  }
  return unknownRoute(requestPath);
}

/** Play 2.6's `bindableBoolean` for `stopCurrentJobRuns: Boolean ?= false`: `true`/`false` or an integer 1/0, trimmed. */
function booleanParam(query: URLSearchParams, name: string): boolean | null {
  const raw = query.get(name);
  if (raw === null) return false;
  const v = raw.trim();
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (!/^[+-]?\d+$/.test(v)) return null;
  const n = Number(v);
  return n === 1 ? true : n === 0 ? false : null;
}

/**
 * DELETE (JobSpecController.scala:76-105): active runs without `stopCurrentJobRuns` are a 409 before anything else;
 * with it, each run is stopped first and only then is the job deleted, so a job others depend on answers 409 with
 * its runs already stopped.
 */
function remove(api: ApiContext, id: string, stopCurrentJobRuns: boolean): ApiResponse {
  const job = jobOf(api.state, id);
  if (!job) return unknownJob(id);
  if (job.runs.length > 0 && !stopCurrentJobRuns)
    return answer(409, { message: 'There are active job runs. Override with stopCurrentJobRuns=true' });
  for (const run of [...job.runs]) stopRun(api.ctx, api.state, id, run.id);
  const deleted = deleteJob(api.ctx, api.state, id, true);
  if (!deleted.ok) return deleted.status === 404 ? unknownJob(id) : answer(deleted.status, { message: deleted.message });
  return answer(200, writtenJobJson(api.state, api.ctx.now, deleted.value));
}

function create(api: ApiContext, raw: unknown, apiVersion: 'v1' | 'v0', readBody: BodyReader): ApiResponse {
  const body = readBody(raw);
  if (!body.ok) return body.response;
  const read = readJobSpec(body.value, apiVersion, { validateCron });
  if (!read.ok) return answer(read.status, read.body);
  const created = createJob(api.ctx, api.state, read.job);
  if (!created.ok) return answer(created.status, { message: created.message });
  return answer(201, writtenJobJson(api.state, api.ctx.now, created.value));
}

/**
 * PUT: the body is validated as sent (the schema wants its own valid `id`), then the path's id replaces it before the
 * accord rules (`validate.jsonWith(_.copy(id = id))`, RestController.scala:28-58; JobSpecController.scala:65-67).
 * v0 maps only the unknown job: any other failure (unknown dependencies, a cycle) is a server error
 * (ScheduledJobSpecController.scala:42-49 recovers only JobSpecDoesNotExist; ErrorHandler.onServerError).
 */
function replace(
  api: ApiContext,
  raw: unknown,
  id: string,
  apiVersion: 'v1' | 'v0',
  readBody: BodyReader,
  requestPath: string,
): ApiResponse {
  const body = readBody(raw);
  if (!body.ok) return body.response;
  const read = readJobSpec(body.value, apiVersion, { validateCron }, id);
  if (!read.ok) return answer(read.status, read.body);
  const replaced = replaceJob(api.ctx, api.state, read.job, apiVersion);
  if (!replaced.ok) {
    if (replaced.status === 404) return unknownJob(id);
    return apiVersion === 'v0' ? serverError(requestPath) : answer(replaced.status, { message: replaced.message });
  }
  return answer(200, writtenJobJson(api.state, api.ctx.now, replaced.value));
}

/** `GET /v1/queue`: the runs waiting for an offer, by job (LaunchQueueController.scala:26). */
function queue(api: ApiContext): JobQueueEntryJson[] {
  const byJob = new Map<string, { runId: string }[]>();
  for (const { job, run } of queuedRuns(api.state)) {
    const runs = byJob.get(job.spec.id) ?? [];
    runs.push({ runId: run.id });
    byJob.set(job.spec.id, runs);
  }
  return [...byJob].map(([jobId, runs]) => ({ jobId, runs }));
}
