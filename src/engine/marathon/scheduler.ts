/**
 * Marathon as a Mesos framework: the launch queue answers offers, status updates move instances
 * through their conditions, failed instances relaunch after the launch backoff, health checks
 * kill what stays unhealthy, and instances on lost agents are replaced per `unreachableStrategy`.
 * Semantics: SEMANTICS.md 6.2–6.6.
 */
import type { SimContext } from '../core/events.ts';
import { acceptOffer, declineOffer, frameworkById, killTask, revive, suppress, type TaskLaunch } from '../mesos/master.ts';
import { TERMINAL_STATES, type TaskStateName } from '../core/task-state.ts';
import type { ClusterState, OfferState, TaskState } from '../core/model.ts';
import { toHostname } from '../../common/marathon/path-id.ts';
import { TERMINAL_CONDITIONS, type Condition, type InstanceState, type MarathonState, type RunSpecRecord } from './model.ts';
import { placeInstances, type WaitingRunSpec } from './placement.ts';
import { expungeInstance, instancesOf, markWaiting, scheduleInstance } from './store.ts';
import { noteEvent } from '../core/notable.ts';

/** --decline_offer_duration. */
export const DECLINE_OFFER_SECONDS = 120;
/** Mesos' default Filters for the unused part of an accepted offer. */
const ACCEPT_REFUSE_SECONDS = 5;
/** --min_revive_offers_interval. */
const MIN_REVIVE_INTERVAL_MS = 5000;
/** --reconciliation_interval: when non-zero unreachable timeouts are checked. */
export const RECONCILIATION_INTERVAL_MS = 600_000;
/** Deployment progress is looked at this long after a change (coalescing bursts of updates). */
const CHECK_DELAY_MS = 100;

/** Instances waiting for an offer, by run spec (in id order), skipping run specs still in their launch delay. */
export function launchQueue(m: MarathonState, now: number): WaitingRunSpec[] {
  const queue: WaitingRunSpec[] = [];
  for (const id of Object.keys(m.runSpecs).sort()) {
    const record = m.runSpecs[id]!;
    if (record.backoff && record.backoff.until > now) continue;
    const instances = instancesOf(m, record).filter((i) => i.condition === 'Scheduled' && i.goal === 'Running');
    if (instances.length > 0) queue.push({ record, instances });
  }
  return queue;
}

export function hasLaunchWork(m: MarathonState, now: number): boolean {
  return launchQueue(m, now).length > 0;
}

export function handleMarathonOffers(ctx: SimContext, state: ClusterState, offers: OfferState[]): void {
  const m = state.marathon;
  const fw = frameworkById(state, m.frameworkId);
  const queue = launchQueue(m, ctx.now);
  if (queue.length === 0) {
    for (const offer of offers) declineOffer(ctx, state, offer.id, DECLINE_OFFER_SECONDS);
    if (fw.active) suppress(state, fw);
    return;
  }
  const result = placeInstances(state, ctx.matcher, offers, queue);
  queue.forEach((q, i) => recordOfferResults(q.record, offers, result.results[i]!, ctx.now));
  for (const offer of offers) {
    const launches = result.launches.get(offer.id);
    if (!launches) {
      declineOffer(ctx, state, offer.id, DECLINE_OFFER_SECONDS);
      continue;
    }
    const taskLaunches: TaskLaunch[] = [];
    for (const { instance, tasks } of launches) {
      const record = m.runSpecs[instance.runSpecId]!;
      instance.incarnation++;
      instance.taskIds = tasks.map((t) => taskIdOf(instance, t.container));
      instance.taskStates = tasks.map(() => 'TASK_STAGING' as TaskStateName);
      instance.agentIdx = offer.agentIdx;
      instance.stagedAt = ctx.now;
      instance.startedAt = null;
      instance.health = null;
      setCondition(instance, 'Provisioned', ctx.now);
      instance.taskIds.forEach((id) => (m.taskInstance[id] = instance.id));
      tasks.forEach((t, k) => taskLaunches.push({ name: toHostname(record.spec.id), id: instance.taskIds[k]!, portions: t.portions }));
    }
    acceptOffer(ctx, state, offer.id, taskLaunches, ACCEPT_REFUSE_SECONDS);
  }
  for (const q of queue) if (!q.instances.some((i) => i.condition === 'Scheduled')) q.record.waitingSince = null;
  if (!hasLaunchWork(m, ctx.now) && fw.active) suppress(state, fw);
}

/** Marathon task ids: `<app>.instance-<uuid>._app.<incarnation>`; a pod's: `<pod>.instance-<uuid>.<container>`. */
function taskIdOf(instance: InstanceState, container: string): string {
  return container === '' ? `${instance.id}._app.${instance.incarnation}` : `${instance.id}.${container}`;
}

function recordOfferResults(record: RunSpecRecord, offers: OfferState[], results: Int8Array, now: number): void {
  const stats = record.offers;
  offers.forEach((offer, r) => {
    const result = results[r]!;
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

/** Marathon retries a kill after this long (--task_kill_retry_timeout). */
export const KILL_RETRY_MS = 10_000;

/** KILL a task; one whose agent the master cannot reach now is killed again later, until it ends. */
export function killMarathonTask(ctx: SimContext, state: ClusterState, taskId: string): void {
  if (killTask(ctx, state, taskId)) return;
  const m = state.marathon;
  const task = state.tasks[taskId];
  if (!task || task.state === 'TASK_KILLING' || m.killRetries.includes(taskId)) return;
  if (m.killRetries.length === 0) ctx.schedule(KILL_RETRY_MS, { type: 'marathon.kill-retry' });
  m.killRetries.push(taskId);
}

/** The retry timer: kills that go through, and tasks that ended meanwhile, leave the list; the rest wait another round. */
export function onKillRetry(ctx: SimContext, state: ClusterState, leading: boolean): void {
  const m = state.marathon;
  const waiting = m.killRetries;
  m.killRetries = [];
  for (const taskId of waiting) {
    const task = state.tasks[taskId];
    if (!task || task.state === 'TASK_KILLING') continue;
    if (leading && killTask(ctx, state, taskId)) continue;
    m.killRetries.push(taskId);
  }
  if (m.killRetries.length > 0) ctx.schedule(KILL_RETRY_MS, { type: 'marathon.kill-retry' });
}

/** A status update for one of Marathon's tasks. */
export function handleMarathonStatus(ctx: SimContext, state: ClusterState, task: TaskState): void {
  const m = state.marathon;
  const instanceId = m.taskInstance[task.id];
  const instance = instanceId === undefined ? undefined : m.instances[instanceId];
  if (!instance) {
    // A task Marathon no longer knows (its instance was expunged while the agent was away).
    if (!TERMINAL_STATES.has(task.state)) killMarathonTask(ctx, state, task.id);
    if (TERMINAL_STATES.has(task.state)) m.orphanTasks = m.orphanTasks.filter((id) => id !== task.id);
    return;
  }
  const k = instance.taskIds.indexOf(task.id);
  if (k < 0) return;
  instance.taskStates[k] = task.state;
  const record = m.runSpecs[instance.runSpecId]!;
  const before = instance.condition;
  const condition = conditionOf(instance.taskStates);
  if (task.state === 'TASK_UNREACHABLE') {
    onUnreachable(ctx, m, record, instance);
  } else if (TERMINAL_CONDITIONS.has(condition)) {
    onTerminal(ctx, state, record, instance, condition, task);
  } else {
    if (TERMINAL_STATES.has(task.state)) killRest(ctx, state, instance); // one container of a pod ended: the group goes
    if (condition === 'Running' && before !== 'Running') onRunning(ctx, state, record, instance, before);
    setCondition(instance, condition, ctx.now);
  }
  requestCheck(ctx, m);
}

function conditionOf(states: TaskStateName[]): Condition {
  if (states.every((s) => TERMINAL_STATES.has(s))) return terminalCondition(states.find((s) => s !== 'TASK_KILLED' && s !== 'TASK_FINISHED') ?? states[0]!);
  if (states.some((s) => TERMINAL_STATES.has(s) || s === 'TASK_KILLING')) return 'Killing';
  if (states.some((s) => s === 'TASK_UNREACHABLE')) return 'Unreachable';
  if (states.every((s) => s === 'TASK_RUNNING')) return 'Running';
  if (states.some((s) => s === 'TASK_STAGING')) return 'Staging';
  return 'Starting';
}

function terminalCondition(s: TaskStateName): Condition {
  switch (s) {
    case 'TASK_FINISHED':
      return 'Finished';
    case 'TASK_KILLED':
      return 'Killed';
    case 'TASK_ERROR':
      return 'Error';
    case 'TASK_DROPPED':
      return 'Dropped';
    case 'TASK_LOST':
    case 'TASK_GONE':
      return 'Gone';
    default:
      return 'Failed';
  }
}

function setCondition(instance: InstanceState, condition: Condition, now: number): void {
  if (instance.condition === condition) return;
  instance.condition = condition;
  instance.since = now;
}

function killRest(ctx: SimContext, state: ClusterState, instance: InstanceState): void {
  instance.taskIds.forEach((id, k) => {
    if (!TERMINAL_STATES.has(instance.taskStates[k]!)) killMarathonTask(ctx, state, id);
  });
}

function onRunning(ctx: SimContext, state: ClusterState, record: RunSpecRecord, instance: InstanceState, before: Condition): void {
  if (before === 'Unreachable' || before === 'UnreachableInactive') {
    // Back from a lost agent. A replaced instance keeps its unreachable time: reconciliation expunges it.
    if (before === 'Unreachable') instance.unreachableSince = null;
    // Its health checks went on while it was away, unless it was lost before it ever ran: then they start now.
    if (instance.startedAt !== null) return;
  }
  instance.startedAt = ctx.now;
  const hc = record.spec.healthCheck;
  if (hc) {
    instance.health = { alive: null, consecutiveFailures: 0, firstSuccess: null, lastSuccess: null, lastFailure: null, lastFailureCause: null };
    const first = isMesosSide(hc.protocol) ? hc.delaySeconds * 1000 : ctx.randomInt(0, hc.intervalSeconds * 1000);
    ctx.schedule(first, { type: 'marathon.health', instanceId: instance.id, incarnation: instance.incarnation, epoch: state.ha.marathonEpoch });
  }
  const { behavior } = record;
  const firstTask = instance.taskIds[0]!;
  if (behavior.startFailureRate > 0 && ctx.random() < behavior.startFailureRate) {
    ctx.schedule(ctx.randomInt(500, 5000), { type: 'task.status', taskId: firstTask, state: 'TASK_FAILED' });
  } else if (behavior.meanSecondsToCrash !== null) {
    const seconds = -Math.log(1 - ctx.random()) * behavior.meanSecondsToCrash;
    ctx.schedule(Math.max(1, Math.round(seconds * 1000)), { type: 'task.status', taskId: firstTask, state: 'TASK_FAILED' });
  }
}

export function isMesosSide(protocol: string): boolean {
  return protocol.startsWith('MESOS_') || protocol === 'COMMAND';
}

function onTerminal(ctx: SimContext, state: ClusterState, record: RunSpecRecord, instance: InstanceState, condition: Condition, task: TaskState): void {
  const m = state.marathon;
  setCondition(instance, condition, ctx.now);
  // An instance replaced after its agent was lost is done for good when its task ends (else N + 1 would run).
  const replaced = instance.unreachableSince !== null && record.instanceIds.some((id) => m.instances[id]?.replaces === instance.id);
  if (instance.goal !== 'Running' || record.removing || replaced) {
    expungeInstance(m, instance);
    return;
  }
  const killedForHealth = instance.health?.lastFailureCause === KILLED_UNHEALTHY;
  if (condition !== 'Killed' || killedForHealth) {
    const where = instance.agentIdx === null ? '' : ` on ${state.agents[instance.agentIdx]!.hostname}`;
    noteEvent(state, ctx.now, 'failure', `${record.spec.id}: ${killedForHealth ? 'task killed, unhealthy' : `task ${condition.toLowerCase()}`}${where}`);
    record.lastTaskFailure = {
      appId: record.spec.id,
      host: instance.agentIdx === null ? '' : state.agents[instance.agentIdx]!.hostname,
      message: killedForHealth ? 'Task was killed since health check failed.' : failureMessage(task),
      state: task.state,
      taskId: task.id,
      timestamp: ctx.now,
      version: instance.configVersion,
      slaveId: instance.agentIdx === null ? '' : state.agents[instance.agentIdx]!.id,
    };
  }
  if (condition !== 'Killed' || killedForHealth) addBackoff(ctx, record);
  // A terminal instance whose goal is Running is rescheduled: same instance, next incarnation.
  for (const id of instance.taskIds) delete m.taskInstance[id];
  instance.taskIds = [];
  instance.taskStates = [];
  instance.agentIdx = null;
  instance.health = null;
  instance.forcedUnhealthy = false;
  setCondition(instance, 'Scheduled', ctx.now);
  markWaiting(record, ctx.now);
  reviveForLaunches(ctx, state);
}

function failureMessage(task: TaskState): string {
  if (task.state === 'TASK_FINISHED') return 'Command exited with status 0';
  if (task.state === 'TASK_FAILED') return 'Command exited with status 1';
  if (task.state === 'TASK_LOST' || task.state === 'TASK_GONE') return 'Agent was removed';
  return task.state;
}

/** RateLimiter: first failure → backoffSeconds, then × backoffFactor, capped; reset once a delay is long past. */
export function addBackoff(ctx: SimContext, record: RunSpecRecord): void {
  const { backoffSeconds, backoffFactor, maxLaunchDelaySeconds } = record.spec;
  const b = record.backoff;
  const started = b ? b.until - b.delaySeconds * 1000 : 0;
  const fresh = !b || ctx.now > started + maxLaunchDelaySeconds * 1000;
  const delaySeconds = fresh ? Math.min(backoffSeconds, maxLaunchDelaySeconds) : Math.min(maxLaunchDelaySeconds, b.delaySeconds * backoffFactor);
  record.backoff = { delaySeconds, until: ctx.now + Math.round(delaySeconds * 1000) };
  ctx.schedule(Math.round(delaySeconds * 1000), { type: 'marathon.delay-over', runSpecId: record.spec.id });
}

export function resetBackoff(record: RunSpecRecord): void {
  record.backoff = null;
}

/** A delay ran out: launches for the run spec may go again. */
export function onDelayOver(ctx: SimContext, state: ClusterState, runSpecId: string): void {
  const record = state.marathon.runSpecs[runSpecId];
  if (!record || !record.backoff || record.backoff.until > ctx.now) return;
  reviveForLaunches(ctx, state);
}

const KILLED_UNHEALTHY = 'killed: health check failed';

/** One health check of one instance (`HealthCheckActor`); the next is scheduled an interval later. */
export function onHealthCheck(ctx: SimContext, state: ClusterState, instanceId: string, incarnation: number): void {
  const m = state.marathon;
  const instance = m.instances[instanceId];
  if (!instance || instance.incarnation !== incarnation || !instance.health) return;
  // An unreachable instance is not checked, but its checks go on: they resume when it is back Running.
  const unreachable = instance.condition === 'Unreachable' || instance.condition === 'UnreachableInactive';
  if (instance.condition !== 'Running' && !unreachable) return;
  const record = m.runSpecs[instance.runSpecId]!;
  const hc = record.spec.healthCheck;
  if (!hc) return;
  ctx.schedule(hc.intervalSeconds * 1000, { type: 'marathon.health', instanceId, incarnation, epoch: state.ha.marathonEpoch });
  if (unreachable || (instance.agentIdx !== null && state.agents[instance.agentIdx]!.disconnected)) return; // the check cannot reach it; the agent's fate decides
  const h = instance.health;
  const healthy = !instance.forcedUnhealthy && !(record.behavior.healthCheckFailureRate > 0 && ctx.random() < record.behavior.healthCheckFailureRate);
  if (healthy) {
    h.alive = true;
    h.consecutiveFailures = 0;
    h.firstSuccess ??= ctx.now;
    h.lastSuccess = ctx.now;
    requestCheck(ctx, m);
    return;
  }
  const inGrace = h.firstSuccess === null && ctx.now - (instance.startedAt ?? ctx.now) < hc.gracePeriodSeconds * 1000;
  if (inGrace) return;
  const mesosSide = isMesosSide(hc.protocol);
  const kill = mesosSide ? h.consecutiveFailures + 1 >= hc.maxConsecutiveFailures : hc.maxConsecutiveFailures > 0 && h.consecutiveFailures >= hc.maxConsecutiveFailures;
  h.consecutiveFailures++;
  h.alive = false;
  h.lastFailure = ctx.now;
  h.lastFailureCause = forcedCause(instance);
  if (kill) {
    h.lastFailureCause = KILLED_UNHEALTHY;
    killRest(ctx, state, instance);
  }
  requestCheck(ctx, m);
}

/** A new Marathon leader starts health checks for every instance that has them (an unreachable one's go on, unchecked, until it is back). */
export function restartHealthChecks(ctx: SimContext, state: ClusterState): void {
  for (const instance of Object.values(state.marathon.instances)) {
    const hc = state.marathon.runSpecs[instance.runSpecId]?.spec.healthCheck;
    const checked = instance.condition === 'Running' || instance.condition === 'Unreachable' || instance.condition === 'UnreachableInactive';
    if (!hc || !checked || !instance.health) continue;
    ctx.schedule(ctx.randomInt(0, hc.intervalSeconds * 1000), { type: 'marathon.health', instanceId: instance.id, incarnation: instance.incarnation, epoch: state.ha.marathonEpoch });
  }
}

function forcedCause(instance: InstanceState): string {
  return instance.forcedUnhealthy ? 'HTTP 503 (made unhealthy by a fault)' : 'HTTP 500';
}

/** TASK_UNREACHABLE: the instance stays (Unreachable); a replacement follows `unreachableStrategy`. */
function onUnreachable(ctx: SimContext, m: MarathonState, record: RunSpecRecord, instance: InstanceState): void {
  setCondition(instance, 'Unreachable', ctx.now);
  instance.unreachableSince = ctx.now;
  applyUnreachableStrategy(ctx, m, record, instance);
}

function applyUnreachableStrategy(ctx: SimContext, m: MarathonState, record: RunSpecRecord, instance: InstanceState): void {
  const strategy = record.spec.unreachableStrategy;
  if (strategy === 'disabled' || instance.unreachableSince === null) return;
  const elapsed = ctx.now - instance.unreachableSince;
  if (instance.condition === 'Unreachable' && elapsed >= strategy.inactiveAfterSeconds * 1000) {
    setCondition(instance, 'UnreachableInactive', ctx.now);
    if (instance.goal === 'Running' && !record.removing) {
      scheduleInstance(m, record, ctx.randomUuid(), ctx.now, instance.id);
      ctx.schedule(0, { type: 'marathon.revive' });
    }
  }
  if (instance.condition === 'UnreachableInactive' && elapsed >= strategy.expungeAfterSeconds * 1000) {
    // Expunged: if its agent comes back, the task is killed then.
    m.orphanTasks.push(...instance.taskIds.filter((_, k) => !TERMINAL_STATES.has(instance.taskStates[k]!)));
    expungeInstance(m, instance);
  }
}

/** Meant to run and not finished or replaced (scheduled ones included), as deployments count instances. */
function countsToTarget(i: InstanceState): boolean {
  return i.goal === 'Running' && !TERMINAL_CONDITIONS.has(i.condition) && i.condition !== 'UnreachableInactive';
}

/** Periodic task reconciliation: where non-zero unreachable timeouts are looked at. */
export function onReconcile(ctx: SimContext, state: ClusterState): void {
  const m = state.marathon;
  const live = new Map<RunSpecRecord, number>();
  for (const instance of Object.values(m.instances)) {
    if (instance.unreachableSince === null) continue;
    const record = m.runSpecs[instance.runSpecId];
    if (!record) continue;
    if (instance.condition === 'Running') {
      // Back after it was replaced: it goes only while the app is over its target (a deployment may have scaled the replacement away).
      const count = live.get(record) ?? instancesOf(m, record).filter(countsToTarget).length;
      live.set(record, count);
      if (count <= record.spec.instances) {
        instance.unreachableSince = null;
        continue;
      }
      const strategy = record.spec.unreachableStrategy;
      if (strategy !== 'disabled' && ctx.now - instance.unreachableSince >= strategy.expungeAfterSeconds * 1000) {
        instance.goal = 'Decommissioned';
        killRest(ctx, state, instance);
        live.set(record, count - 1);
      }
      continue;
    }
    applyUnreachableStrategy(ctx, m, record, instance);
  }
  ctx.schedule(RECONCILIATION_INTERVAL_MS, { type: 'marathon.reconcile' });
}

/** New launch demand: REVIVE (clears the 120 s decline filters), at most every --min_revive_offers_interval. */
export function reviveForLaunches(ctx: SimContext, state: ClusterState): void {
  const m = state.marathon;
  const fw = frameworkById(state, m.frameworkId);
  if (!fw.registered || !hasLaunchWork(m, ctx.now)) return;
  if (m.lastReviveAt !== null && ctx.now - m.lastReviveAt < MIN_REVIVE_INTERVAL_MS) {
    if (!m.revivePending) {
      m.revivePending = true;
      ctx.schedule(m.lastReviveAt + MIN_REVIVE_INTERVAL_MS - ctx.now, { type: 'marathon.revive' });
    }
    return;
  }
  m.lastReviveAt = ctx.now;
  revive(ctx, state, fw);
}

export function onReviveTimer(ctx: SimContext, state: ClusterState): void {
  state.marathon.revivePending = false;
  reviveForLaunches(ctx, state);
}

/** Ask for a look at deployment progress soon (bursts of updates share one look). */
export function requestCheck(ctx: SimContext, m: MarathonState): void {
  if (m.checkPending) return;
  m.checkPending = true;
  ctx.schedule(CHECK_DELAY_MS, { type: 'marathon.check' });
}

/** Kill an instance for good (scale down, stop, decommission). Unlaunched ones simply go. */
export function decommission(ctx: SimContext, state: ClusterState, instance: InstanceState): void {
  instance.goal = 'Decommissioned';
  if (instance.condition === 'Scheduled' || TERMINAL_CONDITIONS.has(instance.condition) || instance.condition === 'UnreachableInactive') {
    if (instance.condition === 'UnreachableInactive') state.marathon.orphanTasks.push(...instance.taskIds);
    expungeInstance(state.marathon, instance);
    return;
  }
  if (instance.condition === 'Unreachable') {
    state.marathon.orphanTasks.push(...instance.taskIds);
    expungeInstance(state.marathon, instance);
    return;
  }
  killRest(ctx, state, instance);
}

/** A fault: the instance's checks fail from now on (until it is replaced). */
export function makeUnhealthy(instance: InstanceState): void {
  instance.forcedUnhealthy = true;
}

