/**
 * Goals over a service with a scheduler of its own (DC/OS SDK: Kafka), read as the reader would read them: the
 * package's scheduler app in Marathon, the service's API at `/service/<name>/v1` (its deploy and recovery plans, its
 * pods) and the tasks of its framework in Mesos' state.
 */
import type { MesosFramework, MesosState, MesosTask } from '../api/shapes/mesos.ts';
import type { SdkPlanJson, SdkPodStatusJson } from '../api/shapes/sdk.ts';
import { appOf, mesosState } from './goals.ts';
import type { Goal, TutorialApi } from './types.ts';

export const plan = (api: TutorialApi, service: string, name: string) => api.get<SdkPlanJson>(`/service/${service}/v1/plans/${name}`);
export const podStatus = (api: TutorialApi, service: string) => api.get<SdkPodStatusJson>(`/service/${service}/v1/pod/status`);

const frameworkOf = (state: MesosState, service: string): MesosFramework | undefined => state.frameworks.find((f) => f.name === service);
const hostOf = (state: MesosState, task: MesosTask): string | undefined => state.slaves.find((s) => s.id === task.slave_id)?.hostname;

/** Package `pkg` is installed as app `/<service>` (Cosmos' label) with env `name` = `value` (an option rendered). */
export const packageInstalled = (pkg: string, service: string, name: string, value: string, description: string): Goal => ({
  description,
  check: async ({ api }) => {
    const app = await appOf(api, `/${service}`);
    return app !== null && app.labels['DCOS_PACKAGE_NAME'] === pkg && app.env?.[name] === value;
  },
});

/** The service's deploy plan is COMPLETE (200), with `steps` steps, each COMPLETE; as many of its tasks run. */
export const deployComplete = (service: string, steps: number): Goal => ({
  description: `${service}'s deploy plan is COMPLETE: ${steps} pods deployed and running`,
  check: async ({ api }) => {
    const [deploy, state] = await Promise.all([plan(api, service, 'deploy'), mesosState(api)]);
    if (!deploy || deploy.status !== 'COMPLETE' || !state) return false;
    const all = deploy.phases.flatMap((p) => p.steps);
    const running = frameworkOf(state, service)?.tasks.filter((t) => t.state === 'TASK_RUNNING') ?? [];
    return all.length === steps && all.every((s) => s.status === 'COMPLETE') && running.length >= steps;
  },
});

/** The pod instances (`kafka-1`) whose tasks are all unreachable, as the service's pod status lists them. */
export async function unreachablePods(api: TutorialApi, service: string): Promise<string[]> {
  const status = await podStatus(api, service);
  return (status?.pods ?? [])
    .flatMap((p) => p.instances)
    .filter((i) => i.tasks.length > 0 && i.tasks.every((t) => t.status === 'UNREACHABLE'))
    .map((i) => i.name);
}

/**
 * A pod of the service lost its agent: the master marked the agent unreachable and the pod's tasks with it, and the
 * scheduler waits for them: the deploy plan stays COMPLETE and no recovery step runs the pod anywhere else.
 */
export const podLost = (service: string): Goal => ({
  description: `A pod of ${service} is unreachable with its agent; nothing relaunches it elsewhere`,
  check: async ({ api }) => {
    const [lost, deploy, recovery, state] = await Promise.all([
      unreachablePods(api, service),
      plan(api, service, 'deploy'),
      plan(api, service, 'recovery'),
      mesosState(api),
    ]);
    if (lost.length === 0 || deploy?.status !== 'COMPLETE' || !state || state.unreachable_slaves < 1) return false;
    const recovering = (recovery?.phases ?? []).flatMap((p) => p.steps).filter((s) => s.status !== 'COMPLETE');
    return lost.every((pod) => !recovering.some((s) => s.name.startsWith(`${pod}:`)));
  },
});

/**
 * A pod of the service was replaced: a task of it runs on an agent other than the one its old task is unreachable
 * on (a fresh reservation and volume there), and the deploy plan is COMPLETE again.
 */
export const podReplaced = (service: string): Goal => ({
  description: `A lost pod of ${service} runs again on another agent`,
  check: async ({ api }) => {
    const [deploy, state] = await Promise.all([plan(api, service, 'deploy'), mesosState(api)]);
    const fw = state ? frameworkOf(state, service) : undefined;
    if (deploy?.status !== 'COMPLETE' || !state || !fw) return false;
    return fw.unreachable_tasks.some((old) =>
      fw.tasks.some((t) => t.name === old.name && t.state === 'TASK_RUNNING' && t.slave_id !== old.slave_id),
    );
  },
});

/**
 * For "show me": the hostname of an agent that runs a pod of `service` (the last by name) and not the service's
 * scheduler (so that the scheduler keeps running).
 */
export async function podHost(api: TutorialApi, service: string): Promise<string | undefined> {
  const [status, state, app] = await Promise.all([podStatus(api, service), mesosState(api), appOf(api, `/${service}`)]);
  const fw = state ? frameworkOf(state, service) : undefined;
  if (!status || !state || !fw) return undefined;
  const scheduler = new Set((app?.tasks ?? []).map((t) => t.host));
  const ids = status.pods.flatMap((p) => p.instances.flatMap((i) => i.tasks.map((t) => t.id)));
  const hosts = fw.tasks
    .filter((t) => ids.includes(t.id) && t.state === 'TASK_RUNNING')
    .map((t) => hostOf(state, t))
    .filter((h): h is string => h !== undefined && !scheduler.has(h));
  return hosts.sort().at(-1);
}
