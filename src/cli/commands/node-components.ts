/**
 * `dcos node list-components (--leader | <mesos-id>) [--json]`: dcos-core-cli 2.2's
 * `pkg/cmd/node/node_list_components.go`. The DC/OS units of one node from diagnostics
 * (`/system/health/v1/nodes/<node>/units`), one unit id a line, or the units as JSON. The CLI names the
 * leader by Mesos-DNS (`leader.mesos`) and an agent by its `GET_AGENTS` hostname; the sandbox has neither,
 * so the leader's address comes from Mesos' state and an agent's from its pid (an agent's hostname is its
 * IP on DC/OS).
 */
import type { HealthUnitList } from '../../api/shapes/system.ts';
import { afterNotice, getOr, goError, httpError, ok } from '../format.ts';
import { checkArgs, goJson, project, type GoType } from '../go.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { getAgents, getState, ipOfPid } from './mesos.ts';

/** dcos-core-cli's `HealthResponseValues`. */
const UNIT: GoType = {
  struct: [
    ['id', 'string'],
    ['health', 'number'],
    ['output', 'string'],
    ['description', 'string'],
    ['help', 'string'],
    ['name', 'string'],
  ],
};

async function nodeAddress(ctx: CommandContext, leader: boolean, mesosId: string): Promise<string> {
  if (leader) return (await getState(ctx.request)).leader_info.address.ip;
  const agent = (await getAgents(ctx.request)).find((a) => a.id === mesosId);
  if (!agent) throw goError(`agent '${mesosId}' not found`);
  return ipOfPid(agent.pid);
}

async function listComponents(ctx: CommandContext) {
  const leader = ctx.flags['leader'] === true;
  const mesosId = ctx.args[0] ?? (typeof ctx.flags['mesos-id'] === 'string' ? ctx.flags['mesos-id'] : '');
  if (!leader && mesosId === '') throw goError("'--leader' or '<mesos-id>' must be provided");
  if (leader && mesosId !== '') throw goError('unable to use --leader and <mesos-id> at the same time');
  const node = await nodeAddress(ctx, leader, mesosId);
  const { units } = await getOr<HealthUnitList>(ctx.request, `/system/health/v1/nodes/${encodeURIComponent(node)}/units`, httpError);
  if (ctx.flags['json']) return ok(goJson(units.map((u) => project(u, UNIT))));
  return ok(units.map((u) => `${u.id}\n`).join(''));
}

export const nodeComponentsCommand: CommandSpec = {
  path: ['node', 'list-components'],
  summary: 'Print a list of available DC/OS components on specified node',
  usage: '[<mesos-id>] [--leader] [--json]',
  args: ['node'],
  flags: ['json', 'leader', 'mesos-id'],
  run: (ctx) => {
    checkArgs(ctx.args, 0, 1, 'dcos node list-components');
    const deprecated = typeof ctx.flags['mesos-id'] === 'string' && ctx.flags['mesos-id'] !== '';
    return afterNotice(deprecated ? 'The --mesos-id option is deprecated, please pass an argument instead.\n' : '', () =>
      listComponents(ctx),
    );
  },
};
