/** `GET|PUT /sandbox/v1/metronome/jobs/{id}/behavior`: how long a job's tasks run and their chance to fail (the sandbox's own). */
import { jobOf, setJobBehavior } from '../../engine/metronome/jobs.ts';
import type { JobBehavior } from '../../engine/metronome/model.ts';
import { jsonBody, methodNotAllowed } from '../http.ts';
import type { ApiContext } from '../service.ts';
import type { JobBehaviorJson } from '../shapes/metronome.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';

/** A task runs at most a week of simulated time. */
const MAX_DURATION_SECONDS = 7 * 24 * 3600;

export function jobBehaviorRoute(api: ApiContext, req: ApiRequest, id: string): ApiResponse {
  const job = jobOf(api.state, id);
  if (!job) return { status: 404, body: { message: `Job '${id}' does not exist` } };
  if (req.method === 'GET') return { status: 200, body: { ...job.behavior } satisfies JobBehaviorJson };
  if (req.method !== 'PUT') return methodNotAllowed(['GET', 'PUT'], req.method);
  const body = jsonBody(req.body);
  if (!body.ok || typeof body.value !== 'object' || body.value === null || Array.isArray(body.value))
    return { status: 400, body: { message: 'expected a JSON object' } };
  const patch: Partial<JobBehavior> = {};
  for (const [key, value] of Object.entries(body.value)) {
    if (key === 'durationSeconds') {
      if (typeof value !== 'number' || !(value > 0) || value > MAX_DURATION_SECONDS)
        return { status: 400, body: { message: `durationSeconds must be a positive number of seconds (at most ${MAX_DURATION_SECONDS})` } };
      patch.durationSeconds = value;
    } else if (key === 'failureRate') {
      if (typeof value !== 'number' || !(value >= 0 && value <= 1))
        return { status: 400, body: { message: 'failureRate must be a number between 0 and 1' } };
      patch.failureRate = value;
    } else return { status: 400, body: { message: `unknown field '${key}' (expected one of: durationSeconds, failureRate)` } };
  }
  const done = setJobBehavior(api.state, id, patch);
  return done.ok ? { status: 200, body: { ...done.value } satisfies JobBehaviorJson } : { status: 404, body: { message: done.message } };
}
