/**
 * Health checks (`HealthCheckActor`): each instance with a check is checked every interval once
 * it runs; one that keeps failing is killed. Marathon-side checks start at a random point of the
 * first interval, Mesos-side ones after their delay.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import type { HealthCheck } from '../../common/marathon/app-definition.ts';
import type { HealthState, InstanceState, RunSpecRecord } from './model.ts';
import { requestCheck } from './deployment-check.ts';
import { killLiveTasks } from './kills.ts';
import { changeInstance } from './instance-tally.ts';

/** The failure cause of an instance killed for its health: its task's end then counts as a failure. */
export const KILLED_UNHEALTHY = 'killed: health check failed';

export function isMesosSide(protocol: string): boolean {
  return protocol.startsWith('MESOS_') || protocol === 'COMMAND';
}

/** The instance started running: its checks begin (Mesos-side after their delay, Marathon-side within the first interval). */
export function startHealthChecks(ctx: SimContext, state: ClusterState, record: RunSpecRecord, instance: InstanceState): void {
  const hc = record.spec.healthCheck;
  if (!hc) return;
  const health: HealthState = {
    alive: null,
    consecutiveFailures: 0,
    firstSuccess: null,
    lastSuccess: null,
    lastFailure: null,
    lastFailureCause: null,
  };
  changeInstance(state.marathon, instance, () => (instance.health = health));
  const first = isMesosSide(hc.protocol) ? hc.delaySeconds * 1000 : ctx.randomInt(0, hc.intervalSeconds * 1000);
  ctx.schedule(first, {
    type: 'marathon.health',
    instanceId: instance.id,
    incarnation: instance.incarnation,
    epoch: state.ha.marathonEpoch,
  });
}

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
  const healthy =
    !instance.forcedUnhealthy && !(record.behavior.healthCheckFailureRate > 0 && ctx.random() < record.behavior.healthCheckFailureRate);
  const h = instance.health;
  if (healthy) changeInstance(m, instance, () => recordSuccess(h, ctx.now));
  else if (inGracePeriod(hc, h, instance.startedAt, ctx.now)) return;
  else recordFailure(ctx, state, hc, instance, h);
  requestCheck(ctx, m);
}

function recordSuccess(h: HealthState, now: number): void {
  h.alive = true;
  h.consecutiveFailures = 0;
  h.firstSuccess ??= now;
  h.lastSuccess = now;
}

/** Failures before the first success do not count while the grace period lasts. */
function inGracePeriod(hc: HealthCheck, h: HealthState, startedAt: number | null, now: number): boolean {
  return h.firstSuccess === null && now - (startedAt ?? now) < hc.gracePeriodSeconds * 1000;
}

/** A failed check counts; after too many in a row the instance is killed. */
function recordFailure(ctx: SimContext, state: ClusterState, hc: HealthCheck, instance: InstanceState, h: HealthState): void {
  const mesosSide = isMesosSide(hc.protocol);
  const kill = mesosSide
    ? h.consecutiveFailures + 1 >= hc.maxConsecutiveFailures
    : hc.maxConsecutiveFailures > 0 && h.consecutiveFailures >= hc.maxConsecutiveFailures;
  h.consecutiveFailures++;
  changeInstance(state.marathon, instance, () => (h.alive = false));
  h.lastFailure = ctx.now;
  h.lastFailureCause = forcedCause(instance);
  if (kill) {
    h.lastFailureCause = KILLED_UNHEALTHY;
    killLiveTasks(ctx, state, instance);
  }
}

function forcedCause(instance: InstanceState): string {
  return instance.forcedUnhealthy ? 'HTTP 503 (made unhealthy by a fault)' : 'HTTP 500';
}

/** A new Marathon leader starts health checks for every instance that has them (an unreachable one's go on, unchecked, until it is back). */
export function restartHealthChecks(ctx: SimContext, state: ClusterState): void {
  for (const instance of Object.values(state.marathon.instances)) {
    const hc = state.marathon.runSpecs[instance.runSpecId]?.spec.healthCheck;
    const checked =
      instance.condition === 'Running' || instance.condition === 'Unreachable' || instance.condition === 'UnreachableInactive';
    if (!hc || !checked || !instance.health) continue;
    ctx.schedule(ctx.randomInt(0, hc.intervalSeconds * 1000), {
      type: 'marathon.health',
      instanceId: instance.id,
      incarnation: instance.incarnation,
      epoch: state.ha.marathonEpoch,
    });
  }
}

/** A fault: the instance's checks fail from now on (until it is replaced). */
export function makeUnhealthy(instance: InstanceState): void {
  instance.forcedUnhealthy = true;
}
