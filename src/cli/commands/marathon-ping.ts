/**
 * `dcos marathon ping [--once]`: a Go command in dcos-core-cli 2.2 (`pkg/cmd/marathon/marathon_ping.go`). It
 * pings Marathon (`GET /service/marathon/ping`) once per master Mesos-DNS lists under `master.mesos`, or once with
 * --once, and names the first ping that failed. The sandbox has no Mesos-DNS: its records are the masters that
 * run, as `dcos node` lists them.
 */
import { goError, isSuccess, ok } from '../format.ts';
import { checkArgs } from '../go.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { getState, mesosDnsMasters } from './mesos.ts';

async function ping(ctx: CommandContext) {
  checkArgs(ctx.args, 0, 0, 'dcos marathon ping');
  const masters = ctx.flags['once'] ? 1 : mesosDnsMasters(await getState(ctx.request)).length;
  for (let i = 1; i <= masters; i++) {
    const res = await ctx.request({ method: 'GET', path: '/marathon/ping' });
    if (!isSuccess(res)) throw goError(`unable to ping leading Marathon master ${i} time(s)`);
  }
  return ok(`Marathon ping response[${masters}x]: "pong"\n`);
}

export const marathonPingCommands: CommandSpec[] = [
  { path: ['marathon', 'ping'], summary: 'Ensure Marathon is up and responding.', usage: '[--once]', flags: ['once'], run: ping },
];
