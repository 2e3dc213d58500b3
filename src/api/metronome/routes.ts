/**
 * Metronome's routes (MT:api/src/main/resources/routes) behind Admin Router's `/service/metronome`: `/v1/jobs` with
 * embeds, schedules and runs, `/v1/queue`, `/v0/scheduled-jobs`, `/ping`, `/info` and `/leader`. Bodies go through
 * Metronome's validation (src/common/metronome/validate-job.ts); a route that does not exist is Play's 404.
 */
import { validateCron } from '../../common/metronome/cron.ts';
import { JOB_ID_PATTERN } from '../../common/metronome/job-schema.ts';
import { readJobSpec } from '../../common/metronome/validate-job.ts';
import { createJob, deleteJob, jobOf, replaceJob } from '../../engine/metronome/jobs.ts';
import { metronomeLeaderIndex } from '../../engine/metronome/leader.ts';
import { queuedRuns } from '../../engine/metronome/offers.ts';
import { jsonBody } from '../http.ts';
import type { ApiContext } from '../service.ts';
import type { JobQueueEntryJson } from '../shapes/metronome.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { answer, clientError, unknownJob, unknownRoute, type BodyReader } from './answer.ts';
import { embeddedJobJson, writtenJobJson, type Embed } from './json.ts';
import { runsRoute } from './runs-route.ts';
import { schedulesRoute } from './schedules-route.ts';

const EMBEDS: readonly Embed[] = ['activeRuns', 'schedules', 'history', 'historySummary'];
const VALID_ID = new RegExp(JOB_ID_PATTERN);
/** What the sandbox answers for Metronome's version (the release DC/OS 2.2 ships, on Marathon 1.7.202). */
const VERSION = { version: '0.6.70', libVersion: '1.7.202' };


export function metronomeRoutes(api: ApiContext, req: ApiRequest, segments: string[], query: URLSearchParams): ApiResponse {
  const requestPath = `/${segments.join('/')}${query.size > 0 ? `?${query.toString()}` : ''}`;
  // Play's JSON body parser: text that is not JSON is a client error (inferred wording).
  const readBody: BodyReader = (body) => {
    const parsed = jsonBody(body ?? '');
    return parsed.ok ? parsed : { ok: false, response: clientError(400, `Invalid Json: ${parsed.error}`, requestPath) };
  };
  const [version, resource, id, ...rest] = segments;
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
  if (version === 'v1' && resource === 'queue' && id === undefined && req.method === 'GET') return answer(200, queue(api));
  if (version === 'v1' && resource === 'jobs') {
    if (id === undefined) return jobsRoute(api, req, query, requestPath, readBody);
    // The binder checks path ids (Binders.scala:19-27).
    if (!VALID_ID.test(id)) return clientError(400, `Not a valid id: ${id}`, requestPath);
    if (rest[0] === 'runs') return runsRoute(api, req, id, rest.slice(1), requestPath);
    if (rest[0] === 'schedules') return schedulesRoute(api, req, id, rest.slice(1), requestPath, readBody);
    if (rest.length === 0) return jobRoute(api, req, id, query, requestPath, readBody);
  }
  if (version === 'v0' && resource === 'scheduled-jobs') {
    if (id === undefined && req.method === 'POST') return create(api, req.body, 'v0', readBody);
    if (id !== undefined && rest.length === 0 && req.method === 'PUT') return replace(api, req.body, id, 'v0', readBody);
  }
  return unknownRoute(requestPath);
}

/** `embed` may repeat and hold comma-separated names (Binders.scala:51-54). */
function embedsOf(query: URLSearchParams): Set<Embed> | null {
  const names = query.getAll('embed').flatMap((v) => v.split(',').filter(Boolean));
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
  if (req.method === 'PUT') return replace(api, req.body, id, 'v1', readBody);
  if (req.method === 'DELETE') {
    const deleted = deleteJob(api.ctx, api.state, id, query.get('stopCurrentJobRuns') === 'true');
    if (!deleted.ok) return deleted.status === 404 ? unknownJob(id) : answer(deleted.status, { message: deleted.message });
    return answer(200, writtenJobJson(api.state, api.ctx.now, deleted.value));
  }
  return unknownRoute(requestPath);
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

/** PUT: the path's id wins over the body's (JobSpecController.scala:65-67). */
function replace(api: ApiContext, raw: unknown, id: string, apiVersion: 'v1' | 'v0', readBody: BodyReader): ApiResponse {
  const body = readBody(raw);
  if (!body.ok) return body.response;
  const withId = typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value) ? { ...body.value, id } : body.value;
  const read = readJobSpec(withId, apiVersion, { validateCron });
  if (!read.ok) return answer(read.status, read.body);
  const replaced = replaceJob(api.ctx, api.state, read.job, apiVersion);
  if (!replaced.ok) return replaced.status === 404 ? unknownJob(id) : answer(replaced.status, { message: replaced.message });
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
