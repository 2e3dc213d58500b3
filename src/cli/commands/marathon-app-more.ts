/**
 * `dcos marathon app show|start|stop|version list`: Go commands in dcos-core-cli 2.2
 * (`pkg/cmd/marathon/app/app_{show,start,stop,version_list}.go`).
 */
import type { AppVersionList, MarathonApp } from '../../api/shapes/marathon.ts';
import { goError, normalizeId, ok, pathOf } from '../format.ts';
import { checkArgs, goJson, project } from '../go.ts';
import { MARATHON_APP } from '../go-marathon-shapes.ts';
import { intFlag } from '../parse.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { application, goMarathon, MARATHON, MarathonApiError, notFoundAs, scaleApplication } from './marathon-client.ts';

/** Go's `strconv.Atoi`: a base-10 int64, or its error. */
function atoi(text: string): number | { error: string } {
  if (!/^[+-]?\d+$/.test(text)) return { error: `strconv.Atoi: parsing "${text}": invalid syntax` };
  const n = BigInt(text);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return { error: `strconv.Atoi: parsing "${text}": value out of range` };
  return Number(n);
}

/** `--app-version`: an absolute version as given, or -N for the Nth version before the current one. */
async function versionOf(ctx: CommandContext, id: string, version: string): Promise<string> {
  const behind = atoi(version);
  if (typeof behind !== 'number') return version;
  if (behind >= 0) throw goError(`relative versions must be negative: ${behind}`);
  const res = await ctx.request({ method: 'GET', path: `${MARATHON}/apps${pathOf(id)}/versions` });
  if (res.status !== 200) throw goError(`unable to get versions for Marathon app ${id}`);
  const versions = (res.body as Partial<AppVersionList>).versions ?? [];
  if (versions.length <= -behind) throw goError(`application '${id}' only has ${versions.length} version(s)`);
  return versions[-behind]!;
}

export async function appShow(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 1, 'dcos marathon app show');
  const id = ctx.args[0]!;
  const wanted = typeof ctx.flags['app-version'] === 'string' ? ctx.flags['app-version'] : '';
  const version = wanted === '' ? '' : await versionOf(ctx, id, wanted);
  const path = `${MARATHON}/apps${pathOf(id)}${version === '' ? '' : `/versions/${version}`}`;
  const res = await ctx.request({ method: 'GET', path });
  if (res.status === 404) throw goError(`app '${normalizeId(id)}' does not exist`);
  if (res.status === 422) throw goError(`invalid timestamp provided '${version}', expecting ISO-8601 datetime string`);
  if (res.status !== 200) throw goError(`unable to get version ${version} for app ${id}`);
  const app = version === '' ? (res.body as { app: MarathonApp }).app : res.body;
  return ok(goJson(project(app, MARATHON_APP)));
}

async function start(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 2, 'dcos marathon app start');
  const id = ctx.args[0]!;
  const instances = ctx.args.length === 2 ? atoi(ctx.args[1]!) : 1;
  if (typeof instances !== 'number') throw goError(instances.error);
  if (instances <= 0) throw goError(`the number of instances must be positive: ${instances}`);
  const app = await application(ctx.request, id).catch((e: unknown) => notFoundAs(e, `app '/${id}' does not exist`));
  if ((app.instances ?? 0) > 0) throw goError(`application '${id}' already started: ${app.instances} instances`);
  const started = await scaleApplication(ctx.request, id, instances, ctx.flags['force'] === true);
  return ok(`Created deployment ${started.deploymentId}\n`);
}

async function stop(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 1, 'dcos marathon app stop');
  const id = normalizeId(ctx.args[0]!);
  const app = await application(ctx.request, id).catch((e: unknown) => notFoundAs(e, `app '${id}' does not exist`));
  if ((app.instances ?? 0) <= 0) throw goError(`app '${id}' already stopped: ${app.instances ?? 0} instances`);
  const started = await scaleApplication(ctx.request, id, 0, ctx.flags['force'] === true).catch((e: unknown) => {
    if (e instanceof MarathonApiError && e.response.status === 409)
      throw goError('changes blocked: deployment already in progress for app');
    throw e;
  });
  return ok(`Created deployment ${started.deploymentId}\n`);
}

async function versionList(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 1, 'dcos marathon app version list');
  const maxCount = intFlag(ctx.flags, 'max-count', 0);
  if ('error' in maxCount) throw goError(maxCount.error);
  if (maxCount.changed && maxCount.value <= 0) throw goError('maximum count must be a positive number');
  const { versions } = (await goMarathon(ctx.request, 'GET', `/apps${pathOf(ctx.args[0]!)}/versions`)) as Partial<AppVersionList>;
  // A nil slice (no `versions` in the answer) prints as null.
  const shown =
    versions && maxCount.value > 0 && maxCount.value <= versions.length ? versions.slice(0, maxCount.value) : (versions ?? null);
  return ok(`${JSON.stringify(shown, null, 2)}\n`);
}

export const appMoreCommands: CommandSpec[] = [
  {
    path: ['marathon', 'app', 'start'],
    summary: 'Start an application.',
    usage: '<app-id> [<instances>] [--force]',
    args: ['app', 'text'],
    flags: ['force'],
    run: start,
  },
  {
    path: ['marathon', 'app', 'stop'],
    summary: 'Stop an application.',
    usage: '<app-id> [--force]',
    args: ['app'],
    flags: ['force'],
    run: stop,
  },
  {
    path: ['marathon', 'app', 'version', 'list'],
    summary: 'List the version history of an application.',
    usage: '<app-id> [--max-count=<max-count>]',
    args: ['app'],
    flags: ['max-count'],
    run: versionList,
  },
];
