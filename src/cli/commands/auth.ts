/**
 * `dcos auth login|logout|list-providers` as dcos-cli 1.2 does them (dcos/dcos-cli:pkg/cmd/auth/*.go,
 * pkg/login/{login,provider,flags}.go). Login posts `{uid, password}` to `/acs/api/v1/auth/login`; where the real
 * CLI keeps the token in its config (`core.dcos_acs_token`), the sandbox's CLI makes it the sandbox's session
 * (`PUT /sandbox/v1/session`), so the UI, the CLI and every request without credentials act as that user.
 * Logout clears the session. Both print nothing (the CLI logs "Login successful" at info level, shown only with -v).
 */
import { CliError, fail, ok } from '../format.ts';
import { checkArgs } from '../go.ts';
import { renderGoTable } from '../table.ts';
import type { ApiResponse, CommandContext, CommandSpec } from '../types.ts';

/** The IAM's error (`dcos.Error`: its description), or dcos-cli's fallback. */
export function iamFailure(res: ApiResponse, fallback: string): CliError {
  const body = res.body as { description?: unknown } | null;
  return new CliError(`Error: ${typeof body?.description === 'string' ? body.description : fallback}`);
}

async function login(ctx: CommandContext) {
  checkArgs(ctx.args, 0, 0, 'dcos auth login');
  const uid = ctx.flags['username'];
  const password = ctx.flags['password'];
  if (typeof uid !== 'string' || typeof password !== 'string')
    return fail('Error: the sandbox has no prompt: give --username=<uid> and --password=<password>\n');
  const res = await ctx.request({ method: 'POST', path: '/acs/api/v1/auth/login', body: { uid, password } });
  if (res.status !== 200) throw iamFailure(res, "couldn't log in");
  const token = (res.body as { token: string }).token;
  const session = await ctx.request({ method: 'PUT', path: '/sandbox/v1/session', body: { token } });
  if (session.status !== 200) throw iamFailure(session, "couldn't log in");
  return ok();
}

async function logout(ctx: CommandContext) {
  checkArgs(ctx.args, 0, 0, 'dcos auth logout');
  const res = await ctx.request({ method: 'DELETE', path: '/sandbox/v1/session' });
  if (res.status !== 204) throw iamFailure(res, "couldn't log out");
  return ok();
}

async function listProviders(ctx: CommandContext) {
  checkArgs(ctx.args, 0, 1, 'dcos auth list-providers');
  const res = await ctx.request({ method: 'GET', path: '/acs/api/v1/auth/providers' });
  if (res.status !== 200) throw iamFailure(res, `HTTP ${res.status} error`);
  const providers = res.body as Record<string, { 'authentication-type': string; description: string }>;
  if (ctx.flags['json']) return ok(`${JSON.stringify(providers, null, 4)}\n`);
  const method = (type: string): string =>
    type === 'dcos-uid-password'
      ? 'Log in using a standard DC/OS user account (username and password)'
      : type === 'dcos-uid-servicekey'
        ? 'Log in using a DC/OS service user account (username and private key)'
        : '';
  const rows = Object.entries(providers)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, p]) => [id, method(p['authentication-type'])]);
  return ok(renderGoTable(['PROVIDER ID', 'LOGIN METHOD'], rows));
}

export const AUTH_GROUPS: Record<string, string> = { auth: 'Authenticate to DC/OS cluster' };

export const authCommands: CommandSpec[] = [
  {
    path: ['auth', 'login'],
    summary: 'Log in to the current cluster',
    usage: '--username=<uid> --password=<password>',
    flags: ['username', 'password', 'provider', 'password-file', 'private-key'],
    run: login,
  },
  { path: ['auth', 'logout'], summary: 'Log out of the current cluster', run: logout },
  {
    path: ['auth', 'list-providers'],
    summary: 'List the login providers of a cluster',
    usage: '[--json]',
    flags: ['json'],
    run: listProviders,
  },
];
