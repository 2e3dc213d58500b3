/** `/v1/jobs/{id}/schedules[/{scheduleId}]` (MT:api/…/v1/controllers/JobScheduleController.scala). */
import { validateCron } from '../../common/metronome/cron.ts';
import { readScheduleSpec } from '../../common/metronome/validate-job.ts';
import { addSchedule, deleteSchedule, jobOf, replaceSchedule, type JobOp } from '../../engine/metronome/jobs.ts';
import type { ScheduleSpec } from '../../common/metronome/job-spec.ts';
import type { ApiContext } from '../service.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { answer, unknownJob, unknownRoute, unknownSchedule, type BodyReader } from './answer.ts';
import { jobScheduleJson } from './json.ts';

export function schedulesRoute(
  api: ApiContext,
  req: ApiRequest,
  jobId: string,
  rest: string[],
  requestPath: string,
  readBody: BodyReader,
): ApiResponse {
  const { state, ctx } = api;
  const job = jobOf(state, jobId);
  const shown = (s: ScheduleSpec): unknown => (job ? jobScheduleJson(state, ctx.now, job, s) : s);
  const done = (op: JobOp<ScheduleSpec>, status: number, sid?: string): ApiResponse => {
    if (op.ok) return answer(status, status === 200 && req.method === 'DELETE' ? '' : shown(op.value));
    if (op.message === 'Job not found') return unknownJob(jobId);
    if (op.message === 'Schedule not found') return unknownSchedule(sid ?? '');
    return answer(op.status, { message: op.message });
  };
  if (rest.length === 0) {
    if (req.method === 'GET') return job ? answer(200, job.spec.schedules.map(shown)) : unknownJob(jobId);
    if (req.method !== 'POST') return unknownRoute(requestPath);
    const body = readBody(req.body);
    if (!body.ok) return body.response;
    const read = readScheduleSpec(body.value, { validateCron });
    if (!read.ok) return answer(read.status, read.body);
    return done(addSchedule(ctx, state, jobId, read.schedule), 201);
  }
  if (rest.length !== 1) return unknownRoute(requestPath);
  const sid = rest[0]!;
  if (req.method === 'GET') {
    if (!job) return unknownJob(jobId);
    const s = job.spec.schedules.find((x) => x.id === sid);
    return s ? answer(200, shown(s)) : unknownSchedule(sid);
  }
  if (req.method === 'DELETE') return done(deleteSchedule(ctx, state, jobId, sid), 200, sid);
  if (req.method !== 'PUT') return unknownRoute(requestPath);
  const body = readBody(req.body);
  if (!body.ok) return body.response;
  const read = readScheduleSpec(body.value, { validateCron });
  if (!read.ok) return answer(read.status, read.body);
  // The path's id wins over the body's (JobScheduleController.scala:69-86).
  return done(replaceSchedule(ctx, state, jobId, { ...read.schedule, id: sid }), 200, sid);
}
