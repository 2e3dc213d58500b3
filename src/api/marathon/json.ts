/** Marathon's JSON shapes (`/v2/apps`, tasks, deployments, queue), built from the store. */
import { TERMINAL_STATES } from '../../common/task-states.ts';
import { taskAddresses } from '../../engine/network/container-ips.ts';
import type { ClusterState, TaskState } from '../../engine/core/model.ts';
import {
  REJECT_REASONS,
  type DeploymentAction as StepAction,
  type DeploymentState,
  type InstanceState,
  type LastTaskFailure,
  type OfferStats,
  type RunSpecRecord,
} from '../../engine/marathon/model.ts';
import { instancesOf, isoOf } from '../../engine/marathon/store.ts';
import { readinessResultsOf } from '../../engine/marathon/readiness.ts';
import { taskStatsByVersion } from './task-stats.ts';
import { listPorts } from '../../common/resources.ts';
import { writtenApp } from './app-shape.ts';
import type {
  AppTaskCounts,
  Deployment,
  DeploymentAction,
  HealthCheckResult,
  MarathonApp,
  MarathonLocalVolume,
  MarathonTask,
  OffersSummary,
  RejectSummary,
  TaskFailure,
} from '../shapes/marathon.ts';

export type Json = Record<string, unknown>;
export type Embed = ReadonlySet<string>;

/** `now` (simulated ms) is needed for `embed=apps.taskStats` only: the life times. */
export function appJson(state: ClusterState, record: RunSpecRecord, embed: Embed, now?: number): MarathonApp {
  const m = state.marathon;
  const instances = instancesOf(m, record);
  const json: MarathonApp = {
    ...(writtenApp(record.app!, {
      version: record.version,
      versionInfo: { lastScalingAt: record.lastScalingAt, lastConfigChangeAt: record.lastConfigChangeAt },
    }) as MarathonApp),
    ...counts(record, instances),
    deployments: m.deployments.filter((d) => record.spec.id in d.target).map((d) => ({ id: d.id })),
  };
  if (embed.has('readiness')) json.readinessCheckResults = readinessResultsOf(m, record.spec.id);
  if (embed.has('tasks')) json.tasks = instances.flatMap((i) => tasksOfInstance(state, record, i));
  if (embed.has('lastTaskFailure') && record.lastTaskFailure) json.lastTaskFailure = lastTaskFailureJson(record.lastTaskFailure);
  if (embed.has('taskStats') && now !== undefined) json.tasksStats = taskStatsByVersion(record, instances, now);
  return json;
}

function counts(record: RunSpecRecord, instances: InstanceState[]): AppTaskCounts {
  let staged = 0;
  let running = 0;
  let healthy = 0;
  let unhealthy = 0;
  for (const i of instances) {
    if (i.condition === 'Provisioned' || i.condition === 'Staging' || i.condition === 'Starting') staged++;
    if (i.condition === 'Running') running++;
    if (record.spec.healthCheck && i.health?.alive === true && i.condition === 'Running') healthy++;
    if (record.spec.healthCheck && i.health?.alive === false) unhealthy++;
  }
  return { tasksStaged: staged, tasksRunning: running, tasksHealthy: healthy, tasksUnhealthy: unhealthy };
}

function lastTaskFailureJson(f: LastTaskFailure): TaskFailure {
  return { ...f, timestamp: isoOf(f.timestamp) };
}

/**
 * One entry per launched task of the instance (a pod's containers each have one). `servicePorts`: the app's, which
 * only `/v2/tasks` lists (MA:…/api/v2/TasksResource.scala:60-81); other task lists show `[]`.
 */
export function tasksOfInstance(state: ClusterState, record: RunSpecRecord, i: InstanceState, servicePorts: number[] = []): MarathonTask[] {
  if (i.agentIdx === null) return [];
  const agent = state.agents[i.agentIdx]!;
  return i.taskIds.map((taskId, k): MarathonTask => {
    const task = state.tasks[taskId];
    const taskState = i.taskStates[k] ?? 'TASK_STAGING';
    const unreachable = i.condition === 'Unreachable' || i.condition === 'UnreachableInactive';
    const ended = TERMINAL_STATES.has(taskState);
    // RAML `Task` order (TaskConversion.scala:47-64). healthCheckResults is a list without omitEmpty: always written,
    // empty until the app's check has answered (EnrichedTaskWritesTest).
    return {
      appId: record.spec.id,
      healthCheckResults: record.spec.healthCheck && i.health && i.health.alive !== null ? [healthResultJson(i)] : [],
      host: agent.hostname,
      id: taskId,
      // Marathon keeps the addresses of the last stored Mesos status, and stores none before the first after staging.
      ipAddresses:
        taskState === 'TASK_STAGING'
          ? []
          : (task ? taskAddresses(state, task) : [agent.ip]).map((ip) => ({ ipAddress: ip, protocol: 'IPv4' })),
      ports: task && !ended ? hostPortsOf(record, i, k, task) : [],
      servicePorts,
      slaveId: agent.id,
      state: unreachable ? 'TASK_UNREACHABLE' : taskState,
      // A task that ended (kept by a resident instance until it relaunches) has no times or version (TaskConversion.scala:25-30).
      ...(ended
        ? {}
        : {
            stagedAt: i.stagedAt === null ? null : isoOf(i.stagedAt),
            startedAt: i.startedAt === null ? null : isoOf(i.startedAt),
            version: i.configVersion,
          }),
      localVolumes: localVolumesOf(i),
      role: i.role ?? record.spec.role,
    };
  });
}

/** The instance's reservation's volumes (`LocalVolumeConversion`, TaskConversion.scala:34-36); none without one. */
function localVolumesOf(i: InstanceState): MarathonLocalVolume[] {
  return (i.reservation?.volumeIds ?? []).map((v) => ({
    runSpecId: v.runSpecId,
    containerPath: v.containerPath,
    uuid: v.uuid,
    persistenceId: v.persistenceId,
  }));
}

function healthResultJson(i: InstanceState): HealthCheckResult {
  const h = i.health!;
  const at = (t: number | null) => (t === null ? null : isoOf(t));
  return {
    alive: h.alive === true,
    consecutiveFailures: h.consecutiveFailures,
    firstSuccess: at(h.firstSuccess),
    lastFailure: at(h.lastFailure),
    lastSuccess: at(h.lastSuccess),
    lastFailureCause: h.lastFailureCause,
    instanceId: { idString: i.id },
  };
}

/** `{action, pod}` for a pod's action, `{action, app}` for an app's. */
const actionJson = (a: StepAction): DeploymentAction =>
  a.action.endsWith('Pod') ? { action: a.action, pod: a.runSpecId } : { action: a.action, app: a.runSpecId };

export function deploymentJson(dep: DeploymentState): Deployment {
  const ids = Object.keys(dep.target);
  const isPod = (id: string) => dep.steps.some((s) => s.some((a) => a.runSpecId === id && a.action.endsWith('Pod')));
  return {
    id: dep.id,
    version: dep.version,
    affectedApps: ids.filter((id) => !isPod(id)),
    affectedPods: ids.filter(isPod),
    steps: dep.steps.map((s) => ({ actions: s.map(actionJson) })),
    currentActions: (dep.steps[dep.current] ?? []).map((a) => ({
      ...actionJson(a),
      readinessCheckResults: Object.values(a.readiness ?? {}),
    })),
    currentStep: Math.min(dep.current + 1, dep.steps.length),
    totalSteps: dep.steps.length,
  };
}

/**
 * Marathon's processedOffersSummary: per funnel stage, offers that reached it and offers it declined. The last offers
 * are each agent's last unused one (`noMatchStatisticsSink`), counted at the first of its reasons in the funnel.
 */
export function offersSummaryJson(stats: OfferStats): OffersSummary {
  const last = Object.values(stats.lastUnused?.byAgent ?? {}).map((note) => Math.min(...note.reasons));
  const lastDeclined = REJECT_REASONS.map((_, k) => last.filter((r) => r === k).length);
  return {
    processedOffersCount: stats.processed,
    unusedOffersCount: stats.unused,
    lastUnusedOfferAt: stats.lastUnusedAt === null ? null : isoOf(stats.lastUnusedAt),
    lastUsedOfferAt: stats.lastUsedAt === null ? null : isoOf(stats.lastUsedAt),
    rejectSummaryLastOffers: funnel(last.length, lastDeclined),
    rejectSummaryLaunchAttempt: funnel(stats.processedSinceAttempt, stats.declinedSinceAttempt),
  };
}

function funnel(total: number, declined: number[]): RejectSummary[] {
  let processed = total;
  return REJECT_REASONS.map((reason, k) => {
    const row = { reason, declined: declined[k] ?? 0, processed };
    processed -= declined[k] ?? 0;
    return row;
  });
}

/**
 * The host ports task `k` of the instance holds, in the order of its port mappings or definitions (a pod's task:
 * its container's endpoints); entries without a host port are left out. Before host ports were kept on the
 * instance: the ports the task's resources hold.
 */
function hostPortsOf(record: RunSpecRecord, i: InstanceState, k: number, task: TaskState): number[] {
  const all = i.hostPorts;
  if (!all) return listPorts(task.portions.flatMap((p) => p.ports));
  let mine: Array<number | null> = all;
  if (record.pod) {
    const offset = record.pod.containers.slice(0, k).reduce((n, c) => n + c.endpoints.length, 0);
    mine = all.slice(offset, offset + (record.pod.containers[k]?.endpoints.length ?? 0));
  }
  return mine.filter((p): p is number => p !== null);
}
