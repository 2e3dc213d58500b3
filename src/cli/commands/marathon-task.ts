/**
 * `dcos marathon task list|show|stop|kill` and `dcos marathon app update`: dcos-core-cli 2.2 runs them in its
 * Python CLI (`dcoscli/marathon/main.py`, `dcos/marathon.py`; the task table is `dcoscli/tables.py` `app_task_table`).
 */
import type { MarathonTask, MarathonTaskList } from '../../api/shapes/marathon.ts';
import { CliError, ok } from '../format.ts';
import { pyJson, pyStr, pyStrRepr } from '../python.ts';
import { renderPyTable } from '../table.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { createdDeployment, forceQuery, jsonOrQuiet, pyIdPath, pyMarathon, readProperties, usageError } from './marathon-python.ts';

function taskRow(t: MarathonTask): string[] {
  const checks = (t.healthCheckResults ?? []) as Array<{ alive?: unknown }>;
  return [
    pyStr(t.appId),
    pyStr(checks.every((c) => Boolean(c.alive))),
    'startedAt' in t ? pyStr(t.startedAt) : 'N/A',
    pyStr(t.host),
    pyStr(t.id),
    'role' in t ? pyStr(t.role) : 'N/A',
  ];
}

async function taskList(ctx: CommandContext) {
  if (ctx.args.length > 1 || jsonOrQuiet(ctx)) return usageError('task list [--json|--quiet] [<app-id>]');
  let { tasks } = (await pyMarathon(ctx, 'GET', '/tasks')) as MarathonTaskList;
  if (ctx.args[0] !== undefined) {
    const appId = pyIdPath(ctx.args[0]);
    tasks = tasks.filter((t) => t.appId === appId);
  }
  if (ctx.flags['quiet']) return ok(tasks.map((t) => `${t.id}\n`).join(''));
  if (ctx.flags['json']) return ok(pyJson(tasks));
  const headers = ['APP', 'HEALTHY', 'STARTED', 'HOST', 'ID', 'ROLE'];
  return ok(renderPyTable(headers, tasks.map(taskRow), { sortBy: 'APP', align: { APP: 'l', ID: 'l' } }));
}

async function appUpdate(ctx: CommandContext) {
  if (ctx.args.length === 0) return usageError('app update [--force] <app-id> [<properties>...]');
  const id = pyIdPath(ctx.args[0]!);
  await pyMarathon(ctx, 'GET', `/apps${id}`);
  const body = readProperties(ctx, ctx.args.slice(1));
  const started = (await pyMarathon(ctx, 'PUT', `/apps${id}${forceQuery(ctx)}`, body)) as { deploymentId?: unknown } | null;
  return createdDeployment(started?.deploymentId);
}

/** `Client.get_task`: the task of that id among all of Marathon's, as sorted JSON. */
async function taskShow(ctx: CommandContext) {
  if (ctx.args.length !== 1) return usageError('task show <task-id>');
  const id = ctx.args[0]!;
  const { tasks } = (await pyMarathon(ctx, 'GET', '/tasks')) as MarathonTaskList;
  const task = tasks.find((t) => t.id === id);
  if (!task) throw new CliError(`Task '${id}' does not exist`);
  return ok(pyJson(task));
}

/** `Client.stop_task`: a kill without scaling (Marathon launches a replacement); the killed task as sorted JSON. */
async function taskStop(ctx: CommandContext) {
  if (ctx.args.length !== 1) return usageError('task stop [--wipe] <task-id>');
  const id = ctx.args[0]!;
  const wipe = ctx.flags['wipe'] ? '?wipe=true' : '';
  const { tasks } = (await pyMarathon(ctx, 'POST', `/tasks/delete${wipe}`, { ids: [id] })) as MarathonTaskList;
  const task = tasks.find((t) => t.id === id);
  if (!task) throw new CliError(`Task '${id}' does not exist`);
  return ok(pyJson(task));
}

/**
 * `Client.kill_and_scale_tasks`: the killed tasks' ids as a Python list (none is an error after it), or with
 * --scale the deployment that scales their apps down; --json prints Marathon's answer. The CLI sends
 * `scale=True` and `wipe=True`, which Marathon reads as true; the sandbox's Marathon reads only `true`, so that
 * is sent, and an error names the URL as the CLI wrote it (`--scale --wipe`: Marathon's 400).
 */
async function taskKill(ctx: CommandContext) {
  const flags = ['scale', 'wipe'].filter((f) => ctx.flags[f]);
  const query = (value: string) => (flags.length > 0 ? `?${flags.map((f) => `${f}=${value}`).join('&')}` : '');
  const body = { ids: ctx.args };
  const sent = await pyMarathon(ctx, 'POST', `/tasks/delete${query('true')}`, body, `/tasks/delete${query('True')}`);
  const answer = (sent ?? {}) as Record<string, unknown>;
  if (ctx.flags['scale']) {
    if (ctx.flags['json']) return ok(pyJson(answer));
    if (!('deploymentId' in answer)) throw new CliError("KeyError: 'deploymentId'");
    return ok(`Created deployment: ${pyStr(answer['deploymentId'])}\n`);
  }
  const tasks = (answer['tasks'] ?? []) as MarathonTask[];
  const shown = ctx.flags['json'] ? pyJson(answer) : `Killed tasks: [${tasks.map((t) => pyStrRepr(t.id)).join(', ')}]\n`;
  if (tasks.length === 0) return { stdout: shown, stderr: 'Failed to kill tasks. task-ids seems to be unknown\n', exitCode: 1 };
  return ok(shown);
}

export const marathonTaskCommands: CommandSpec[] = [
  {
    path: ['marathon', 'task', 'list'],
    summary: 'List all tasks.',
    usage: '[<app-id>] [--json|--quiet]',
    args: ['app'],
    flags: ['json', 'quiet'],
    run: taskList,
  },
  { path: ['marathon', 'task', 'show'], summary: 'List a specific task.', usage: '<task-id>', args: ['task'], run: taskShow },
  {
    path: ['marathon', 'task', 'stop'],
    summary: 'Stop a task.',
    usage: '<task-id> [--wipe]',
    args: ['task'],
    flags: ['wipe'],
    run: taskStop,
  },
  {
    path: ['marathon', 'task', 'kill'],
    summary: 'Kill one or more tasks.',
    usage: '[<task-id> ...] [--scale] [--wipe] [--json]',
    args: ['task'],
    flags: ['scale', 'wipe', 'json'],
    run: taskKill,
  },
  {
    path: ['marathon', 'app', 'update'],
    summary: 'Update an application.',
    usage: '<app-id> [<field>=<value> ...] [--force]',
    args: ['app', 'text'],
    flags: ['force'],
    run: appUpdate,
  },
];
