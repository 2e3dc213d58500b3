/**
 * Deployments: plans of steps that take run specs from their current to their target
 * definitions. Start, scale, rolling restart (`TaskReplaceActor`, SEMANTICS 6.1) and stop;
 * steps follow dependencies (dependencies start first, dependents stop first). A deployment
 * advances when its current step's actions are all done; a running one can be rolled back.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import type {
  Definition,
  DeploymentAction,
  DeploymentActionName,
  DeploymentState,
  InstanceState,
  MarathonState,
  RunSpecRecord,
} from './model.ts';
import { dependenciesOf, onlyScaled } from './run-spec.ts';
import { balanceGroupBy } from './kill-selection.ts';
import { resetBackoff } from './backoff.ts';
import { decommission } from './kills.ts';
import { reviveForLaunches } from './revive.ts';
import { assignServicePorts } from './service-ports.ts';
import { definitionOf, instancesOf, nextVersion, NO_BEHAVIOR, storeDefinition } from './store.ts';
import { noteEvent } from '../core/notable.ts';
import { admit, isWaiting, launchWindow } from './launch-window.ts';
import { isHealthy, isLive, isParked } from './instance-tally.ts';
import { retire, scheduleNext } from './resident-lifecycle.ts';
import { healthyButNotReady, isReady } from './readiness.ts';

/** One app or pod going from `before` to `after`. */
export interface RunSpecChange {
  id: string;
  /** null: it is created. */
  before: Definition | null;
  /** null: it is removed. */
  after: Definition | null;
  /** Restart even if the definition is unchanged (POST /restart). */
  restart?: boolean;
}

/** Start a deployment: the store takes the target definitions now; instances follow step by step. */
export function startDeployment(
  ctx: SimContext,
  state: ClusterState,
  changes: RunSpecChange[],
  behaviors: Record<string, RunSpecRecord['behavior']> = {},
): DeploymentState {
  const m = state.marathon;
  changes = assignServicePorts(m, changes);
  const version = nextVersion(m, ctx.now);
  const dep: DeploymentState = {
    id: ctx.randomUuid(),
    version,
    steps: planSteps(m, changes),
    current: 0,
    original: Object.fromEntries(changes.map((c) => [c.id, c.before])),
    target: Object.fromEntries(changes.map((c) => [c.id, c.after])),
  };
  for (const change of changes) {
    if (change.after) {
      const configChanged = !change.before || change.restart === true || !onlyScaled(change.before, change.after);
      const existing = m.runSpecs[change.id];
      const behavior = behaviors[change.id] ?? existing?.behavior ?? NO_BEHAVIOR;
      const record = storeDefinition(m, change.after, version, configChanged, behavior);
      if (configChanged) resetBackoff(record);
    } else {
      const record = m.runSpecs[change.id];
      if (record) record.removing = true;
    }
  }
  m.deployments.push(dep);
  checkDeployments(ctx, state);
  return dep;
}

const ACTIONS = {
  app: { start: 'StartApplication', scale: 'ScaleApplication', restart: 'RestartApplication', stop: 'StopApplication' },
  pod: { start: 'StartPod', scale: 'ScalePod', restart: 'RestartPod', stop: 'StopPod' },
} as const;

function planSteps(m: MarathonState, changes: RunSpecChange[]): DeploymentAction[][] {
  const level = dependencyLevels(m, changes);
  const starts: DeploymentAction[] = [];
  const byLevel: DeploymentAction[][] = [];
  const stops: DeploymentAction[][] = [];
  const at = (list: DeploymentAction[][], i: number) => (list[i] ??= []);
  for (const c of changes) {
    const l = level.get(c.id) ?? 0;
    const names = ACTIONS[(c.after ?? c.before)!.kind];
    if (!c.after) {
      at(stops, l).push({ action: names.stop, runSpecId: c.id });
      continue;
    }
    if (!c.before) {
      starts.push({ action: names.start, runSpecId: c.id });
      at(byLevel, l).push({ action: names.scale, runSpecId: c.id });
    } else {
      const name: DeploymentActionName = c.restart || !onlyScaled(c.before, c.after) ? names.restart : names.scale;
      at(byLevel, l).push({ action: name, runSpecId: c.id });
    }
  }
  const steps: DeploymentAction[][] = [];
  if (starts.length > 0) steps.push(starts);
  steps.push(...byLevel.filter((s) => s && s.length > 0));
  steps.push(...stops.filter((s) => s && s.length > 0).reverse());
  return steps;
}

/** 0 for apps with no changed dependency, else one more than the deepest changed dependency. */
function dependencyLevels(m: MarathonState, changes: RunSpecChange[]): Map<string, number> {
  const defs = new Map(changes.map((c) => [c.id, c.after ?? c.before!]));
  const ids = [...defs.keys()];
  const changedDependencies = (id: string): string[] => {
    const direct = dependenciesOf(defs.get(id)!);
    const fromGroups = Object.values(m.groups)
      .filter((g) => id.startsWith(g.id + '/'))
      .flatMap((g) => g.dependencies);
    const paths = [...direct, ...fromGroups];
    return ids.filter((other) => other !== id && paths.some((p) => other === p || other.startsWith(p + '/')));
  };
  const level = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    const known = level.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle: readers reject them; never loop here
    visiting.add(id);
    const l = Math.max(-1, ...changedDependencies(id).map(visit)) + 1;
    visiting.delete(id);
    level.set(id, l);
    return l;
  };
  ids.forEach(visit);
  return level;
}

/** Deployments touching any of these run specs. */
export function deploymentsFor(m: MarathonState, ids: string[]): DeploymentState[] {
  return m.deployments.filter((d) => ids.some((id) => id in d.target));
}

/** Remove a deployment without undoing it (`DELETE /v2/deployments/{id}?force=true`, or a forced change). */
export function cancelDeployment(m: MarathonState, dep: DeploymentState): void {
  m.deployments = m.deployments.filter((d) => d !== dep);
}

/** Roll back: a new deployment from the current definitions to the ones before `dep`. */
export function rollbackDeployment(ctx: SimContext, state: ClusterState, dep: DeploymentState): DeploymentState {
  const m = state.marathon;
  cancelDeployment(m, dep);
  const changes: RunSpecChange[] = Object.entries(dep.original).map(([id, original]) => {
    const record = m.runSpecs[id];
    const current = record && !record.removing ? definitionOf(record) : null;
    return { id, before: current, after: original };
  });
  for (const c of changes) {
    const record = m.runSpecs[c.id];
    if (c.after && record?.removing) {
      record.removing = false; // undelete: the instances being stopped give way to new ones
      c.before = null;
    }
  }
  return startDeployment(
    ctx,
    state,
    changes.filter((c) => c.before !== null || c.after !== null),
  );
}

/** Look at every deployment: run its current step's actions, and move on when they are done. */
export function checkDeployments(ctx: SimContext, state: ClusterState): void {
  const m = state.marathon;
  m.checkPending = false;
  for (const dep of [...m.deployments]) {
    for (;;) {
      const step = dep.steps[dep.current];
      if (!step) {
        noteEvent(state, ctx.now, 'deployment', `Deployed ${describeTarget(dep)}`);
        cancelDeployment(m, dep);
        break;
      }
      const done = step.map((action) => progress(ctx, state, action)).every(Boolean);
      if (!done) break;
      dep.current++;
    }
  }
  reviveForLaunches(ctx, state);
}

function describeTarget(dep: DeploymentState): string {
  const ids = Object.keys(dep.target).sort();
  const shown = ids.slice(0, 3).map((id) => (dep.target[id] === null ? `${id} (removed)` : id));
  return ids.length > 3 ? `${shown.join(', ')} and ${ids.length - 3} more` : shown.join(', ');
}

/** Run one action a little further; true when it is complete. */
function progress(ctx: SimContext, state: ClusterState, action: DeploymentAction): boolean {
  const m = state.marathon;
  const record = m.runSpecs[action.runSpecId];
  switch (action.action) {
    case 'StartApplication':
    case 'StartPod':
      return true;
    case 'StopApplication':
    case 'StopPod':
      if (!record) return true;
      for (const i of instancesOf(m, record)) if (i.goal !== 'Decommissioned') decommission(ctx, state, i);
      if (record.instanceIds.length === 0) delete m.runSpecs[action.runSpecId];
      return !m.runSpecs[action.runSpecId];
    case 'ScaleApplication':
    case 'ScalePod':
      return record ? scale(ctx, state, record, action) : true;
    case 'RestartApplication':
    case 'RestartPod':
      return record ? restart(ctx, state, record, action) : true;
  }
}

/** Done when the target count runs healthy, new instances ready too, and nothing being stopped is left. */
function scale(ctx: SimContext, state: ClusterState, record: RunSpecRecord, action: DeploymentAction): boolean {
  const m = state.marathon;
  const target = record.spec.instances;
  const before = { ...record.tally };
  const toSchedule = admit(
    action,
    target - before.live,
    before.waiting,
    launchWindow(state.agents.length, m.config.flags.max_instances_per_offer),
  );
  for (let n = 0; n < toSchedule; n++) scheduleNext(ctx, m, record);
  if (before.live > target) {
    const live = instancesOf(m, record).filter(isLive);
    for (const i of killOrder(state, record, live).slice(0, live.length - target)) retire(ctx, state, i);
  }
  const after = record.tally;
  const counted = after.healthy - (record.spec.readinessCheck ? healthyButNotReady(m, record, action) : 0);
  return counted >= target && after.notMeantToRun === 0;
}

/** Which instances go first: unplaced ones, then by `killSelection` on staging time, GROUP_BY groups kept even. */
export function killOrder(state: ClusterState, record: RunSpecRecord, instances: InstanceState[]): InstanceState[] {
  const youngestFirst = record.spec.killSelection === 'YOUNGEST_FIRST';
  const ordered = [...instances].sort((a, b) => {
    // Unplaced first whatever the selection (also a relaunch still waiting, which keeps its old stagedAt).
    const unplaced = Number(b.agentIdx === null) - Number(a.agentIdx === null);
    if (unplaced !== 0 || a.agentIdx === null) return unplaced;
    const sa = a.stagedAt ?? 0;
    const sb = b.stagedAt ?? 0;
    return youngestFirst ? sb - sa : sa - sb;
  });
  return balanceGroupBy(state, record.spec, ordered);
}

/** Rolling restart arithmetic of `TaskReplaceActor` (SEMANTICS 6.1). */
function restart(ctx: SimContext, state: ClusterState, record: RunSpecRecord, action: DeploymentAction): boolean {
  const m = state.marathon;
  const N = record.spec.instances;
  const version = record.lastConfigChangeAt;
  const all = instancesOf(m, record);
  const isNew = (i: InstanceState) => i.configVersion >= version;
  if (!action.restart?.initialized) {
    const { minimumHealthCapacity, maximumOverCapacity } = record.spec.upgradeStrategy;
    const running = all.filter(isLive);
    const healthy = running.filter((i) => consideredHealthy(record, i)).length;
    const minHealthy = Math.ceil(N * minimumHealthCapacity);
    let maxCapacity = Math.floor(N * (1 + maximumOverCapacity));
    let killNow = Math.max(0, healthy - minHealthy);
    // At capacity: one extra instance, or for a resident app (no room over capacity) one more kill first.
    if (minHealthy === maxCapacity && maxCapacity <= healthy) {
      if (record.spec.residentVolumes) killNow = healthy - minHealthy + 1;
      else maxCapacity += 1;
    }
    if (running.length > N) killNow = Math.max(killNow, running.length - N);
    action.restart = { maxCapacity, started: running.filter(isNew).length, killed: 0, initialKill: killNow, initialized: true };
  }
  const r = action.restart!;
  const old = all.filter((i) => !isNew(i));
  const oldToKill = old.filter((i) => i.goal === 'Running');
  // A new instance lets an old one go once it is healthy and, with a readiness check, ready.
  const newHealthy = all.filter((i) => isNew(i) && i.goal === 'Running' && isHealthy(record, i) && isReady(action, i)).length;
  const allowed = r.initialKill + newHealthy - r.killed;
  if (allowed > 0 && oldToKill.length > 0) {
    const unhealthyFirst = [...oldToKill].sort((a, b) => Number(consideredHealthy(record, a)) - Number(consideredHealthy(record, b)));
    for (const i of unhealthyFirst.slice(0, allowed)) {
      retire(ctx, state, i);
      r.killed++;
    }
  }
  const oldActive = instancesOf(m, record).filter((i) => !isNew(i) && !isParked(i)).length;
  const toStart = Math.min(N - r.started, Math.max(0, r.maxCapacity - oldActive - r.started));
  const waitingNew = instancesOf(m, record).filter((i) => isNew(i) && isWaiting(i)).length;
  const now = admit(action, toStart, waitingNew, launchWindow(state.agents.length, m.config.flags.max_instances_per_offer));
  for (let n = 0; n < now; n++) scheduleNext(ctx, m, record);
  r.started += now;
  return newHealthy >= N && oldActive === 0;
}

/**
 * `Instance.consideredHealthy`: a readiness check counts as a configured health check, so an app with one and no
 * health check has no instance considered healthy when a restart begins (none is killed before new ones are ready).
 */
function consideredHealthy(record: RunSpecRecord, i: InstanceState): boolean {
  if (record.spec.healthCheck === null && record.spec.readinessCheck !== null) return false;
  return isHealthy(record, i);
}
