/**
 * `dcos spark run|status|kill`: mesosphere/spark-build's CLI plugin (`cli/dcos-spark/main.go`, built on dcos-commons'
 * HTTP client): `run --submit-args="<spark-submit flags> <jar> [args]"` posts a CreateSubmissionRequest to
 * `/service/<--name>/v1/submissions/create/` and prints `Run job succeeded. Submission id: <id>`; `status` and `kill`
 * print the dispatcher's JSON (status then its `message` under `Message:`), and a `success: false` answer ends the
 * plugin with `Spark returned success=false`.
 */
import { ok } from '../format.ts';
import type { CliResult, CommandContext, CommandSpec, Flags } from '../types.ts';
import { KingpinError, kingpinFail, printJson, serviceBody, type SdkSession } from './sdk-client.ts';

const MODULE = 'spark';
/** The CLI's Spark (the package's 2.12.0-3.0.1). */
const CLIENT_SPARK_VERSION = '3.0.1';

export const SPARK_GROUPS: Record<string, string> = { spark: 'Spark DC/OS CLI Module' };

/** `spark-submit` flags that take a value (the rest are switches such as --supervise). */
const VALUED = new Set([
  '--class',
  '--conf',
  '--name',
  '--driver-cores',
  '--driver-memory',
  '--executor-cores',
  '--executor-memory',
  '--total-executor-cores',
  '--py-files',
  '--jars',
  '--files',
  '--packages',
  '--properties-file',
]);
const AS_PROPERTY: Record<string, string> = {
  '--name': 'spark.app.name',
  '--driver-cores': 'spark.driver.cores',
  '--driver-memory': 'spark.driver.memory',
  '--executor-cores': 'spark.executor.cores',
  '--executor-memory': 'spark.executor.memory',
  '--total-executor-cores': 'spark.cores.max',
  '--jars': 'spark.jars',
  '--py-files': 'spark.submit.pyFiles',
};

/** Splits the submit args as a shell would (single and double quotes, no escapes inside single quotes). */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i]!;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? '') + c;
  }
  if (quote) throw new KingpinError('unmatched quote in --submit-args');
  if (word !== null) words.push(word);
  return words;
}

/** `buildSubmitJson`: spark-submit's flags up to the application resource, the app's arguments after it. */
export function submissionOf(submitArgs: string, env: Record<string, string> = {}): Record<string, unknown> {
  const words = shellWords(submitArgs);
  const props: Record<string, string> = {};
  let mainClass = '';
  let k = 0;
  for (; k < words.length && words[k]!.startsWith('--'); k++) {
    const [flag, inline] = words[k]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!VALUED.has(flag)) {
      if (flag === '--supervise') props['spark.driver.supervise'] = 'true';
      continue;
    }
    const value = inline ?? words[++k];
    if (value === undefined) throw new KingpinError(`flag '${flag}' expects a value`);
    if (flag === '--class') mainClass = value;
    else if (flag === '--conf') {
      const eq = value.indexOf('=');
      if (eq > 0) props[value.slice(0, eq)] = value.slice(eq + 1);
    } else if (AS_PROPERTY[flag]) props[AS_PROPERTY[flag]] = value;
  }
  const appResource = words[k];
  if (appResource === undefined) throw new KingpinError('Application resource (jar or script) is missing from --submit-args');
  props['spark.app.name'] ??= mainClass || appResource.split('/').pop()!;
  props['spark.submit.deployMode'] = 'cluster';
  props['spark.driver.supervise'] ??= 'false';
  return {
    action: 'CreateSubmissionRequest',
    appArgs: words.slice(k + 1),
    appResource,
    clientSparkVersion: CLIENT_SPARK_VERSION,
    environmentVariables: { SPARK_ENV_LOADED: '1', ...env },
    mainClass,
    sparkProperties: props,
  };
}

/** `checkSparkJSONResponse` */
function checkSuccess(body: Record<string, unknown>): void {
  if (!('success' in body)) throw new KingpinError("Missing 'success' field in response JSON");
  if (typeof body['success'] !== 'boolean')
    throw new KingpinError(`Unable to convert 'success' field in response JSON to boolean: ${String(body['success'])}`);
  if (!body['success']) throw new KingpinError('Spark returned success=false');
}

const parsed = (text: string): Record<string, unknown> => {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    throw new KingpinError(`Failed to unmarshal json`);
  }
};

function envOf(flags: Flags): Record<string, string> {
  const e = flags['env'];
  if (typeof e !== 'string') return {};
  const eq = e.indexOf('=');
  return eq > 0 ? { [e.slice(0, eq)]: e.slice(eq + 1) } : {};
}

async function run(s: SdkSession, _args: string[], flags: Flags): Promise<string> {
  const submitArgs = flags['submit-args'];
  if (typeof submitArgs !== 'string') throw new KingpinError('required flag --submit-args not provided');
  const text = await serviceBody(s, 'POST', 'v1/submissions/create/', { body: submissionOf(submitArgs, envOf(flags)) });
  const body = parsed(text);
  try {
    checkSuccess(body);
  } catch (e) {
    // Failure: the raw answer, then the log's fatal line.
    return `${printJson(text)}Failed to check spark dispatcher response with error ${(e as Error).message}\n`;
  }
  return `Run job succeeded. Submission id: ${String(body['submissionId'])}\n`;
}

async function status(s: SdkSession, [id]: string[], flags: Flags): Promise<string> {
  const text = await serviceBody(s, 'GET', `v1/submissions/status/${id!}`);
  const body = parsed(text);
  let out = printJson(text);
  if (flags['skip-message'] !== true && typeof body['message'] === 'string') out += `\nMessage:\n${body['message']}`;
  checkOrCarry(body, out);
  return out;
}

async function kill(s: SdkSession, [id]: string[]): Promise<string> {
  const text = await serviceBody(s, 'POST', `v1/submissions/kill/${id!}`);
  const out = printJson(text);
  checkOrCarry(parsed(text), out);
  return out;
}

/** What was printed stays printed when the check then fails. */
class PrintedThenFailed extends KingpinError {
  constructor(
    readonly printed: string,
    message: string,
  ) {
    super(message);
  }
}

function checkOrCarry(body: Record<string, unknown>, printed: string): void {
  try {
    checkSuccess(body);
  } catch (e) {
    throw new PrintedThenFailed(printed, (e as Error).message);
  }
}

type Action = (s: SdkSession, args: string[], flags: Flags) => Promise<string>;

function command(word: string, summary: string, arg: string | null, flags: string[], action: Action): CommandSpec {
  return {
    path: [MODULE, word],
    summary,
    usage: [arg ? `<${arg}>` : '', ...flags.map((f) => (f === 'submit-args' ? '--submit-args=<ARGS>' : `[--${f}]`))]
      .filter(Boolean)
      .join(' '),
    ...(arg ? { args: ['text' as const] } : {}),
    flags: [...flags, 'name'],
    run: async (ctx: CommandContext): Promise<CliResult> => {
      const want = arg ? 1 : 0;
      if (ctx.args.length > want) return kingpinFail(MODULE, `unexpected ${ctx.args[want]}`);
      if (arg && ctx.args[0] === undefined) return kingpinFail(MODULE, `required argument '${arg}' not provided`);
      const name = ctx.flags['name'];
      const session: SdkSession = { module: MODULE, service: typeof name === 'string' ? name : MODULE, request: ctx.request };
      try {
        return ok(await action(session, ctx.args, ctx.flags));
      } catch (e) {
        if (e instanceof PrintedThenFailed) return { ...kingpinFail(MODULE, e.message), stdout: e.printed };
        if (e instanceof KingpinError) return kingpinFail(MODULE, e.message);
        throw e;
      }
    },
  };
}

export const sparkCommands: CommandSpec[] = [
  command('run', 'Submit a job to the Spark Mesos Dispatcher', null, ['submit-args', 'env'], run),
  command('status', 'Retrieves the status of a submitted Spark job', 'submission-id', ['skip-message'], status),
  command('kill', 'Aborts a submitted Spark job', 'submission-id', [], kill),
];
