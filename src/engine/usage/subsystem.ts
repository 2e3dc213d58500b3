/**
 * Resource usage over time (docs/metrics.md): a pure function of each task's id, start, limits and its app's usage
 * spec, read by the metrics API; the engine handles only the OOM kill of a leaking task.
 */
import type { Subsystem } from '../core/subsystem.ts';
import { onOom } from './oom.ts';

export const usage: Subsystem = {
  name: 'usage',
  events: {
    'usage.oom': { handle: ({ ctx, state }, e) => onOom(ctx, state, e.taskId) },
  },
};
