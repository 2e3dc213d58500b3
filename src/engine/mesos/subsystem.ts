/** The Mesos master: agents, frameworks, the allocator's runs, offers and status updates. */
import type { Subsystem } from '../core/subsystem.ts';
import { onDrainDeadline } from './maintenance.ts';
import {
  onAgentRegister,
  onAgentUnreachable,
  onAllocateBatch,
  onAllocateTriggered,
  onFrameworkSubscribe,
  onOffersDeliver,
  onReregisterTimeout,
  onTaskStatus,
} from './handlers.ts';

export const mesos: Subsystem = {
  name: 'mesos',
  boot: ({ ctx, state }) => ctx.schedule(state.allocationIntervalMs, { type: 'allocate.batch' }),
  events: {
    'agent.register': {
      trace: (e) => `${e.agent} ${e.epoch}`,
      handle: ({ ctx, state }, e) => onAgentRegister(ctx, state, e.agent, e.epoch),
    },
    'agent.unreachable': {
      trace: (e) => `${e.agent} ${e.epoch}`,
      handle: ({ ctx, state }, e) => onAgentUnreachable(ctx, state, e.agent, e.epoch, e.since),
    },
    'agent.reregister-timeout': { trace: (e) => `${e.epoch}`, handle: ({ ctx, state }, e) => onReregisterTimeout(ctx, state, e.epoch) },
    'agent.drain-deadline': { trace: (e) => `${e.agent}`, handle: ({ ctx, state }, e) => onDrainDeadline(ctx, state, e.agent, e.since) },
    'framework.subscribe': {
      trace: (e) => `${e.framework} ${e.epoch}`,
      handle: (world, e) => onFrameworkSubscribe(world, e.framework, e.epoch),
    },
    'allocate.batch': { trace: () => '', handle: (world) => onAllocateBatch(world) },
    'allocate.triggered': { handle: (world) => onAllocateTriggered(world) },
    'offers.deliver': {
      trace: (e) => `${e.frameworkId} ${e.offerIds.join(',')}`,
      handle: (world, e) => onOffersDeliver(world, e.frameworkId, e.offerIds),
    },
    'task.status': { handle: (world, e) => onTaskStatus(world, e.taskId, e.state, e.origin === 'master', e.detail) },
  },
};
