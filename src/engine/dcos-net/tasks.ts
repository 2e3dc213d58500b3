/**
 * The task model dcos-net's DNS and load balancer share (networking-sources.md §2.1,
 * DN:apps/dcos_net/src/dcos_net_mesos_listener.erl): a task's name (its DiscoveryInfo name, else its own), its
 * framework's name, the agent's IP, the task's IPs (the agent's for host networking), its state as dcos-net groups
 * Mesos' states, its Mesos-level health, and its ports with their VIP labels.
 */
import type { TaskStateName } from '../../common/task-states.ts';
import type { ClusterState, TaskState } from '../core/model.ts';
import { discoveryOf } from '../dns/discovery.ts';
import { isMesosSide } from '../marathon/health.ts';
import { taskAddresses } from '../network/container-ips.ts';

export type NetTaskState = 'preparing' | 'running' | 'killing' | 'terminal';

export interface NetPort {
  name: string;
  protocol: string;
  /** The labels whose key starts with `VIP` or `vip`, their values (`/web:80`). */
  vips: string[];
  /** The advertised number, and whether it is a port of the agent (`network-scope: host`, or host networking). */
  port: number;
  onHost: boolean;
}

export interface NetTask {
  task: TaskState;
  name: string;
  framework: string;
  agentIp: string;
  /** The IPs of the task's container, or its agent's with host networking. */
  taskIps: string[];
  state: NetTaskState;
  /** Mesos-level health (checks Mesos runs: MESOS_*, COMMAND); undefined when the task has no such check. */
  healthy: boolean | undefined;
  ports: NetPort[];
}

const TERMINAL = new Set<TaskStateName>([
  'TASK_FINISHED',
  'TASK_FAILED',
  'TASK_KILLED',
  'TASK_LOST',
  'TASK_ERROR',
  'TASK_DROPPED',
  'TASK_GONE',
  'TASK_GONE_BY_OPERATOR',
]);

/** dcos_net_mesos_listener's grouping of Mesos' task states. */
export function netState(state: TaskStateName): NetTaskState {
  if (TERMINAL.has(state)) return 'terminal';
  if (state === 'TASK_RUNNING') return 'running';
  if (state === 'TASK_KILLING') return 'killing';
  return 'preparing';
}

/** The task's state as of `at`: its newest status no later than that (null before it was launched). */
export function stateAt(task: TaskState, at: number): TaskStateName | null {
  let found: TaskStateName | null = null;
  for (const status of task.statuses) {
    if (status.timestamp > at) break;
    found = status.state;
  }
  return found;
}

/** When the task reached TASK_RUNNING, or null. */
export function runningSince(task: TaskState): number | null {
  return task.statuses.find((s) => s.state === 'TASK_RUNNING')?.timestamp ?? null;
}

/** The Mesos-level health of a Marathon task, from its instance's checks. */
export function mesosHealth(state: ClusterState, task: TaskState): boolean | undefined {
  const m = state.marathon;
  if (task.frameworkId !== m.frameworkId) return undefined;
  const instance = m.instances[m.taskInstance[task.id] ?? ''];
  const check = instance ? m.runSpecs[instance.runSpecId]?.spec.healthCheck : null;
  if (!instance || !check || !isMesosSide(check.protocol)) return undefined;
  return instance.health?.alive === true;
}

function frameworkName(state: ClusterState, id: string): string {
  for (const f of state.frameworks) if (f.id === id) return f.name;
  return '';
}

const isVipLabel = (key: string): boolean => key.startsWith('VIP') || key.startsWith('vip');

/** The task as dcos-net sees it with state `taskState`. */
export function netTask(state: ClusterState, task: TaskState, taskState: TaskStateName): NetTask {
  const agentIp = state.agents[task.agentIdx]!.ip;
  const discovery = discoveryOf(state, task);
  const hostNetworking = !task.ips || task.ips.length === 0;
  const ports = (discovery?.ports ?? [])
    .filter((p) => p.number !== 0)
    .map((p) => ({
      name: p.name === '' ? 'default' : p.name,
      protocol: p.protocol,
      vips: Object.entries(p.labels).flatMap(([key, value]) => (isVipLabel(key) ? [value] : [])),
      port: p.number,
      onHost: hostNetworking || p.labels['network-scope'] === 'host',
    }));
  const framework = frameworkName(state, task.frameworkId);
  return {
    task,
    name: discovery?.name ?? task.name,
    framework,
    agentIp,
    taskIps: taskAddresses(state, task),
    state: netState(taskState),
    healthy: mesosHealth(state, task),
    ports,
  };
}
