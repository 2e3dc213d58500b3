/**
 * Metronome's answer to offers (it schedules through Marathon's library): each queued run gets one command-executor
 * task, oldest run first, on an offer with room for the job's cpus, mem, disk and gpus whose agent passes the job's
 * placement constraints (IS / LIKE / UNLIKE, asked of the constraint kernel as Marathon asks it). A job asking no
 * GPU stays off GPU agents (`METRONOME_GPU_SCHEDULING_BEHAVIOR=restricted`). Unused offers are declined for
 * Marathon's default 120 s; Metronome runs with `--disable_suppress_offers`, so it never suppresses.
 */
import { SIM_EPOCH_MS } from '../../common/clock.ts';
import { effectiveConstraints } from '../../common/metronome/job-spec.ts';
import { timeUuid } from '../../common/metronome/time-uuid.ts';
import { round3, type Scalars } from '../../common/resources.ts';
import { unpackRow } from '../../kernels/constraints/contract.ts';
import { internMatch } from '../../kernels/constraints/pack.ts';
import type { AgentSpec } from '../../kernels/constraints/parse.ts';
import type { SimContext } from '../core/events.ts';
import type { ClusterState, OfferState, Portion } from '../core/model.ts';
import { declineOffer } from '../mesos/master.ts';
import { acceptOffer, type TaskLaunch } from '../mesos/accept.ts';
import type { JobRecord, RunRecord } from './model.ts';
import { runSpecOf } from './runs.ts';

/** Marathon's --decline_offer_duration default (OfferProcessorConfig.scala: 120 s); DC/OS does not set it for Metronome. */
export const DECLINE_SECONDS = 120;
/** Mesos' default Filters for the unused part of an accepted offer. */
const ACCEPT_REFUSE_SECONDS = 5;

interface Waiting {
  job: JobRecord;
  run: RunRecord;
  need: Scalars;
  /** Per offer: 1 when its agent passes the job's constraints. */
  allowed: Uint8Array | null;
}

/** Queued runs, oldest first (ties by job id, then run id). */
export function queuedRuns(state: ClusterState): { job: JobRecord; run: RunRecord }[] {
  const out: { job: JobRecord; run: RunRecord }[] = [];
  for (const job of Object.values(state.metronome.jobs)) for (const run of job.runs) if (run.queued) out.push({ job, run });
  return out.sort((a, b) => a.run.createdAt - b.run.createdAt || cmp(a.job.spec.id, b.job.spec.id) || cmp(a.run.id, b.run.id));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function handleMetronomeOffers(ctx: SimContext, state: ClusterState, offers: OfferState[]): void {
  const queue = queuedRuns(state);
  if (queue.length === 0) {
    for (const offer of offers) declineOffer(ctx, state, offer.id, DECLINE_SECONDS);
    return;
  }
  const waiting = constrained(ctx, state, offers, queue);
  const remaining = offers.map((o) => o.portions.map((p) => ({ ...p, scalars: [...p.scalars] as Scalars })));
  const launches = offers.map((): TaskLaunch[] => []);
  for (const w of waiting) {
    const r = offers.findIndex((offer, i) => (w.allowed === null || w.allowed[i] === 1) && fits(state, offer, remaining[i]!, w.need));
    if (r < 0) continue;
    launches[r]!.push(launchOf(ctx, state, w, take(remaining[r]!, w.need)));
  }
  offers.forEach((offer, i) => {
    if (launches[i]!.length === 0) declineOffer(ctx, state, offer.id, DECLINE_SECONDS);
    else acceptOffer(ctx, state, offer.id, launches[i]!, ACCEPT_REFUSE_SECONDS);
  });
}

/** Each queued run with its needs, and (when its job has constraints) which offers' agents pass them. */
function constrained(ctx: SimContext, state: ClusterState, offers: OfferState[], queue: { job: JobRecord; run: RunRecord }[]): Waiting[] {
  const waiting: Waiting[] = queue.map(({ job, run }) => {
    const r = runSpecOf(job, run);
    return { job, run, need: [r.cpus, r.mem, r.disk, r.gpus], allowed: null };
  });
  const withConstraints = waiting.filter((w) => effectiveConstraints(runSpecOf(w.job, w.run)).length > 0);
  if (withConstraints.length === 0) return waiting;
  const agents: AgentSpec[] = offers.map((o) => {
    const agent = state.agents[o.agentIdx]!;
    return { hostname: agent.hostname, attributes: agent.attributes };
  });
  const pending = withConstraints.map((w) => ({
    constraints: effectiveConstraints(runSpecOf(w.job, w.run)).map((c) => [c.attribute, c.operator, c.value] as const),
    placed: [],
  }));
  const input = internMatch({ agents, pending });
  const out = ctx.matcher.match(input);
  withConstraints.forEach((w, g) => {
    w.allowed = new Uint8Array(offers.length);
    unpackRow(out, g, w.allowed);
  });
  return waiting;
}

/** Room for `need` in what is left of the offer; a job without GPUs stays off agents that have them. */
function fits(state: ClusterState, offer: OfferState, left: Portion[], need: Scalars): boolean {
  if (need[3] === 0 && state.agents[offer.agentIdx]!.pools.some((p) => p.total[3] > 0)) return false;
  for (let s = 0; s < 4; s++) if (left.reduce((sum, p) => sum + p.scalars[s]!, 0) + 1e-9 < need[s]!) return false;
  return true;
}

/** Take `need` out of the offer's portions, in order. */
function take(left: Portion[], need: Scalars): Portion[] {
  const want = [...need];
  const taken = left.map((p) => {
    const scalars = [0, 0, 0, 0] as Scalars;
    for (let s = 0; s < 4; s++) {
      const amount = Math.min(p.scalars[s]!, want[s]!);
      scalars[s] = round3(amount);
      p.scalars[s] = round3(p.scalars[s]! - amount);
      want[s] = round3(want[s]! - amount);
    }
    return { pool: p.pool, scalars, ports: [] };
  });
  return taken.filter((t) => t.scalars.some((x) => x > 0));
}

/**
 * The run's next task: the Marathon app `/<job path>/<runId>` of one instance; its task id is the app path joined
 * with `_`, a dot and a UUID, its Mesos name the path reversed and dotted (docs/metronome-sources.md §4.1).
 */
function launchOf(ctx: SimContext, state: ClusterState, { job, run }: Waiting, portions: Portion[]): TaskLaunch {
  const path = [...job.spec.id.split('.'), run.id];
  const id = `${path.join('_')}.${taskUuid(ctx, state)}`;
  run.queued = false;
  run.tasks.push({ id, startedAt: ctx.now, status: 'TASK_CREATED' });
  state.metronome.taskJob[id] = job.spec.id;
  return { name: [...path].reverse().join('.'), id, portions };
}

/**
 * The time-based UUID Marathon's library ends a legacy task id with: the wall clock, a tick that moves on for each id
 * (the generator keeps ids of one millisecond apart), a clock sequence fixed per leading process, and the leader's
 * MAC as node (the sandbox makes it from its IP, in the locally administered range).
 */
function taskUuid(ctx: SimContext, state: ClusterState): string {
  const m = state.metronome;
  m.uuidTick = ((m.uuidTick ?? 0) + 1) % 10_000;
  const leader = state.masters.find((x) => x.metronome === 'leader');
  const ip = (leader?.ip ?? '0.0.0.0').split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const epoch = state.ha.metronomeEpoch ?? 0;
  return timeUuid(SIM_EPOCH_MS + ctx.now, m.uuidTick, (epoch * 0x9e37) & 0x3fff, 0x0200_0000_0000 + ip);
}
