/** `dcos marathon leader show [--json]`: the leading Marathon instance's address (`GET /marathon/v2/leader`). */
import type { MarathonLeader } from '../../api/shapes/marathon.ts';
import { getJson, json2, ok } from '../format.ts';
import type { CommandSpec } from '../types.ts';

export const marathonLeaderCommands: CommandSpec[] = [
  {
    path: ['marathon', 'leader', 'show'],
    summary: 'Display the leading Marathon instance',
    usage: '[--json]',
    flags: ['json'],
    run: async (ctx) => {
      const body = await getJson<MarathonLeader>(ctx.request, '/marathon/v2/leader');
      return ok(ctx.flags['json'] ? json2(body) : `${body.leader}\n`);
    },
  },
];
