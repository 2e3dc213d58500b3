/**
 * A scheduler restarted with a new environment (Cosmos' `/cosmos/service/update` put new options on its app, and
 * Marathon relaunched it): the SDK validates the new service spec against the current target
 * (`DefaultConfigurationUpdater` with `PodSpecsCannotShrink` and `TaskVolumesCannotChange`) and rebuilds its deploy
 * plan from the target it keeps (SchedulerBuilder.getDefaultScheduler). A refused spec leaves the target as it was and
 * puts the validation errors on the deploy plan (which then answers 417).
 */
import type { SimContext } from '../core/events.ts';
import { newPodInstance, type SdkPodSpec, type SdkService } from './model.ts';
import { deployPlan } from './plans.ts';
import { changesPodTasks, podsOf } from './spec.ts';
import { settleRunningSteps } from './steps.ts';

type Env = Record<string, string>;

function sameEnv(a: Env, b: Env): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** `ConfigValidationError.toString()` of a transition error. */
const transitionError = (field: string, from: string, to: string, message: string) =>
  `Field: '${field}'; Transition: '${from}' => '${to}'; Message: '${message}'; Fatal: false`;

const volumeText = (pod: SdkPodSpec) => (pod.volume ? `[${pod.volume.type} ${pod.volume.path} ${pod.volume.size} MB]` : '[]');

/** The validators' errors for moving from `current` to `next`, in their order. */
export function configErrors(current: readonly SdkPodSpec[], next: readonly SdkPodSpec[]): string[] {
  const errors: string[] = [];
  for (const old of current) {
    const now = next.find((p) => p.type === old.type);
    if (!now && old.count > 0)
      errors.push(
        transitionError(
          `PodSpec[name:${old.type}]`,
          String(old.count),
          'null',
          `New config is missing PodSpec named '${old.type}' (expected present with >= ${old.count} tasks)`,
        ),
      );
    else if (now && now.count < old.count)
      errors.push(
        transitionError(
          `PodSpec[name:${now.type}]`,
          String(old.count),
          String(now.count),
          `New config's PodSpec named '${now.type}' has ${now.count} tasks, expected >=${old.count} tasks`,
        ),
      );
  }
  for (const old of current) {
    const now = next.find((p) => p.type === old.type);
    if (!now || old.count === 0 || volumeText(old) === volumeText(now)) continue;
    for (const task of now.tasks)
      errors.push(transitionError(`TaskVolumes[taskname:${task}]`, volumeText(old), volumeText(now), 'Volumes must be equal.'));
  }
  return errors;
}

const sameResources = (a: SdkPodSpec, b: SdkPodSpec) =>
  a.resources.every((v, i) => v === b.resources[i]) && a.ports === b.ports && a.tasks.join() === b.tasks.join();

/**
 * The scheduler (re)started with `env`. The first time it is only remembered; after that a changed environment is a
 * configuration update: refused as a whole when a validator objects, else the new spec becomes the target and the
 * deploy plan is built again, its steps COMPLETE for pods already running as the target says, PENDING for new pods
 * and for pods whose tasks the change touches (relaunched in place one step at a time, updates.ts).
 * Returns whether the target changed.
 */
export function onSchedulerEnv(ctx: SimContext, service: SdkService, env: Env): boolean {
  const previous = service.env;
  if (previous !== undefined && sameEnv(previous, env)) return false;
  service.env = env;
  if (previous === undefined || service.uninstalling) return false;
  const next = podsOf(service.packageName, env);
  const errors = configErrors(service.pods, next);
  const plan = deployPlan(errors.length > 0 ? service.pods : next, () => ctx.randomUuid());
  plan.errors = errors;
  if (errors.length === 0) {
    const changed = [...new Set([...Object.keys(previous), ...Object.keys(env)])].filter((k) => previous[k] !== env[k]);
    for (const pod of next) {
      const old = service.pods.find((p) => p.type === pod.type);
      const tasksChange = changed.some((k) => changesPodTasks(service.packageName, pod.type, k));
      if (old && (!sameResources(old, pod) || tasksChange))
        for (const i of instancesOf(service, pod.type)) if (i.resourceId) i.outdated = true;
      for (let i = old?.count ?? 0; i < pod.count; i++) service.instances[`${pod.type}-${i}`] ??= newPodInstance(pod.type, i);
    }
    service.pods = next;
  }
  service.deploy = plan;
  // Steps whose pods already run (and are ready) as the target says have nothing to do.
  settleRunningSteps(service);
  return errors.length === 0;
}

const instancesOf = (service: SdkService, type: string) => Object.values(service.instances).filter((i) => i.type === type);
