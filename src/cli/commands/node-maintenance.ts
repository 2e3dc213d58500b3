/**
 * `dcos node drain|deactivate|reactivate|decommission <mesos-id>`: the Mesos operator API's DRAIN_AGENT,
 * DEACTIVATE_AGENT, REACTIVATE_AGENT and MARK_AGENT_GONE (`POST /mesos/api/v1`). Like the real CLI they print nothing
 * on success. The node may be named by its Mesos id or its hostname, as `dcos node describe` takes.
 */
import { parseDuration } from '../duration.ts';
import { call, CliError, ok } from '../format.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { getAgents } from './mesos.ts';

/** The agent id for an id or a hostname; an unknown name goes as is, for Mesos to refuse. */
async function agentId(ctx: CommandContext, verb: string): Promise<string> {
  const key = ctx.args[0];
  if (!key) throw new CliError(`Error: missing argument <mesos-id>\nUsage: dcos node ${verb} <mesos-id>`);
  const agents = await getAgents(ctx.request);
  return agents.find((a) => a.id === key || a.hostname === key)?.id ?? key;
}

const operator = (ctx: CommandContext, body: unknown) => call(ctx.request, { method: 'POST', path: '/mesos/api/v1', body });

/** `--max-grace-period` (the real flag) or `--timeout`, a Go duration, in nanoseconds. */
function gracePeriodNs(ctx: CommandContext): number | null {
  for (const flag of ['max-grace-period', 'timeout']) {
    const raw = ctx.flags[flag];
    if (raw === undefined) continue;
    const ms = typeof raw === 'string' ? parseDuration(raw) : null;
    if (ms === null)
      throw new CliError(
        `Error: invalid argument "${raw === true ? '' : raw}" for "--${flag}" flag: time: invalid duration "${raw === true ? '' : raw}"`,
      );
    return Math.round(ms * 1e6);
  }
  return null;
}

export const nodeMaintenanceCommands: CommandSpec[] = [
  {
    path: ['node', 'drain'],
    summary: 'Drain a node so that its tasks get rescheduled',
    usage: '<mesos-id> [--max-grace-period=<duration>] [--decommission]',
    args: ['node'],
    flags: ['max-grace-period', 'timeout', 'decommission'],
    run: async (ctx) => {
      const grace = gracePeriodNs(ctx);
      const id = await agentId(ctx, 'drain');
      const drain: Record<string, unknown> = { agent_id: { value: id }, mark_gone: ctx.flags['decommission'] === true };
      if (grace !== null && grace > 0) drain['max_grace_period'] = { nanoseconds: grace };
      await operator(ctx, { type: 'DRAIN_AGENT', drain_agent: drain });
      return ok();
    },
  },
  {
    path: ['node', 'deactivate'],
    summary: 'Deactivate a node',
    usage: '<mesos-id>',
    args: ['node'],
    run: async (ctx) => {
      await operator(ctx, { type: 'DEACTIVATE_AGENT', deactivate_agent: { agent_id: { value: await agentId(ctx, 'deactivate') } } });
      return ok();
    },
  },
  {
    path: ['node', 'reactivate'],
    summary: 'Reactivate a drained/deactivated node',
    usage: '<mesos-id>',
    args: ['node'],
    run: async (ctx) => {
      await operator(ctx, { type: 'REACTIVATE_AGENT', reactivate_agent: { agent_id: { value: await agentId(ctx, 'reactivate') } } });
      return ok();
    },
  },
  {
    path: ['node', 'decommission'],
    summary: 'Mark an agent as gone',
    usage: '<mesos-id>',
    args: ['node'],
    run: async (ctx) => {
      await operator(ctx, { type: 'MARK_AGENT_GONE', mark_agent_gone: { agent_id: { value: await agentId(ctx, 'decommission') } } });
      return ok();
    },
  },
];
