/**
 * The story watcher: a run observer (src/sandbox/types.ts RunObserver) that reads the cluster after
 * every event and every write and turns what changed into beats. It only reads: the run's history
 * (its hash, its generator) is the same with it as without it.
 */
import type { ClusterState } from '../../engine/core/model.ts';
import type { ObservedAction, RunObserver } from '../types.ts';
import { single, type Emit } from './beats.ts';
import type { Beat } from './types.ts';
import { AgentWatcher } from './watch-agents.ts';
import { HaWatcher } from './watch-ha.ts';
import { MarathonWatcher } from './watch-marathon.ts';
import { RoleWatcher } from './watch-roles.ts';
import { TaskWatcher } from './watch-tasks.ts';

export interface StoryWatcher {
  observer: RunObserver;
  /** The beats so far, in the order they happened. */
  beats(): Beat[];
}

export function watchStory(): StoryWatcher {
  const beats: Beat[] = [];
  const ha = new HaWatcher();
  const agents = new AgentWatcher();
  const tasks = new TaskWatcher();
  const marathon = new MarathonWatcher();
  const roles = new RoleWatcher();
  let prefix = '';
  const look = (state: ClusterState, now: number): number => {
    const before = beats.length;
    const emit: Emit = (b) => {
      beats.push({ ...b, at: now, ...(prefix === '' ? {} : { merge: `fault:${b.merge}`, render: withPrefix(b.render, prefix) }) });
      prefix = ''; // the first thing a fault did says so; what followed from it needs no repeat
    };
    ha.observe(state, now, emit);
    agents.observe(state, emit);
    marathon.observe(state, now, emit);
    tasks.observe(state, emit);
    roles.observe(state, now, emit);
    return beats.length - before;
  };
  return {
    beats: () => [...beats],
    observer: {
      event: (_event, state, now) => void look(state, now),
      action: (action, state) => {
        const fault = faultOf(action);
        if (fault === null) return void look(state, action.at);
        prefix = 'fault injected (POST /sandbox/v1/faults): ';
        const told = look(state, action.at);
        prefix = '';
        if (told === 0) beats.push({ ...single(fault.thread, 'Fault injected', fault.text, fault.highlights), at: action.at });
      },
    },
  };
}

function withPrefix(render: Beat['render'], prefix: string): Beat['render'] {
  return (items) => `${prefix}${render(items)}`;
}

/** A fault the sandbox took (2xx), in words, for faults whose effect the state does not show at once. */
function faultOf(action: ObservedAction): { thread: string; text: string; highlights: Beat['highlights'] } | null {
  if (action.method !== 'POST' || action.path.split('?')[0] !== '/sandbox/v1/faults' || action.status >= 300) return null;
  let body: { kind?: unknown; target?: unknown; component?: unknown };
  try {
    body = JSON.parse(action.body) as typeof body;
  } catch {
    return null;
  }
  const kind = typeof body.kind === 'string' ? body.kind : 'fault';
  const target = typeof body.target === 'string' ? body.target : '';
  if (kind === 'task-crash' || kind === 'task-unhealthy')
    return { thread: 'faults', text: `fault injected: ${kind} of task ${target}`, highlights: { tasks: [target] } };
  if (kind === 'zk-session-expire') {
    const which = typeof body.component === 'string' ? `${body.component} session` : 'sessions';
    return { thread: 'ha', text: `fault injected: ZooKeeper expires ${target}'s ${which}`, highlights: { masters: [target] } };
  }
  return { thread: 'faults', text: `fault injected: ${kind}${target === '' ? '' : ` on ${target}`}`, highlights: {} };
}
