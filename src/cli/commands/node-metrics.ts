/**
 * `dcos node metrics summary|details <mesos-id>` (dcos-core-cli 2.2 `pkg/cmd/node/node_metrics_{summary,details}.go`).
 * `summary`: one row `CPU MEM DISK` from `load.1min` and `cpu.total`, `memory.total − memory.free`, and the root
 * filesystem's `filesystem.capacity.*`; `--json` prints those datapoints. `details`: every datapoint as
 * `NAME VALUE TAGS`, bytes as `%.2fGiB` (of 10^9), percents as `%.2f%%`, anything else `%.0f`.
 */
import type { MetricsDatapoint } from '../../api/metrics/shapes.ts';
import { ok } from '../format.ts';
import { checkArgs, goJson } from '../go.ts';
import { goFixed, renderGoTable } from '../table.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { gib, goDatapoint, nodeMetricsOf, percent } from './metrics-client.ts';

const SUMMARY_NAMES = ['load.1min', 'cpu.total', 'memory.total', 'memory.free', 'filesystem.capacity.total', 'filesystem.capacity.used'];

async function summary(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 1, 'dcos node metrics summary');
  const node = await nodeMetricsOf(ctx.request, ctx.args[0]!);
  const kept: MetricsDatapoint[] = [];
  const value = new Map<string, number>();
  for (const d of node.datapoints) {
    if (!SUMMARY_NAMES.includes(d.name)) continue;
    // Filesystems other than the root are left out.
    if (d.name.startsWith('filesystem.capacity.') && d.tags?.path !== undefined && d.tags.path !== '/') continue;
    kept.push(d);
    value.set(d.name, d.value);
  }
  if (ctx.flags['json']) return ok(goJson(kept.map(goDatapoint)));
  const of = (name: string) => value.get(name) ?? 0;
  const memUsed = of('memory.total') - of('memory.free');
  return ok(
    renderGoTable(
      ['CPU', 'MEM', 'DISK'],
      [
        [
          `${goFixed(of('load.1min'), 2)} (${percent(of('cpu.total'))})`,
          `${gib(memUsed)} (${percent((memUsed / of('memory.total')) * 100)})`,
          `${gib(of('filesystem.capacity.used'))} (${percent((of('filesystem.capacity.used') / of('filesystem.capacity.total')) * 100)})`,
        ],
      ],
    ),
  );
}

function detailValue(d: MetricsDatapoint): string {
  if (d.unit === 'bytes') return gib(d.value);
  if (d.unit === 'percent') return percent(d.value);
  return goFixed(d.value, 0);
}

async function details(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 1, 'dcos node metrics details');
  const node = await nodeMetricsOf(ctx.request, ctx.args[0]!);
  if (ctx.flags['json']) return ok(goJson(node.datapoints.map(goDatapoint)));
  const rows = node.datapoints.map((d) => [
    d.name,
    detailValue(d),
    Object.entries(d.tags ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join(', '),
  ]);
  return ok(renderGoTable(['NAME', 'VALUE', 'TAGS'], rows));
}

export const nodeMetricsCommands: CommandSpec[] = [
  {
    path: ['node', 'metrics', 'summary'],
    summary: 'Print summary of the metrics of an agent',
    usage: '<mesos-id> [--json]',
    args: ['node'],
    flags: ['json'],
    run: summary,
  },
  {
    path: ['node', 'metrics', 'details'],
    summary: 'Print details of the metrics of an agent',
    usage: '<mesos-id> [--json]',
    args: ['node'],
    flags: ['json'],
    run: details,
  },
];
