/**
 * Goals over a resident app (an app with a local persistent volume), read as the Services and Nodes pages read
 * them: Marathon's tasks with their `localVolumes` and `role`, the agents' `reserved_resources` in Mesos' state,
 * and the sandbox's notable events.
 */
import type { MarathonApp, MarathonTask } from '../api/shapes/marathon.ts';
import type { MesosState } from '../api/shapes/mesos.ts';
import type { NotableEventList } from '../api/shapes/sandbox.ts';
import { appOf, mesosState } from './goals.ts';
import type { Goal, TutorialApi } from './types.ts';

const withVolume = (t: MarathonTask): boolean => (t.localVolumes ?? []).length > 0;

/** The agent `agentId` holds resources reserved for `role`. */
const reservedOn = (state: MesosState, agentId: string, role: string): boolean =>
  state.slaves.some((a) => a.id === agentId && role in (a.reserved_resources ?? {}));

/** The instance a Marathon task id names (`<instance id>._app.<incarnation>`). */
const instanceOf = (taskId: string): string => taskId.split('._app.')[0]!;

async function read(api: TutorialApi, id: string): Promise<{ app: MarathonApp; tasks: MarathonTask[]; state: MesosState } | null> {
  const [app, state] = await Promise.all([appOf(api, id), mesosState(api)]);
  return app && state ? { app, tasks: app.tasks ?? [], state } : null;
}

const runningOnVolume = (tasks: MarathonTask[]) => tasks.filter((t) => t.state === 'TASK_RUNNING' && withVolume(t));

/** `id` runs one task on a local volume, on an agent that holds a reservation for the task's role. */
export const residentRunning = (id: string): Goal => ({
  description: `${id} runs on its volume, on resources reserved for it`,
  check: async ({ api }) => {
    const r = await read(api, id);
    return r !== null && r.app.instances === 1 && runningOnVolume(r.tasks).some((t) => reservedOn(r.state, t.slaveId, t.role));
  },
});

/** A task of `id` failed and the same instance (its reservation and volume) runs again on that agent. */
export const residentRelaunched = (id: string): Goal => ({
  description: `${id} relaunched on the same agent and volume after its task failed`,
  check: async ({ api }) => {
    const r = await read(api, id);
    if (!r) return false;
    const failed = r.state.frameworks.flatMap((f) => f.completed_tasks).filter((t) => t.state === 'TASK_FAILED');
    return runningOnVolume(r.tasks).some((t) =>
      failed.some((f) => f.id !== t.id && instanceOf(f.id) === instanceOf(t.id) && f.slave_id === t.slaveId),
    );
  },
});

/** `id` wants its instance, its agent is unreachable, and Marathon waits for it: no task of `id` runs anywhere. */
export const residentWaiting = (id: string): Goal => ({
  description: `${id} waits for its unreachable agent; nothing replaces it elsewhere`,
  check: async ({ api }) => {
    const r = await read(api, id);
    if (!r || r.app.instances !== 1 || r.state.unreachable_slaves < 1 || r.tasks.length === 0) return false;
    return r.tasks.every((t) => t.state === 'TASK_UNREACHABLE' && withVolume(t));
  },
});

/** An agent came back (re-registered) and `id` runs on it, on its volume. */
export const residentBack = (id: string): Goal => ({
  description: `${id} runs again on its agent, back from unreachable`,
  check: async ({ api }) => {
    const [r, events] = await Promise.all([read(api, id), api.get<NotableEventList>('/sandbox/v1/events')]);
    if (!r || !events) return false;
    const back = new Set(events.events.map((e) => /^Agent (\S+) re-registered$/.exec(e.label)?.[1]).filter((h) => h !== undefined));
    return runningOnVolume(r.tasks).some((t) => back.has(t.host) && reservedOn(r.state, t.slaveId, t.role));
  },
});

/** `id` is scaled to 0 and its last task is kept, killed, with its volume and its agent's reservation. */
export const residentSuspended = (id: string): Goal => ({
  description: `${id} at 0 instances keeps its task's volume and reservation`,
  check: async ({ api }) => {
    const r = await read(api, id);
    if (!r || r.app.instances !== 0 || r.app.deployments.length > 0) return false;
    return r.tasks.some((t) => t.state === 'TASK_KILLED' && withVolume(t) && reservedOn(r.state, t.slaveId, t.role));
  },
});

/** The app declares a local persistent volume. */
const resident = (app: MarathonApp): boolean => {
  const volumes = app.container?.['volumes'];
  return Array.isArray(volumes) && volumes.some((v: unknown) => typeof v === 'object' && v !== null && 'persistent' in v);
};

/** Resident app `id` is at 0 instances with no task kept, and no agent holds a reservation for its role. */
export const residentWiped = (id: string): Goal => ({
  description: `${id}'s volume destroyed and its resources unreserved`,
  check: async ({ api }) => {
    const r = await read(api, id);
    const role = r?.app.role;
    if (!r || role === undefined || !resident(r.app) || r.app.instances !== 0 || r.tasks.length > 0) return false;
    return r.state.slaves.every((a) => !(role in (a.reserved_resources ?? {})));
  },
});
