/**
 * `dcos package repo list|add|remove`: Go commands in dcos-core-cli 2.2 (pkg/cmd/pkg/package_repo_{list,add,remove}.go).
 * `add` and `remove` print nothing when Cosmos takes the change.
 */
import { goError, ok } from '../format.ts';
import { checkArgs, goJson, project } from '../go.ts';
import { intFlag } from '../parse.ts';
import type { CliResult, CommandContext, CommandSpec } from '../types.ts';
import { addRepository, deleteRepository, repositories } from './package-client.ts';
import { REPO_LIST } from './package-shapes.ts';

async function repoList(ctx: CommandContext): Promise<CliResult> {
  checkArgs(ctx.args, 0, 0, 'dcos package repo list');
  const repos = await repositories(ctx.request);
  if (ctx.flags['json']) return ok(goJson(project(repos, REPO_LIST)));
  return ok((repos.repositories ?? []).map((r) => `${r.name}: ${r.uri}\n`).join(''));
}

async function repoAdd(ctx: CommandContext): Promise<CliResult> {
  const index = intFlag(ctx.flags, 'index', 0);
  if ('error' in index) throw goError(index.error);
  checkArgs(ctx.args, 2, 2, 'dcos package repo add');
  // `IntVar`: an int is 64 bits; the request's `int32(index)` wraps.
  await addRepository(ctx.request, ctx.args[0]!, ctx.args[1]!, index.changed ? index.value | 0 : undefined);
  return ok();
}

async function repoRemove(ctx: CommandContext): Promise<CliResult> {
  checkArgs(ctx.args, 1, Infinity, 'dcos package repo remove');
  for (const name of ctx.args) await deleteRepository(ctx.request, name);
  return ok();
}

export const repoCommands: CommandSpec[] = [
  { path: ['package', 'repo', 'list'], summary: 'Print the package repository sources', flags: ['json'], run: repoList },
  {
    path: ['package', 'repo', 'add'],
    summary: 'Add a package repository to DC/OS',
    usage: '<repo-name> <repo-url>',
    args: ['text', 'text'],
    flags: ['index'],
    run: repoAdd,
  },
  {
    path: ['package', 'repo', 'remove'],
    summary: 'Remove a package repository from DC/OS',
    usage: '<repo-names>...',
    args: ['text'],
    flags: [],
    run: repoRemove,
  },
];
