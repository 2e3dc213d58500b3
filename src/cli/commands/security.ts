/**
 * `dcos security org users|groups …`: Enterprise DC/OS's `dcos-enterprise-cli` plugin is not sourced, so these
 * are a minimal, documented stand-in over `/acs/api/v1` (docs/iam.md): list (a table or `--json`), create,
 * delete, membership and grants. Column names and messages are the sandbox's own (inferred).
 */
import { ok } from '../format.ts';
import { checkArgs } from '../go.ts';
import { renderGoTable } from '../table.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { iamFailure } from './auth.ts';

const IAM = '/acs/api/v1';
/** A rid in a path: `/` written `%2F` before the path's own encoding (`%252F` on the wire). */
const ridPath = (rid: string): string => encodeURIComponent(rid.replace(/\//g, '%2F'));

async function call(ctx: CommandContext, method: 'GET' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const res = await ctx.request({ method, path: `${IAM}${path}`, ...(body !== undefined ? { body } : {}) });
  if (res.status >= 300) throw iamFailure(res, `HTTP ${res.status} error`);
  return res.body;
}

function listed(ctx: CommandContext, items: Record<string, unknown>[], key: 'uid' | 'gid'): ReturnType<typeof ok> {
  if (ctx.flags['json']) return ok(`${JSON.stringify(items, null, 2)}\n`);
  const header = key === 'uid' ? 'UID' : 'GID';
  return ok(
    renderGoTable(
      [header, 'DESCRIPTION'],
      items.map((i) => [String(i[key]), String(i['description'] ?? '')]),
    ),
  );
}

/** Grant `action` on `rid` (created first when new) to a user or a group. */
async function grantTo(ctx: CommandContext, kind: 'users' | 'groups', id: string, rid: string, action: string) {
  const exists = await ctx.request({ method: 'GET', path: `${IAM}/acls/${ridPath(rid)}` });
  if (exists.status === 404) await call(ctx, 'PUT', `/acls/${ridPath(rid)}`, { description: `Created with the sandbox's dcos CLI` });
  await call(ctx, 'PUT', `/acls/${ridPath(rid)}/${kind}/${encodeURIComponent(id)}/${action}`);
  return ok();
}

const stringFlag = (ctx: CommandContext, name: string): string | undefined =>
  typeof ctx.flags[name] === 'string' ? ctx.flags[name] : undefined;

export const securityCommands: CommandSpec[] = [
  {
    path: ['security', 'org', 'users', 'list'],
    summary: 'List users (service accounts with --service-accounts)',
    usage: '[--json] [--service-accounts]',
    flags: ['json', 'service-accounts'],
    run: async (ctx) => {
      checkArgs(ctx.args, 0, 0, 'dcos security org users list');
      const body = (await call(ctx, 'GET', ctx.flags['service-accounts'] ? '/users?type=service' : '/users')) as {
        array: Record<string, unknown>[];
      };
      return listed(ctx, body.array, 'uid');
    },
  },
  {
    path: ['security', 'org', 'users', 'create'],
    summary: 'Create a user',
    usage: '<uid> --password=<password> [--description=<text>]',
    flags: ['password', 'description'],
    run: async (ctx) => {
      checkArgs(ctx.args, 1, 1, 'dcos security org users create');
      await call(ctx, 'PUT', `/users/${encodeURIComponent(ctx.args[0]!)}`, {
        description: stringFlag(ctx, 'description') ?? '',
        ...(stringFlag(ctx, 'password') !== undefined ? { password: stringFlag(ctx, 'password') } : {}),
      });
      return ok();
    },
  },
  {
    path: ['security', 'org', 'users', 'delete'],
    summary: 'Delete a user',
    usage: '<uid>',
    run: async (ctx) => {
      checkArgs(ctx.args, 1, 1, 'dcos security org users delete');
      await call(ctx, 'DELETE', `/users/${encodeURIComponent(ctx.args[0]!)}`);
      return ok();
    },
  },
  {
    path: ['security', 'org', 'users', 'grant'],
    summary: 'Grant a user an action on a resource',
    usage: '<uid> <rid> <action>',
    run: async (ctx) => {
      checkArgs(ctx.args, 3, 3, 'dcos security org users grant');
      return grantTo(ctx, 'users', ctx.args[0]!, ctx.args[1]!, ctx.args[2]!);
    },
  },
  {
    path: ['security', 'org', 'groups', 'list'],
    summary: 'List groups',
    usage: '[--json]',
    flags: ['json'],
    run: async (ctx) => {
      checkArgs(ctx.args, 0, 0, 'dcos security org groups list');
      const body = (await call(ctx, 'GET', '/groups')) as { array: Record<string, unknown>[] };
      return listed(ctx, body.array, 'gid');
    },
  },
  {
    path: ['security', 'org', 'groups', 'create'],
    summary: 'Create a group',
    usage: '<gid> [--description=<text>]',
    flags: ['description'],
    run: async (ctx) => {
      checkArgs(ctx.args, 1, 1, 'dcos security org groups create');
      await call(ctx, 'PUT', `/groups/${encodeURIComponent(ctx.args[0]!)}`, { description: stringFlag(ctx, 'description') ?? '' });
      return ok();
    },
  },
  {
    path: ['security', 'org', 'groups', 'add_user'],
    summary: 'Add a user to a group',
    usage: '<gid> <uid>',
    run: async (ctx) => {
      checkArgs(ctx.args, 2, 2, 'dcos security org groups add_user');
      await call(ctx, 'PUT', `/groups/${encodeURIComponent(ctx.args[0]!)}/users/${encodeURIComponent(ctx.args[1]!)}`);
      return ok();
    },
  },
  {
    path: ['security', 'org', 'groups', 'grant'],
    summary: 'Grant a group an action on a resource',
    usage: '<gid> <rid> <action>',
    run: async (ctx) => {
      checkArgs(ctx.args, 3, 3, 'dcos security org groups grant');
      return grantTo(ctx, 'groups', ctx.args[0]!, ctx.args[1]!, ctx.args[2]!);
    },
  },
];

export const SECURITY_GROUPS: Record<string, string> = {
  security: 'Manage DC/OS security (the sandbox: users, groups, permissions and secrets)',
  'security org': 'Manage users, groups and permissions',
  'security org users': 'Manage users',
  'security org groups': 'Manage groups',
  'security secrets': 'Manage secrets',
};
