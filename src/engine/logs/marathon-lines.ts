/**
 * Marathon's lines on the master where it leads (logger names and messages from mesosphere/marathon:
 * `MarathonScheduler.scala` status updates, `MarathonSchedulerActor.scala` finished deployments,
 * `core/health/impl/HealthCheckActor.scala` instances found unhealthy), in its logback pattern.
 */
import { SIM_EPOCH_MS } from '../../common/clock.ts';
import type { ClusterState, TaskState, TaskStatus } from '../core/model.ts';
import { LazyEntry } from './entry.ts';
import { unitPid } from './entry.ts';
import { idOf, logbackLine, realtimeUsec, uuidOf } from './format.ts';
import { knownTasks } from './mesos-lines.ts';

const UNIT = 'dcos-marathon.service';

/** The message Mesos' command executor puts on a terminal status (`src/launcher/executor.cpp`), as Marathon logs it. */
export function statusMessage(state: TaskStatus['state']): string {
  switch (state) {
    case 'TASK_FINISHED':
      return 'Command exited with status 0';
    case 'TASK_FAILED':
      return 'Command exited with status 1';
    case 'TASK_KILLED':
      return 'Command terminated with signal Terminated';
    default:
      return '';
  }
}

/** A Marathon app task's instance id: the task id without its `._app.<n>` incarnation suffix. */
const instanceIdOf = (task: TaskState): string => task.id.replace(/\._app\.\d+$/, '');

export function marathonLines(state: ClusterState, idx: number): LazyEntry[] {
  const m = state.masters[idx]!;
  if (m.marathon !== 'leader') return [];
  const out: LazyEntry[] = [];
  const pid = unitPid(m.hostname, UNIT);
  /** Adds a line; `message` and `thread` are called only when the line is read. */
  const emit = (at: number, message: () => string, logger: string, thread: (text: string) => string, level: 'INFO' | 'WARN' = 'INFO') =>
    out.push(
      new LazyEntry(at, UNIT, 'marathon', pid, level === 'INFO' ? 6 : 4, () => {
        const text = message();
        const usec = realtimeUsec(at, `${UNIT}:${text}`);
        return { usec, message: logbackLine(usec, level, text, logger, thread(text)) };
      }),
    );
  const dispatcher = (seed: string) => `marathon-akka.actor.default-dispatcher-${idOf(seed, 2, 30)}`;
  const byEnd = new Map<string, TaskState>();
  for (const { task, fw } of knownTasks(state)) {
    if (fw?.kind !== 'marathon') continue;
    const last = task.statuses.at(-1);
    if (last) byEnd.set(`${last.timestamp}:${task.id.split('.instance-')[0]}`, task);
    task.statuses.forEach((s, n) => {
      if (n === 0) return;
      const text = () =>
        `Received status update for task ${task.id}: ${s.state} (${s.detail?.message ?? statusMessage(s.state)}, healthy: false)`;
      emit(s.timestamp, text, 'mesosphere.marathon.MarathonScheduler', () => `Thread-${idOf(task.id, 20, 200)}`);
    });
  }
  for (const n of state.notable) {
    if (n.kind === 'deployment' && n.label.startsWith('Deployed ')) {
      const target = n.label.slice('Deployed '.length);
      const version = new Date(SIM_EPOCH_MS + n.at).toISOString();
      const text = `Deployment ${uuidOf(`deployment:${n.at}:${target}`)}:${version} of ${target} finished`;
      emit(n.at, () => text, 'mesosphere.marathon.MarathonSchedulerActor', dispatcher);
    }
    const unhealthy = /^(\/\S*): task killed, unhealthy on (\S+)$/.exec(n.label);
    if (n.kind === 'failure' && unhealthy) {
      const [, appId, host] = unhealthy as unknown as [string, string, string];
      const task = byEnd.get(`${n.at}:${appId.slice(1).replaceAll('/', '_')}`);
      const instance = task ? instanceIdOf(task) : appId;
      const version = state.marathon.runSpecs[appId]?.version ?? '';
      const text = `Detected unhealthy ${instance} of app [${appId}] version [${version}] on host ${host}`;
      emit(n.at, () => text, 'mesosphere.marathon.core.health.impl.HealthCheckActor', dispatcher, 'WARN');
    }
  }
  return out;
}
