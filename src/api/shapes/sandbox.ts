/** The sandbox's own API beside DC/OS's (`/sandbox/v1/...`, src/api/sandbox/ builds it). Types only. */

/** The stages of the DC/OS offer funnel, in order. */
export type PlacementStageName = 'role' | 'constraints' | 'cpus' | 'mem' | 'disk' | 'gpus' | 'ports';

export interface PlacementStage {
  stage: PlacementStageName;
  /** Agents that reached the stage and passed it. */
  passed: number;
  failed: number;
}

/** An agent where one more instance does not fit, and the first stage it fails. */
export interface PlacementFailure {
  hostname: string;
  agentId: string;
  stage: PlacementStageName;
  detail: string;
}

/** GET /sandbox/v1/marathon/apps/{id}/placement: why an app waits. */
export interface Placement {
  appId: string;
  /** Instances waiting to launch. */
  waiting: number;
  /** Registered agents checked. */
  agents: number;
  /** Agents where one more instance fits now. */
  fits: number;
  stages: PlacementStage[];
  /** The failing agents, at most 500 of them (`failuresOmitted` counts the rest). */
  failures: PlacementFailure[];
  failuresOmitted: number;
  /**
   * The smallest changes after which every waiting instance places, smallest first, each tried
   * against the same checks the placement runs; none when nothing waits.
   */
  suggestions: PlacementSuggestion[];
  /** Remarks beside the changes: the instances only wait for offers, a launch backoff, no agent. */
  notes: string[];
}

/** One change, as a sentence and machine-readable. */
export interface PlacementSuggestion {
  text: string;
  change: PlacementChange;
  /** Size of the change (0 none … 1 a constraint dropped), the ranking key. */
  size: number;
}

/** A change to the app definition (`cpus` … `scale`) or to the cluster (`addAgents`). */
export type PlacementChange =
  | { kind: 'cpus' | 'mem' | 'disk' | 'gpus'; from: number; to: number }
  /** Host ports per instance. */
  | { kind: 'ports'; from: number; to: number }
  | { kind: 'requirePorts'; from: true; to: false }
  | { kind: 'acceptedResourceRoles'; from: string[]; to: string[] }
  | { kind: 'relaxConstraint'; constraint: string[]; to: string[] }
  | { kind: 'dropConstraint'; constraint: string[] }
  /** `count` agents like the agent `like` (hostname), with at least `atLeast` resources when set. */
  | { kind: 'addAgents'; count: number; like: string; atLeast?: Partial<Record<'cpus' | 'mem' | 'disk' | 'gpus' | 'ports', number>> }
  | { kind: 'scale'; from: number; to: number };

export type NotableEventKind = 'deployment' | 'failure' | 'recovery' | 'leader';

/** Something the cluster did that the time bar marks: a deployment done, a task or an agent lost, an agent back, a new leader. */
export interface NotableEvent {
  /** Simulated ms. */
  at: number;
  kind: NotableEventKind;
  label: string;
}

/** GET /sandbox/v1/events, oldest first. */
export interface NotableEventList {
  /** The newest events (the cluster keeps a bounded number). */
  events: NotableEvent[];
  /** How many there have been. */
  total: number;
}

/** An agent as installed by POST /sandbox/v1/agents (or as GET /sandbox/v1/agents/defaults would install it). */
export interface SandboxAgent {
  id: string;
  hostname: string;
  ip: string;
  public: boolean;
  /** Totals over all its pools; a public agent reserves them all to slave_public. */
  resources: { cpus: number; mem: number; disk: number; gpus: number };
  attributes: Record<string, string | number>;
}

/** The body of POST /sandbox/v1/agents: every field optional, defaults from the cluster's typical agent of the kind. */
export interface NewAgentBody {
  hostname?: string;
  public?: boolean;
  resources?: Partial<SandboxAgent['resources']>;
  attributes?: Record<string, string | number>;
}

/** DELETE /sandbox/v1/agents/{id or hostname}: the agent marked gone, and how many of its tasks ended with it. */
export interface DecommissionedAgent {
  id: string;
  hostname: string;
  tasks: number;
}

export type JobMarkKind = 'job-success' | 'job-failure' | 'job-upcoming';

/** A run of a job on the time bar: finished (at its end) or scheduled (when its timer is due to fire). */
export interface JobMark {
  /** Simulated ms: `finishedAt` of a finished run; for a scheduled one, when the schedule's timer fires. */
  at: number;
  kind: JobMarkKind;
  /** `Job backup: run 20260101000500a1b2c succeeded`, `Job backup: scheduled 00:05 UTC`. */
  label: string;
}

/** GET /sandbox/v1/metronome/marks?from=&to=: finished runs in [from, now] and scheduled ones in (now, to], oldest first. */
export interface JobMarkList {
  marks: JobMark[];
  /** Marks the bounds left out: older finished runs (`done`), later scheduled times (`upcoming`). */
  truncated: { done: boolean; upcoming: boolean };
  /** Runs active now: their outcome is not a mark yet. */
  activeRuns: number;
  /** Jobs whose schedule timer is set (an enabled first schedule and a Metronome leading). */
  scheduledJobs: number;
}
