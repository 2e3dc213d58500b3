/**
 * `dcos marathon task list` and `dcos marathon app update`: dcos-core-cli 2.2 runs them in its Python CLI
 * (`dcoscli/marathon/main.py`; the task table is `dcoscli/tables.py` `app_task_table`).
 */
import type { MarathonTask, MarathonTaskList } from '../../api/shapes/marathon.ts';
import { CliError, ok } from '../format.ts';
import { parseProperties } from '../parse.ts';
import { pyJson, pyStr } from '../python.ts';
import { renderPyTable } from '../table.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { createdDeployment, forceQuery, jsonOrQuiet, pyIdPath, pyMarathon, usageError } from './marathon-python.ts';

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
  let body: unknown;
  if (ctx.args.length > 1) {
    const parsed = parseProperties(ctx.args.slice(1));
    if ('error' in parsed) throw new CliError(parsed.error);
    body = parsed.body;
  } else if (ctx.hasBody) {
    body = ctx.body;
  } else {
    throw new CliError(
      "We currently don't support reading from the TTY. Please specify an application JSON.\nE.g. dcos marathon app update your-app-id < app_update.json",
    );
  }
  const started = (await pyMarathon(ctx, 'PUT', `/apps${id}${forceQuery(ctx)}`, body)) as { deploymentId?: unknown } | null;
  return createdDeployment(started?.deploymentId);
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
  {
    path: ['marathon', 'app', 'update'],
    summary: 'Update an application.',
    usage: '<app-id> [<field>=<value> ...] [--force]',
    args: ['app', 'text'],
    flags: ['force'],
    run: appUpdate,
  },
];
