/**
 * DC/OS Jobs (Metronome): the jobs a scenario declares, its timers, and the scheduler that answers its framework's
 * offers and status updates. Its election is part of `ha` (ha/refresh.ts), like Marathon's.
 */
import type { MetronomeFramework } from '../core/model.ts';
import type { FrameworkScheduler, Subsystem } from '../core/subsystem.ts';
import { scheduleTaskExit } from './behavior.ts';
import { bootMetronome, resumeMetronome } from './boot.ts';
import { metronomeLeaderIndex, reconcileMetronomeTasks } from './leader.ts';
import { handleMetronomeOffers } from './offers.ts';
import { onReviveDue, onRunTaskStatus, onStartingDeadline } from './runs.ts';
import { onFire } from './schedule.ts';
import { RECONCILIATION_INTERVAL_MS } from './timing.ts';

const metronomeScheduler: FrameworkScheduler<MetronomeFramework> = {
  kind: 'metronome',
  // No role set: FrameworkInfo without a role is `*`; never suppressed (--disable_suppress_offers).
  subscription: () => ({ roles: ['*'], suppressedRoles: [] }),
  subscribed: ({ ctx, state }) => {
    if (metronomeLeaderIndex(state) !== null) reconcileMetronomeTasks(ctx, state);
  },
  offers: ({ ctx, state }, _fw, offers) => handleMetronomeOffers(ctx, state, offers),
  status: ({ ctx, state }, fw, task, next) => {
    // The task's own behaviour runs on its agent, whoever listens.
    if (next === 'TASK_RUNNING') scheduleTaskExit(ctx, state, task);
    if (fw.registered && metronomeLeaderIndex(state) !== null) onRunTaskStatus(ctx, state, task.id, next);
  },
};

export const metronome: Subsystem = {
  name: 'metronome',
  boot: ({ ctx, state }, scenario) => {
    ctx.schedule(RECONCILIATION_INTERVAL_MS, { type: 'metronome.reconcile' });
    bootMetronome(ctx, state, scenario);
  },
  resume: ({ ctx, state }) => resumeMetronome(ctx, state),
  events: {
    'metronome.fire': {
      trace: (e) => `${e.jobId} ${e.token}`,
      handle: ({ ctx, state }, e) => {
        if (metronomeLeaderIndex(state) !== null) onFire(ctx, state, e.jobId, e.token);
      },
    },
    'metronome.starting-deadline': {
      trace: (e) => `${e.jobId} ${e.runId}`,
      handle: ({ ctx, state }, e) => {
        if (metronomeLeaderIndex(state) !== null) onStartingDeadline(ctx, state, e.jobId, e.runId);
      },
    },
    'metronome.revive': {
      trace: () => '',
      handle: ({ ctx, state }) => {
        if (metronomeLeaderIndex(state) !== null) onReviveDue(ctx, state);
        else state.metronome.revivePending = false;
      },
    },
    'metronome.reconcile': {
      trace: () => '',
      handle: ({ ctx, state }) => {
        if (metronomeLeaderIndex(state) !== null && state.frameworks.some((f) => f.kind === 'metronome' && f.registered))
          reconcileMetronomeTasks(ctx, state);
        ctx.schedule(RECONCILIATION_INTERVAL_MS, { type: 'metronome.reconcile' });
      },
    },
  },
  schedulers: [metronomeScheduler],
};
