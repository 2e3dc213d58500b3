/**
 * `dcos task log <task-id>`: the sandbox runs no processes, so the "stdout" is made from the task's
 * status history, one stamped block of executor-like lines per status update. Like the real command it
 * prints the last 10 lines unless `--lines=N`.
 */
import { CliError, getJson, isoOf, ok } from '../format.ts';
import type { CommandContext, CliResult, RequestFn } from '../types.ts';
import type { MesosTask, MesosTaskList, MesosTaskStatus } from '../../api/shapes/mesos.ts';
import type { MarathonAppBody, MarathonTaskList } from '../../api/shapes/marathon.ts';
import { getState } from './mesos.ts';

function findTask(tasks: MesosTask[], key: string): MesosTask {
  const exact = tasks.find((t) => t.id === key);
  if (exact) return exact;
  const found = tasks.filter((t) => t.id.includes(key));
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new CliError(`Error: no task ID found containing '${key}'`);
  throw new CliError(`Error: found more than one task with ID containing '${key}':\n${found.map((t) => `  ${t.id}`).join('\n')}`);
}

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

export async function taskLog(ctx: CommandContext): Promise<CliResult> {
  const key = ctx.args[0];
  if (!key) throw new CliError('Error: missing argument <task-id>\nUsage: dcos task log <task-id> [--lines=N]');
  const linesFlag = ctx.flags['lines'];
  const limit = typeof linesFlag === 'string' ? Number(linesFlag) : 10;
  if (!Number.isInteger(limit) || limit < 0) throw new CliError(`Error: invalid value for --lines: '${String(linesFlag)}'`);
  const { tasks } = await getJson<MesosTaskList>(ctx.request, '/mesos/master/tasks');
  const task = findTask(tasks, key);
  const state = await getState(ctx.request);
  const host = state.slaves.find((s) => s.id === task.slave_id)?.hostname ?? task.slave_id;
  const cmd = await commandOf(ctx.request, task);
  const lines = task.statuses.flatMap((s) => linesFor(task, s, host, cmd).map((l) => `${isoOf(s.timestamp)}  ${l}`));
  const shown = limit === 0 ? [] : lines.slice(-limit);
  return ok(shown.map((l) => `${l}\n`).join(''));
}
