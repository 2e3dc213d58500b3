/**
 * `dcos security secrets create|update|get|list|delete` over `/secrets/v1/secret/default/…` (docs/secrets.md), as
 * dcos-commons' tests call them (`create --value=<v> <path>`, `list <path>`, `delete <path>`). The Enterprise CLI
 * plugin is not sourced: `get` prints `value: <value>` (the whole JSON with `--json`) and `list` one `- <path>` per
 * secret (a JSON array with `--json`); errors print the store's message (inferred).
 */
import type { ApiResponse } from '../../api/types.ts';
import { CliError, ok } from '../format.ts';
import { checkArgs } from '../go.ts';
import type { CommandContext, CommandSpec } from '../types.ts';

const STORE = '/secrets/v1/secret/default';

/** A path as the CLI takes it (`/db/password` or `db/password`), in the API's URL. */
const urlOf = (path: string): string =>
  `${STORE}/${path
    .split('/')
    .filter(Boolean)
    .map((segment) => encodeURIComponent(segment))
    .join('/')}`;

function failure(res: ApiResponse): CliError {
  const body = res.body as { message?: unknown } | null;
  const message = typeof body?.message === 'string' ? body.message : `HTTP ${res.status} error`;
  return new CliError(`Error: ${message}`);
}

async function write(ctx: CommandContext, method: 'PUT' | 'PATCH', name: string) {
  checkArgs(ctx.args, 1, 1, `dcos security secrets ${name}`);
  const value = ctx.flags['value'];
  if (typeof value !== 'string') throw new CliError('Error: give the secret with --value=<value> (the sandbox terminal reads no files)');
  const description = ctx.flags['description'];
  const body = { value, ...(typeof description === 'string' ? { description } : {}) };
  const res = await ctx.request({ method, path: urlOf(ctx.args[0]!), body, headers: { 'Content-Type': 'application/json' } });
  if (res.status >= 300) throw failure(res);
  return ok();
}

export const secretsCommands: CommandSpec[] = [
  {
    path: ['security', 'secrets', 'create'],
    summary: 'Create a secret',
    usage: '<path> --value=<value> [--description=<text>]',
    flags: ['value', 'description'],
    run: (ctx) => write(ctx, 'PUT', 'create'),
  },
  {
    path: ['security', 'secrets', 'update'],
    summary: "Change a secret's value",
    usage: '<path> --value=<value>',
    flags: ['value', 'description'],
    run: (ctx) => write(ctx, 'PATCH', 'update'),
  },
  {
    path: ['security', 'secrets', 'get'],
    summary: "Show a secret's value",
    usage: '<path> [--json]',
    flags: ['json'],
    run: async (ctx) => {
      checkArgs(ctx.args, 1, 1, 'dcos security secrets get');
      const res = await ctx.request({ method: 'GET', path: urlOf(ctx.args[0]!) });
      if (res.status !== 200) throw failure(res);
      if (typeof res.body === 'string') return ok(res.body.endsWith('\n') ? res.body : `${res.body}\n`);
      if (ctx.flags['json']) return ok(`${JSON.stringify(res.body, null, 2)}\n`);
      return ok(`value: ${(res.body as { value: string }).value}\n`);
    },
  },
  {
    path: ['security', 'secrets', 'list'],
    summary: 'List the secrets under a path',
    usage: '<path> [--json]',
    flags: ['json'],
    run: async (ctx) => {
      checkArgs(ctx.args, 1, 1, 'dcos security secrets list');
      const res = await ctx.request({ method: 'GET', path: `${urlOf(ctx.args[0]!)}?list=true` });
      if (res.status !== 200) throw failure(res);
      const paths = (res.body as { array: string[] }).array;
      if (ctx.flags['json']) return ok(`${JSON.stringify(paths, null, 2)}\n`);
      return ok(paths.map((p) => `- ${p}\n`).join(''));
    },
  },
  {
    path: ['security', 'secrets', 'delete'],
    summary: 'Delete a secret',
    usage: '<path>',
    run: async (ctx) => {
      checkArgs(ctx.args, 1, 1, 'dcos security secrets delete');
      const res = await ctx.request({ method: 'DELETE', path: urlOf(ctx.args[0]!) });
      if (res.status >= 300) throw failure(res);
      return ok();
    },
  },
];
