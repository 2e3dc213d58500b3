/**
 * Marathon as beats: deployments started (what each does: start, scale, a rolling upgrade with
 * its upgrade strategy, stop) and finished, and apps left waiting for offers, with why (the
 * placement diagnosis the Services page shows: which stage of the offer funnel the agents fail).
 */
import type { ClusterState } from '../../engine/core/model.ts';
import { diagnose } from '../../engine/marathon/diagnose.ts';
import type { Definition, DeploymentAction, DeploymentState } from '../../engine/marathon/model.ts';
import { tsMatcher } from '../../kernels/constraints/twin.ts';
import { single, type Emit } from './beats.ts';
import { count, listOf } from './time.ts';

/** An app waiting this long for offers is news (launches wait a moment for the next offer as a rule). */
export const WAIT_NOTE_MS = 30_000;

export class MarathonWatcher {
  #deployments = new Map<string, string[]>();
  #notable = 0;
  /** App id → the `waitingSince` already told. */
  #waitTold = new Map<string, number>();

  observe(state: ClusterState, now: number, emit: Emit): void {
    const m = state.marathon;
    const finishedNow = state.notable.slice(Math.max(0, state.notable.length - (state.notableTotal - this.#notable)));
    this.#notable = state.notableTotal;
    const live = new Set<string>();
    for (const dep of m.deployments) {
      live.add(dep.id);
      if (this.#deployments.has(dep.id)) continue;
      const apps = Object.keys(dep.target).sort();
      this.#deployments.set(dep.id, apps);
      const text = `Marathon started deployment ${dep.id.slice(0, 8)}: ${listOf(actionsOf(dep).map(describeAction(dep)), 4)}`;
      emit(single(`app:${apps[0] ?? ''}`, `Deployment of ${listOf(apps)}`, text, { apps }));
    }
    for (const [id, apps] of this.#deployments) {
      if (live.has(id)) continue;
      this.#deployments.delete(id);
      const done = finishedNow.some((n) => n.kind === 'deployment');
      const text = done
        ? `deployment ${id.slice(0, 8)} finished: ${listOf(apps)} ${apps.length === 1 ? 'runs' : 'run'} as defined`
        : `deployment ${id.slice(0, 8)} was canceled or replaced by another`;
      emit(single(`app:${apps[0] ?? ''}`, `Deployment of ${listOf(apps)}`, text, { apps }));
    }
    this.#waiting(state, now, emit);
  }

  #waiting(state: ClusterState, now: number, emit: Emit): void {
    for (const [id, record] of Object.entries(state.marathon.runSpecs)) {
      const since = record.waitingSince;
      if (since === null || now - since < WAIT_NOTE_MS || this.#waitTold.get(id) === since) continue;
      this.#waitTold.set(id, since);
      const d = diagnose(state, tsMatcher, record);
      if (d.waiting === 0) continue;
      const failing = d.stages.filter((s) => s.failed > 0).map((s) => `${s.failed} at ${s.stage}`);
      const funnel =
        d.agents === 0
          ? 'no agent is registered'
          : failing.length === 0
            ? `all ${count(d.agents, 'agent')} could take one`
            : `of ${count(d.agents, 'agent')}, ${failing.join(', ')}`;
      const first = d.verdicts.find((v) => v.stage !== null);
      const example = first ? ` (${first.hostname} ${first.detail})` : '';
      const note = d.notes[0] ? `; ${d.notes[0]}` : '';
      const text = `${count(d.waiting, 'instance')} of ${id} ${d.waiting === 1 ? 'has' : 'have'} waited ${Math.round((now - since) / 1000)} s for offers: ${funnel}${example}${note}`;
      emit(single(`app:${id}`, `${id} waiting for offers`, text, { apps: [id], agents: first ? [first.hostname] : [] }));
    }
  }
}

function actionsOf(dep: DeploymentState): DeploymentAction[] {
  return dep.steps.flat();
}

function policyOf(
  d: Definition | null | undefined,
): { instances: number; upgradeStrategy: { minimumHealthCapacity: number; maximumOverCapacity: number } } | null {
  if (!d) return null;
  return d.kind === 'app' ? d.app : d.pod;
}

function describeAction(dep: DeploymentState): (a: DeploymentAction) => string {
  return (a) => {
    const target = policyOf(dep.target[a.runSpecId]);
    const before = policyOf(dep.original[a.runSpecId]);
    const id = a.runSpecId;
    switch (a.action) {
      case 'StartApplication':
      case 'StartPod':
        return `start ${id}`;
      case 'ScaleApplication':
      case 'ScalePod':
        return `scale ${id}${before ? ` from ${before.instances}` : ''} to ${target?.instances ?? 0} instances`;
      case 'RestartApplication':
      case 'RestartPod': {
        const s = target?.upgradeStrategy;
        const strategy = s ? ` (minimumHealthCapacity ${s.minimumHealthCapacity}, maximumOverCapacity ${s.maximumOverCapacity})` : '';
        return `a rolling upgrade of ${id}'s ${target?.instances ?? 0} instances${strategy}`;
      }
      case 'StopApplication':
      case 'StopPod':
        return `stop ${id}`;
    }
  };
}
