/**
 * A configuration update relaunching pods in place (dcos-commons: a deploy step whose pod runs with another target
 * config). When the plan reaches an outdated pod's step its tasks are killed; once they are gone the step launches
 * them again on the pod's reservation, grown by a RESERVE of what the new resources add (same role, principal and
 * `resource_id`, so Mesos merges it) or shrunk by an UNRESERVE of what they drop, in the ACCEPT that launches them.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState, OfferState, Portion } from '../core/model.ts';
import { round3, type Scalars } from '../../common/resources.ts';
import { TERMINAL_STATES } from '../../common/task-states.ts';
import { killTask } from '../mesos/master.ts';
import type { Conversion } from '../mesos/reservations.ts';
import type { SdkPodInstance, SdkService } from './model.ts';
import { candidateSteps } from './plans.ts';
import { specOf } from './steps.ts';

/** The plan's candidate steps reached outdated pods: their live tasks are killed, to be launched with the target. */
export function stopOutdatedPods(ctx: SimContext, state: ClusterState, service: SdkService): void {
  for (const step of candidateSteps(service.deploy)) {
    const pod = service.instances[step.pod];
    if (!pod?.outdated || step.status !== 'PENDING') continue;
    pod.taskIds.forEach((id, k) => {
      if (!TERMINAL_STATES.has(pod.taskStates[k]!)) killTask(ctx, state, id);
    });
  }
}

/** What the pod's target cpus and mem differ by from its reservation's offered part (positive: to reserve). */
function delta(service: SdkService, pod: SdkPodInstance, reserved: Portion): [number, number] {
  const want = specOf(service, pod).resources;
  return [round3(want[0] - reserved.scalars[0]), round3(want[1] - reserved.scalars[1])];
}

/** Whether the offer's unreserved resources cover what the outdated pod's reservation must grow by. */
export function resizeFits(service: SdkService, pod: SdkPodInstance, reserved: Portion, offer: OfferState): boolean {
  if (!pod.outdated) return true;
  const [cpus, mem] = delta(service, pod, reserved);
  if (cpus <= 0 && mem <= 0) return true;
  const free = offer.portions.find((p) => p.pool === 0);
  return free !== undefined && free.scalars[0] >= Math.max(0, cpus) && free.scalars[1] >= Math.max(0, mem);
}

/**
 * The conversions resizing the outdated pod's reservation to its target, and the reserved portion to launch on
 * afterwards. The pod counts as up to date from here.
 */
export function resizeOps(
  state: ClusterState,
  service: SdkService,
  pod: SdkPodInstance,
  reserved: Portion,
): { ops: Conversion[]; portion: Portion } {
  if (!pod.outdated) return { ops: [], portion: { ...reserved, scalars: [...reserved.scalars] } };
  pod.outdated = false;
  const [cpus, mem] = delta(service, pod, reserved);
  const ops: Conversion[] = [];
  const grow: Scalars = [Math.max(0, cpus), Math.max(0, mem), 0, 0];
  const shrink: Scalars = [Math.max(0, -cpus), Math.max(0, -mem), 0, 0];
  const pool = state.agents[pod.agentIdx!]!.pools[reserved.pool]!;
  if (grow[0] > 0 || grow[1] > 0)
    ops.push({ type: 'RESERVE', role: service.role, reservation: pool.dynamic!, resources: { pool: 0, scalars: grow, ports: [] } });
  if (shrink[0] > 0 || shrink[1] > 0) ops.push({ type: 'UNRESERVE', resources: { pool: reserved.pool, scalars: shrink, ports: [] } });
  const scalars: Scalars = [
    round3(reserved.scalars[0] + cpus),
    round3(reserved.scalars[1] + mem),
    reserved.scalars[2],
    reserved.scalars[3],
  ];
  return { ops, portion: { ...reserved, scalars } };
}
