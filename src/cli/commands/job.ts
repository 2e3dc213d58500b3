/**
 * `dcos job`: dcos-core-cli 2.2's Go commands (`pkg/cmd/job/*.go`) over Metronome. `list`, `show`, `add`,
 * `update`, `remove`, `run` and `kill` are here; `show runs`, `history` and `queue` in job-runs.ts; the
 * schedule commands in job-schedule.ts. Jobs go through the plugin's Go structs both ways (job-go.ts).
 */
import { goError, ok } from '../format.ts';
import { checkArgs, goJson } from '../go.ts';
import { renderGoTable } from '../table.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { getJob, getRuns, helpOf, jobPath, metronome, missingJob, putSchedule, readInput } from './job-client.ts';
import { decode, encode, type GoJob, type GoSummary, JOB, listOf, RUN } from './job-go.ts';
import { jobRunsCommands } from './job-runs.ts';
import { jobScheduleCommands } from './job-schedule.ts';

const TIME = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.(\d{3})([+-])(\d\d)(\d\d)$/;

/** `time.Parse("2006-01-02T15:04:05.000-0700", s)` in ms since the epoch; undefined when Go refuses it. */
function apiTime(s: string): number | undefined {
  const m = TIME.exec(s)?.slice(1).map(Number);
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec, ms, , oh, om] = m as [number, number, number, number, number, number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (mo < 1 || mo > 12 || day.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59) return undefined;
  const offset = (oh * 60 + om) * 60_000 * (s[23] === '-' ? -1 : 1);
  return day.getTime() + ((h * 60 + mi) * 60 + sec) * 1000 + ms - offset;
}

/** `Job.Status`: a decoded `activeRuns` (even `[]`) is Running; the list leaves it out for an idle job. */
const status = (job: GoJob) => (job.activeRuns !== null ? 'Running' : job.schedules?.length ? 'Scheduled' : 'Unscheduled');

/** `Job.LastRunStatus`: the later of the last success and the last failure (a tie is a failure). */
function lastRun({ lastSuccessAt, lastFailureAt }: GoSummary): string {
  if (lastSuccessAt === '' && lastFailureAt === '') return 'N/A';
  if (lastFailureAt === '') return 'Success';
  if (lastSuccessAt === '') return 'Failure';
  const success = apiTime(lastSuccessAt);
  const failure = apiTime(lastFailureAt);
  if (success === undefined || failure === undefined) return 'N/A';
  return success > failure ? 'Success' : 'Failure';
}

const NO_SUMMARY: GoSummary = { successCount: 0, failureCount: 0, lastSuccessAt: '', lastFailureAt: '' };

async function list(ctx: CommandContext) {
  checkArgs(ctx.args, 0, 0, 'dcos job list');
  const body = await metronome(ctx.request, '/jobs?embed=activeRuns&embed=schedules&embed=historySummary');
  const decoded = decode<GoJob[] | null>(body, listOf(JOB));
  const jobs = decoded ?? [];
  if (ctx.flags['quiet']) return ok(jobs.map((j) => `${j.id}\n`).join(''));
  if (ctx.flags['json']) return ok(goJson(encode(decoded, listOf(JOB))));
  const rows = jobs.map((j) => [j.id, status(j), lastRun(j.historySummary ?? NO_SUMMARY)]);
  return ok(renderGoTable(['ID', 'STATUS', 'LAST RUN'], rows));
}

async function show(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 1, 'dcos job show');
  return ok(goJson(encode(await getJob(ctx.request, ctx.args[0]!), JOB)));
}

/** `add` and `update`: the job from a file or stdin, its schedules sent apart (`add`) or dropped (`update`). */
async function addOrUpdate(ctx: CommandContext, spec: CommandSpec, add: boolean) {
  checkArgs(ctx.args, 0, 1, ['dcos', ...spec.path].join(' '));
  const job = readInput<GoJob>(ctx, ctx.args, JOB);
  if (job === undefined) return ok(helpOf(spec));
  if (add && job.id === '') throw goError('jobs JSON requires an ID');
  const schedule = job.schedules?.[0];
  job.schedules = null;
  const path = add ? '/jobs' : jobPath(job.id);
  decode(await metronome(ctx.request, path, { method: add ? 'POST' : 'PUT', body: encode(job, JOB), ok: [200, 201] }), JOB);
  if (add && schedule) await putSchedule(ctx.request, job.id, schedule, true);
  return ok();
}

async function remove(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 1, 'dcos job remove');
  const id = ctx.args[0]!;
  const query = ctx.flags['stop-current-job-runs'] ? '?stopCurrentJobRuns=true' : '';
  await metronome(ctx.request, jobPath(id) + query, { method: 'DELETE', notFound: missingJob(id), conflict: `job "${id}" is running` });
  return ok();
}

async function run(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 1, 'dcos job run');
  const id = ctx.args[0]!;
  const started = decode<{ id: string }>(
    await metronome(ctx.request, `${jobPath(id)}/runs`, { method: 'POST', ok: [201], notFound: missingJob(id) }),
    RUN,
  );
  return ok(ctx.flags['json'] ? goJson(encode(started, RUN)) : `${started.id}\n`);
}

/** `Client.Kill`: the stop action; success is only logged (at info level, so not shown). */
async function stop(ctx: CommandContext, id: string, runId: string) {
  const path = `${jobPath(id)}/runs/${encodeURI(runId)}/actions/stop`;
  await metronome(ctx.request, path, { method: 'POST', notFound: `job "${id}" or run "${runId}" does not exist` });
}

async function kill(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 2, 'dcos job kill');
  const [id, runId] = ctx.args as [string, string?];
  if (runId !== undefined && ctx.flags['all']) throw goError('cannot accept both a run-id and the --all option');
  if (runId === undefined && !ctx.flags['all']) throw goError('run-id must be specified or --all option must be set');
  if (runId !== undefined) await stop(ctx, id, runId);
  else for (const r of (await getRuns(ctx.request, id)) ?? []) await stop(ctx, id, r.id);
  return ok();
}

const addSpec: CommandSpec = {
  path: ['job', 'add'],
  summary: 'Add a job',
  usage: '[<file>]',
  run: (ctx) => addOrUpdate(ctx, addSpec, true),
};
const updateSpec: CommandSpec = {
  path: ['job', 'update'],
  summary: 'Update a job',
  usage: '[<file>]',
  run: (ctx) => addOrUpdate(ctx, updateSpec, false),
};

/** The job commands (`job.go`'s `AddCommand`). */
const commands: CommandSpec[] = [
  addSpec,
  { path: ['job', 'kill'], summary: 'Kill a job', usage: '<job-id> [<run-id>] [--all]', args: ['job', 'text'], flags: ['all'], run: kill },
  { path: ['job', 'list'], summary: 'Show all job definitions', usage: '[--json] [--quiet]', flags: ['json', 'quiet'], run: list },
  ...jobRunsCommands,
  {
    path: ['job', 'remove'],
    summary: 'Remove a job',
    usage: '<job-id> [--stop-current-job-runs]',
    args: ['job'],
    flags: ['stop-current-job-runs'],
    run: remove,
  },
  { path: ['job', 'run'], summary: 'Run a job now', usage: '<job-id> [--json]', args: ['job'], flags: ['json'], run },
  ...jobScheduleCommands,
  { path: ['job', 'show'], summary: 'Show a job', usage: '<job-id>', args: ['job'], run: show },
  updateSpec,
];

/** `dcos job` with no word after it: cobra's help for the group (here in the sandbox's `groupHelp` layout). */
function jobHelp(): string {
  const words = [...new Set(commands.map((c) => c.path[1]!))].sort();
  const summary = (w: string) =>
    w === 'schedule' ? JOB_GROUPS['job schedule'] : commands.find((c) => c.path.join(' ') === `job ${w}`)?.summary;
  return (
    `${JOB_GROUPS['job']}\n\nUsage:\n    dcos job [command]\n    dcos job\n\nCommands:\n` +
    words.map((w) => `    ${w}\n        ${summary(w) ?? ''}\n`).join('') +
    '\nOptions:\n    -h, --help\n        help for job\n'
  );
}

/** The words that only group job commands, with their `Short` texts. */
export const JOB_GROUPS = { job: 'Deploy and manage jobs in DC/OS', 'job schedule': 'Manage schedules of jobs' };

export const jobCommands: CommandSpec[] = [
  // `dcos job` alone prints the group's help; a word that is no command is refused after the usage.
  { path: ['job'], summary: JOB_GROUPS.job, runsWithSubcommands: true, run: () => Promise.resolve(ok(jobHelp())) },
  ...commands,
];
