/**
 * `dcos marathon leader show [--json]` and `leader delete`: dcos-core-cli 2.2 runs them in its Python CLI.
 * `show` asks Mesos-DNS for `marathon.mesos` and prints its first host (`--json`) or all of them in
 * `tables.dns_table`. The sandbox has no Mesos-DNS: the one record it would hold comes from
 * `GET /marathon/v2/leader` (`<ip>:8080`). `delete` asks the leader to abdicate and prints Marathon's message.
 */
import type { MarathonLeader } from '../../api/shapes/marathon.ts';
import { ok } from '../format.ts';
import { pyJson } from '../python.ts';
import { renderPyTable } from '../table.ts';
import type { CommandSpec } from '../types.ts';
import { pyMarathon, usageError } from './marathon-python.ts';

export const marathonLeaderCommands: CommandSpec[] = [
  {
    path: ['marathon', 'leader', 'show'],
    summary: 'Display the leading Marathon instance.',
    usage: '[--json]',
    flags: ['json'],
    run: async (ctx) => {
      if (ctx.args.length > 0) return usageError('leader show [--json]');
      const { leader } = (await pyMarathon(ctx, 'GET', '/leader')) as MarathonLeader;
      const host = { host: 'marathon.mesos.', ip: leader.replace(/:\d+$/, '') };
      if (ctx.flags['json']) return ok(pyJson(host));
      return ok(renderPyTable(['HOST', 'IP'], [[host.host, host.ip]], { align: { HOST: 'l' } }));
    },
  },
  {
    path: ['marathon', 'leader', 'delete'],
    // Its cobra stub has no Short.
    summary: '',
    run: async (ctx) => {
      if (ctx.args.length > 0) return usageError('leader delete');
      const { message } = (await pyMarathon(ctx, 'DELETE', '/leader')) as { message: string };
      return ok(`${message}\n`);
    },
  },
];
