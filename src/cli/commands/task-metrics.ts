/**
 * `dcos task metrics summary|details <task-id>` (dcos-core-cli 2.2 `pkg/cmd/task/task_metrics_{summary,details}.go`).
 * The task is found among active tasks as `dcos task list` finds them (an exact id wins over several matches); its
 * container is the one of its first status. `summary`: `CPU MEM DISK` from Telegraf's container names, written as
 * the CLI writes them: CPU seconds (user + system) and their share of user + system + throttled; MEM from
 * `mem.file_bytes`, which the CLI never keeps (so `0.00GiB`); DISK `disk.used_bytes` unscaled with `GiB` after it;
 * `N/A` where the divisor is 0. `details`: container then app datapoints as `NAME VALUE` (`%.0f` for whole
 * numbers, else `%.2f`).
 */
import type { MetricsDatapoint } from '../../api/metrics/shapes.ts';
import type { MesosTask } from '../../api/shapes/mesos.ts';
import { goError, ok } from '../format.ts';
import { checkArgs, goJson } from '../go.ts';
import { goFixed, renderGoTable } from '../table.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { getState } from './mesos.ts';
import { appMetricsOf, gib, goDatapoint, percent, taskMetricsOf } from './metrics-client.ts';
import { findTasks } from './task-filter.ts';

const NOT_AVAILABLE = 'N/A';

const SUMMARY_NAMES = [
  'cpus.user_time_secs',
  'cpus.system_time_secs',
  'cpus.throttled_time_secs',
  'mem.limit_bytes',
  'mem.total_bytes',
  'disk.used_bytes',
  'disk.limit_bytes',
];

/** `findTask`: one active task whose id contains (or globs) the argument; an exact id settles several matches. */
async function findTask(ctx: CommandContext, id: string): Promise<MesosTask> {
  const tasks = findTasks(await getState(ctx.request), { active: true, completed: false, id, agent: '' });
  if (tasks.length > 1) {
    const exact = tasks.find((t) => t.id === id);
    if (exact) return exact;
    throw goError(`found more than one task with the same name: [${tasks.map((t) => t.id).join(' ')}]`);
  }
  return tasks[0]!;
}

const containerOf = (task: MesosTask): string => task.statuses[0]?.container_status.container_id?.value ?? '';

async function summary(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 1, 'dcos task metrics summary');
  const task = await findTask(ctx, ctx.args[0]!);
  const metrics = await taskMetricsOf(ctx.request, task.slave_id, containerOf(task));
  if (!metrics) throw goError(`No metrics found for task '${task.id}'`);
  const kept: MetricsDatapoint[] = [];
  const value = new Map<string, number>();
  for (const d of metrics.datapoints) {
    if (!SUMMARY_NAMES.includes(d.name)) continue;
    kept.push(d);
    value.set(d.name, d.value);
  }
  if (ctx.flags['json']) return ok(goJson(kept.map(goDatapoint)));
  // `summaryDatapoints["mem.file_bytes"]`: a key the CLI never sets, so always 0.
  const of = (name: string) => value.get(name) ?? 0;
  const cpuUsed = of('cpus.user_time_secs') + of('cpus.system_time_secs');
  const cpuTotal = cpuUsed + of('cpus.throttled_time_secs');
  const memUsed = of('mem.file_bytes');
  const memTotal = of('mem.total_bytes');
  const diskUsed = of('disk.used_bytes');
  const diskLimit = of('disk.limit_bytes');
  const share = (part: number, whole: number) => (whole !== 0 ? percent((part / whole) * 100) : NOT_AVAILABLE);
  return ok(
    renderGoTable(
      ['CPU', 'MEM', 'DISK'],
      [
        [
          `${goFixed(cpuUsed, 2)} (${share(cpuUsed, cpuTotal)})`,
          `${gib(memUsed)} (${share(memUsed, memTotal)})`,
          `${goFixed(diskUsed, 2)}GiB (${share(diskUsed, diskLimit)})`,
        ],
      ],
    ),
  );
}

async function details(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 1, 'dcos task metrics details');
  const task = await findTask(ctx, ctx.args[0]!);
  const container = containerOf(task);
  const taskMetrics = await taskMetricsOf(ctx.request, task.slave_id, container);
  const appMetrics = await appMetricsOf(ctx.request, task.slave_id, container);
  if (!taskMetrics && !appMetrics) throw goError(`No metrics found for task '${task.id}'`);
  const datapoints = [...(taskMetrics?.datapoints ?? []), ...(appMetrics?.datapoints ?? [])];
  if (ctx.flags['json']) return ok(goJson(datapoints.map(goDatapoint)));
  const rows = datapoints.map((d) => [d.name, Number.isInteger(d.value) ? goFixed(d.value, 0) : goFixed(d.value, 2)]);
  return ok(renderGoTable(['NAME', 'VALUE'], rows));
}

export const taskMetricsCommands: CommandSpec[] = [
  {
    path: ['task', 'metrics', 'summary'],
    summary: 'Print a table of the key metrics for a given task',
    usage: '<task-id> [--json]',
    args: ['task'],
    flags: ['json'],
    run: summary,
  },
  {
    path: ['task', 'metrics', 'details'],
    summary: 'Print a table of all the metrics for a given task',
    usage: '<task-id> [--json]',
    args: ['task'],
    flags: ['json'],
    run: details,
  },
];
