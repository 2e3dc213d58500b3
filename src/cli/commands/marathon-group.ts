/**
 * `dcos marathon group list|add|show|remove|update|scale`: dcos-core-cli 2.2 runs them in its Python CLI
 * (`dcoscli/marathon/main.py`; the table is `dcoscli/tables.py` `group_table`).
 */
import type { MarathonGroup } from '../../api/shapes/marathon.ts';
import { CliError, isSuccess, ok } from '../format.ts';
import { pyFloat } from '../parse.ts';
import { pyJson, pyStr } from '../python.ts';
import { renderPyTable } from '../table.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { MARATHON } from './marathon-client.ts';
import { createdDeployment, forceQuery, pyIdPath, pyMarathon, readProperties, readResource, usageError } from './marathon-python.ts';

/** Every group under the root (not the root itself) with the apps it holds, nested groups' included. */
function groupRows(groups: MarathonGroup[]): string[][] {
  const counted = new Map<string, [MarathonGroup, number]>();
  const count = (g: MarathonGroup): number => {
    const n = g.apps.length + g.groups.reduce((sum, child) => sum + count(child), 0);
    counted.set(g.id, [g, n]);
    return n;
  };
  groups.forEach(count);
  return [...counted.values()].map(([g, n]) => [g.id, String(n), 'enforceRole' in g ? pyStr(g.enforceRole) : 'N/A']);
}

async function list(ctx: CommandContext) {
  if (ctx.args.length > 0) return usageError('group list [--json]');
  const groups = ((await pyMarathon(ctx, 'GET', '/groups')) as MarathonGroup).groups;
  if (ctx.flags['json']) return ok(pyJson(groups));
  return ok(renderPyTable(['ID', 'APPS', 'ENFORCE_ROLE'], groupRows(groups), { sortBy: 'ID', align: { ID: 'l', ENFORCE_ROLE: 'r' } }));
}

async function add(ctx: CommandContext) {
  const usage = 'group add [<group-resource>|--id=<group-id>]';
  const idFlag = typeof ctx.flags['id'] === 'string' ? ctx.flags['id'] : undefined;
  if (ctx.args.length > 1 || (idFlag !== undefined && ctx.args.length > 0)) return usageError(usage);
  const resource = idFlag !== undefined ? { id: idFlag } : readResource(ctx, ctx.args[0]);
  const rawId = typeof resource === 'object' && resource !== null ? (resource as Record<string, unknown>)['id'] : undefined;
  // The Python CLI indexes the resource's `id` and stops on a KeyError without it.
  if (typeof rawId !== 'string') throw new CliError("KeyError: 'id'");
  const id = pyIdPath(rawId);
  const existing = await ctx.request({ method: 'GET', path: `${MARATHON}/groups${id}` });
  if (isSuccess(existing)) throw new CliError(`Group '${id}' already exists`);
  const created = (await pyMarathon(ctx, 'POST', '/groups', resource)) as { deploymentId?: unknown };
  return createdDeployment(created.deploymentId);
}

async function show(ctx: CommandContext) {
  if (ctx.args.length !== 1) return usageError('group show [--group-version=<group-version>] <group-id>');
  const version = typeof ctx.flags['group-version'] === 'string' ? `/versions/${ctx.flags['group-version']}` : '';
  return ok(pyJson(await pyMarathon(ctx, 'GET', `/groups${pyIdPath(ctx.args[0]!)}${version}`)));
}

async function remove(ctx: CommandContext) {
  if (ctx.args.length !== 1) return usageError('group remove [--force] <group-id>');
  await pyMarathon(ctx, 'DELETE', `/groups${pyIdPath(ctx.args[0]!)}${forceQuery(ctx)}`);
  return ok();
}

/** `MarathonSubcommand.group_update`: the group must exist; the change comes as `key=value` pairs or the pasted JSON. */
async function update(ctx: CommandContext) {
  if (ctx.args.length === 0) return usageError('group update [--force] <group-id> [<properties>...]');
  const id = pyIdPath(ctx.args[0]!);
  await pyMarathon(ctx, 'GET', `/groups${id}`);
  const body = readProperties(ctx, ctx.args.slice(1));
  const started = (await pyMarathon(ctx, 'PUT', `/groups${id}${forceQuery(ctx)}`, body)) as { deploymentId?: unknown } | null;
  return createdDeployment(started?.deploymentId);
}

/**
 * `Client.scale_group`: `PUT /v2/groups/<id>` with `{"scaleBy": <factor>}`. A factor Python reads as inf or nan is
 * sent as `json.dumps` writes it (`Infinity`, `NaN`), which is no JSON: Marathon refuses the body.
 */
async function scale(ctx: CommandContext) {
  if (ctx.args.length !== 2) return usageError('group scale [--force] <group-id> <scale-factor>');
  const factor = pyFloat(ctx.args[1]!);
  if (factor === undefined) throw new CliError('Error parsing string as float');
  const body = Number.isFinite(factor)
    ? { scaleBy: factor }
    : `{"scaleBy": ${Number.isNaN(factor) ? 'NaN' : factor > 0 ? 'Infinity' : '-Infinity'}}`;
  const started = (await pyMarathon(ctx, 'PUT', `/groups${pyIdPath(ctx.args[0]!)}${forceQuery(ctx)}`, body)) as {
    deploymentId?: unknown;
  } | null;
  return createdDeployment(started?.deploymentId);
}

export const groupCommands: CommandSpec[] = [
  { path: ['marathon', 'group', 'list'], summary: 'Print the list of groups.', usage: '[--json]', flags: ['json'], run: list },
  {
    path: ['marathon', 'group', 'add'],
    summary: 'Add a group.',
    usage: '[<group-json>|--id=<group-id>]',
    flags: ['id'],
    run: add,
  },
  {
    path: ['marathon', 'group', 'show'],
    summary: 'Print a detailed list of groups.',
    usage: '<group-id> [--group-version=<version>]',
    args: ['group'],
    flags: ['group-version'],
    run: show,
  },
  {
    path: ['marathon', 'group', 'remove'],
    summary: 'Remove a group.',
    usage: '<group-id> [--force]',
    args: ['group'],
    flags: ['force'],
    run: remove,
  },
  {
    path: ['marathon', 'group', 'update'],
    summary: 'Update a group.',
    usage: '<group-id> [<field>=<value> ...] [--force]',
    args: ['group', 'text'],
    flags: ['force'],
    run: update,
  },
  {
    path: ['marathon', 'group', 'scale'],
    summary: 'Scale a group.',
    usage: '<group-id> <scale-factor> [--force]',
    args: ['group', 'text'],
    flags: ['force'],
    run: scale,
  },
];
