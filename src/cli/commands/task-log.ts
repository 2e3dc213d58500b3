/**
 * `dcos task log <task> [<file>]` (dcos-core-cli 2.2's `pkg/cmd/task/task_log.go`): the last `--lines` (10) lines
 * of each matching task's file (stdout unless named) through the logs API (src/api/logs), under a
 * `===> <task-id> <===` line when several tasks match. `--follow` keeps printing what they write next
 * (log-follow.ts), until stopped.
 */
import { goError } from '../format.ts';
import { checkArgs } from '../go.ts';
import { intFlag } from '../parse.ts';
import type { CliResult, CommandContext } from '../types.ts';
import { printTask } from './log-client.ts';
import { followTasks } from './log-follow.ts';
import { getState } from './mesos.ts';
import { findTasks } from './task-filter.ts';

export async function taskLog(ctx: CommandContext): Promise<CliResult> {
  const parsed = intFlag(ctx.flags, 'lines', 10);
  if ('error' in parsed) throw goError(parsed.error);
  checkArgs(ctx.args, 1, 2, 'dcos task log');
  const lines = Math.abs(parsed.value);
  const file = ctx.args[1] ?? 'stdout';
  const completed = ctx.flags['completed'] === true;
  const state = await getState(ctx.request);
  const tasks = findTasks(state, { active: !completed, completed: ctx.flags['all'] === true || completed, id: ctx.args[0]!, agent: '' });
  if (ctx.flags['follow'] === true && tasks.length > 0) {
    const followed = await followTasks(
      ctx.request,
      tasks.map((t) => t.id),
      file,
      lines,
    );
    return { stdout: followed.stdout, stderr: '', exitCode: 0, follow: followed.follow };
  }
  let stdout = '';
  let stderr = '';
  for (const task of tasks) {
    if (tasks.length > 1) stdout += `===> ${task.id} <===\n`;
    try {
      stdout += await printTask(ctx.request, task.id, file, -lines);
    } catch (e) {
      stderr += `${(e as Error).message}\n`;
    }
  }
  if (tasks.length > 1 && stderr !== '') return { stdout, stderr: `${stderr}Error: could not log all matched tasks\n`, exitCode: 1 };
  return { stdout, stderr, exitCode: 0 };
}
