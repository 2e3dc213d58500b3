/** `/v1/jobs/{id}/runs[/{runId}[/actions/stop]]` (MT:api/…/v1/controllers/JobRunController.scala). */
import { jobOf, runNow, stopRun } from '../../engine/metronome/jobs.ts';
import type { ApiContext } from '../service.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { answer, unknownJob, unknownRun, unknownRoute } from './answer.ts';
import { runJson } from './json.ts';

export function runsRoute(api: ApiContext, req: ApiRequest, jobId: string, rest: string[], requestPath: string): ApiResponse {
  const { state, ctx } = api;
  if (rest.length === 0) {
    if (req.method === 'GET') {
      const job = jobOf(state, jobId);
      return job
        ? answer(
            200,
            job.runs.map((r) => runJson(jobId, r)),
          )
        : unknownJob(jobId);
    }
    if (req.method === 'POST') {
      const started = runNow(ctx, state, jobId);
      return started.ok ? answer(201, runJson(jobId, started.value)) : unknownJob(jobId);
    }
    return unknownRoute(requestPath);
  }
  const runId = rest[0]!;
  if (rest.length === 1 && req.method === 'GET') {
    // The run registry is asked directly, not the job: an unknown job is an unknown run too. Only active runs are
    // kept; a finished one is in the history (JobRunController.scala:53-63; JobRunServiceActor.scala:53).
    const run = jobOf(state, jobId)?.runs.find((r) => r.id === runId);
    return run ? answer(200, runJson(jobId, run)) : unknownRun(jobId, runId);
  }
  if (rest.length === 3 && rest[1] === 'actions' && rest[2] === 'stop' && req.method === 'POST') {
    const stopped = stopRun(ctx, state, jobId, runId);
    if (!stopped.ok) return stopped.message === 'Job not found' ? unknownJob(jobId) : unknownRun(jobId, runId);
    return answer(200, runJson(jobId, stopped.value, { status: 'FAILED', at: ctx.now }));
  }
  return unknownRoute(requestPath);
}
