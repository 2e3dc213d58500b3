/**
 * DC/OS Jobs (Metronome) as plain data: job specs, their active runs and histories, what ZooKeeper keeps
 * (`/metronome/state/job-specs`, `job-runs`, `job-histories`), and the schedule timer of each job. See
 * docs/metronome-sources.md for what upstream does and docs/metronome.md for what the sandbox chose.
 */
import type { JobRunSpec, JobSpec } from '../../common/metronome/job-spec.ts';
import type { JobRunStatus, JobTaskStatus } from '../../common/metronome/run-states.ts';

/** How a job's tasks behave in the sandbox: how long they run, and the chance that one exits non-zero. */
export interface JobBehavior {
  durationSeconds: number;
  failureRate: number;
}

/** A task of a run as Metronome saw it (JOBS/model/JobRun.scala:21). */
export interface RunTask {
  id: string;
  /** When Metronome first heard of it. */
  startedAt: number;
  /** Only once it reached TASK_FINISHED. */
  completedAt?: number;
  status: JobTaskStatus;
}

/** An active run: finished ones leave for the job's history at once. */
export interface RunRecord {
  /** `yyyyMMddHHmmss` + 5 alphanumerics (JobRunId.scala:15-23). */
  id: string;
  status: Exclude<JobRunStatus, 'SUCCESS' | 'FAILED'>;
  createdAt: number;
  tasks: RunTask[];
  /** A task of it waits in the launch queue for an offer. */
  queued: boolean;
  /** Scheduled runs: aborted if no task is active by then (null for a run started by hand). */
  startingDeadlineAt: number | null;
  /**
   * The job's run spec when the run started: a run keeps it whatever a later PUT changes (JobRun.jobSpec; its
   * Marathon app, resources and restart policy come from it). Absent in runs saved before it was kept.
   */
  spec?: JobRunSpec;
}

export interface FinishedRun {
  id: string;
  createdAt: number;
  finishedAt: number;
  tasks: string[];
}

/** JOBS/model/JobHistory.scala: counts uncapped, each list newest first and capped at HISTORY_COUNT. */
export interface JobHistory {
  successCount: number;
  failureCount: number;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  successful: FinishedRun[];
  failed: FinishedRun[];
}

/** The schedule actor of a job whose first schedule is enabled: the cron time it waits for, and when it fires. */
export interface ScheduleTimer {
  scheduleId: string;
  /** The cron time (simulated ms). */
  cronAt: number;
  /** When the timer fires: at least MIN_SCHEDULE_DELAY_S after it was set. */
  fireAt: number;
  /** Matches the `metronome.fire` event that belongs to this timer. */
  token: number;
}

export interface JobRecord {
  spec: JobSpec;
  behavior: JobBehavior;
  runs: RunRecord[];
  /** null until the job's first run starts (JobHistoryServiceActor.scala:58-62). */
  history: JobHistory | null;
  /** null without an enabled first schedule, or while no Metronome leads. */
  timer: ScheduleTimer | null;
  /** Cron times that passed while nobody could fire them (the sandbox's own count; Metronome keeps none). */
  missed: number;
}

export interface MetronomeState {
  frameworkId: string;
  /** By job id, in creation order. */
  jobs: Record<string, JobRecord>;
  /** Task id → the id of the job whose run it belongs to. */
  taskJob: Record<string, string>;
  /** Bumps for each timer set, so a fire of a replaced timer is void. */
  timerSeq: number;
  /** When Metronome last revived offers, and whether a revive waits for the end of the interval (absent in older snapshots). */
  lastReviveAt?: number | null;
  revivePending?: boolean;
  /** Moves on with each task id, so ids made in one millisecond differ (absent in older snapshots). */
  uuidTick?: number;
  /** A cluster saved before Metronome: its masters start Metronome when it resumes. */
  unstarted?: true;
}

/** metronome.history.count (MetronomeConfig.scala:46). */
export const HISTORY_COUNT = 1000;

export function emptyMetronome(frameworkId: string): MetronomeState {
  return { frameworkId, jobs: {}, taskJob: {}, timerSeq: 0 };
}
