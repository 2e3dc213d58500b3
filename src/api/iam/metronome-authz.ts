/**
 * Metronome's own authorization on Enterprise DC/OS (dcos/metronome api/src/main/scala/dcos/metronome/api/
 * Authorization.scala and v1/controllers/*Controller.scala): creating a job needs `create`, replacing it, starting or
 * stopping its runs and changing its schedules `update`, deleting it `delete`, reading it, its runs and schedules
 * `read`; lists (jobs, queue) keep what the user may read. An unknown job is 404 before any check, as the
 * controllers look it up first. The resource is `dcos:service:metronome:metronome:jobs:<group>/<name>` (DC/OS docs,
 * "Granting access to jobs"): a job id's dotted groups are path segments (`JobId` is a `PathId`), a grant on a group
 * covers its jobs, and the bare `…:jobs` covers all. The 403 body is the one Marathon's plugin answers (inferred).
 */
import { isAllowed, type IamAction } from '../../engine/iam/permissions.ts';
import { jsonBody } from '../http.ts';
import type { ApiContext } from '../service.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { identify } from './identity.ts';

const JOBS = 'dcos:service:metronome:metronome:jobs';
const FORBIDDEN: ApiResponse = { status: 403, body: { message: 'Not Authorized to perform this action!' } };
const UNAUTHENTICATED: ApiResponse = { status: 401, body: { message: 'Invalid username or password.' } };

/** Whether `uid` may do `action` on the job `jobId` (`dev.batch.job1`). */
export function mayOnJob(state: ApiContext['state'], uid: string, jobId: string, action: IamAction): boolean {
  const parts = jobId.split('.').filter(Boolean);
  if (isAllowed(state, uid, JOBS, action) || isAllowed(state, uid, `${JOBS}:/${parts.join('/')}`, action)) return true;
  // The docs write the resource without a leading slash (`…:jobs:dev/batch`): its ancestors too.
  for (let n = parts.length; n > 0; n--) if (isAllowed(state, uid, `${JOBS}:${parts.slice(0, n).join('/')}`, action)) return true;
  return false;
}

const bodyId = (body: unknown): string | null => {
  const parsed = jsonBody(body ?? '');
  const value = parsed.ok ? parsed.value : null;
  const id = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['id'] : undefined;
  return typeof id === 'string' ? id : null;
};

/** The action a request on one job needs (`rest`: what follows `/v1/jobs/{id}`). */
function jobAction(method: string, rest: string[]): IamAction {
  if (method === 'GET') return 'read';
  if (method === 'DELETE' && rest.length === 0) return 'delete';
  return 'update';
}

type Item = Record<string, unknown>;
const isItem = (x: unknown): x is Item => typeof x === 'object' && x !== null && !Array.isArray(x);

/** `handle` (Metronome's routes) behind Metronome's authorization of the request's user. */
export function authorizeMetronome(api: ApiContext, req: ApiRequest, segments: string[], handle: () => ApiResponse): ApiResponse {
  const [version, resource, rawId, ...rest] = segments;
  const jobs = (version === 'v1' && resource === 'jobs') || (version === 'v0' && resource === 'scheduled-jobs');
  const queue = version === 'v1' && resource === 'queue';
  if (!jobs && !queue) return handle();
  const uid = identify(api, req);
  if (uid === null) return UNAUTHENTICATED;
  const may = (jobId: string, action: IamAction): boolean => mayOnJob(api.state, uid, jobId, action);
  if (rawId === undefined && req.method === 'POST') {
    const id = bodyId(req.body);
    return id !== null && !may(id, 'create') ? FORBIDDEN : handle();
  }
  if (rawId !== undefined) {
    const action = jobAction(req.method, rest);
    // PUT authorizes the body before the job is looked up (JobSpecController.updateJob); the rest look it up first.
    const known = Object.hasOwn(api.state.metronome.jobs, rawId);
    if ((known || (req.method === 'PUT' && rest.length === 0)) && !may(rawId, action)) return FORBIDDEN;
    return handle();
  }
  const answer = handle();
  if (answer.status !== 200 || !Array.isArray(answer.body)) return answer;
  const key = queue ? 'jobId' : 'id';
  return { ...answer, body: answer.body.filter((item) => isItem(item) && may(String(item[key]), 'read')) };
}
