/**
 * Readiness checks of SDK tasks (svc.yml `readiness-check`, run by the executor as a Mesos check): the first run
 * `delay` seconds after the task runs, then one every `interval`; a run passes once the service process is ready
 * (the pod spec's `readyAfter` seconds after the task started running), and the task's TASK_RUNNING update then
 * carries the passed check (`TaskLabelReader.isReadinessCheckSucceeded`), which makes its step COMPLETE. A run for a
 * launch that has since ended or been replaced does nothing.
 */
import type { SimContext } from '../core/events.ts';
import type { SdkPodInstance, SdkPodSpec, SdkService } from './model.ts';
import type { SdkEvent } from './events.ts';

type ReadinessEvent = Extract<SdkEvent, { type: 'sdk.readiness' }>;

/** The running task of the pod with the check just reached TASK_RUNNING: its first run is scheduled. */
export function startReadiness(ctx: SimContext, service: SdkService, spec: SdkPodSpec, pod: SdkPodInstance, taskId: string): void {
  if (!spec.readiness || pod.taskIds[spec.tasks.indexOf(spec.readiness.task)] !== taskId) return;
  ctx.schedule(spec.readiness.delay * 1000, { type: 'sdk.readiness', service: service.name, pod: pod.name, taskId, since: ctx.now });
}

/** A run of the check: true when it passed now (the pod is ready); else the next run is scheduled, unless stale. */
export function runReadiness(ctx: SimContext, service: SdkService, e: ReadinessEvent): boolean {
  const pod = service.instances[e.pod];
  const spec = pod && service.pods.find((p) => p.type === pod.type);
  if (!pod || !spec?.readiness) return false;
  const slot = spec.tasks.indexOf(spec.readiness.task);
  if (pod.taskIds[slot] !== e.taskId || pod.taskStates[slot] !== 'TASK_RUNNING' || pod.readyTaskId === e.taskId) return false;
  if (ctx.now - e.since >= spec.readiness.readyAfter * 1000) {
    pod.readyTaskId = e.taskId;
    return true;
  }
  ctx.schedule(spec.readiness.interval * 1000, e);
  return false;
}
