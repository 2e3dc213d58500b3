/** `dcos marathon deployment|group|pod …`. */
import { call, CliError, getJson, json2, normalizeId, ok, pathOf } from '../format.ts';
import { renderTable } from '../table.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import type { Deployment, DeploymentAction, MarathonGroup, MarathonQueue, PodStatus, QueueEntry } from '../../api/shapes/marathon.ts';
import { ACTION_NAMES, deploymentOf } from './marathon-app.ts';

const force = (ctx: CommandContext) => (ctx.flags['force'] ? '?force=true' : '');
const byFirst = (a: unknown[], b: unknown[]) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0);

function needArg(ctx: CommandContext, name: string, usage: string): string {
  const v = ctx.args[0];
  if (!v) throw new CliError(`Error: missing argument ${name}\nUsage: dcos marathon ${usage}`);
  return v;
}

function needBody(ctx: CommandContext, what: string, example: string): unknown {
  if (!ctx.hasBody)
    throw new CliError(`Error: no ${what} JSON given\nPaste it after the command, e.g. dcos marathon ${what} add ${example}`);
  return ctx.body;
}

function deploymentTable(deployments: Deployment[]): string {
  const rows = deployments.map((d) => {
    const resource = (a: DeploymentAction) => a.app ?? a.pod;
    const many = new Set(d.currentActions.map(resource)).size > 1;
    const action = d.currentActions
      .map((a) => {
        const name = ACTION_NAMES[a.action] ?? a.action;
        return many ? `${name} ${resource(a)}` : name;
      })
      .join('\n');
    const join = (ids: string[]) => (ids.length > 0 ? ids.join('\n') : '-');
    return [join(d.affectedApps), join(d.affectedPods), action, `${d.currentStep - 1}/${d.totalSteps}`, d.id];
  });
  return renderTable(['APP', 'POD', 'ACTION', 'PROGRESS', 'ID'], rows.sort(byFirst));
}

function groupRows(root: MarathonGroup): [string, number][] {
  const rows: [string, number][] = [];
  const count = (g: MarathonGroup): number => {
    const n = g.apps.length + g.groups.reduce((sum, child) => sum + count(child), 0);
    rows.push([g.id, n]);
    return n;
  };
  count(root);
  return rows.sort(byFirst);
}

function podTable(pods: PodStatus[], queue: QueueEntry[]): string {
  const overdue = new Map(queue.flatMap((q) => (q.pod ? [[q.pod.id, q.delay.overdue] as const] : [])));
  const rows = pods.map((p) => {
    const names = p.spec.containers.map((c) => c.name).sort();
    return [
      p.id + names.map((n) => `\n |-${n}`).join(''),
      p.instances.length,
      p.spec.version ?? '-',
      p.status,
      p.statusSince,
      overdue.get(p.id) ?? false,
    ];
  });
  return renderTable(['ID+TASKS', 'INSTANCES', 'VERSION', 'STATUS', 'STATUS SINCE', 'WAITING'], rows.sort(byFirst), {
    align: { INSTANCES: 'r' },
  });
}

const created = (body: unknown) => ok(`Created deployment ${deploymentOf(body)}\n`);

export const deploymentCommands: CommandSpec[] = [
  {
    path: ['marathon', 'deployment', 'list'],
    summary: 'Print the running deployments',
    usage: '[<app-id>] [--json|--quiet]',
    args: ['app'],
    flags: ['json', 'quiet'],
    run: async (ctx) => {
      let deployments = await getJson<Deployment[]>(ctx.request, '/marathon/v2/deployments');
      const appId = ctx.args[0];
      if (appId) deployments = deployments.filter((d) => d.affectedApps.includes(normalizeId(appId)));
      if (ctx.flags['json']) return ok(json2(deployments));
      if (deployments.length === 0) throw new CliError(`There are no deployments${appId ? ` for '${normalizeId(appId)}'` : ''}`);
      if (ctx.flags['quiet']) return ok(deployments.map((d) => `${d.id}\n`).join(''));
      return ok(deploymentTable(deployments));
    },
  },
  {
    path: ['marathon', 'deployment', 'rollback'],
    summary: 'Remove a deployment and create a new one that restores the previous state',
    usage: '<deployment-id>',
    args: ['deployment'],
    run: async (ctx) => {
      const id = needArg(ctx, '<deployment-id>', 'deployment rollback <deployment-id>');
      const res = await call(ctx.request, { method: 'DELETE', path: `/marathon/v2/deployments/${encodeURIComponent(id)}` });
      return ok(json2(res.body));
    },
  },
  {
    path: ['marathon', 'deployment', 'stop'],
    summary: 'Cancel a deployment without rolling back',
    usage: '<deployment-id>',
    args: ['deployment'],
    run: async (ctx) => {
      const id = needArg(ctx, '<deployment-id>', 'deployment stop <deployment-id>');
      await call(ctx.request, { method: 'DELETE', path: `/marathon/v2/deployments/${encodeURIComponent(id)}?force=true` });
      return ok();
    },
  },
];

export const groupCommands: CommandSpec[] = [
  {
    path: ['marathon', 'group', 'list'],
    summary: 'Print the groups and how many apps each holds',
    usage: '[--json]',
    flags: ['json'],
    run: async (ctx) => {
      const root = await getJson<MarathonGroup>(ctx.request, '/marathon/v2/groups');
      if (ctx.flags['json']) return ok(json2(root.groups));
      return ok(renderTable(['ID', 'APPS'], groupRows(root), { align: { APPS: 'r' } }));
    },
  },
  {
    path: ['marathon', 'group', 'add'],
    summary: 'Add a group (JSON pasted after the command)',
    usage: '<group-json>',
    run: async (ctx) => {
      const body = needBody(ctx, 'group', '{"id": "/web", "apps": [...]}');
      return created((await call(ctx.request, { method: 'POST', path: '/marathon/v2/groups', body })).body);
    },
  },
  {
    path: ['marathon', 'group', 'show'],
    summary: 'Print the JSON of a group',
    usage: '<group-id>',
    args: ['group'],
    run: async (ctx) => {
      const id = needArg(ctx, '<group-id>', 'group show <group-id>');
      return ok(json2(await getJson(ctx.request, `/marathon/v2/groups${pathOf(id)}`)));
    },
  },
  {
    path: ['marathon', 'group', 'remove'],
    summary: 'Remove a group and everything in it',
    usage: '<group-id> [--force]',
    args: ['group'],
    flags: ['force'],
    run: async (ctx) => {
      const id = needArg(ctx, '<group-id>', 'group remove <group-id> [--force]');
      await call(ctx.request, { method: 'DELETE', path: `/marathon/v2/groups${pathOf(id)}${force(ctx)}` });
      return ok();
    },
  },
];

export const podCommands: CommandSpec[] = [
  {
    path: ['marathon', 'pod', 'add'],
    summary: 'Add a pod (JSON pasted after the command)',
    usage: '<pod-json>',
    run: async (ctx) => {
      const body = needBody(ctx, 'pod', '{"id": "/p", "containers": [...]}');
      return created((await call(ctx.request, { method: 'POST', path: '/marathon/v2/pods', body })).body);
    },
  },
  {
    path: ['marathon', 'pod', 'list'],
    summary: 'List the pods and their containers',
    usage: '[--json|--quiet]',
    flags: ['json', 'quiet'],
    run: async (ctx) => {
      const pods = await getJson<PodStatus[]>(ctx.request, '/marathon/v2/pods/::status');
      if (ctx.flags['json']) return ok(json2(pods));
      if (ctx.flags['quiet']) return ok(pods.map((p) => `${p.id}\n`).join(''));
      const queue = (await getJson<MarathonQueue>(ctx.request, '/marathon/v2/queue')).queue;
      return ok(podTable(pods, queue));
    },
  },
  {
    path: ['marathon', 'pod', 'show'],
    summary: 'Print the status JSON of a pod',
    usage: '<pod-id>',
    args: ['pod'],
    run: async (ctx) => {
      const id = needArg(ctx, '<pod-id>', 'pod show <pod-id>');
      return ok(json2(await getJson(ctx.request, `/marathon/v2/pods${pathOf(id)}::status`)));
    },
  },
  {
    path: ['marathon', 'pod', 'remove'],
    summary: 'Remove a pod',
    usage: '<pod-id> [--force]',
    args: ['pod'],
    flags: ['force'],
    run: async (ctx) => {
      const id = needArg(ctx, '<pod-id>', 'pod remove <pod-id> [--force]');
      await call(ctx.request, { method: 'DELETE', path: `/marathon/v2/pods${pathOf(id)}${force(ctx)}` });
      return ok();
    },
  },
];
