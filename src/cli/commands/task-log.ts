/**
 * `dcos task log <task> [<file>]` (dcos-core-cli 2.2's `pkg/cmd/task/task_log.go`): the last `--lines` (10)
 * lines of each matching task's file, under a `===> <task-id> <===` line when several tasks match. The sandbox
 * runs no processes, so a task's stdout is made from its status history, one stamped block of executor-like
 * lines per status update; its stderr is empty, and it has no other file.
 */
import type { MarathonAppBody, MarathonTaskList } from '../../api/shapes/marathon.ts';
import type { MesosTask, MesosTaskStatus } from '../../api/shapes/mesos.ts';
import { goError, isoOf } from '../format.ts';
import { checkArgs } from '../go.ts';
import { intFlag } from '../parse.ts';
import type { CliResult, CommandContext, RequestFn } from '../types.ts';
import { getState } from './mesos.ts';
import { findTasks } from './task-filter.ts';

/** The app's command, for Marathon tasks that still have an app. */
async function commandOf(request: RequestFn, task: MesosTask): Promise<string | undefined> {
  const res = await request({ method: 'GET', path: '/marathon/v2/tasks' });
  const live = res.status === 200 ? (res.body as MarathonTaskList).tasks : [];
  const appId = live.find((t) => t.id === task.id)?.appId ?? `/${task.name.split('.').reverse().join('/')}`;
  const app = await request({ method: 'GET', path: `/marathon/v2/apps${appId}` });
  if (app.status !== 200) return undefined;
  const a = (app.body as MarathonAppBody).app;
  return a.cmd ?? a.args?.join(' ');
}

function linesFor(task: MesosTask, s: MesosTaskStatus, host: string, cmd: string | undefined): string[] {
  switch (s.state) {
    case 'TASK_STAGING':
      return ['Received SUBSCRIBED event', `Subscribed executor on ${host}`, 'Received LAUNCH event', `Starting task ${task.id}`];
    case 'TASK_STARTING':
      return cmd === undefined ? ['Forked command'] : ['Forked command', `sh -c '${cmd}'`];
    case 'TASK_RUNNING':
      return [`Task ${task.id} is running`];
    case 'TASK_KILLING':
      return ['Received KILL event', `Received kill for task ${task.id}`, 'Sending SIGTERM to process tree'];
    case 'TASK_KILLED':
      return ['Command terminated with signal Terminated'];
    case 'TASK_FINISHED':
      return ['Command exited with status 0'];
    case 'TASK_FAILED':
      return ['Command exited with status 1'];
    case 'TASK_LOST':
    case 'TASK_UNREACHABLE':
    case 'TASK_GONE':
      return [`Agent ${host} is unreachable; task state ${s.state}`];
    default:
      return [s.state];
  }
}

async function stdoutOf(ctx: CommandContext, task: MesosTask, host: string, lines: number): Promise<string> {
  const cmd = await commandOf(ctx.request, task);
  const all = task.statuses.flatMap((s) => linesFor(task, s, host, cmd).map((l) => `${isoOf(s.timestamp)}  ${l}`));
  return (lines === 0 ? [] : all.slice(-lines)).map((l) => `${l}\n`).join('');
}

export async function taskLog(ctx: CommandContext): Promise<CliResult> {
  const parsed = intFlag(ctx.flags, 'lines', 10);
  if ('error' in parsed) throw goError(parsed.error);
  checkArgs(ctx.args, 1, 2, 'dcos task log');
  const lines = Math.abs(parsed.value);
  const file = ctx.args[1] ?? 'stdout';
  const completed = ctx.flags['completed'] === true;
  const state = await getState(ctx.request);
  const tasks = findTasks(state, { active: !completed, completed: ctx.flags['all'] === true || completed, id: ctx.args[0]!, agent: '' });
  // Following streams the log from the agent as it grows; the sandbox's time moves only between commands.
  if (ctx.flags['follow']) throw goError('the sandbox cannot follow a log: its time moves only between commands');
  let stdout = '';
  let stderr = '';
  for (const task of tasks) {
    if (tasks.length > 1) stdout += `===> ${task.id} <===\n`;
    const host = state.slaves.find((s) => s.id === task.slave_id)?.hostname ?? task.slave_id;
    if (file === 'stdout') stdout += await stdoutOf(ctx, task, host, lines);
    else if (file !== 'stderr') stderr += 'Error: HTTP 404 error\n';
  }
  if (tasks.length > 1 && stderr !== '') return { stdout, stderr: `${stderr}Error: could not log all matched tasks\n`, exitCode: 1 };
  return { stdout, stderr, exitCode: 0 };
}
