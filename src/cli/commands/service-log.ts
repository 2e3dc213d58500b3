/**
 * `dcos service log <service> [<file>] [--lines=N] [--output=…]` (dcos-core-cli 2.2's `pkg/cmd/service/service_log.go`):
 * `marathon` reads the leading master's `dcos-marathon.service` journal; any other name is a package's scheduler,
 * the one Marathon app labelled `DCOS_PACKAGE_FRAMEWORK_NAME=<service>` running one task, whose file is printed.
 * `--follow` keeps printing what comes next (log-follow.ts), until stopped.
 */
import type { MarathonAppBody } from '../../api/shapes/marathon.ts';
import { getOr, goError, httpError, ok } from '../format.ts';
import { checkArgs } from '../go.ts';
import { intFlag } from '../parse.ts';
import type { CliResult, CommandContext, CommandSpec } from '../types.ts';
import { printComponent, printTask } from './log-client.ts';
import { followComponent, followTasks } from './log-follow.ts';

interface AppList {
  apps: Array<{ id: string; labels?: Record<string, string> }>;
}

async function serviceLog(ctx: CommandContext): Promise<CliResult> {
  checkArgs(ctx.args, 1, 2, 'dcos service log');
  const parsed = intFlag(ctx.flags, 'lines', 10);
  if ('error' in parsed) throw goError(parsed.error);
  const [service, file = 'stdout'] = ctx.args as [string, string?];
  if (ctx.args.length === 2 && service === 'marathon') throw goError('the <file> argument is invalid for marathon');
  const skip = -parsed.value;
  const follow = ctx.flags['follow'] === true;
  if (service === 'marathon') {
    const format = typeof ctx.flags['output'] === 'string' ? ctx.flags['output'] : 'short';
    const opts = { filters: [], format, skip };
    if (follow) {
      const followed = await followComponent(ctx.request, '/leader/mesos', '/dcos-marathon.service', opts);
      return { ...ok(followed.stdout), follow: followed.follow };
    }
    return ok(await printComponent(ctx.request, '/leader/mesos', '/dcos-marathon.service', opts));
  }
  const { apps } = await getOr<AppList>(ctx.request, '/marathon/v2/apps', httpError);
  const ids = apps.filter((a) => a.labels?.['DCOS_PACKAGE_FRAMEWORK_NAME'] === service).map((a) => a.id);
  if (ids.length === 0) throw goError(`no marathon apps found for service name [${service}]`);
  if (ids.length > 1) throw goError(`multiple marathon apps found for service name [${service}]: [${ids.join(', ')}]`);
  const { app } = await getOr<MarathonAppBody>(ctx.request, `/marathon/v2/apps${ids[0]!}`, httpError);
  const tasks = app.tasks ?? [];
  if (tasks.length !== 1) throw goError(`expected marathon app [${ids[0]!}] to be running 1 task, but instead found ${tasks.length} tasks`);
  if (follow) {
    const format = typeof ctx.flags['output'] === 'string' ? ctx.flags['output'] : 'short';
    const followed = await followTasks(ctx.request, [tasks[0]!.id], file, -skip, format);
    return { ...ok(followed.stdout), follow: followed.follow };
  }
  return ok(await printTask(ctx.request, tasks[0]!.id, file, skip));
}

export const serviceLogCommand: CommandSpec = {
  path: ['service', 'log'],
  summary: 'Print logs for DC/OS services',
  usage: '<service-name> [<file>] [--lines=N] [--output=short|cat|json|json-pretty]',
  args: ['text', 'text'],
  flags: ['follow', 'lines', 'output', 'ssh-config-file', 'user'],
  run: serviceLog,
};
