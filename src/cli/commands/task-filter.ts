/** dcos-core-cli 2.2's `findTasks` (`pkg/cmd/task/task.go`), which `dcos task list` and `dcos task log` share. */
import type { MesosState, MesosTask } from '../../api/shapes/mesos.ts';
import { goError } from '../format.ts';

export interface TaskFilters {
  active: boolean;
  completed: boolean;
  id: string;
  agent: string;
}

/** gobwas/glob's pattern (no separators): `*`, `?`, `[a-z]`, `[!a]`, `{a,b}` and `\` escapes; null if it does not compile. */
function globRegExp(pattern: string): RegExp | null {
  let out = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      if (i + 1 >= pattern.length) return null;
      out += pattern[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (c === '*') out += '[^]*';
    else if (c === '?') out += '[^]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) return null;
      const body = pattern.slice(i + 1, close);
      out += body.startsWith('!') ? `[^${body.slice(1).replace(/[\]\\^]/g, '\\$&')}]` : `[${body.replace(/[\]\\^]/g, '\\$&')}]`;
      i = close;
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  if (braces > 0) return null;
  try {
    return new RegExp(`^${out}$`, 'u');
  } catch {
    return null;
  }
}

/** `findTasks`: the frameworks' tasks (live, completed or both) whose id contains the filter or matches it as a glob. */
export function findTasks(state: MesosState, filters: TaskFilters): MesosTask[] {
  const glob = filters.id === '' ? null : globRegExp(filters.id);
  if (filters.id !== '' && !glob) throw goError(`invalid glob pattern: ${filters.id}`);
  const matches = (t: MesosTask) =>
    (filters.agent === '' || t.slave_id === filters.agent) && (filters.id === '' || t.id.includes(filters.id) || glob!.test(t.id));
  const tasks = state.frameworks
    .flatMap((f) => [...(filters.active ? f.tasks : []), ...(filters.completed ? f.completed_tasks : [])])
    .filter(matches);
  if (tasks.length === 0) {
    if (filters.id !== '' && filters.agent !== '') throw goError(`no task ID found containing '${filters.id}' in agent '${filters.agent}'`);
    if (filters.id !== '') throw goError(`no task ID found containing '${filters.id}'`);
    if (filters.agent !== '') throw goError(`no task found in agent '${filters.agent}'`);
  }
  return tasks;
}
