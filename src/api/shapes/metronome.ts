/**
 * Metronome's JSON as the sandbox answers it behind Admin Router (`/service/metronome/v1/...`): jobs with their
 * embeds, runs, history, schedules and the launch queue (MT:api/src/main/scala/dcos/metronome/api/v1/models/package.scala;
 * see docs/metronome-sources.md §1.3–§5). Timestamps are `yyyy-MM-dd'T'HH:mm:ss.SSS+0000`. Types only.
 */

import type { JobRunStatus, JobTaskStatus } from '../../common/metronome/run-states.ts';

export type { JobRunStatus, JobTaskStatus };

export interface ScheduleJson {
  id: string;
  cron: string;
  timezone: string;
  startingDeadlineSeconds: number;
  concurrencyPolicy: 'ALLOW' | 'FORBID';
  enabled: boolean;
  /** The next cron time after now, in the schedule's cron (also for a disabled schedule). */
  nextRunAt?: string;
}

export interface ConstraintJson {
  attribute: string;
  operator: 'IS' | 'LIKE' | 'UNLIKE';
  value?: string;
}

/** The `run` of a job, every defaulted field written. */
export interface JobRunSpecJson {
  cpus: number;
  mem: number;
  disk: number;
  gpus: number;
  cmd?: string;
  args?: string[];
  user?: string;
  env: Record<string, string | { secret: string }>;
  placement: { constraints: ConstraintJson[] };
  artifacts: { uri: string; extract: boolean; executable: boolean; cache: boolean }[];
  maxLaunchDelay: number;
  docker?: { image: string; privileged: boolean; parameters: { key: string; value: string }[]; forcePullImage: boolean };
  ucr?: { image: { id: string; kind: 'docker' | 'appc'; forcePull: boolean }; privileged: boolean };
  volumes: ({ containerPath: string; hostPath: string; mode: 'RO' | 'RW' } | { containerPath: string; secret: string })[];
  restart: { policy: 'NEVER' | 'ON_FAILURE'; activeDeadlineSeconds?: number };
  taskKillGracePeriodSeconds?: number;
  secrets: Record<string, { source?: string }>;
  networks: { name?: string; mode: 'host' | 'container/bridge' | 'container'; labels?: Record<string, string> }[];
}

/** One task of a run: `completedAt` only once the task reached TASK_FINISHED. */
export interface JobRunTaskJson {
  id: string;
  startedAt: string;
  completedAt?: string;
  status: JobTaskStatus;
}

/** An active run (`GET …/runs`, `embed=activeRuns`), or the answer of a start or a stop. */
export interface JobRunJson {
  id: string;
  jobId: string;
  status: JobRunStatus;
  createdAt: string;
  completedAt: string | null;
  tasks: JobRunTaskJson[];
}

export interface JobHistorySummaryJson {
  successCount: number;
  failureCount: number;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
}

/** A finished run in a job's history. */
export interface JobHistoryRunJson {
  id: string;
  createdAt: string;
  finishedAt: string;
  tasks: string[];
}

export interface JobHistoryJson extends JobHistorySummaryJson {
  /** Newest first, at most 1000 each. */
  successfulFinishedRuns: JobHistoryRunJson[];
  failedFinishedRuns: JobHistoryRunJson[];
}

/** A job; the embedded keys appear as `?embed=` asked (in a list, `activeRuns` only for jobs that have one). */
export interface JobJson {
  id: string;
  description?: string;
  dependencies: { id: string }[];
  labels: Record<string, string>;
  run: JobRunSpecJson;
  schedules: ScheduleJson[];
  activeRuns?: JobRunJson[];
  history?: JobHistoryJson;
  historySummary?: JobHistorySummaryJson;
}

/** `GET /v1/queue`: the runs waiting for an offer, by job. */
export interface JobQueueEntryJson {
  jobId: string;
  runs: { runId: string }[];
}

/** Metronome's 422 body (and the other `{message}` errors). */
export interface MetronomeErrorJson {
  message: string;
  details?: { path: string; errors: string[] }[];
}

/**
 * How the sandbox makes a job's tasks behave (`GET|PUT /sandbox/v1/metronome/jobs/{id}/behavior`; the scenario's
 * `metronome.behavior`): how long a task runs, and the chance that it exits non-zero.
 */
export interface JobBehaviorJson {
  /** Seconds a task runs before it exits. */
  durationSeconds: number;
  /** 0..1: the chance that a task exits with an error instead of finishing. */
  failureRate: number;
}
