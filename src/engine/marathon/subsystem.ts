/** DC/OS' root Marathon: its timers, and the scheduler that answers its framework's offers and updates. */
import type { MarathonFramework } from '../core/model.ts';
import type { FrameworkScheduler, Subsystem } from '../core/subsystem.ts';
import { checkDeployments } from './deployments.ts';
import { marathonLeaderIndex, reconcileMarathonTasks } from './leader.ts';
import { bootMarathon } from './operations.ts';
import { onDelayOver } from './backoff.ts';
import { onHealthCheck } from './health.ts';
import { onReadinessCheck } from './readiness.ts';
import { onKillRetry } from './kills.ts';
import { onReservationTimeout } from './resident-lifecycle.ts';
import { handleMarathonOffers } from './offers.ts';
import { marathonSubscription, onReviveTimer } from './revive.ts';
import { handleMarathonStatus } from './status.ts';
import { onReconcile, RECONCILIATION_INTERVAL_MS } from './unreachable.ts';

const marathonScheduler: FrameworkScheduler<MarathonFramework> = {
  kind: 'marathon',
  subscription: ({ ctx, state }) => marathonSubscription(state, ctx.now),
  subscribed: ({ ctx, state }) => reconcileMarathonTasks(ctx, state),
  offers: ({ ctx, state }, _fw, offers) => handleMarathonOffers(ctx, state, offers),
  // Marathon hears an update only while it leads and is subscribed; otherwise it learns it by reconciliation.
  status: ({ ctx, state }, fw, task) => {
    if (fw.registered && marathonLeaderIndex(state) !== null) handleMarathonStatus(ctx, state, task);
  },
};

export const marathon: Subsystem = {
  name: 'marathon',
  // Marathon's own apps are stored at once and deployed when a Marathon leads.
  boot: ({ ctx, state }, scenario) => {
    ctx.schedule(RECONCILIATION_INTERVAL_MS, { type: 'marathon.reconcile' });
    bootMarathon(ctx, state, scenario.marathon);
  },
  events: {
    'marathon.health': {
      trace: (e) => `${e.instanceId} ${e.incarnation}`,
      handle: ({ ctx, state }, e) => {
        if (e.epoch === state.ha.marathonEpoch && marathonLeaderIndex(state) !== null)
          onHealthCheck(ctx, state, e.instanceId, e.incarnation);
      },
    },
    'marathon.readiness': {
      trace: (e) => `${e.taskId} ${e.deploymentId}`,
      handle: ({ ctx, state }, e) => {
        if (e.epoch === state.ha.marathonEpoch && marathonLeaderIndex(state) !== null)
          onReadinessCheck(ctx, state, e.taskId, e.deploymentId);
      },
    },
    'marathon.delay-over': {
      trace: (e) => e.runSpecId,
      handle: ({ ctx, state }, e) => {
        if (marathonLeaderIndex(state) !== null) onDelayOver(ctx, state, e.runSpecId);
      },
    },
    'marathon.check': {
      trace: () => '',
      handle: ({ ctx, state }) => {
        if (marathonLeaderIndex(state) !== null) checkDeployments(ctx, state);
        else state.marathon.checkPending = false; // the next leader looks when it takes over
      },
    },
    'marathon.reconcile': {
      trace: () => '',
      handle: ({ ctx, state }) => {
        if (marathonLeaderIndex(state) !== null) onReconcile(ctx, state);
        else ctx.schedule(RECONCILIATION_INTERVAL_MS, { type: 'marathon.reconcile' });
      },
    },
    'marathon.reservation-timeout': {
      trace: (e) => e.instanceId,
      handle: ({ ctx, state }, e) => {
        // The leader's overdue-instance check looks every 5 s: a leaderless moment only defers it.
        if (marathonLeaderIndex(state) !== null) onReservationTimeout(ctx, state, e.instanceId);
        else ctx.schedule(5000, e);
      },
    },
    'marathon.kill-retry': { trace: () => '', handle: ({ ctx, state }) => onKillRetry(ctx, state, marathonLeaderIndex(state) !== null) },
    'marathon.revive': {
      trace: () => '',
      handle: ({ ctx, state }) => {
        if (marathonLeaderIndex(state) !== null) onReviveTimer(ctx, state);
        else state.marathon.revivePending = false;
      },
    },
  },
  schedulers: [marathonScheduler],
};
