/**
 * `dcos marathon app list|add|show|remove|restart|kill`: Go commands in dcos-core-cli 2.2
 * (`pkg/cmd/marathon/app/app_{list,add,show,remove,restart,kill}.go`).
 */
import type { Deployment, MarathonApp, MarathonTaskList, QueueEntry } from '../../api/shapes/marathon.ts';
import { goError, isSuccess, ok, pathOf } from '../format.ts';
import { checkArgs, goJson, goJsonCompact, humanizeFtoa, project, sortedKeys } from '../go.ts';
import { MARATHON_APP } from '../go-marathon-shapes.ts';
import { EMPTY_ENTRY, renderGoTable } from '../table.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { appShow } from './marathon-app-more.ts';
import {
  application,
  applications,
  deployments,
  goMarathon,
  MARATHON,
  MarathonApiError,
  notFoundAs,
  queue,
  scaleApplication,
} from './marathon-client.ts';

/** The app list's names of Marathon's deployment actions (`deploymentDisplay`); an action it lacks shows as empty. */
const ACTION_NAMES: Record<string, string> = {
  ResolveArtifacts: 'artifacts',
  ScaleApplication: 'scale',
  StartApplication: 'start',
  StopApplication: 'stop',
  RestartApplication: 'restart',
  ScalePod: 'scale',
  StopPod: 'stop',
  RestartPod: 'restart',
  KillAllOldTasksOf: 'kill-tasks',
};

/** Go's `s[:max-3] + "..."` on the UTF-8 bytes once the text is `max` bytes or longer. */
function truncate(s: string, max: number): string {
  const bytes = new TextEncoder().encode(s);
  return bytes.length < max ? s : `${new TextDecoder().decode(bytes.slice(0, max - 3))}...`;
}

function cmdOf(app: MarathonApp): string {
  if (typeof app.cmd === 'string' && app.cmd !== '') return truncate(app.cmd, 30);
  if (Array.isArray(app.args) && app.args.length > 0) return truncate(`[${app.args.join(', ')}]`, 30);
  return EMPTY_ENTRY;
}

function deploymentOf(app: MarathonApp, byId: Map<string, Deployment>): string {
  const actions = (app.deployments ?? []).flatMap(({ id }) =>
    (byId.get(id)?.currentActions ?? []).filter((a) => a.app === app.id).map((a) => ACTION_NAMES[a.action] ?? ''),
  );
  if (actions.length === 0) return EMPTY_ENTRY;
  return actions.length === 1 ? actions[0]! : `(${actions.join(',')})`;
}

// The plugin reads `item.Application.ID` of every queue entry and panics on a pod's; the sandbox skips pods.
const waiting = (app: MarathonApp, entries: QueueEntry[]) =>
  entries.some((q) => q.app?.id === app.id && q.delay.overdue) ? 'true' : 'false';

function appRow(app: MarathonApp, byId: Map<string, Deployment>, entries: QueueEntry[]): string[] {
  return [
    app.id,
    humanizeFtoa(app.mem ?? 0),
    humanizeFtoa(app.cpus ?? 0),
    `${app.tasksRunning ?? 0}/${app.instances ?? 0}`,
    // A decoded `healthChecks: []` is a non-nil pointer: only an app without the field shows "---".
    app.healthChecks === undefined || app.healthChecks === null ? EMPTY_ENTRY : `${app.tasksHealthy ?? 0}/${app.tasksRunning ?? 0}`,
    deploymentOf(app, byId),
    waiting(app, entries),
    typeof app.container?.type === 'string' && app.container.type !== '' ? app.container.type : 'MESOS',
    cmdOf(app),
    typeof app.role === 'string' ? app.role : '',
  ];
}

async function list(ctx: CommandContext) {
  const apps = await applications(ctx.request);
  if (ctx.flags['quiet']) return ok(apps.map((a) => `${a.id}\n`).join(''));
  if (ctx.flags['json']) return ok(goJson(apps.map((a) => project(a, MARATHON_APP))));
  const byId = new Map((await deployments(ctx.request)).map((d) => [d.id, d]));
  const entries = (await queue(ctx.request)).queue ?? [];
  const rows = apps.map((a) => appRow(a, byId, entries)).sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  const headers = ['ID', 'MEM', 'CPUS', 'TASKS', 'HEALTH', 'DEPLOYMENT', 'WAITING', 'CONTAINER', 'CMD', 'ROLE'];
  return ok(renderGoTable(headers, rows, { alignLeft: true }));
}

const JSON_TYPE_NAMES: Record<string, string> = { object: 'array', string: 'string', number: 'number', boolean: 'bool' };

/** `Client.AddApp`: the definition from stdin (the pasted JSON), refused unless it names an id no app has. */
async function add(ctx: CommandContext) {
  checkArgs(ctx.args, 0, 1, 'dcos marathon app add');
  // A file or URL argument: the sandbox has neither files nor the network.
  if (ctx.args.length > 0) throw goError(`can't read from resource: ${ctx.args[0]}. Please check that it exists`);
  if (!ctx.hasBody) throw goError('error loading JSON: unexpected end of JSON input');
  const app = ctx.body;
  if (app !== null && (typeof app !== 'object' || Array.isArray(app)))
    throw goError(`json: cannot unmarshal ${JSON_TYPE_NAMES[typeof app]} into Go value of type map[string]interface {}`);
  const id = (app as Record<string, unknown> | null)?.['id'];
  if (id === undefined) throw goError('application ID must be set');
  const existing = await ctx.request({ method: 'GET', path: `${MARATHON}/apps${pathOf(String(id))}` });
  const existingApp = isSuccess(existing) ? (existing.body as { app?: MarathonApp }).app : undefined;
  if (existingApp) throw goError(`Application '/${existingApp.id.replace(/^\//, '')}' already exists`);
  if (!isSuccess(existing) && existing.status !== 404) throw new MarathonApiError(existing);
  const created = (await goMarathon(ctx.request, 'POST', '/apps', app)) as MarathonApp;
  return ok(`Created deployment ${created.deployments[0]?.id ?? ''}\n`);
}

async function remove(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 1, 'dcos marathon app remove');
  const id = ctx.args[0]!;
  const force = ctx.flags['force'] ? '?force=true' : '';
  await goMarathon(ctx.request, 'DELETE', `/apps${pathOf(id)}${force}`).catch((e: unknown) => notFoundAs(e, `app '/${id}' does not exist`));
  return ok();
}

async function restart(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 1, 'dcos marathon app restart');
  const id = ctx.args[0]!;
  const app = await application(ctx.request, id).catch((e: unknown) => notFoundAs(e, `app '/${id}' does not exist`));
  if ((app.instances ?? 0) <= 0) throw goError(`unable to perform rolling restart of application '/${id}' because it has no running tasks`);
  const force = ctx.flags['force'] ? '?force=true' : '';
  const started = (await goMarathon(ctx.request, 'POST', `/apps${pathOf(id)}/restart${force}`, {}).catch((e: unknown) =>
    notFoundAs(e, `app '/${id}' does not exist`),
  )) as { deploymentId: string };
  return ok(`Created deployment ${started.deploymentId}\n`);
}

async function kill(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 1, 'dcos marathon app kill');
  const id = ctx.args[0]!;
  const host = typeof ctx.flags['host'] === 'string' ? ctx.flags['host'] : '';
  if (ctx.flags['scale'] && host !== '') throw goError("the flags 'scale' and 'host' cannot be used at the same time");
  if (ctx.flags['scale']) {
    await application(ctx.request, id).catch((e: unknown) => notFoundAs(e, `path '/${id}' does not exist`));
    const started = await scaleApplication(ctx.request, id, 0, false);
    return ok(`Started deployment: ${goJsonCompact({ deploymentId: started.deploymentId, version: started.version })}\n`);
  }
  const path = `${MARATHON}/apps${pathOf(id)}/tasks${host !== '' ? `?host=${encodeURIComponent(host)}` : ''}`;
  const res = await ctx.request({ method: 'DELETE', path });
  if (res.status === 404) throw goError(`app '/${id}' does not exist`);
  if (res.status !== 200) throw goError(`HTTP ${res.status} error`);
  return ok(`Killed tasks: ${goJsonCompact(sortedKeys((res.body as MarathonTaskList).tasks ?? null))}\n`);
}

export const appCommands: CommandSpec[] = [
  {
    path: ['marathon', 'app', 'list'],
    summary: 'List the installed applications.',
    usage: '[--json|--quiet]',
    flags: ['json', 'quiet'],
    run: list,
  },
  { path: ['marathon', 'app', 'add'], summary: 'Add an application.', usage: '<app-json>', run: add },
  {
    path: ['marathon', 'app', 'show'],
    summary: 'Show the `marathon.json` for an  application.',
    usage: '<app-id> [--app-version=<version>]',
    args: ['app'],
    flags: ['app-version'],
    run: appShow,
  },
  {
    path: ['marathon', 'app', 'remove'],
    summary: 'Remove an application.',
    usage: '<app-id> [--force]',
    args: ['app'],
    flags: ['force'],
    run: remove,
  },
  {
    path: ['marathon', 'app', 'restart'],
    summary: 'Restart an application.',
    usage: '<app-id> [--force]',
    args: ['app'],
    flags: ['force'],
    run: restart,
  },
  {
    path: ['marathon', 'app', 'kill'],
    summary: 'Kill a running application instance.',
    usage: '<app-id> [--scale] [--host=<host>]',
    args: ['app'],
    flags: ['scale', 'host'],
    run: kill,
  },
];
