/**
 * Metronome's v1 API as the Jobs pages use it (the DC/OS UI's MetronomeClient.ts calls, docs/metronome-sources.md
 * §7.3), over the sandbox's in-process HTTP API, and the sandbox's own job behaviour. Every call answers a `Result`.
 */
import type { ApiRequest, ApiResponse } from '../../../api/types.ts';
import type { JobBehaviorJson, JobJson, JobRunJson, ScheduleJson } from '../../../api/shapes/metronome.ts';
import type { MesosTask, MesosTaskList } from '../../../api/shapes/mesos.ts';
import { SIM_EPOCH_MS } from '../../../common/clock.ts';
import type { Json } from '../services/form-fields.ts';
import type { ApiProblem } from '../services/marathon-types.ts';
import { isObject, readProblem } from '../services/marathon-read.ts';
import { scheduleDetails } from './job-form.ts';

export type Requester = (req: ApiRequest) => Promise<ApiResponse>;
export type Result<T> = { ok: true; value: T } | { ok: false; problem: ApiProblem };

const V1 = '/service/metronome/v1/jobs';
export const LIST_PATH = `${V1}?embed=activeRuns&embed=schedules&embed=historySummary`;

const jobPath = (id: string): string => `${V1}/${encodeURIComponent(id)}`;

const failed = (e: unknown): Result<never> => ({
  ok: false,
  problem: { status: 0, message: e instanceof Error ? e.message : String(e), details: [], deployments: [] },
});

export class JobsClient {
  readonly #request: Requester;

  constructor(request: Requester) {
    this.#request = request;
  }

  async #call<T>(req: ApiRequest): Promise<Result<T>> {
    let res: ApiResponse;
    try {
      res = await this.#request(req);
    } catch (e) {
      return failed(e);
    }
    if (res.status >= 200 && res.status < 300) return { ok: true, value: res.body as T };
    return { ok: false, problem: readProblem(res.status, res.body) };
  }

  list(): Promise<Result<JobJson[]>> {
    return this.#call({ method: 'GET', path: LIST_PATH });
  }

  job(id: string): Promise<Result<JobJson>> {
    return this.#call({ method: 'GET', path: `${jobPath(id)}?embed=activeRuns&embed=history&embed=schedules` });
  }

  /**
   * POST /v1/jobs with its schedule in the body, so a bad schedule is refused with the job (422 at `/schedules(0)/…`)
   * and nothing is half made. Should the answer come back without the schedule, it is added as the DC/OS UI adds it.
   */
  async create(json: Json): Promise<Result<JobJson>> {
    const created = await this.#call<JobJson>({ method: 'POST', path: V1, body: json });
    if (!created.ok) return created;
    const wanted = Array.isArray(json.schedules) ? json.schedules[0] : undefined;
    if (wanted === undefined || created.value.schedules?.length > 0) return created;
    const schedule = await this.#schedule('POST', String(json.id), wanted);
    return schedule.ok ? created : schedule;
  }

  /**
   * PUT /v1/jobs/{id} (Metronome keeps the stored schedules whatever the body says, §5.1), then the schedule: PUT
   * when it keeps its id, POST when there was none (or it was renamed: the old one goes first), DELETE when removed.
   */
  async update(id: string, json: Json, stored: readonly ScheduleJson[]): Promise<Result<JobJson>> {
    const updated = await this.#call<JobJson>({ method: 'PUT', path: jobPath(id), body: json });
    if (!updated.ok) return updated;
    const wanted = Array.isArray(json.schedules) && isObject(json.schedules[0]) ? json.schedules[0] : undefined;
    const before = stored[0];
    if (before && (!wanted || wanted.id !== before.id)) {
      const removed = await this.#call({ method: 'DELETE', path: `${jobPath(id)}/schedules/${encodeURIComponent(before.id)}` });
      if (!removed.ok) return removed;
    }
    if (wanted) {
      const same = before !== undefined && wanted.id === before.id;
      const schedule = await this.#schedule(same ? 'PUT' : 'POST', id, wanted);
      if (!schedule.ok) return schedule;
    }
    return updated;
  }

  async #schedule(method: 'POST' | 'PUT', jobId: string, schedule: unknown): Promise<Result<unknown>> {
    const sid = isObject(schedule) ? String(schedule.id) : '';
    const path = method === 'POST' ? `${jobPath(jobId)}/schedules` : `${jobPath(jobId)}/schedules/${encodeURIComponent(sid)}`;
    const r = await this.#call({ method, path, body: schedule });
    if (r.ok) return r;
    // The schedule's own paths (`/cron`) are the job's `/schedules(0)/cron`: the form and the editor place them.
    return { ok: false, problem: { ...r.problem, details: scheduleDetails(r.problem.details) } };
  }

  /** Turn the first schedule on or off, keeping the rest of it. */
  setScheduleEnabled(jobId: string, schedule: ScheduleJson, enabled: boolean): Promise<Result<unknown>> {
    const { nextRunAt: _, ...rest } = schedule;
    return this.#schedule('PUT', jobId, { ...rest, enabled });
  }

  remove(id: string, stopCurrentJobRuns: boolean): Promise<Result<unknown>> {
    return this.#call({ method: 'DELETE', path: `${jobPath(id)}?stopCurrentJobRuns=${stopCurrentJobRuns}` });
  }

  runNow(id: string): Promise<Result<JobRunJson>> {
    return this.#call({ method: 'POST', path: `${jobPath(id)}/runs`, body: {} });
  }

  stopRun(id: string, runId: string): Promise<Result<JobRunJson>> {
    return this.#call({ method: 'POST', path: `${jobPath(id)}/runs/${encodeURIComponent(runId)}/actions/stop` });
  }

  behavior(id: string): Promise<Result<JobBehaviorJson>> {
    return this.#call({ method: 'GET', path: `/sandbox/v1/metronome/jobs/${encodeURIComponent(id)}/behavior` });
  }

  setBehavior(id: string, behavior: JobBehaviorJson): Promise<Result<JobBehaviorJson>> {
    return this.#call({ method: 'PUT', path: `/sandbox/v1/metronome/jobs/${encodeURIComponent(id)}/behavior`, body: behavior });
  }

  /** A finished task as Mesos keeps it (the job's history keeps only task ids), or null when Mesos does not know it. */
  async task(taskId: string): Promise<FinishedTask | null> {
    const r = await this.#call<MesosTaskList>({ method: 'GET', path: `/mesos/master/tasks?task_id=${encodeURIComponent(taskId)}` });
    const task = r.ok ? r.value.tasks?.[0] : undefined;
    return task ? finishedTask(task) : null;
  }
}

/** A task of a finished run: its last state, when it started running and when it ended (simulated ms). */
export interface FinishedTask {
  state: string;
  startedAt: number | null;
  endedAt: number | null;
}

/** Mesos' statuses (oldest first, epoch seconds) read as the run history shows a task. */
export function finishedTask(task: Pick<MesosTask, 'state' | 'statuses'>): FinishedTask {
  const sim = (s: number | undefined): number | null => (s === undefined ? null : Math.round(s * 1000) - SIM_EPOCH_MS);
  const running = task.statuses.find((s) => s.state === 'TASK_RUNNING') ?? task.statuses[0];
  const last = task.statuses.at(-1);
  const ended = last !== undefined && last.state === task.state && !/RUNNING|STAGING|STARTING/.test(last.state);
  return { state: task.state, startedAt: sim(running?.timestamp), endedAt: ended ? sim(last.timestamp) : null };
}
