/** The scenario: everything needed to rebuild a cluster and its history (with the seed). */
import type { MarathonFlags } from '../marathon/flags.ts';

export interface ScalarResources {
  cpus: number;
  mem: number;
  disk: number;
  gpus: number;
}

/** Port ranges, inclusive: [[1025, 2180], [2182, 3887]]. */
export type PortRanges = Array<[number, number]>;

export interface AgentResources extends ScalarResources {
  ports: PortRanges;
}

/** An agent disk other than its ROOT disk: MB, at `root`. */
export interface DiskSpec {
  type: 'MOUNT' | 'PATH';
  root: string;
  size: number;
}

export type Reservation = Partial<ScalarResources> & { ports?: PortRanges };

export interface AgentSpec {
  hostname: string;
  public: boolean;
  resources: AgentResources;
  attributes: Record<string, string | number>;
  reservations: Record<string, Reservation>;
  /**
   * Disks besides the ROOT disk (`resources.disk`), as DC/OS's agent start-up lists them: one MOUNT disk per
   * `/dcos/volumeN` mount, PATH disks if declared. Absent: none. On a public agent they are reserved to slave_public.
   */
  disks?: DiskSpec[];
  /** Stamp out this many identical agents; hostnames get a numeric suffix. */
  count: number;
}

export interface QuotaSpec {
  cpus?: number;
  mem?: number;
  disk?: number;
  gpus?: number;
}

export interface RoleSpec {
  weight: number;
  quota?: QuotaSpec;
}

export interface TaskSpec {
  cpus: number;
  mem: number;
  disk: number;
  gpus: number;
  /** Number of host ports each task takes from the offer. */
  ports: number;
}

/** A synthetic load framework: a queue of identical tasks. */
export interface FrameworkSpec {
  name: string;
  role: string;
  task: TaskSpec;
  /** How many tasks to run in all; 'unlimited' keeps the queue full forever. */
  instances: number | 'unlimited';
  tasksPerOffer: number;
  refuseSeconds: number;
  /** null = tasks run until killed. */
  taskDurationSeconds: number | null;
}

/** How an app's tasks behave, so users can experiment with failures. */
export interface AppBehavior {
  /** Probability that one health check of a task fails. */
  healthCheckFailureRate: number;
  /** Probability that a new task exits with an error shortly after it starts. */
  startFailureRate: number;
  /** Mean seconds a task runs before it crashes; null = it runs until killed. */
  meanSecondsToCrash: number | null;
  /** Seconds after it starts running before the task answers its readiness check as ready; null = never; absent = at once. */
  secondsUntilReady?: number | null;
  /** How much CPU and memory its tasks use over time (src/engine/usage); absent: steady, a modest per-task share of its limits. */
  usage?: UsageSpec;
}

/** The shapes of resource use over time a task may follow (docs/metrics.md). */
export type UsageProfile = 'steady' | 'sawtooth' | 'leak' | 'spike';

/**
 * A task's resource use over a run: CPUs and memory as functions of the time since it started, bounded by its
 * limits. Absent numbers fall back to a per-task share of the task's limits (hashed from its id, never drawn).
 */
export interface UsageSpec {
  profile: UsageProfile;
  /** CPUs used (the steady level; the level between spikes). */
  cpus?: number;
  /** MB of memory used at start (steady: always). */
  memMb?: number;
  /** leak: MB more every minute, until the memory limit kills it (REASON_CONTAINER_LIMITATION_MEMORY). */
  memMbPerMinute?: number;
  /** sawtooth: MB reached before the memory drops back to memMb (a collection). */
  peakMemMb?: number;
  /** sawtooth: seconds per tooth; spike: seconds from one spike to the next. */
  periodSeconds?: number;
  /** spike: CPUs wanted during a spike (bounded by the limit; the rest is throttled). */
  spikeCpus?: number;
  /** spike: how long each spike lasts. */
  spikeSeconds?: number;
}

/** DC/OS' root Marathon: its Mesos role and the apps it starts with. */
export interface MarathonSpec {
  /** --mesos_role: DC/OS's `slave_public` unless the scenario names another. */
  role: string;
  /**
   * Marathon 1.9's --default_accepted_resource_roles (removed in 1.10), still read: when set it decides which
   * offers an app without acceptedResourceRoles takes; null = flags.accepted_resource_roles_default_behavior.
   */
  defaultAcceptedResourceRoles: string[] | null;
  /** Flags that differ from those DC/OS starts Marathon with (`DCOS_MARATHON_FLAGS`). */
  flags: Partial<MarathonFlags>;
  /** Marathon app definitions (JSON as posted to /v2/apps), deployed at boot. */
  apps: unknown[];
  /** Behaviour by app id. */
  behavior: Record<string, AppBehavior>;
}

export interface ClusterSpec {
  name: string;
  masters: number;
  agents: AgentSpec[];
  roles: Record<string, RoleSpec>;
  allocationIntervalMs: number;
  /** --max_agent_ping_timeouts: pings of 15 s an agent may miss before it is unreachable (Mesos 5, DC/OS 20). */
  maxAgentPingTimeouts: number;
  /**
   * DC/OS's virtual networks `dcos` and `dcos6` (the overlay module): on by default, as in DC/OS; false is a cluster
   * installed with `dcos_overlay_enable: false`. Scenario files of version 1 had no such field and get it on.
   */
  overlay: boolean;
}

/** A user action: an API call made at a simulated time (ms since the cluster started). */
export interface ScriptAction {
  at: number;
  /** `headers`: those the write was sent with (Cosmos reads its versioned media types), absent when none. */
  request: { method: 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; body?: unknown; headers?: Record<string, string> };
}

/** How a job's tasks behave (the sandbox's own; see src/engine/metronome/behavior.ts). */
export interface JobBehaviorSpec {
  /** Seconds a task runs once RUNNING before it exits. */
  durationSeconds: number;
  /** 0..1: the chance that a task exits non-zero instead of finishing. */
  failureRate: number;
}

/** DC/OS Jobs: the jobs present at boot (JSON as posted to Metronome's /v1/jobs, schedules included) and their behaviour. */
export interface MetronomeSpec {
  jobs: unknown[];
  /** By job id; a job without one runs `sleep N` for N s (else 10 s) and never fails. */
  behavior: Record<string, Partial<JobBehaviorSpec>>;
}

export interface Scenario {
  seed: number;
  cluster: ClusterSpec;
  frameworks: FrameworkSpec[];
  marathon: MarathonSpec;
  /** Absent: no jobs (every scenario from before Metronome). */
  metronome?: MetronomeSpec;
  /** Every action, in the order it was made: replaying them at their times gives the same history. */
  script: ScriptAction[];
}
