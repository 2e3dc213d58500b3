/**
 * The last unused offer per agent of each waiting run spec, as Marathon keeps them for
 * `/v2/queue?embed=lastUnusedOffers` (`OfferMatchStatistics.noMatchStatisticsSink`): a used offer leaves the agent's
 * entry as it was, and a new launch attempt starts with none (`LaunchFinished` drops them). Each entry lists every
 * reason the offer did not fit, in the order `ResourceMatcher` finds them: the scalars short (cpus, mem, gpus,
 * disk), no resource in an accepted role, a constraint, GPUs kept for GPU work. A port short is only looked at once
 * all of those pass, so it is the placement's own reason then.
 */
import { needOf, pickWholeDisks } from './resident-disks.ts';
import { matches, type ConstraintMatcher } from '../../kernels/constraints/contract.ts';
import { internMatch } from '../../kernels/constraints/pack.ts';
import { round3, subtractPorts, type Scalars } from '../../common/resources.ts';
import type { ClusterState, OfferState, Portion } from '../core/model.ts';
import { REJECT_REASONS, type RejectReason, type RunSpec, type RunSpecRecord, type UnusedOfferNote } from './model.ts';
import {
  agentSpec,
  countedAgents,
  STAGE_CONSTRAINT,
  STAGE_ROLE,
  type InstanceLaunch,
  type PlacementResult,
  type WaitingRunSpec,
} from './placement.ts';

const indexOf = (reason: RejectReason) => REJECT_REASONS.indexOf(reason);

/** Scalars index (cpus 0, mem 1, disk 2, gpus 3) and reason, in the order ResourceMatcher checks them. */
const SCALAR_CHECKS: ReadonlyArray<[number, number]> = [
  [0, indexOf('InsufficientCpus')],
  [1, indexOf('InsufficientMemory')],
  [3, indexOf('InsufficientGpus')],
  [2, indexOf('InsufficientDisk')],
];
const UNFULFILLED_ROLE = indexOf('UnfulfilledRole');
const UNFULFILLED_CONSTRAINT = indexOf('UnfulfilledConstraint');
const DECLINED_SCARCE = indexOf('DeclinedScarceResources');

/** After a delivery was placed: each waiting run spec's unused offers replace what it kept for their agents. */
export function noteUnusedOffers(
  state: ClusterState,
  matcher: ConstraintMatcher,
  queue: WaitingRunSpec[],
  offers: OfferState[],
  placement: PlacementResult,
  now: number,
): void {
  queue.forEach(({ record }, k) => {
    const attempt = record.waitingSince;
    const results = placement.results[k]!;
    // -1 is a used offer, NOT_PROCESSED (-2) one the run spec never saw.
    const unused = offers.flatMap((offer, r) => (results[r]! >= 0 ? [{ offer, first: results[r]! }] : []));
    if (attempt === null || unused.length === 0) return;
    const stats = record.offers;
    if (stats.lastUnused?.attempt !== attempt) stats.lastUnused = { attempt, byAgent: {} };
    const roleFailed = unused.filter((u) => u.first === STAGE_ROLE).map((u) => u.offer.agentIdx);
    const failing = agentsFailingConstraints(state, matcher, record, roleFailed);
    for (const { offer, first } of unused) {
      const portions = leftOf(offer, placement.launches.get(offer.id));
      const constraintFails = first === STAGE_CONSTRAINT || (first === STAGE_ROLE && failing.has(offer.agentIdx));
      const reasons = reasonsOf(state, record.spec, offer.agentIdx, portions, first, constraintFails);
      const note: UnusedOfferNote = { offerId: offer.id, at: now, reasons, portions };
      stats.lastUnused.byAgent[offer.agentIdx] = note;
    }
  });
}

/**
 * Every reason, as ResourceMatcher collects them; the placement's own (first) reason when none of these apply
 * (ports, or GPUs the funnel saw in a pool of another role).
 */
function reasonsOf(
  state: ClusterState,
  spec: RunSpec,
  agentIdx: number,
  portions: Portion[],
  first: number,
  constraintFails: boolean,
): number[] {
  const agent = state.agents[agentIdx]!;
  // A resident app reserves unreserved resources only.
  const roles = spec.residentVolumes ? ['*'] : spec.acceptedResourceRoles;
  const accepted = portions.filter((p) => roles.includes(agent.pools[p.pool]!.role));
  const out: number[] = [];
  for (const [s, reason] of SCALAR_CHECKS) {
    const need = needOf(spec, s);
    const short = need > 0 && round3(accepted.reduce((sum, p) => sum + p.scalars[s]!, 0)) < need;
    // A resident app's volume also needs a whole disk of its kind.
    const noDisk = s === 2 && spec.residentVolumes !== undefined && !pickWholeDisks(agent, accepted[0], spec.residentVolumes);
    if (short || noDisk) out.push(reason);
  }
  if (accepted.length === 0) out.push(UNFULFILLED_ROLE);
  if (constraintFails) out.push(UNFULFILLED_CONSTRAINT);
  if (spec.sparesGpuAgents && portions.some((p) => p.scalars[3]! > 0)) out.push(DECLINED_SCARCE);
  return out.length > 0 ? out : [first];
}

/** The offer less what this delivery launched on it (unchanged, not copied, when nothing was). */
function leftOf(offer: OfferState, launches: InstanceLaunch[] | undefined): Portion[] {
  if (!launches) return offer.portions;
  const used = launches.flatMap((l) => l.tasks.flatMap((t) => t.portions));
  return offer.portions.map((o) => {
    const scalars = [...o.scalars] as Scalars;
    let ports = o.ports;
    for (const u of used) {
      if (u.pool !== o.pool) continue;
      for (let s = 0; s < 4; s++) scalars[s] = round3(scalars[s]! - u.scalars[s]!);
      ports = subtractPorts(ports, u.ports);
    }
    return { pool: o.pool, scalars, ports };
  });
}

/**
 * Of these agents, those the run spec's constraints refuse. The placement stops at the role for them, but
 * Marathon checks the constraints of every offer.
 */
function agentsFailingConstraints(
  state: ClusterState,
  matcher: ConstraintMatcher,
  record: RunSpecRecord,
  agentIdxs: number[],
): Set<number> {
  const agents = [...new Set(agentIdxs)];
  if (record.spec.constraints.length === 0 || agents.length === 0) return new Set();
  const counted = countedAgents(state, record);
  const column = new Map(agents.map((a, c) => [a, c]));
  const others = [...new Set(counted.filter((a) => !column.has(a)))];
  others.forEach((a, k) => column.set(a, agents.length + k));
  const input = internMatch({
    agents: agents.map((a) => agentSpec(state.agents[a]!)),
    otherAgents: others.map((a) => agentSpec(state.agents[a]!)),
    pending: [{ constraints: record.spec.constraints, placed: counted.map((a) => column.get(a)!) }],
  });
  const out = matcher.match(input);
  return new Set(agents.filter((_, c) => !matches(out, 0, c)));
}
