/**
 * What the `dcos marathon` commands dcos-core-cli 2.2 still runs in its Python CLI share
 * (`python/lib/dcos/dcos/marathon.py`, `rpcclient.py`, `dcoscli/marathon/main.py`): Marathon calls with its
 * error texts, the resource read from stdin (the JSON pasted after the command), and docopt's usage error.
 */
import { CliError, isSuccess, ok } from '../format.ts';
import { parseProperties } from '../parse.ts';
import { pyMarathonError } from '../python.ts';
import type { CliResult, CommandContext } from '../types.ts';
import { MARATHON } from './marathon-client.ts';

/** `util.normalize_marathon_id_path`: one leading slash, none trailing, URL-unsafe characters quoted. */
export const pyIdPath = (id: string): string =>
  `/${id.replace(/^\/+|\/+$/g, '')}`
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');

/** `Client._force_params`. */
export const forceQuery = (ctx: CommandContext) => (ctx.flags['force'] ? '?force=true' : '');

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

/**
 * One Marathon call through `RpcClient.http_req`: the body of a 2xx answer, else the CLI's error text. `shown`:
 * the path as requests wrote it in the URL the error names, where it differs from the one sent.
 */
export async function pyMarathon(ctx: CommandContext, method: Method, path: string, body?: unknown, shown = path) {
  return (await pyMarathonResponse(ctx, method, path, body, shown)).body;
}

/** The whole answer (its headers too), or the CLI's error for it. */
export async function pyMarathonResponse(ctx: CommandContext, method: Method, path: string, body?: unknown, shown = path) {
  const res = await ctx.request(body === undefined ? { method, path: `${MARATHON}${path}` } : { method, path: `${MARATHON}${path}`, body });
  if (!isSuccess(res)) throw new CliError(pyMarathonError(res, method, `/v2${shown}`));
  return res;
}

/**
 * `ResourceReader.get_resource`: a file or URL argument (the sandbox has neither), else stdin (the pasted JSON).
 * A terminal's stdin without a pasted JSON is refused, as the CLI refuses a TTY.
 */
export function readResource(ctx: CommandContext, name: string | undefined): unknown {
  if (name !== undefined) throw new CliError(`Can't read from resource: ${name}.\nPlease check that it exists.`);
  if (!ctx.hasBody)
    throw new CliError(
      "We currently don't support reading from the TTY. Please specify an application JSON.\nE.g.: dcos marathon app add < app_resource.json",
    );
  return ctx.body;
}

/**
 * `ResourceReader.get_resource_from_properties`: the `key=value` pairs as an object, else the pasted JSON; a
 * terminal's stdin is refused (with the `app update` example, whichever command asks).
 */
export function readProperties(ctx: CommandContext, properties: string[]): unknown {
  if (properties.length > 0) {
    const parsed = parseProperties(properties);
    if ('error' in parsed) throw new CliError(parsed.error);
    return parsed.body;
  }
  if (ctx.hasBody) return ctx.body;
  throw new CliError(
    "We currently don't support reading from the TTY. Please specify an application JSON.\nE.g. dcos marathon app update your-app-id < app_update.json",
  );
}

/** docopt refusing the line: its usage on stdout, exit code 1 (the sandbox shows the one command's usage). */
export const usageError = (usage: string): CliResult => ({
  stdout: `Invalid subcommand usage\n\nUsage:\n    dcos marathon ${usage}\n`,
  stderr: '',
  exitCode: 1,
});

/** `[--json|--quiet]`: docopt takes one of them. */
export const jsonOrQuiet = (ctx: CommandContext) => ctx.flags['json'] === true && ctx.flags['quiet'] === true;

/** `Created deployment <id>`, as `emitter.publish` prints Python's `None` when Marathon named no deployment. */
export const createdDeployment = (id: unknown): CliResult => ok(`Created deployment ${typeof id === 'string' ? id : 'None'}\n`);
