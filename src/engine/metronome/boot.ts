/** The jobs a scenario declares, stored at boot (scheduled once a Metronome leads); and a cluster saved before Metronome. */
import type { Scenario } from '../../common/scenario/types.ts';
import { readJobSpec } from '../../common/metronome/validate-job.ts';
import { validateCron } from '../../common/metronome/cron.ts';
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import { defaultBehavior } from './behavior.ts';
import { createJob } from './jobs.ts';
import { RECONCILIATION_INTERVAL_MS } from './timing.ts';

/** How long a Metronome process takes to start (JVM and Play; inferred). */
export const METRONOME_START_MS: [number, number] = [800, 1500];

export function bootMetronome(ctx: SimContext, state: ClusterState, scenario: Scenario): void {
  const spec = scenario.metronome;
  if (!spec) return;
  for (const json of spec.jobs) {
    const read = readJobSpec(json, 'v1', { validateCron });
    // The scenario reader validated every job already.
    if (!read.ok) throw new Error(`scenario job does not validate: ${JSON.stringify(read.body)}`);
    const behavior = { ...defaultBehavior(read.job), ...spec.behavior[read.job.id] };
    const created = createJob(ctx, state, read.job, behavior);
    if (!created.ok) throw new Error(`scenario job ${read.job.id}: ${created.message}`);
  }
}

/** A cluster saved before Metronome existed gets it on resume: each running master starts its instance. */
export function resumeMetronome(ctx: SimContext, state: ClusterState): void {
  if (!state.metronome.unstarted) return;
  delete state.metronome.unstarted;
  ctx.schedule(RECONCILIATION_INTERVAL_MS, { type: 'metronome.reconcile' });
  state.masters.forEach((m, master) => {
    if (!m.up) return;
    m.units.metronome = 'starting';
    ctx.schedule(ctx.randomInt(METRONOME_START_MS[0], METRONOME_START_MS[1]), { type: 'unit.up', master, unit: 'metronome', boot: m.boot });
  });
}
