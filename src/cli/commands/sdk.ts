/**
 * `dcos kafka|cassandra|hdfs|elastic plan|pod|endpoints …`: the default CLI of an SDK service (dcos-commons
 * `cli/commands/{plan,pod,endpoints}.go`, `cli/queries/{plan,pod,endpoints}.go`), which `dcos package install`
 * installs as the plugin `dcos-<package>`. The sandbox has its commands for these four packages from the start;
 * they reach `/service/<--name>/v1/…` (default: the package name), so before the service is installed they fail
 * as upstream does on Admin Router's 404. Output as upstream prints it: JSON indented by two spaces, plan and pod
 * trees, and the plan commands' sentences; errors end as kingpin's (`dcos-kafka: error: …, try --help`).
 * `describe` and `update …` are in sdk-update.ts (they reuse `command` and the plan actions).
 */
import { ok } from '../format.ts';
import type { CliResult, CommandContext, CommandSpec, Flags } from '../types.ts';
import {
  encodeQuery,
  jsonSyntaxError,
  KingpinError,
  kingpinFail,
  printJson,
  printText,
  type ResponseCheck,
  serviceBody,
  serviceCall,
  type SdkSession,
} from './sdk-client.ts';

/** The packages whose CLI plugin is dcos-commons' default one (their `resource.cli`: `dcos-service-cli`). */
export const SDK_PACKAGES = ['kafka', 'cassandra', 'hdfs', 'elastic'] as const;
export const isSdkPackage = (name: string): boolean => (SDK_PACKAGES as readonly string[]).includes(name);

const PREFIX = 'v1/';
const UNKNOWN = '<UNKNOWN>';

/** `--info`: `strings.Title(module) + " DC/OS CLI Module"`, which `dcos help` shows for the plugin's command. */
const title = (module: string) => `${module.charAt(0).toUpperCase()}${module.slice(1)} DC/OS CLI Module`;

export const SDK_GROUPS: Record<string, string> = Object.fromEntries(
  SDK_PACKAGES.flatMap((m) => [
    [m, title(m)],
    [`${m} plan`, 'Query service plans'],
    [`${m} pod`, 'View Pod/Task state'],
    [`${m} update`, 'Updates the package version or configuration for this DC/OS service'],
  ]),
);

// ---- plans (cli/queries/plan.go)

/** `errPlanStatus417`: `plan status` ignores it and prints the plan anyway. */
class PlanStatus417 extends KingpinError {}

/** `checkPlansResponse` */
const checkPlans: ResponseCheck = (res, text) => {
  if (res.status === 404 && text === 'Element not found') return new KingpinError('Plan, phase, and/or step does not exist');
  if (res.status === 208) return new KingpinError('Cannot execute command. Command has already been issued or the plan has completed');
  if (res.status === 417) return new PlanStatus417('Plan endpoint returned HTTP Expectation Failed response');
  return undefined;
};

/** `getQueryWithPhaseAndStep`: only the parts given. */
function phaseStepQuery(phase: string, step: string): string {
  const values: Record<string, string> = {};
  if (phase !== '') values['phase'] = phase;
  if (step !== '') values['step'] = step;
  return encodeQuery(values);
}

/** `validatePlansJSONResponse`: the answer is JSON with a non-empty `message`. */
function hasMessage(text: string): boolean {
  try {
    const body = JSON.parse(text) as { message?: unknown } | null;
    return typeof body === 'object' && body !== null && typeof body.message === 'string' && body.message.length > 0;
  } catch {
    return false;
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const orUnknown = (v: unknown): string => str(v) || UNKNOWN;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

/** Go's `%s` of a decoded JSON value. */
function goPercentS(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null) return '%!s(<nil>)';
  if (typeof v === 'number') return `%!s(float64=${v})`;
  if (typeof v === 'boolean') return `%!s(bool=${v})`;
  return JSON.stringify(v);
}

function parseJson(text: string, wrap: (err: string) => string = (e) => e): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new KingpinError(wrap(jsonSyntaxError(text)));
  }
}

/** `toPlanStatusTree`: the plan, its phases (`├─ `/`└─ `) and their steps under `│  ` or three spaces; errors after. */
export function planTree(planName: string, text: string): string {
  const plan = obj(parseJson(text));
  const lines = [`${planName} (${orUnknown(plan['strategy'])} strategy) (${orUnknown(plan['status'])})`];
  const phases = arr(plan['phases']).map(obj);
  phases.forEach((phase, i) => {
    const last = i === phases.length - 1;
    lines.push(
      `${last ? '└─ ' : '├─ '}${orUnknown(phase['name'])} (${orUnknown(phase['strategy'])} strategy) (${orUnknown(phase['status'])})`,
    );
    const steps = arr(phase['steps']).map(obj);
    steps.forEach((step, k) => {
      const prefix = (last ? '   ' : '│  ') + (k === steps.length - 1 ? '└─ ' : '├─ ');
      lines.push(`${prefix}${orUnknown(step['name'])} (${orUnknown(step['status'])})`);
    });
  });
  const errors = arr(plan['errors']);
  if (errors.length > 0) lines.push('', 'Errors:', ...errors.map((e) => `- ${goPercentS(e)}`));
  return `${lines.join('\n')}\n`;
}

/** The three forms of the plan commands' sentences: the plan, a phase of it, or a step of a phase. */
function sentence(plan: string, phase: string, step: string, done: string): string {
  if (step === '' && phase === '') return `"${plan}" plan ${done}.\n`;
  if (step === '') return `"${plan}" plan: phase "${phase}" ${done}.\n`;
  return `"${plan}" plan: step "${step}" in phase "${phase}" ${done}.\n`;
}

async function planList(s: SdkSession): Promise<string> {
  return printJson(await serviceBody(s, 'GET', `${PREFIX}plans`));
}

export async function planStatus(s: SdkSession, [plan]: string[], flags: Flags): Promise<string> {
  const answer = await serviceCall(s, 'GET', `${PREFIX}plans/${plan}`, { check: checkPlans });
  if (answer.error && !(answer.error instanceof PlanStatus417)) throw answer.error;
  return flags['json'] ? printJson(answer.text) : planTree(plan!, answer.text);
}

async function planStart(s: SdkSession, [plan]: string[]): Promise<string> {
  return printJson(await serviceBody(s, 'POST', `${PREFIX}plans/${plan}/start`, { body: {}, check: checkPlans }));
}

async function planStop(s: SdkSession, [plan]: string[]): Promise<string> {
  return printJson(await serviceBody(s, 'POST', `${PREFIX}plans/${plan}/stop`, { check: checkPlans }));
}

/** pause, resume, force-restart, force-complete: the command at `plans/<plan>/<cmd>?phase=&step=`, then a sentence. */
export const planCommand =
  (cmd: string, done: string, failed: string) =>
  async (s: SdkSession, [plan = '', phase = '', step = '']: string[]): Promise<string> => {
    const text = await serviceBody(s, 'POST', `${PREFIX}plans/${plan}/${cmd}`, { query: phaseStepQuery(phase, step), check: checkPlans });
    return sentence(plan, phase, step, hasMessage(text) ? done : failed);
  };

// ---- pods (cli/queries/pod.go)

/** `appendTask`: `<name> (<status>)` after the prefix. */
const taskLine = (task: Record<string, unknown>, prefix: string, last: boolean) =>
  `${prefix}${last ? '└─ ' : '├─ '}${orUnknown(task['name'])} (${orUnknown(task['status'])})`;

/** `toServiceTree`: the service, its pod types, their instances, their tasks. */
export function serviceTree(text: string): string {
  const service = obj(parseJson(text, (e) => `Failed to parse JSON in pods response: ${e}`));
  const lines = [str(service['service'])];
  const types = arr(service['pods']).map(obj);
  types.forEach((type, i) => {
    const lastType = i === types.length - 1;
    lines.push(`${lastType ? '└─ ' : '├─ '}${str(type['name'])}`);
    const typePrefix = lastType ? '   ' : '│  ';
    const instances = arr(type['instances']).map(obj);
    instances.forEach((instance, k) => {
      const lastInstance = k === instances.length - 1;
      lines.push(`${typePrefix}${lastInstance ? '└─ ' : '├─ '}${str(instance['name'])}`);
      const tasks = arr(instance['tasks']).map(obj);
      const childPrefix = typePrefix + (lastInstance ? '   ' : '│  ');
      tasks.forEach((task, t) => lines.push(taskLine(task, childPrefix, t === tasks.length - 1)));
    });
  });
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

/** `toSinglePodTree`: one instance and its tasks. */
export function singlePodTree(text: string): string {
  const instance = obj(parseJson(text, (e) => `Failed to parse JSON in pod response: ${e}`));
  const tasks = arr(instance['tasks']).map(obj);
  const lines = [str(instance['name']), ...tasks.map((task, t) => taskLine(task, '', t === tasks.length - 1))];
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

async function podList(s: SdkSession): Promise<string> {
  return printJson(await serviceBody(s, 'GET', `${PREFIX}pod`));
}

async function podStatus(s: SdkSession, [pod = '']: string[], flags: Flags): Promise<string> {
  const single = pod !== '';
  const text = await serviceBody(s, 'GET', single ? `${PREFIX}pod/${pod}/status` : `${PREFIX}pod/status`);
  if (flags['json']) return printJson(text);
  return single ? singlePodTree(text) : serviceTree(text);
}

const podCommand =
  (cmd: 'restart' | 'replace') =>
  async (s: SdkSession, [pod]: string[]): Promise<string> =>
    printJson(await serviceBody(s, 'POST', `${PREFIX}pod/${pod}/${cmd}`));

// ---- endpoints (cli/queries/endpoints.go)

async function endpoints(s: SdkSession, [name = '']: string[]): Promise<string> {
  if (name === '') return printJson(await serviceBody(s, 'GET', `${PREFIX}endpoints`));
  // Endpoint details may be of any format: the text as sent.
  return printText(await serviceBody(s, 'GET', `${PREFIX}endpoints/${name}`));
}

// ---- the commands

/** A command's action; the context gives it the JSON pasted after the command. */
export type Action = (s: SdkSession, args: string[], flags: Flags, ctx: CommandContext) => Promise<string>;
/** A positional argument: its kingpin name, and whether it is `Required()`. */
export type Arg = readonly [string, boolean];

/**
 * One kingpin command: extra words are `unexpected '<word>'`, a missing required argument `required argument
 * '<name>' not provided` (kingpin's parse errors), then the action; its error ends the plugin.
 */
export function command(module: string, path: string[], summary: string, args: Arg[], flags: string[], action: Action): CommandSpec {
  const usage = [
    ...args.map(([n, required]) => (required ? `<${n}>` : `[<${n}>]`)),
    ...flags.filter((f) => f === 'json').map(() => '[--json]'),
  ];
  return {
    path: [module, ...path],
    summary,
    usage: usage.join(' '),
    ...(args.length > 0 ? { args: args.map(() => 'text' as const) } : {}),
    flags: [...flags, 'name'],
    run: async (ctx: CommandContext): Promise<CliResult> => {
      if (ctx.args.length > args.length) return kingpinFail(module, `unexpected '${ctx.args[args.length]}'`);
      const missing = args.find(([, required], i) => required && ctx.args[i] === undefined);
      if (missing) return kingpinFail(module, `required argument '${missing[0]}' not provided`);
      const name = ctx.flags['name'];
      const session: SdkSession = { module, service: typeof name === 'string' ? name : module, request: ctx.request };
      try {
        return ok(await action(session, ctx.args, ctx.flags, ctx));
      } catch (e) {
        if (e instanceof KingpinError) return kingpinFail(module, e.message, e.stdout);
        throw e;
      }
    },
  };
}

function commandsOf(m: string): CommandSpec[] {
  const plan: Arg = ['plan', true];
  const pause = planCommand('interrupt', 'has been paused', 'could not be paused');
  const resume = planCommand('continue', 'has been resumed', 'could not be resumed');
  const restart = planCommand('restart', 'has been restarted', 'could not be restarted');
  const complete = planCommand('forceComplete', 'has been forced to complete', 'could not be forced to complete');
  const statusHelp = 'Display the status of the plan with the provided plan name';
  const pauseHelp = 'Pause the plan, or a specific phase in that plan with the provided phase name (or UUID)';
  const resumeHelp = 'Resume the plan, or a specific phase in that plan with the provided phase name (or UUID)';
  const restartHelp =
    'Restart the plan with the provided name, or a specific phase in the plan with the provided name, or a specific step in a phase of the plan with the provided step name.';
  const completeHelp =
    'Force complete a specific step in the provided phase. Example uses include the following: Abort a sidecar operation due to observed failure or known required manual preparation that was not performed';
  const phaseArg: Arg = ['phase', false];
  const stepArgs: Arg[] = [plan, phaseArg, ['step', false]];
  const completeArgs: Arg[] = [plan, ['phase', true], ['step', true]];
  const podArg: Arg = ['pod', true];
  return [
    command(m, ['plan', 'list'], 'Show all plans for this service', [], [], planList),
    command(m, ['plan', 'status'], statusHelp, [plan], ['json'], planStatus),
    command(m, ['plan', 'show'], statusHelp, [plan], ['json'], planStatus),
    command(m, ['plan', 'start'], 'Start the plan with the provided name and any optional plan arguments', [plan], [], planStart),
    command(m, ['plan', 'stop'], 'Stop the running plan with the provided name', [plan], [], planStop),
    command(m, ['plan', 'pause'], pauseHelp, [plan, phaseArg], [], pause),
    command(m, ['plan', 'interrupt'], pauseHelp, [plan, phaseArg], [], pause),
    command(m, ['plan', 'resume'], resumeHelp, [plan, phaseArg], [], resume),
    command(m, ['plan', 'continue'], resumeHelp, [plan, phaseArg], [], resume),
    command(m, ['plan', 'force-restart'], restartHelp, stepArgs, [], restart),
    command(m, ['plan', 'restart'], restartHelp, stepArgs, [], restart),
    command(m, ['plan', 'force-complete'], completeHelp, completeArgs, [], complete),
    command(m, ['plan', 'force'], completeHelp, completeArgs, [], complete),
    command(m, ['pod', 'list'], 'Display the list of known pod instances', [], [], podList),
    command(m, ['pod', 'status'], 'Display the status for tasks in one pod or all pods', [['pod', false]], ['json'], podStatus),
    command(m, ['pod', 'restart'], 'Restarts a given pod without moving it to a new agent', [podArg], [], podCommand('restart')),
    command(m, ['pod', 'replace'], 'Destroys a given pod and moves it to a new agent', [podArg], [], podCommand('replace')),
    command(m, ['endpoints'], 'View client endpoints', [['name', false]], [], endpoints),
    command(m, ['endpoint'], 'View client endpoints', [['name', false]], [], endpoints),
  ];
}

export const sdkCommands: CommandSpec[] = SDK_PACKAGES.flatMap(commandsOf);
