/**
 * `dcos package search|describe|install|uninstall|list`: Go commands in dcos-core-cli 2.2
 * (pkg/cmd/pkg/package_{search,describe,install,uninstall,list}.go) over Cosmos (package-client.ts). The sandbox's
 * terminal has no files and no keyboard on stdin: the JSON pasted after the command is the file `--options` names,
 * and a prompt reads end of input, as the CLI does when nothing is piped in.
 */
import type { InstallationJson, PackageDefinitionJson } from '../../api/shapes/cosmos.ts';
import { CliError, goError, ok } from '../format.ts';
import { checkArgs, goJson, project } from '../go.ts';
import { renderGoTable } from '../table.ts';
import type { CliResult, CommandContext, CommandSpec } from '../types.ts';
import {
  byBytes,
  describePackage,
  installedPackages,
  installPackage,
  listVersions,
  renderPackage,
  searchPackages,
  uninstallPackage,
} from './package-client.ts';
import { repoCommands } from './package-repo.ts';
import { COMMAND, DESCRIPTION, LISTED_PACKAGE, RESOURCE_CLI, SEARCH_RESULT } from './package-shapes.ts';
import { isSdkPackage } from './sdk.ts';

export const PACKAGE_GROUPS: Record<string, string> = {
  package: 'Install and manage DC/OS software packages',
  'package repo': "Manage packages' repositories",
};

const str = (flags: CommandContext['flags'], name: string): string => (typeof flags[name] === 'string' ? flags[name] : '');

/** `json.Encoder` with `SetIndent("", "  ")`, as `describe` writes. */
const goJson2 = (value: unknown): string => goJson(value).replace(/^(?: {4})+/gm, (m) => ' '.repeat(m.length / 2));

/** Go's `s[0:n] + "..."` on the UTF-8 bytes. */
function cut(s: string, n: number): string {
  return `${new TextDecoder().decode(new TextEncoder().encode(s).slice(0, n))}...`;
}
const runes = (s: string) => [...s].length;

/**
 * The options file: the sandbox's stand-in is the JSON pasted after the command. Without one, the file is missing:
 * `install` says so after `os.Stat`, `describe --render` gets `ioutil.ReadFile`'s error.
 */
function readOptions(ctx: CommandContext, missing: (path: string) => CliError): Record<string, unknown> | undefined {
  const path = str(ctx.flags, 'options');
  if (path === '') return undefined;
  if (!ctx.hasBody) throw missing(path);
  const body = ctx.body;
  if (body === null) return undefined;
  if (typeof body !== 'object' || Array.isArray(body))
    throw goError(`json: cannot unmarshal ${Array.isArray(body) ? 'array' : typeof body} into Go value of type map[string]interface {}`);
  return body as Record<string, unknown>;
}

async function search(ctx: CommandContext): Promise<CliResult> {
  checkArgs(ctx.args, 0, 1, 'dcos package search');
  const query = ctx.args[0] ?? '';
  const result = await searchPackages(ctx.request, query);
  const packages = result.packages ?? [];
  if (ctx.flags['json']) return ok(goJson(project({ packages }, SEARCH_RESULT)));
  if (query !== '' && packages.length === 0) throw goError('no packages found');
  const rows = packages.map((p) => [
    p.name,
    p.currentVersion,
    String(p.selected === true),
    String(p.framework === true),
    runes(p.description ?? '') >= 80 ? cut(p.description, 76) : (p.description ?? ''),
  ]);
  return ok(renderGoTable(['NAME', 'VERSION', 'CERTIFIED', 'FRAMEWORK', 'DESCRIPTION'], rows));
}

const isEmptyCli = (pkg: PackageDefinitionJson) => {
  const b = pkg.resource?.cli?.binaries;
  return (
    !b ||
    [b.darwin, b.linux, b.windows].every((os) => !os?.['x86-64']?.url && !os?.['x86-64']?.kind && !os?.['x86-64']?.contentHash?.length)
  );
};
/** Packages of packaging version 4.0 and up have no pip `command`; Cosmos leaves it out of the definition. */
const commandOf = (pkg: PackageDefinitionJson) => (pkg as { command?: { name?: string; pip?: string[] } }).command;
const isEmptyCommand = (pkg: PackageDefinitionJson) => !commandOf(pkg)?.name && !commandOf(pkg)?.pip?.length;

function decodeBase64(text: string): string {
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

async function describe(ctx: CommandContext): Promise<CliResult> {
  checkArgs(ctx.args, 1, 1, 'dcos package describe');
  const name = ctx.args[0]!;
  const version = str(ctx.flags, 'package-version');
  if (ctx.flags['package-versions']) return ok(goJson2(await listVersions(ctx.request, name)));
  const pkg = await describePackage(ctx.request, name, version);
  if (ctx.flags['app']) {
    if (ctx.flags['render'] || str(ctx.flags, 'options') !== '') {
      const options = readOptions(ctx, (path) => goError(`open ${path}: no such file or directory`));
      return ok(goJson2(project(await renderPackage(ctx.request, str(ctx.flags, 'app-id'), name, version, options), 'any')));
    }
    try {
      return ok(decodeBase64(pkg.marathon?.v2AppMustacheTemplate ?? ''));
    } catch {
      throw goError('illegal base64 data at input byte 0');
    }
  }
  if (ctx.flags['cli']) {
    if (!isEmptyCli(pkg)) return ok(goJson2(project(pkg.resource?.cli, RESOURCE_CLI)));
    if (!isEmptyCommand(pkg)) return ok(goJson2(project(commandOf(pkg), COMMAND)));
    return ok();
  }
  if (ctx.flags['config']) return ok(goJson2(project(pkg.config, { map: 'any' })));
  return ok(goJson2(project({ package: pkg }, DESCRIPTION)));
}

const CERTIFIED_TERMS = 'https://mesosphere.com/catalog-terms-conditions/#certified-services';
const COMMUNITY_TERMS = 'https://mesosphere.com/catalog-terms-conditions/#community-services';
const COMMUNITY_NOTICE =
  'This is a Community service. Community services are not tested for production environments. ' +
  'There may be bugs, incomplete features, incorrect documentation, or other discrepancies.\n';
/** The CLI plugin a package other than the SDK ones ships cannot be downloaded and run in the sandbox's `dcos`. */
export const NO_PLUGINS = 'The sandbox installs no CLI plugins: the package is installed without its subcommand.\n';

/** `pkgInstall`: what it writes goes to stderr; the prompt (stdout) reads end of input and gets no answer. */
async function install(ctx: CommandContext): Promise<CliResult> {
  checkArgs(ctx.args, 1, 1, 'dcos package install');
  const name = ctx.args[0]!;
  if (name === '') throw goError('package name must not be empty');
  let appOnly = ctx.flags['app'] === true;
  let cliOnly = ctx.flags['cli'] === true;
  if (cliOnly && appOnly) throw goError('--app and --cli are mutually exclusive');
  if (cliOnly === appOnly) appOnly = cliOnly = true;
  const options = readOptions(ctx, (path) => goError(`couldn't find options file '${path}'`));
  const pkg = await describePackage(ctx.request, name, str(ctx.flags, 'package-version'));
  let stderr = '';
  const fail = (e: unknown, stdout = ''): never => {
    if (e instanceof CliError) throw Object.assign(new CliError(stderr + e.message), { stdout });
    throw e;
  };
  if (!pkg.selected) stderr += COMMUNITY_NOTICE;
  stderr += `By Deploying, you agree to the Terms and Conditions ${pkg.selected ? CERTIFIED_TERMS : COMMUNITY_TERMS}\n`;
  if (appOnly && pkg.preInstallNotes) stderr += `${pkg.preInstallNotes}\n`;
  if (!ctx.flags['yes']) fail(goError("couldn't get confirmation"), 'Continue installing? [yes/no] ');
  if (appOnly && pkg.marathon?.v2AppMustacheTemplate) {
    stderr += `Installing Marathon app for package [${name}] version [${pkg.version}]\n`;
    try {
      await installPackage(ctx.request, str(ctx.flags, 'app-id'), name, pkg.version, options);
    } catch (e) {
      fail(e);
    }
  }
  if (cliOnly && isEmptyCli(pkg) && !isEmptyCommand(pkg))
    fail(
      goError(
        'unable to install CLI subcommand. PIP subcommands are no longer supported see: https://godoc.org/github.com/dcos/client-go/dcos#CosmosPackageCommand',
      ),
    );
  if (cliOnly && !isEmptyCli(pkg)) {
    stderr += `Installing CLI subcommand for package [${pkg.name}] version [${pkg.version}]\n`;
    // The SDK packages' plugin (dcos-commons' default CLI) is built in (sdk.ts): `dcos-<name>`, command `<name>`.
    stderr += isSdkPackage(pkg.name) ? `New commands available: ${pkg.name}\n` : NO_PLUGINS;
  }
  if (appOnly && pkg.postInstallNotes) stderr += `${pkg.postInstallNotes}\n`;
  return ok('', stderr);
}

const REMOVE_ALL = (n: string) =>
  `WARNING: This action cannot be undone. This will uninstall all instances of the [${n}] package, and delete all data for all ${n} instances.`;
const REMOVE_APP = (n: string) =>
  `WARNING: This action cannot be undone. This will uninstall [${n}] and delete all of its persistent data (logs, configurations, database artifacts, everything).`;

/** `uninstall`: the typed confirmation reads end of input three times, then gives up. */
async function uninstall(ctx: CommandContext): Promise<CliResult> {
  checkArgs(ctx.args, 1, 1, 'dcos package uninstall');
  const name = ctx.args[0]!;
  const all = ctx.flags['all'] === true;
  const appId = str(ctx.flags, 'app-id');
  if (ctx.flags['cli'] && (ctx.flags['app'] || appId !== '' || all)) throw goError('--cli cannot be used with --app, --app-id, or --all');
  // No plugin is ever installed, so removing one does nothing.
  if (ctx.flags['cli']) return ok();
  const installed = groupInstalled(await installedPackages(ctx.request)).find((p) => p.name === name)?.apps.length ?? 0;
  if (installed === 0) throw goError(`Package [${name}] is not installed`);
  const shown = appId !== '' ? appId : name;
  if (!ctx.flags['yes']) {
    const expected = all ? `uninstall all ${shown}` : shown;
    const prompt = all
      ? `Please type 'uninstall all ${shown}': `
      : appId !== ''
        ? 'Please type the full name of the app ID to confirm: '
        : 'Please type the name of the service to confirm: ';
    const refusals = `Expected '${expected}'. You supplied ''.\n`.repeat(3);
    throw Object.assign(new CliError(`${all ? REMOVE_ALL(shown) : REMOVE_APP(shown)}\n${refusals}Error: cancelling uninstall`), {
      stdout: prompt.repeat(3),
    });
  }
  const { results } = await uninstallPackage(ctx.request, name, all, appId);
  let stderr = '';
  for (const r of results ?? []) {
    stderr += `Uninstalled package [${r.packageName}] version [${r.packageVersion ?? ''}]\n`;
    if (r.postUninstallNotes) stderr += `${r.postUninstallNotes}\n`;
  }
  return ok('', stderr);
}

interface Listed {
  apps: string[];
  name: string;
  version: string;
  def: InstallationJson['packageInformation']['packageDefinition'];
}

/** `PackageList`: installations of one name and version together, in Cosmos' order. */
function groupInstalled(installations: InstallationJson[]): Listed[] {
  const byId = new Map<string, Listed>();
  for (const i of installations) {
    const def = i.packageInformation.packageDefinition;
    const id = def.name + def.version;
    const seen = byId.get(id);
    if (seen) seen.apps.push(i.appId);
    else byId.set(id, { apps: [i.appId], name: def.name, version: def.version, def });
  }
  return [...byId.values()];
}

/** A `cosmos.Package` as the client builds it; packages before packaging version 4.0 name a command. */
function listedPackage(p: Listed): Record<string, unknown> {
  const old = p.def.packagingVersion < '4.0';
  const release = (p.def as { releaseVersion?: number }).releaseVersion ?? 0;
  return { ...p.def, apps: p.apps, ...(old ? { command: { name: p.def.name }, releaseVersion: release } : {}) };
}

async function list(ctx: CommandContext): Promise<CliResult> {
  checkArgs(ctx.args, 0, 1, 'dcos package list');
  const appId = str(ctx.flags, 'app-id');
  const json = ctx.flags['json'] === true;
  if (appId !== '' && ctx.args.length > 0) throw goError('cannot use the flags `--app-id` and an argument at the same time');
  if (appId !== '' && ctx.flags['cli'] && !json) throw goError('cannot use the flags `--app-id` and `--cli` at the same time');
  const query = ctx.args[0] ?? '';
  // No plugin is installed locally: `--cli` lists nothing.
  const all = ctx.flags['cli'] ? [] : groupInstalled(await installedPackages(ctx.request));
  const match = query !== '' ? (s: string) => s.includes(query) : appId !== '' ? (s: string) => s === appId : () => true;
  const shown = all.filter((p) => match(p.name) || p.apps.some(match)).sort((a, b) => byBytes(a.name + a.version, b.name + b.version));
  if (json) return ok(goJson(shown.map((p) => project(listedPackage(p), LISTED_PACKAGE))));
  if (shown.length === 0) throw goError('cannot find packages matching the provided filter');
  const rows = shown.map((p) => {
    let description = p.def.description ?? '';
    if (description.includes('\n')) description = `${description.slice(0, description.indexOf('\n'))}...`;
    if (runes(description) > 70) description = cut(description, 66);
    const command = p.def.packagingVersion < '4.0' && p.name !== '' ? p.name : '---';
    return [p.name, p.version, String(p.def.selected === true), p.apps.length > 0 ? p.apps.join('\n') : '---', command, description];
  });
  return ok(renderGoTable(['NAME', 'VERSION', 'CERTIFIED', 'APP', 'COMMAND', 'DESCRIPTION'], rows));
}

/** A command's error with what it wrote before it (the texts are already on stderr and stdout when it fails). */
async function withOutput(run: () => Promise<CliResult>): Promise<CliResult> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof CliError) {
      const stdout = (e as CliError & { stdout?: string }).stdout ?? '';
      return { stdout, stderr: e.message.endsWith('\n') ? e.message : `${e.message}\n`, exitCode: 1 };
    }
    throw e;
  }
}

const spec = (path: string[], summary: string, usage: string, flags: string[], run: (ctx: CommandContext) => Promise<CliResult>) => ({
  path: ['package', ...path],
  summary,
  usage,
  flags,
  args: ['text' as const],
  run: (ctx: CommandContext) => withOutput(() => run(ctx)),
});

export const packageCommands: CommandSpec[] = [
  spec(
    ['describe'],
    'Get specific details for packages',
    '<package-name>',
    ['app', 'app-id', 'cli', 'config', 'options', 'package-version', 'package-versions', 'render'],
    describe,
  ),
  spec(['install'], 'Install a package', '<package-name>', ['app', 'app-id', 'cli', 'options', 'package-version', 'yes'], install),
  spec(['list'], 'Print a list of the installed DC/OS packages', '', ['app-id', 'cli', 'json'], list),
  spec(['search'], 'Search the package repository', '<query>', ['json'], search),
  spec(['uninstall'], 'Uninstall a package', '<package-name>', ['all', 'app', 'app-id', 'cli', 'yes'], uninstall),
  ...repoCommands,
];
