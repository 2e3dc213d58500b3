/** `dcos marathon app …`: Marathon's apps through /marathon/v2/apps. */
import type {
  Deployment,
  DeploymentRef,
  DeploymentStarted,
  MarathonApp,
  MarathonAppBody,
  MarathonAppList,
  MarathonQueue,
  MarathonTaskList,
  QueueEntry,
} from '../../api/shapes/marathon.ts';
import { parseProperties } from '../parse.ts';
import { call, CliError, getJson, json2, normalizeId, ok, pathOf } from '../format.ts';
import { EMPTY_ENTRY, renderTable, shorten } from '../table.ts';
import type { CommandContext, CommandSpec } from '../types.ts';

/** Marathon's deployment actions as the CLI names them. */
export const ACTION_NAMES: Record<string, string> = {
  ResolveArtifacts: 'artifacts',
  ScaleApplication: 'scale',
  StartApplication: 'start',
  StopApplication: 'stop',
  RestartApplication: 'restart',
  ScalePod: 'scale',
  StartPod: 'start',
  StopPod: 'stop',
  RestartPod: 'restart',
  KillAllOldTasksOf: 'kill-tasks',
};

const force = (ctx: CommandContext) => (ctx.flags['force'] ? '?force=true' : '');

function needId(ctx: CommandContext, usage: string): string {
  const id = ctx.args[0];
  if (!id) throw new CliError(`Error: missing argument <app-id>\nUsage: dcos marathon app ${usage}`);
  return id;
}

function bodyOf(ctx: CommandContext, what: string): unknown {
  if (!ctx.hasBody)
    throw new CliError(
      `Error: no ${what} JSON given\nPaste it after the command, e.g. dcos marathon ${what} add {"id": "/hello", "cmd": "sleep 1000"}`,
    );
  return ctx.body;
}

/**
 * The deployment a change started: `{version, deploymentId}`, or the `deployments` of a created app
 * or pod. The body is an empty string (202) when no deployment was needed.
 */
export const deploymentOf = (body: unknown): string => {
  const b = body as (Partial<DeploymentStarted> & { deployments?: DeploymentRef[] }) | null;
  return b?.deploymentId ?? b?.deployments?.[0]?.id ?? EMPTY_ENTRY;
};

function appTable(apps: MarathonApp[], deployments: Deployment[], queue: QueueEntry[]): string {
  const byId = new Map(deployments.map((d) => [d.id, d]));
  const overdue = new Map(queue.flatMap((q) => (q.app ? [[q.app.id, q.delay.overdue] as const] : [])));
  const rows = [...apps]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((a) => {
      const actions = a.deployments.flatMap(({ id }) =>
        (byId.get(id)?.currentActions ?? []).filter((x) => x.app === a.id).map((x) => ACTION_NAMES[x.action] ?? x.action),
      );
      const deployment = actions.length === 0 ? EMPTY_ENTRY : actions.length === 1 ? actions[0] : `(${actions.join(', ')})`;
      const health = (a.healthChecks?.length ?? 0) > 0 ? `${a.tasksHealthy}/${a.tasksRunning}` : EMPTY_ENTRY;
      const cmd = a.cmd ?? (a.args ? JSON.stringify(a.args) : 'None');
      return [
        a.id,
        a.mem,
        a.cpus,
        `${a.tasksRunning}/${a.instances}`,
        health,
        deployment,
        overdue.get(a.id) ?? false,
        a.container?.type ?? 'mesos',
        shorten(cmd, 35),
      ];
    });
  return renderTable(['ID', 'MEM', 'CPUS', 'TASKS', 'HEALTH', 'DEPLOYMENT', 'WAITING', 'CONTAINER', 'CMD'], rows, {
    align: { MEM: 'r', CPUS: 'r', TASKS: 'r' },
  });
}

export const appCommands: CommandSpec[] = [
  {
    path: ['marathon', 'app', 'list'],
    summary: 'List the installed applications',
    usage: '[--json|--quiet]',
    flags: ['json', 'quiet'],
    run: async (ctx) => {
      const apps = (await getJson<MarathonAppList>(ctx.request, '/marathon/v2/apps')).apps;
      if (ctx.flags['quiet']) return ok(apps.map((a) => `${a.id}\n`).join(''));
      if (ctx.flags['json']) return ok(json2(apps));
      const deployments = await getJson<Deployment[]>(ctx.request, '/marathon/v2/deployments');
      const queue = (await getJson<MarathonQueue>(ctx.request, '/marathon/v2/queue')).queue;
      return ok(appTable(apps, deployments, queue));
    },
  },
  {
    path: ['marathon', 'app', 'add'],
    summary: 'Add an application (JSON pasted after the command)',
    usage: '<app-json>',
    run: async (ctx) => {
      const res = await call(ctx.request, { method: 'POST', path: '/marathon/v2/apps', body: bodyOf(ctx, 'app') });
      return ok(`Created deployment ${deploymentOf(res.body)}\n`);
    },
  },
  {
    path: ['marathon', 'app', 'show'],
    summary: 'Show the marathon.json of an application',
    usage: '<app-id>',
    args: ['app'],
    run: async (ctx) => {
      const id = needId(ctx, 'show <app-id>');
      return ok(json2((await getJson<MarathonAppBody>(ctx.request, `/marathon/v2/apps${pathOf(id)}`)).app));
    },
  },
  {
    path: ['marathon', 'app', 'remove'],
    summary: 'Remove an application',
    usage: '<app-id> [--force]',
    args: ['app'],
    flags: ['force'],
    run: async (ctx) => {
      const id = needId(ctx, 'remove <app-id> [--force]');
      await call(ctx.request, { method: 'DELETE', path: `/marathon/v2/apps${pathOf(id)}${force(ctx)}` });
      return ok();
    },
  },
  {
    path: ['marathon', 'app', 'restart'],
    summary: 'Restart an application (rolling)',
    usage: '<app-id> [--force]',
    args: ['app'],
    flags: ['force'],
    run: async (ctx) => {
      const id = needId(ctx, 'restart <app-id> [--force]');
      const app = (await getJson<MarathonAppBody>(ctx.request, `/marathon/v2/apps${pathOf(id)}`)).app;
      if (app.instances <= 0) {
        throw new CliError(`Unable to perform rolling restart of application '${normalizeId(id)}' because it has no running tasks`);
      }
      const res = await call(ctx.request, { method: 'POST', path: `/marathon/v2/apps${pathOf(id)}/restart${force(ctx)}` });
      return ok(`Created deployment ${deploymentOf(res.body)}\n`);
    },
  },
  {
    path: ['marathon', 'app', 'update'],
    summary: 'Update an application: field=value pairs or pasted JSON',
    usage: '<app-id> [<field>=<value> ...] [--force]',
    args: ['app', 'text'],
    flags: ['force'],
    run: async (ctx) => {
      const id = needId(ctx, 'update <app-id> [<field>=<value> ...] [--force]');
      let body: unknown;
      if (ctx.args.length > 1) {
        const parsed = parseProperties(ctx.args.slice(1));
        if ('error' in parsed) throw new CliError(parsed.error);
        body = parsed.body;
      } else if (ctx.hasBody) {
        body = ctx.body;
      } else {
        throw new CliError('Error: nothing to update\nE.g. dcos marathon app update /hello instances=3');
      }
      await getJson(ctx.request, `/marathon/v2/apps${pathOf(id)}`);
      const res = await call(ctx.request, { method: 'PUT', path: `/marathon/v2/apps${pathOf(id)}${force(ctx)}`, body });
      return ok(`Created deployment ${deploymentOf(res.body)}\n`);
    },
  },
  {
    path: ['marathon', 'app', 'kill'],
    summary: "Kill an application's running tasks",
    usage: '<app-id> [--scale] [--host=<host>]',
    args: ['app'],
    flags: ['scale', 'host'],
    run: async (ctx) => {
      const id = needId(ctx, 'kill <app-id> [--scale] [--host=<host>]');
      const query = [
        ctx.flags['scale'] ? 'scale=true' : '',
        typeof ctx.flags['host'] === 'string' ? `host=${encodeURIComponent(ctx.flags['host'])}` : '',
      ]
        .filter(Boolean)
        .join('&');
      const res = await call(ctx.request, { method: 'DELETE', path: `/marathon/v2/apps${pathOf(id)}/tasks${query ? `?${query}` : ''}` });
      if (ctx.flags['scale']) return ok(`Started deployment: ${deploymentOf(res.body)}\n`);
      const tasks = (res.body as MarathonTaskList).tasks.map((t) => t.id);
      const out = `Killed tasks: [${tasks.join(', ')}]\n`;
      return tasks.length > 0 ? ok(out) : { stdout: out, stderr: '', exitCode: 1 };
    },
  },
];
