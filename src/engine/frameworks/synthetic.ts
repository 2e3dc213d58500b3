/**
 * A synthetic load framework: a queue of identical tasks. On each offer it launches up to
 * `tasksPerOffer` tasks that fit (reserved resources first), and declines the rest with a
 * `refuseSeconds` filter. It suppresses offers when its queue is empty and revives when a
 * failed task puts work back in it.
 */
import { portCount, round3, takePorts, type Scalars } from '../../common/resources.ts';
import type { SimContext } from '../core/events.ts';
import { declineOffer, revive, suppress } from '../mesos/master.ts';
import { acceptOffer, type TaskLaunch } from '../mesos/accept.ts';
import { wantsOffers } from '../mesos/frameworks.ts';
import type { ClusterState, OfferState, SyntheticFramework, Portion, TaskState } from '../core/model.ts';

export function handleOffers(ctx: SimContext, state: ClusterState, fw: SyntheticFramework, offers: OfferState[]): void {
  const { spec } = fw;
  for (const offer of offers) {
    const remaining = offer.portions.map((p) => ({ ...p, scalars: [...p.scalars] as Scalars }));
    const launches: TaskLaunch[] = [];
    while (launches.length < spec.tasksPerOffer && hasPendingWork(fw)) {
      const portions = take(remaining, [spec.task.cpus, spec.task.mem, spec.task.disk, spec.task.gpus], spec.task.ports);
      if (!portions) break;
      launches.push({ name: fw.name, portions });
      if (spec.instances !== 'unlimited') fw.queued--;
    }
    if (launches.length > 0) acceptOffer(ctx, state, offer.id, launches, spec.refuseSeconds);
    else declineOffer(ctx, state, offer.id, spec.refuseSeconds);
  }
  if (!hasPendingWork(fw) && wantsOffers(fw)) suppress(fw);
}

/** A terminal update: finished work is done; failed or lost work goes back in the queue. */
export function handleStatus(ctx: SimContext, state: ClusterState, fw: SyntheticFramework, task: TaskState): void {
  if (task.state === 'TASK_FINISHED') fw.finished++;
  else if (task.state !== 'TASK_RUNNING' && task.state !== 'TASK_STARTING' && task.state !== 'TASK_STAGING') {
    fw.failed++;
    if (fw.spec.instances !== 'unlimited') fw.queued++;
    if (!wantsOffers(fw)) revive(ctx, state, fw);
  }
}

/** Take one task's resources out of `remaining` (reserved pools first), or undefined if it does not fit. */
function take(remaining: Portion[], need: Scalars, ports: number): Portion[] | undefined {
  const order = [...remaining].sort((a, b) => (a.pool === 0 ? 1 : 0) - (b.pool === 0 ? 1 : 0));
  for (let s = 0; s < 4; s++) {
    const available = order.reduce((sum, p) => sum + p.scalars[s]!, 0);
    if (available + 1e-9 < need[s]!) return undefined;
  }
  if (order.reduce((sum, p) => sum + portCount(p.ports), 0) < ports) return undefined;
  const taken: Portion[] = order.map((p) => ({ pool: p.pool, scalars: [0, 0, 0, 0], ports: [] }));
  order.forEach((p, i) => {
    const t = taken[i]!;
    for (let s = 0; s < 4; s++) {
      const amount = Math.min(p.scalars[s]!, need[s]!);
      t.scalars[s] = round3(amount);
      p.scalars[s] = round3(p.scalars[s]! - amount);
      need[s] = round3(need[s]! - amount);
    }
  });
  let portsNeeded = ports;
  order.forEach((p, i) => {
    if (portsNeeded <= 0) return;
    const [got, left] = takePorts(p.ports, portsNeeded);
    taken[i]!.ports = got;
    p.ports = left;
    portsNeeded -= portCount(got);
  });
  return taken.filter((t) => t.scalars.some((x) => x > 0) || t.ports.length > 0);
}

export function hasPendingWork(fw: SyntheticFramework): boolean {
  return fw.spec.instances === 'unlimited' || fw.queued > 0;
}
