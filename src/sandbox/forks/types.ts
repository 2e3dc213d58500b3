/**
 * What-if forks (docs/what-if-forks.md): a cluster forked at a moment into variants that differ by API writes made
 * at that moment, each run on its own from the same seed, then compared. All plain data: it crosses to the page.
 */
import type { ApiRequest } from '../../api/types.ts';
import type { Scenario } from '../../common/scenario/types.ts';

/** One variant as asked for: a name and the writes it makes at the fork (none: the cluster as it was). */
export interface Variant {
  name: string;
  writes: ApiRequest[];
}

/**
 * A variant ready to run: the base scenario with its script up to `at`, then the variant's `changes` writes at
 * `at` (the script's last `changes` actions). Run as a plain scenario it gives the same history as `runVariant`.
 */
export interface VariantScenario {
  name: string;
  at: number;
  scenario: Scenario;
  changes: number;
}

/** A role at one moment, as the frame has it (src/common/view-types.ts RoleShare). */
export interface RoleSample {
  role: string;
  /** Dominant share of what the role's tasks use (offers left out), not divided by the weight. */
  share: number;
  weight: number;
  tasks: number;
}

/** A Marathon app at one moment: `/marathon/v2/apps` and `/marathon/v2/queue`, and why it waits. */
export interface AppSample {
  app: string;
  instances: number;
  running: number;
  staged: number;
  /** Instances in Marathon's launch queue (`count`). */
  waiting: number;
  /** Why they wait, from the placement diagnosis (`/sandbox/v1/marathon/apps/{id}/placement`); null when none waits. */
  reason: string | null;
}

export interface Sample {
  at: number;
  roles: RoleSample[];
  apps: AppSample[];
}

/** A Marathon deployment seen live at or after the fork: started at its version's time, ended when it left Marathon. */
export interface DeploymentRecord {
  id: string;
  apps: string[];
  startedAt: number;
  /** null: still running at the end of the run. */
  endedAt: number | null;
  outcome: 'finished' | 'canceled' | 'running';
}

/** A variant's write and the cluster's answer at the fork. */
export interface WriteAnswer {
  request: ApiRequest;
  status: number;
  /** The answer's message when it refused the write (status 300 or more). */
  message: string | null;
}

export interface VariantReport {
  name: string;
  at: number;
  until: number;
  sampleEveryMs: number;
  /** The history hash at the fork, before the variant's writes: equal for every variant of one fork. */
  hashAtFork: string;
  hashAtEnd: string;
  events: number;
  writes: WriteAnswer[];
  /** From the fork to `until`, every `sampleEveryMs`, the last one at `until`. */
  samples: Sample[];
  /** At `until`: Marathon app id (or framework name) → agent hostname → live tasks. */
  placements: Record<string, Record<string, number>>;
  deployments: DeploymentRecord[];
  /** App id → ms it had instances waiting after the fork (from the queue's `since`, ends seen at sample times). */
  waitingMs: Record<string, number>;
}

/** One figure per variant, side by side, in the order of the reports. */
export interface ComparisonRow {
  subject: string;
  metric: Metric;
  values: Array<number | null>;
}

export type Metric =
  | 'role tasks'
  | 'role share'
  | 'app running'
  | 'app waiting'
  | 'app waiting ms'
  /** Ms of the app's deployments that finished after the fork; null when none did. */
  | 'app deployment ms'
  | 'app unfinished deployments';

/** A difference from the baseline (the first report), in words. */
export interface Difference {
  variant: string;
  subject: string;
  metric: Metric | 'placement' | 'write refused';
  baseline: number | null;
  value: number | null;
  text: string;
}

export interface Comparison {
  variants: string[];
  /** Every variant's history hash at the fork was the same (a fork of one cluster at one moment). */
  sameHistoryAtFork: boolean;
  rows: ComparisonRow[];
  differences: Difference[];
  /** One sentence per variant other than the baseline, against it. */
  summary: string[];
}
