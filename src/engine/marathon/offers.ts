/**
 * Marathon's answer to offers: instances from the launch queue are placed (placement.ts) and
 * launched; offers left unused are declined for --decline_offer_duration, and Marathon
 * suppresses each role in which nothing waits.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState, OfferState } from '../core/model.ts';
import type { TaskStateName } from '../../common/task-states.ts';
import { declineOffer } from '../mesos/master.ts';
import { appSecretReferences, podSecretReferences } from '../secrets/references.ts';
import { acceptOperations, type OfferOperation, type TaskLaunch } from '../mesos/accept.ts';
import { reservationWork, reserveFor } from './resident.ts';
import { frameworkById } from '../mesos/frameworks.ts';
import { toHostname } from '../../common/marathon/path-id.ts';
import { REJECT_REASONS, type InstanceState, type RunSpecRecord } from './model.ts';
import { setCondition } from './conditions.ts';
import { launchQueue } from './launch-queue.ts';
import { suppressIdleRoles } from './revive.ts';
import { NOT_PROCESSED, placeInstances, type InstanceLaunch } from './placement.ts';
import { changeInstance } from './instance-tally.ts';
import { noteUnusedOffers } from './unused-offers.ts';
import { portEnv } from './port-env.ts';
import { podEnv } from './pod-env.ts';
import type { RandomInt } from './ports-matcher.ts';
/** Mesos' default Filters for the unused part of an accepted offer. */
const ACCEPT_REFUSE_SECONDS = 5;

export function handleMarathonOffers(ctx: SimContext, state: ClusterState, offers: OfferState[]): void {
  const m = state.marathon;
  const fw = frameworkById(state, m.frameworkId);
  const random: RandomInt = (min, max) => ctx.randomInt(min, max);
  const declineSeconds = m.config.flags.decline_offer_duration / 1000;
  // Offers that bring Marathon's own reservations back: launch on them or clean them up, before any placement.
  const rest: OfferState[] = [];
  for (const offer of offers) {
    const work = reservationWork(state, offer, ctx.now);
    if (!work) {
      rest.push(offer);
      continue;
    }
    const launches = work.launches.flatMap((launch) => launchInstance(state, offer, launch, ctx.now, random));
    for (const l of work.launches) l.instance.reservation!.launched = true;
    const operations: OfferOperation[] = [...work.cleanup, ...(launches.length > 0 ? [{ type: 'LAUNCH' as const, launches }] : [])];
    acceptOperations(ctx, state, offer.id, operations, ACCEPT_REFUSE_SECONDS);
  }
  // Instances holding a reservation wait for their own agent's offer: any other offer has no reservation of theirs.
  const waiting = launchQueue(m, ctx.now);
  for (const q of waiting) if (q.instances.every((i) => i.reservation)) noReservationHere(q.record, rest, ctx.now);
  const queue = waiting.map((q) => ({ ...q, instances: q.instances.filter((i) => !i.reservation) })).filter((q) => q.instances.length > 0);
  if (queue.length === 0) {
    for (const offer of rest) declineOffer(ctx, state, offer.id, declineSeconds);
    suppressIdleRoles(fw, state, ctx.now);
    return;
  }
  const result = placeInstances(state, ctx.matcher, rest, queue, m.config.flags.max_instances_per_offer, random);
  queue.forEach((q, i) => recordOfferResults(q.record, rest, result.results[i]!, ctx.now));
  noteUnusedOffers(state, ctx.matcher, queue, rest, result, ctx.now);
  for (const offer of rest) {
    const launches = result.launches.get(offer.id);
    if (!launches) {
      declineOffer(ctx, state, offer.id, declineSeconds);
      continue;
    }
    const operations: OfferOperation[] = [];
    const tasks: TaskLaunch[] = [];
    for (const launch of launches) {
      if (m.runSpecs[launch.instance.runSpecId]!.spec.residentVolumes) {
        operations.push(...reserveFor(m, offer, launch, state.agents[offer.agentIdx]!.pools[0]!, ctx.now));
        ctx.schedule(m.config.flags.task_reservation_timeout, { type: 'marathon.reservation-timeout', instanceId: launch.instance.id });
      } else tasks.push(...launchInstance(state, offer, launch, ctx.now, random));
    }
    if (tasks.length > 0) operations.push({ type: 'LAUNCH', launches: tasks });
    acceptOperations(ctx, state, offer.id, operations, ACCEPT_REFUSE_SECONDS);
  }
  for (const q of queue) if (!q.instances.some((i) => i.condition === 'Scheduled' && !i.reservation)) q.record.waitingSince = null;
  suppressIdleRoles(fw, state, ctx.now);
}

/**
 * The instance's next incarnation is Provisioned on the offer's agent, with its host ports and (apps) port environment:
 * its tasks, as the master launches them.
 */
function launchInstance(
  state: ClusterState,
  offer: OfferState,
  { instance, tasks, hostPorts }: InstanceLaunch,
  now: number,
  random: RandomInt,
): TaskLaunch[] {
  const m = state.marathon;
  const record = m.runSpecs[instance.runSpecId]!;
  instance.hostPorts = hostPorts;
  if (record.app) instance.env = portEnv(record.app, hostPorts, state.agents[offer.agentIdx]!.hostname, random);
  else instance.env = podEnv(record.pod!, hostPorts, state.agents[offer.agentIdx]!.hostname);
  const secrets = record.app ? appSecretReferences(record.app) : podSecretReferences(record.pod!);
  if (Object.keys(secrets.env).length > 0) instance.secretEnv = secrets.env;
  else delete instance.secretEnv;
  instance.incarnation++;
  for (const id of instance.taskIds) delete m.taskInstance[id]; // a resident instance's last task, until now
  instance.taskIds = tasks.map((t) => taskIdOf(instance, t.container));
  instance.taskStates = tasks.map(() => 'TASK_STAGING' as TaskStateName);
  instance.agentIdx = offer.agentIdx;
  instance.stagedAt = now;
  instance.startedAt = null;
  changeInstance(m, instance, () => (instance.health = null));
  setCondition(m, instance, 'Provisioned', now);
  instance.taskIds.forEach((id) => (m.taskInstance[id] = instance.id));
  const networks = record.spec.networks ?? [];
  return tasks.map((t, k) => ({
    name: toHostname(record.spec.id),
    id: instance.taskIds[k]!,
    portions: t.portions,
    ...(networks.length > 0 ? { networks, namespace: instance.id } : {}),
    ...(secrets.sources.length > 0 ? { secrets: secrets.sources } : {}),
  }));
}

/** Marathon task ids: `<app>.instance-<uuid>._app.<incarnation>`; a pod's: `<pod>.instance-<uuid>.<container>`. */
function taskIdOf(instance: InstanceState, container: string): string {
  return container === '' ? `${instance.id}._app.${instance.incarnation}` : `${instance.id}.${container}`;
}

/** Offers in the run spec's role that carry none of its instances' reservations (`NoCorrespondingReservationFound`). */
function noReservationHere(record: RunSpecRecord, offers: OfferState[], now: number): void {
  const reason = REJECT_REASONS.indexOf('NoCorrespondingReservationFound');
  const results = Int8Array.from(offers, (o) => (o.role === record.spec.role ? reason : NOT_PROCESSED));
  recordOfferResults(record, offers, results, now);
  const attempt = record.waitingSince;
  if (attempt === null) return;
  const stats = record.offers;
  if (stats.lastUnused?.attempt !== attempt) stats.lastUnused = { attempt, byAgent: {} };
  offers.forEach((offer, k) => {
    if (results[k] === reason)
      stats.lastUnused!.byAgent[offer.agentIdx] = { offerId: offer.id, at: now, reasons: [reason], portions: offer.portions };
  });
}

/** The Debug view's offer statistics of a run spec. */
function recordOfferResults(record: RunSpecRecord, offers: OfferState[], results: Int8Array, now: number): void {
  const stats = record.offers;
  offers.forEach((offer, r) => {
    const result = results[r]!;
    if (result === NOT_PROCESSED) return;
    stats.processed++;
    stats.processedSinceAttempt++;
    stats.lastByAgent[offer.agentIdx] = result;
    if (result === -1) stats.lastUsedAt = now;
    else {
      stats.unused++;
      stats.lastUnusedAt = now;
      stats.declinedSinceAttempt[result]!++;
    }
  });
}
