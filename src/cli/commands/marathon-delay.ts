/**
 * `dcos marathon delay reset <app-id>|<pod-id>`: dcos-core-cli 2.2 runs it in its Python CLI
 * (`dcoscli/marathon/main.py` `delay_reset`, `dcos/marathon.py` `Client.delay_reset`): `DELETE /v2/queue/<id>/delay`,
 * then a sentence naming the normalized id.
 */
import { ok } from '../format.ts';
import type { CommandSpec } from '../types.ts';
import { pyIdPath, pyMarathon, usageError } from './marathon-python.ts';

export const marathonDelayCommands: CommandSpec[] = [
  {
    path: ['marathon', 'delay', 'reset'],
    summary: 'Reset the current delay (if any) of the application.',
    usage: '<app-id>|<pod-id>',
    args: ['app'],
    run: async (ctx) => {
      if (ctx.args.length !== 1) return usageError('delay reset <app-id>|<pod-id>');
      const id = pyIdPath(ctx.args[0]!);
      await pyMarathon(ctx, 'DELETE', `/queue${id}/delay`);
      return ok(`Delay on [${id}] has been reset\n`);
    },
  },
];
