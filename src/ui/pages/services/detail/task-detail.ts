/**
 * The task page's view of one task, put together from what the APIs say of it: Marathon's task
 * (in the app's task list while the task lives: host, ports, addresses, version, health-check
 * results) and Mesos' (`/mesos/master/tasks?task_id=`, live or completed: state, resources and the
 * status updates). A task Marathon no longer lists has ended, and Mesos alone still tells of it.
 */
import type { MesosAgentList, MesosResources, MesosTask, MesosTaskList } from '../../../../api/shapes/mesos.ts';
import { SIM_EPOCH_MS } from '../../../../common/clock.ts';
import { toHostname } from '../../../../common/marathon/path-id.ts';
import { TERMINAL_STATES, type TaskStateName } from '../../../../common/task-states.ts';
import type { HealthCheckResult, MarathonTask, TaskFailure } from '../marathon-types.ts';
import type { Health } from '../status.ts';

/** A task's health in a word (the task table's column, the task page). */
export const HEALTH_WORD: Record<Health, string> = { healthy: 'Healthy', unhealthy: 'Unhealthy', idle: 'Idle', na: '—' };

export interface TaskSources {
  appId: string;
  taskId: string;
  /** The task among the app's tasks in Marathon (live tasks only). */
  marathon: MarathonTask | undefined;
  /** The task in Mesos' task list (live or completed). */
  mesos: MesosTask | undefined;
  /** The agent's hostname from /mesos/master/slaves, for a task Marathon no longer names a host for. */
  agentHostname: string | undefined;
  /** The app's last task failure (used when it is this task's). */
  failure: TaskFailure | undefined;
}

/** One status update as Mesos reports it: the state and when (simulated ms). */
export interface StatusUpdate {
  state: string;
  at: number;
}

export interface TaskView {
  id: string;
  /** Mesos' task name (the app id as a hostname, `web.prod`); empty when only Marathon knows the task. */
  name: string;
  state: string;
  /** In a terminal state: the task is over and will not run again. */
  ended: boolean;
  agentId: string | undefined;
  hostname: string | undefined;
  ipAddresses: string[];
  /** Host ports: Marathon's list, or Mesos' ranges (`31000-31001`). */
  ports: string;
  resources: MesosResources | undefined;
  role: string | undefined;
  /** The app version (Marathon's `version`) the task was launched with, when known. */
  version: string | undefined;
  /** Simulated ms. */
  stagedAt: number | undefined;
  startedAt: number | undefined;
  endedAt: number | undefined;
  health: HealthCheckResult[];
  /** Oldest first, as Mesos lists them. */
  history: StatusUpdate[];
  /** Marathon's message, when the app's last task failure is this task. */
  failureMessage: string | undefined;
  /** Marathon lists the task (it is live); false: only Mesos still knows it. */
  inMarathon: boolean;
  inMesos: boolean;
}

/** An API timestamp (ISO on the simulated calendar) as simulated ms. */
export function isoToSim(iso: string | undefined | null): number | undefined {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t - SIM_EPOCH_MS : undefined;
}

/** Mesos' float seconds since the epoch as simulated ms. */
export function mesosToSim(seconds: number): number {
  return Math.round(seconds * 1000 - SIM_EPOCH_MS);
}

export function isTerminal(state: string): boolean {
  return TERMINAL_STATES.has(state as TaskStateName);
}

/** The Mesos task of `appId` with id `taskId` in a /mesos/master/tasks answer (Marathon names its tasks after the app). */
export function findMesosTask(body: MesosTaskList | undefined, appId: string, taskId: string): MesosTask | undefined {
  const tasks = Array.isArray(body?.tasks) ? body.tasks : [];
  return tasks.find((t) => t.id === taskId && t.name === toHostname(appId));
}

/** The hostname of agent `agentId` in a /mesos/master/slaves answer. */
export function agentHostname(body: MesosAgentList | undefined, agentId: string): string | undefined {
  const agents = Array.isArray(body?.slaves) ? body.slaves : [];
  return agents.find((a) => a.id === agentId)?.hostname;
}

/** `[31000-31001, 31005-31005]` → `31000-31001, 31005`. */
function mesosPorts(ranges: string | undefined): string {
  return (ranges ?? '')
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => {
      const [b, e] = r.split('-');
      return b === e ? b! : r;
    })
    .join(', ');
}

function firstAt(history: readonly StatusUpdate[], match: (state: string) => boolean): number | undefined {
  return history.find((s) => match(s.state))?.at;
}

function ipsOf(mesos: MesosTask | undefined): string[] {
  const last = mesos?.statuses.at(-1);
  const ips = last?.container_status.network_infos.flatMap((n) => n.ip_addresses.map((a) => a.ip_address)) ?? [];
  return [...new Set(ips)];
}

/** The page's view of the task, or null when neither Marathon nor Mesos knows it (for this app). */
export function taskView(s: TaskSources): TaskView | null {
  const { marathon, mesos } = s;
  if (!marathon && !mesos) return null;
  const history: StatusUpdate[] = (mesos?.statuses ?? []).map((u) => ({ state: u.state, at: mesosToSim(u.timestamp) }));
  // Mesos has the last word once a task is over; while it lives, the state is Marathon's, as the task table shows it.
  const state = marathon && !(mesos && isTerminal(mesos.state)) ? marathon.state : (mesos?.state ?? 'TASK_UNKNOWN');
  const ended = isTerminal(state);
  const failure = s.failure?.taskId === s.taskId ? s.failure : undefined;
  const marathonIps = marathon?.ipAddresses.map((a) => a.ipAddress).filter(Boolean) ?? [];
  return {
    id: s.taskId,
    name: mesos?.name ?? '',
    state,
    ended,
    agentId: marathon?.slaveId ?? mesos?.slave_id ?? failure?.slaveId,
    hostname: marathon?.host || s.agentHostname || failure?.host,
    ipAddresses: marathonIps.length > 0 ? marathonIps : ipsOf(mesos),
    ports: marathon && marathon.ports.length > 0 ? marathon.ports.join(', ') : mesosPorts(mesos?.resources.ports),
    resources: mesos?.resources,
    role: marathon?.role ?? mesos?.role,
    version: marathon?.version ?? failure?.version,
    stagedAt: isoToSim(marathon?.stagedAt) ?? firstAt(history, (st) => st === 'TASK_STAGING'),
    startedAt: isoToSim(marathon?.startedAt) ?? firstAt(history, (st) => st === 'TASK_RUNNING'),
    endedAt: ended ? (firstAt(history, isTerminal) ?? isoToSim(failure?.timestamp)) : undefined,
    health: marathon?.healthCheckResults ?? [],
    history,
    failureMessage: failure?.message,
    inMarathon: marathon !== undefined,
    inMesos: mesos !== undefined,
  };
}

/** What the page shows: the task as last known, and whether that is older than the cluster's moment. */
export interface TaskShown {
  /** null: no such task (or nothing answered yet). */
  view: TaskView | null;
  /** Simulated ms of the answers `view` comes from (or of the poll that found none); null before the first poll. */
  at: number | null;
  /** Why `view` is the last known rather than the current one (no leader, an API that did not answer); null when current. */
  stale: string | null;
}

export const NOTHING_SHOWN: TaskShown = { view: null, at: null, stale: null };

export interface PollOutcome {
  /** The simulated ms the answers were asked at. */
  now: number;
  /** The task as the answers have it (null: neither API knows it). */
  fresh: TaskView | null;
  /** Why an API did not answer (503 with no leader, say); null when both did. */
  failed: string | null;
  /** Why the cluster's figures are held (no leading master, agents re-registering); null when a leader answers. */
  held: string | null;
}

/**
 * The next thing to show after a poll. A task found stays on the page, marked as last known, while
 * an API does not answer or the cluster is held (a new leader whose agents are not back yet does
 * not list their tasks, which have not gone: Marathon may, Mesos does not). Never from a later moment: after a trip back in
 * time the last known view is dropped, and a task not there yet is not found.
 */
export function nextShown(prev: TaskShown, poll: PollOutcome): TaskShown {
  const keep = prev.view !== null && prev.at !== null && prev.at <= poll.now;
  if (poll.failed !== null)
    return keep ? { ...prev, stale: poll.held ?? poll.failed } : { view: null, at: poll.now, stale: poll.held ?? poll.failed };
  // While held, an answer that knows less than the last one (no task, or no Mesos side) is the leader's gap, not the task's.
  const knowsLess = poll.fresh === null || (!poll.fresh.inMesos && prev.view?.inMesos === true);
  if (poll.held !== null && keep && knowsLess) return { ...prev, stale: poll.held };
  return { view: poll.fresh, at: poll.now, stale: null };
}
