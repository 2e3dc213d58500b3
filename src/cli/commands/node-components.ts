/**
 * `dcos node list-components (--leader | --mesos-id=<id>) [--json]`: the DC/OS units of one node from
 * diagnostics (`/system/health/v1/nodes/<ip>/units`), one unit id a line, or the units as JSON.
 */
import { CliError, getJson, json4, ok } from '../format.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import type { HealthUnitList } from '../../api/shapes/system.ts';
import { getAgents, getState, ipOfPid } from './mesos.ts';

async function nodeIp(ctx: CommandContext): Promise<string> {
  const leader = ctx.flags['leader'] === true;
  const mesosId = ctx.flags['mesos-id'];
  if (!leader && typeof mesosId !== 'string') throw new CliError("Error: '--leader' or '--mesos-id' must be provided");
  if (leader && typeof mesosId === 'string') throw new CliError('Error: unable to use leader and mesos id at the same time');
  if (leader) {
    const state = await getState(ctx.request);
    return state.leader_info.address.ip;
  }
  const agent = (await getAgents(ctx.request)).find((a) => a.id === mesosId || a.hostname === mesosId);
  if (!agent) throw new CliError(`Error: agent '${String(mesosId)}' not found`);
  return ipOfPid(agent.pid);
}

export const nodeComponentsCommand: CommandSpec = {
  path: ['node', 'list-components'],
  summary: 'Print a list of available DC/OS components on specified node',
  usage: '(--leader | --mesos-id=<mesos-id>) [--json]',
  flags: ['json', 'leader', 'mesos-id'],
  run: async (ctx) => {
    const ip = await nodeIp(ctx);
    const { units } = await getJson<HealthUnitList>(ctx.request, `/system/health/v1/nodes/${encodeURIComponent(ip)}/units`);
    if (ctx.flags['json']) return ok(json4(units));
    return ok(units.map((u) => `${u.id}\n`).join(''));
  },
};
