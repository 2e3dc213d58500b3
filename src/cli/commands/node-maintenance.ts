/**
 * `dcos node drain|deactivate|reactivate|decommission <mesos-id>`: dcos-core-cli 2.2's
 * `pkg/cmd/node/node_{drain,deactivate,reactivate,decommission}.go`, the Mesos operator API's DRAIN_AGENT,
 * DEACTIVATE_AGENT, REACTIVATE_AGENT and MARK_AGENT_GONE (`POST /mesos/api/v1`, errors from
 * `pkg/mesos/client.go`). They print nothing on success.
 */
import { parseDuration } from '../duration.ts';
import { goError, httpError, ok } from '../format.ts';
import { checkArgs } from '../go.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { getAgents } from './mesos.ts';

/** One operator call: 404 is the command's own sentence, any other refusal `HTTP <n> error`. */
async function operator(ctx: CommandContext, body: unknown, notFound: string) {
  const res = await ctx.request({ method: 'POST', path: '/mesos/api/v1', body });
  if (res.status === 404) throw goError(notFound);
  if (res.status !== 200) throw httpError(res);
}

/** `--max-grace-period`, a Go duration, in nanoseconds (0 when not given). */
function gracePeriodNs(ctx: CommandContext): number {
  const raw = ctx.flags['max-grace-period'];
  if (raw === undefined) return 0;
  const text = raw === true ? '' : raw;
  const parsed = parseDuration(text);
  if ('error' in parsed) throw goError(`invalid argument ${JSON.stringify(text)} for "--max-grace-period" flag: ${parsed.error}`);
  return parsed.ns;
}

async function drain(ctx: CommandContext) {
  const grace = gracePeriodNs(ctx);
  checkArgs(ctx.args, 1, 1, 'dcos node drain');
  const id = ctx.args[0]!;
  const decommission = ctx.flags['decommission'] === true;
  // The sandbox's Mesos refuses `mark_gone` with a drain: drain first, then `dcos node decommission`.
  if (decommission) throw goError('the sandbox cannot drain and decommission in one call: drain, then run dcos node decommission');
  const call: Record<string, unknown> = { agent_id: { value: id }, mark_gone: false };
  if (grace !== 0) call['max_grace_period'] = { nanoseconds: grace };
  await operator(ctx, { type: 'DRAIN_AGENT', drain_agent: call }, `could not drain agent '${id}'`);
  if (!ctx.flags['wait']) return ok();
  const waiting = 'Waiting for the agent to be drained...\n';
  const agent = (await getAgents(ctx.request)).find((a) => a.id === id);
  if (agent?.drain_info?.state === 'DRAINED') return ok(waiting);
  // The CLI polls every 5 s; the sandbox's time only moves between commands.
  return {
    stdout: waiting,
    stderr: 'Error: the sandbox cannot wait: its time moves only between commands (see STATUS in dcos node list)\n',
    exitCode: 1,
  };
}

const simple = (verb: string, type: string, notFound: (id: string) => string, summary: string): CommandSpec => ({
  path: ['node', verb],
  summary,
  usage: '<mesos-id>',
  args: ['node'],
  run: async (ctx) => {
    checkArgs(ctx.args, 1, 1, `dcos node ${verb}`);
    const id = ctx.args[0]!;
    await operator(ctx, { type, [type.toLowerCase()]: { agent_id: { value: id } } }, notFound(id));
    return ok();
  },
});

export const nodeMaintenanceCommands: CommandSpec[] = [
  {
    path: ['node', 'drain'],
    summary: 'Drain a node so that its tasks get rescheduled',
    usage: '<mesos-id> [--max-grace-period=<duration>] [--decommission] [--wait]',
    args: ['node'],
    flags: ['max-grace-period', 'decommission', 'wait'],
    run: drain,
  },
  simple('deactivate', 'DEACTIVATE_AGENT', (id) => `could not deactivate agent '${id}'`, 'Deactivate a node'),
  simple('reactivate', 'REACTIVATE_AGENT', (id) => `could not reactivate agent '${id}'`, 'Reactivate a drained/deactivated node'),
  simple('decommission', 'MARK_AGENT_GONE', (id) => `could not mark agent '${id}' as gone`, 'Mark an agent as gone'),
];
