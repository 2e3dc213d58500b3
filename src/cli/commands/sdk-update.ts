/**
 * `dcos kafka|cassandra|hdfs|elastic describe|update …`: the package commands of dcos-commons' default service
 * CLI (`cli/commands/update.go`, `cli/queries/package.go`, `cli/client/cosmos.go`). `describe` and
 * `update package-versions` read `POST /cosmos/service/describe`, `update start` sends `POST /cosmos/service/update`
 * (`appId` is the `--name` as given, no slash added; the service media types as `Content-Type` and `Accept`);
 * Cosmos' refusals are worded as the client words them. `update status|pause|resume|force-restart|force-complete`
 * are the plan commands on the deploy plan. The options "file" of `--options` is the JSON pasted after the
 * command (as for `dcos package install`); `--options=stdin` reads the same.
 */
import { sortedKeys } from '../go.ts';
import { CLUSTER_URL } from '../python.ts';
import type { CommandContext, CommandSpec, Flags } from '../types.ts';
import { command, planCommand, planStatus, SDK_PACKAGES, type Arg } from './sdk.ts';
import { httpCall, jsonSyntaxError, KingpinError, responseError, type ResponseCheck, type SdkSession } from './sdk-client.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);
const flag = (flags: Flags, name: string): string => (typeof flags[name] === 'string' ? flags[name] : '');
const byteLength = (s: string) => new TextEncoder().encode(s).length;

/** The kind `encoding/json` names when a value that is no object cannot go into a Go map or struct. */
const goKind = (v: unknown): string => (Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v);

/** `json.Unmarshal` of the text into a map or struct: its syntax error, or the kind of a top-level non-object. */
function decode(text: string, goType: string): { value: Json | null } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return { error: jsonSyntaxError(text) };
  }
  if (value === null || isObject(value)) return { value };
  return { error: `json: cannot unmarshal ${goKind(value)} into Go value of type ${goType}` };
}

/** `json.MarshalIndent(v, "", "  ")` of a decoded map: keys sorted, `<>&` escaped. */
const marshalIndent = (v: unknown): string =>
  JSON.stringify(sortedKeys(v), null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** `FormatList`: `- <entry>` lines. */
const formatList = (entries: string[]): string => entries.map((e) => `- ${e}`).join('\n');

/** `text/tabwriter` (minwidth 0, padding 1, blanks) of tab-terminated cells: each column as wide as its widest cell + 1. */
function tabwrite(rows: string[][]): string {
  const width = (s: string) => [...s].length;
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => width(r[i]!))) + 1);
  return rows.map((r) => r.map((cell, i) => cell + ' '.repeat(widths[i]! - width(cell))).join('')).join('\n');
}

// ---- Cosmos' errors (cli/client/cosmos.go)

function cosmosError(s: SdkSession, type: string, message: string, data: Json): KingpinError {
  switch (type) {
    case 'BadVersionUpdate': {
      const valid = strings(data['validVersions']);
      return new KingpinError(
        `Unable to update ${s.service} to requested version: ${str(data['updateVersion'])}\n` +
          (valid.length > 0 ? `Valid package versions are:\n${formatList(valid)}` : 'No valid package versions to update to.'),
      );
    }
    case 'JsonSchemaMismatch': {
      const errors = (Array.isArray(data['errors']) ? data['errors'] : []).map((e) => (isObject(e) ? e : {}));
      const rows = errors.map((e) => [str(isObject(e['instance']) ? e['instance']['pointer'] : ''), str(e['message'])]);
      return new KingpinError(
        `Unable to update ${s.service} to requested configuration: options JSON failed validation.\n\n` +
          tabwrite([['Field', 'Error'], ['-----', '-----'], ...rows]),
      );
    }
    case 'AppIdChanged': {
      const [from, to] = [str(data['oldAppId']), str(data['newAppId'])];
      return new KingpinError(
        `Could not update service name from "${from}" to "${to}".\n` +
          `The service name cannot be changed once installed. Ensure service.name is set to "${from}" in options JSON.`,
      );
    }
    case 'MarathonAppNotFound':
      return new KingpinError(
        `Unable to find the service named '${s.service}'.\nPossible causes:\n` +
          `- Did you provide the correct service name? Specify a service name with '--name=<name>', or with 'dcos config set ${s.module}.service_name <name>'.\n` +
          '- Was the service recently installed or updated? It may still be initializing, wait a bit and try again.',
      );
    default:
      return new KingpinError(`Could not execute command: ${message} (${type})`);
  }
}

/** `checkCosmosHTTPResponse`: 404 is an older DC/OS, 400 a Cosmos error, 500 the answer as is; the rest as by default. */
const cosmosCheck =
  (s: SdkSession, url: string): ResponseCheck =>
  (res, text) => {
    if (res.status === 404) return new KingpinError('This command requires Enterprise DC/OS 1.10 or newer.');
    if (res.status === 500) return responseError('POST', url, res.status, text);
    if (res.status !== 400) return undefined;
    const decoded = decode(text, 'client.cosmosErrorResponse');
    if ('error' in decoded)
      return new KingpinError(responseError('POST', url, res.status, text).message, `Error unmarshalling Cosmos Error: ${decoded.error}\n`);
    const body = decoded.value ?? {};
    const type = str(body['type']);
    if (type === '') return responseError('POST', url, res.status, text);
    return cosmosError(s, type, str(body['message']), isObject(body['data']) ? body['data'] : {});
  };

/**
 * `HTTPCosmosPostJSON`: `<dcos_url>/cosmos/service/<op>` with the service media types; the answer's text, or the
 * error after what the command printed before (`stdout`).
 */
async function cosmosPost(s: SdkSession, op: 'describe' | 'update', body: Json, stdout = ''): Promise<string> {
  const url = `${CLUSTER_URL}/cosmos/service/${op}`;
  const headers = {
    'Content-Type': `application/vnd.dcos.service.${op}-request+json;charset=utf-8;version=v1`,
    Accept: `application/vnd.dcos.service.${op}-response+json;charset=utf-8;version=v1`,
  };
  const answer = await httpCall(s, 'POST', `cosmos/service/${op}`, { body, headers, check: cosmosCheck(s, url) });
  // Both checks make KingpinErrors.
  const error = answer.error as KingpinError | undefined;
  if (error) throw new KingpinError(error.message, stdout + error.stdout);
  return answer.text;
}

// ---- the package queries (cli/queries/package.go)

async function describeService(s: SdkSession): Promise<Json> {
  const text = await cosmosPost(s, 'describe', { appId: s.service });
  const decoded = decode(text, 'queries.describeResponse');
  if ('error' in decoded) throw new KingpinError(`Failed to decode 'describe' response. Error: ${decoded.error}\nOriginal data:\n${text}`);
  return decoded.value ?? {};
}

/** `describe`: the resolved options (Cosmos of DC/OS 1.10 and up), else why there are none. */
async function describe(s: SdkSession): Promise<string> {
  const options = (await describeService(s))['resolvedOptions'];
  if (isObject(options) && Object.keys(options).length > 0) return `${marshalIndent(options)}\n`;
  return (
    `Package configuration is not available for service ${s.service}.\n` +
    'This command is only available for packages installed with Enterprise DC/OS 1.10 or newer.\n'
  );
}

/** `update package-versions` (`VersionInfo`). */
async function packageVersions(s: SdkSession): Promise<string> {
  const response = await describeService(s);
  const pkg = response['package'];
  const down = strings(response['downgradesTo']);
  const up = strings(response['upgradesTo']);
  return [
    `Current package version is: ${str(isObject(pkg) ? pkg['version'] : '')}`,
    down.length > 0 ? `Package can be downgraded to:\n${formatList(down)}` : 'No valid package downgrade versions.',
    up.length > 0 ? `Package can be upgraded to:\n${formatList(up)}` : 'No valid package upgrade versions.',
    '',
  ].join('\n');
}

/** The options `--options` names: the pasted JSON (`stdin` too, after its notice), decoded into a Go map. */
function readOptions(body: unknown, hasBody: boolean, file: string): { options: Json | null; stdout: string } {
  const stdout = file === 'stdin' ? 'Reading options from stdin...\n' : '';
  if (!hasBody && file !== 'stdin')
    throw new KingpinError(`Failed to read specified options file ${file}: open ${file}: no such file or directory`);
  const content = hasBody ? (JSON.stringify(body) ?? '') : '';
  const decoded = decode(content, 'map[string]interface {}');
  if ('error' in decoded)
    throw new KingpinError(
      `Failed to parse JSON in provided options: ${decoded.error}\nContent (${byteLength(content)} bytes): ${content}`,
      stdout,
    );
  return { options: decoded.value, stdout };
}

/** `update start` (`Update`): the request, Cosmos' answer decoded as a map, then where to watch. */
async function updateStart(s: SdkSession, _args: string[], flags: Flags, { body, hasBody }: CommandContext): Promise<string> {
  const file = flag(flags, 'options');
  const version = flag(flags, 'package-version');
  if (version === '' && file === '') throw new KingpinError('Either --options and/or --package-version must be specified');
  const { options, stdout } = file === '' ? { options: null, stdout: '' } : readOptions(body, hasBody, file);
  const request: Json = { appId: s.service };
  if (version !== '') request['packageVersion'] = version;
  // `omitempty`: a nil or empty map is left out.
  if (options !== null && Object.keys(options).length > 0) request['options'] = options;
  request['replace'] = flags['replace'] === true;
  const text = await cosmosPost(s, 'update', request, stdout);
  const decoded = decode(text, 'map[string]interface {}');
  if ('error' in decoded) throw new KingpinError(`Failed to unmarshal response. Error: ${decoded.error}\nOriginal data:\n${text}`, stdout);
  return `${stdout}Update started. Please use \`dcos ${s.module} --name=${s.service} update status\` to view progress.\n`;
}

// ---- the commands (cli/commands/update.go)

const DEPLOY = 'deploy';
const onDeploy = (action: ReturnType<typeof planCommand>) => (s: SdkSession, args: string[]) => action(s, [DEPLOY, ...args]);

function commandsOf(m: string): CommandSpec[] {
  const statusHelp = 'View status of a running update';
  const restartHelp = 'Restart update plan, or specific step in the provided phase';
  const completeHelp = 'Force complete a specific step in the provided phase';
  const pause = onDeploy(planCommand('interrupt', 'has been paused', 'could not be paused'));
  const resume = onDeploy(planCommand('continue', 'has been resumed', 'could not be resumed'));
  const restart = onDeploy(planCommand('restart', 'has been restarted', 'could not be restarted'));
  const complete = onDeploy(planCommand('forceComplete', 'has been forced to complete', 'could not be forced to complete'));
  const status = (s: SdkSession, _args: string[], flags: Flags) => planStatus(s, [DEPLOY], flags);
  const restartArgs: Arg[] = [
    ['phase', false],
    ['step', false],
  ];
  const completeArgs: Arg[] = [
    ['phase', true],
    ['step', true],
  ];
  return [
    command(m, ['describe'], 'View the configuration for this service', [], [], describe),
    {
      ...command(m, ['update', 'start'], 'Launches an update operation', [], ['options', 'package-version', 'replace'], updateStart),
      usage: '[--options=<file>] [--package-version=<version>] [--replace]',
    },
    command(m, ['update', 'force-complete'], completeHelp, completeArgs, [], complete),
    command(m, ['update', 'force'], completeHelp, completeArgs, [], complete),
    command(m, ['update', 'force-restart'], restartHelp, restartArgs, [], restart),
    command(m, ['update', 'restart'], restartHelp, restartArgs, [], restart),
    command(
      m,
      ['update', 'package-versions'],
      'View a list of available package versions to downgrade or upgrade to',
      [],
      [],
      packageVersions,
    ),
    command(m, ['update', 'pause'], 'Pause update plan', [], [], pause),
    command(m, ['update', 'interrupt'], 'Pause update plan', [], [], pause),
    command(m, ['update', 'resume'], 'Resume update plan', [], [], resume),
    command(m, ['update', 'continue'], 'Resume update plan', [], [], resume),
    command(m, ['update', 'status'], statusHelp, [], ['json'], status),
    command(m, ['update', 'show'], statusHelp, [], ['json'], status),
  ];
}

export const sdkUpdateCommands: CommandSpec[] = SDK_PACKAGES.flatMap(commandsOf);
