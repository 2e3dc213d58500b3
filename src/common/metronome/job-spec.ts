/**
 * A Metronome job as stored, every default applied (MT:jobs/src/main/scala/dcos/metronome/model/JobSpec.scala,
 * JobRunSpec.scala:31-49; the API reads of MT:api/src/main/scala/dcos/metronome/api/v1/models/package.scala).
 * Optional fields without a default are absent, as upstream's `Option`s.
 */

export type ConstraintOperator = 'IS' | 'LIKE' | 'UNLIKE';

export interface ConstraintSpec {
  attribute: string;
  /** `EQ` is read as `IS` and written back as `IS` (JOBS/model/PlacementSpec.scala:11-25). */
  operator: ConstraintOperator;
  value?: string;
}

export interface Artifact {
  uri: string;
  extract: boolean;
  executable: boolean;
  cache: boolean;
}

export interface DockerSpec {
  image: string;
  privileged: boolean;
  parameters: { key: string; value: string }[];
  forcePullImage: boolean;
}

export interface UcrSpec {
  image: { id: string; kind: 'docker' | 'appc'; forcePull: boolean };
  privileged: boolean;
}

export type Volume = { containerPath: string; hostPath: string; mode: 'RO' | 'RW' } | { containerPath: string; secret: string };

export interface RestartSpec {
  policy: 'NEVER' | 'ON_FAILURE';
  /** Absent: retry forever; 0: never restart. */
  activeDeadlineSeconds?: number;
}

export interface NetworkSpec {
  name?: string;
  mode: 'host' | 'container/bridge' | 'container';
  labels: Record<string, string>;
}

export type EnvValue = string | { secret: string };

export interface JobRunSpec {
  cpus: number;
  mem: number;
  disk: number;
  gpus: number;
  cmd?: string;
  args?: string[];
  user?: string;
  env: Record<string, EnvValue>;
  placement: { constraints: ConstraintSpec[] };
  artifacts: Artifact[];
  maxLaunchDelay: number;
  docker?: DockerSpec;
  ucr?: UcrSpec;
  volumes: Volume[];
  restart: RestartSpec;
  taskKillGracePeriodSeconds?: number;
  secrets: Record<string, { source?: string }>;
  networks: NetworkSpec[];
}

export interface ScheduleSpec {
  id: string;
  cron: string;
  timezone: string;
  startingDeadlineSeconds: number;
  concurrencyPolicy: 'ALLOW' | 'FORBID';
  enabled: boolean;
}

export interface JobSpec {
  id: string;
  description?: string;
  dependencies: string[];
  labels: Record<string, string>;
  schedules: ScheduleSpec[];
  run: JobRunSpec;
}

/** JobRunSpec.scala:31-49 (cpus/mem/disk cannot default through the API: the schema requires them). */
export const RUN_DEFAULTS = {
  cpus: 1,
  mem: 128,
  disk: 0,
  gpus: 0,
  maxLaunchDelay: 3600,
  restartPolicy: 'NEVER',
} as const;

/** package.scala:46-49: `extract` defaults to true, the others to false. */
export const ARTIFACT_DEFAULTS = { extract: true, executable: false, cache: false } as const;

/** ScheduleSpec.scala:32 and package.scala:136-154. */
export const SCHEDULE_DEFAULTS = {
  timezone: 'UTC',
  startingDeadlineSeconds: 900,
  concurrencyPolicy: 'ALLOW',
  enabled: true,
} as const;

/**
 * The constraints Metronome hands to Marathon's matcher: one without `value` is dropped, so it never filters
 * (JOBS/utils/glue/MarathonImplicits.scala:60-87). The job keeps and shows it.
 */
export function effectiveConstraints(run: JobRunSpec): Required<ConstraintSpec>[] {
  return run.placement.constraints.filter((c): c is Required<ConstraintSpec> => c.value !== undefined);
}
