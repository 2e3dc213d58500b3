/**
 * `dcos node log [<mesos-id>] [--leader] [--component=<unit>] [--filter=K:V] [--lines=N] [--all] [--output=…]`
 * (dcos-core-cli 2.2's `pkg/cmd/node/node_log.go`): a node's journal through the logs API (src/api/logs), the
 * leading master's or an agent's. `--follow` keeps printing new entries (log-follow.ts), until stopped.
 */
import type { MesosAgent } from '../../api/shapes/mesos.ts';
import { afterNotice, getOr, goError, mesosError, ok } from '../format.ts';
import { checkArgs } from '../go.ts';
import { intFlag } from '../parse.ts';
import type { CliResult, CommandContext, CommandSpec } from '../types.ts';
import { printComponent } from './log-client.ts';
import { followComponent } from './log-follow.ts';

const str = (v: string | true | undefined): string => (typeof v === 'string' ? v : '');

async function nodeLog(ctx: CommandContext, mesosId: string): Promise<CliResult> {
  const parsed = intFlag(ctx.flags, 'lines', 10);
  if ('error' in parsed) throw goError(parsed.error);
  const leader = ctx.flags['leader'] === true;
  if (!leader && mesosId === '') throw goError("'--leader' or '<mesos-id>' must be provided");
  if (leader && mesosId !== '') throw goError('unable to use --leader and <mesos-id> at the same time');
  const lines = ctx.flags['all'] === true ? 0 : parsed.value;
  const filters = ctx.flagLists?.['filter'] ?? [];
  for (const f of filters) if (f.split(':').length !== 2) throw goError(`invalid filter argument ${f}, must be --filter=key:value`);
  const component = str(ctx.flags['component']);
  const service = component === '' ? '' : `/${component}.service`;
  if (mesosId !== '') {
    const { slaves } = await getOr<{ slaves: MesosAgent[] }>(ctx.request, '/mesos/master/slaves', mesosError);
    // As the Go loop: an empty list finds nothing wrong.
    if (slaves.length > 0 && !slaves.some((s) => s.id === mesosId)) throw goError(`agent '${mesosId}' not found`);
  }
  const route = leader ? '/leader/mesos' : `/agent/${mesosId}`;
  const format = ctx.flags['output'] === undefined ? 'short' : str(ctx.flags['output']);
  const opts = { filters, format, skip: -lines };
  if (ctx.flags['follow'] === true) {
    const followed = await followComponent(ctx.request, route, service, opts);
    return { ...ok(followed.stdout), follow: followed.follow };
  }
  return ok(await printComponent(ctx.request, route, service, opts));
}

export const nodeLogCommand: CommandSpec = {
  path: ['node', 'log'],
  summary: 'Print logs for the leading master node or agent nodes',
  usage: '[<mesos-id>] [--leader] [--component=<unit>] [--filter=<key:value>] [--lines=N] [--all] [--output=short|cat|json|json-pretty]',
  args: ['node'],
  flags: ['all', 'component', 'filter', 'follow', 'leader', 'lines', 'mesos-id', 'output'],
  run: (ctx) => {
    checkArgs(ctx.args, 0, 1, 'dcos node log');
    const flagId = str(ctx.flags['mesos-id']);
    const notice = flagId !== '' ? 'The --mesos-id option is deprecated, please pass an argument instead.\n' : '';
    return afterNotice(notice, () => nodeLog(ctx, ctx.args[0] ?? flagId));
  },
};
