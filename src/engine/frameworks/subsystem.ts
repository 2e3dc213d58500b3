/** The scenario's load generators: frameworks that launch a queue of identical tasks. */
import type { SyntheticFramework } from '../core/model.ts';
import type { FrameworkScheduler, Subsystem } from '../core/subsystem.ts';
import { handleOffers, handleStatus, hasPendingWork } from './synthetic.ts';

const syntheticScheduler: FrameworkScheduler<SyntheticFramework> = {
  kind: 'synthetic',
  subscription: (_world, fw) => ({ roles: [fw.spec.role], suppressedRoles: hasPendingWork(fw) ? [] : [fw.spec.role] }),
  offers: ({ ctx, state }, fw, offers) => handleOffers(ctx, state, fw, offers),
  status: ({ ctx, state }, fw, task, next) => {
    if (next === 'TASK_RUNNING' && fw.spec.taskDurationSeconds !== null) {
      ctx.schedule(Math.round(fw.spec.taskDurationSeconds * 1000), { type: 'task.status', taskId: task.id, state: 'TASK_FINISHED' });
    }
    handleStatus(ctx, state, fw, task);
  },
};

export const syntheticFrameworks: Subsystem = { name: 'frameworks', schedulers: [syntheticScheduler] };
