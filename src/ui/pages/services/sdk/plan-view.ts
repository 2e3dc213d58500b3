/**
 * An SDK plan as DC/OS's Plans tab shows it (`SDKPlanTable`, `flattenServicePlanPhases`): one row a phase, "name
 * (strategy)", followed by a row a step; each with its status word (`formatServicePlanStatus`), its icon and the
 * tooltip DC/OS gives it (`getStatusTooltip`). And the pods of `pod/status` as rows of a table, a row a task.
 */
import type { SdkPlanJson, SdkPodStatusJson, SdkStatus } from '../../../../api/shapes/sdk.ts';

/** Which icon DC/OS draws: CircleCheck (green), CircleClose (red), Yield (yellow), Spinner; CircleQuestion else. */
export type PlanIcon = 'complete' | 'error' | 'yield' | 'spinner' | 'unknown';

const WORDS: Record<SdkStatus, string> = {
  ERROR: 'Error',
  WAITING: 'Waiting',
  PENDING: 'Pending',
  PREPARED: 'Prepared',
  STARTING: 'Starting',
  STARTED: 'Started',
  COMPLETE: 'Complete',
  IN_PROGRESS: 'In Progress',
  DELAYED: 'Delayed',
};

export function planStatusWord(status: string): string {
  return WORDS[status as SdkStatus] ?? status;
}

export function planIcon(status: string): PlanIcon {
  switch (status) {
    case 'COMPLETE':
      return 'complete';
    case 'ERROR':
      return 'error';
    case 'WAITING':
    case 'PENDING':
    case 'DELAYED':
      return 'yield';
    case 'PREPARED':
    case 'STARTING':
    case 'STARTED':
    case 'IN_PROGRESS':
      return 'spinner';
    default:
      return 'unknown';
  }
}

export interface PlanRow {
  type: 'phase' | 'step';
  /** Unique in the plan: a phase's id, or `<phase id>/<step id>`. */
  key: string;
  /** A phase: "name (strategy)"; a step: its name. */
  label: string;
  status: string;
  word: string;
  icon: PlanIcon;
  /** DC/OS's tooltip of the status, or null where it has none. */
  tip: string | null;
  /** A step's message from the scheduler. */
  message?: string;
}

/** DC/OS's tooltip of a status; a phase in progress counts its steps done. */
export function planStatusTip(status: string, type: 'phase' | 'step', steps: ReadonlyArray<{ status: string }> = []): string | null {
  switch (status) {
    case 'ERROR':
      return 'Execution experienced an error.';
    case 'WAITING':
      return 'Execution has been interrupted.';
    case 'PENDING':
      return 'Execution is waiting for suitable offers.';
    case 'PREPARED':
      return `The ${type} has been evaluated, and any Tasks relevant to it have been killed if necessary.`;
    case 'STARTING':
      return 'Execution has performed and is waiting to determine the success of those operations.';
    case 'STARTED':
      return 'Execution has performed and has received feedback, but not all success requirements (e.g. readiness checks) have been satisfied.';
    case 'IN_PROGRESS':
      return type === 'phase' ? `${steps.filter((s) => s.status === 'COMPLETE').length} out of ${steps.length} steps completed.` : null;
    case 'COMPLETE':
      return 'Execution has completed.';
    case 'DELAYED':
      return 'Execution has been delayed.';
    default:
      return null;
  }
}

/** The plan's rows: each phase, then its steps. */
export function planRows(plan: SdkPlanJson): PlanRow[] {
  return plan.phases.flatMap((p) => [
    {
      type: 'phase' as const,
      key: p.id,
      label: `${p.name} (${p.strategy})`,
      status: p.status,
      word: planStatusWord(p.status),
      icon: planIcon(p.status),
      tip: planStatusTip(p.status, 'phase', p.steps),
    },
    ...p.steps.map((s) => ({
      type: 'step' as const,
      key: `${p.id}/${s.id}`,
      label: s.name,
      status: s.status,
      word: planStatusWord(s.status),
      icon: planIcon(s.status),
      tip: planStatusTip(s.status, 'step'),
      message: s.message,
    })),
  ]);
}

/** The plan's line in DC/OS's plan menu: "deploy (serial) - Complete". */
export function planTitle(name: string, plan: Pick<SdkPlanJson, 'strategy' | 'status'>): string {
  return `${name} (${plan.strategy}) - ${planStatusWord(plan.status)}`;
}

export interface PodTaskRow {
  /** The pod instance (`kafka-0`), what restart and replace act on; set on its first task's row only. */
  instance: string;
  first: boolean;
  /** The tasks in the instance (the first row spans them). */
  span: number;
  podType: string;
  task: string;
  taskId: string;
  status: string;
}

/** `pod/status` as rows: a row a task, grouped by instance (an instance without tasks keeps one row). */
export function podRows(status: SdkPodStatusJson): PodTaskRow[] {
  return status.pods.flatMap((pod) =>
    pod.instances.flatMap((i) => {
      const tasks = i.tasks.length > 0 ? i.tasks : [{ id: '', name: '', status: '' }];
      return tasks.map((t, k) => ({
        instance: i.name,
        first: k === 0,
        span: tasks.length,
        podType: pod.name,
        task: t.name,
        taskId: t.id,
        status: t.status,
      }));
    }),
  );
}

/** A task status of `pod/status` (Mesos' state without `TASK_`) as a status badge draws it. */
export function taskKind(status: string): 'running' | 'starting' | 'warning' | 'stopped' | 'na' {
  if (status === 'RUNNING') return 'running';
  if (status === 'STAGING' || status === 'STARTING' || status === 'KILLING') return 'starting';
  if (status === 'FAILED' || status === 'ERROR' || status === 'LOST' || status === 'GONE' || status === 'UNREACHABLE') return 'warning';
  if (status === 'FINISHED' || status === 'KILLED') return 'stopped';
  return 'na';
}

/** A Mesos state in words: `TASK_RUNNING` → "Running", `NOT_LAUNCHED` → "Not launched". */
export function taskWord(status: string): string {
  const s = status
    .replace(/^TASK_/, '')
    .replace(/_/g, ' ')
    .toLowerCase();
  return s ? s[0]!.toUpperCase() + s.slice(1) : '—';
}
