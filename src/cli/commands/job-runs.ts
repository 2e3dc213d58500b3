/**
 * `dcos job show runs`, `dcos job history` and `dcos job queue` (dcos-core-cli 2.2's
 * `pkg/cmd/job/job_{show_runs,history,queue}.go`). Times are printed as Metronome writes them.
 */
import { goError, ok } from '../format.ts';
import { checkArgs, goJson } from '../go.ts';
import { renderGoTable } from '../table.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { getJob, getRuns, jobPath, metronome, missingJob } from './job-client.ts';
import { decode, encode, type GoQueue, type GoRun, type GoRunHistory, listOf, QUEUE, RUN, RUN_HISTORY } from './job-go.ts';

/** The active runs, or the one `--run-id` names (a 404 for it says the job does not exist). */
async function showRuns(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 1, 'dcos job show runs');
  const id = ctx.args[0]!;
  const runId = typeof ctx.flags['run-id'] === 'string' ? ctx.flags['run-id'] : '';
  const runs =
    runId !== ''
      ? [decode<GoRun>(await metronome(ctx.request, `${jobPath(id)}/runs/${encodeURI(runId)}`, { notFound: missingJob(id) }), RUN)]
      : await getRuns(ctx.request, id);
  if (ctx.flags['quiet']) return ok((runs ?? []).map((r) => `${r.id}\n`).join(''));
  if (ctx.flags['json']) return ok(goJson(encode(runs, listOf(RUN))));
  const rows = (runs ?? []).map((r) => [r.id, id, r.createdAt]);
  return ok(renderGoTable(['TASK ID', 'JOB ID', 'STARTED AT'], rows));
}

/** The finished runs, successful or (`--failures`) failed; `--last` keeps only the newest, and only with `--quiet`. */
async function history(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 1, 'dcos job history');
  const job = await getJob(ctx.request, ctx.args[0]!, ['activeRuns', 'schedules', 'history']);
  const past = job.history;
  if (!past) throw goError('no history available for this job');
  const failures = Boolean(ctx.flags['failures']);
  const runs: GoRunHistory[] | null = failures ? past.failedFinishedRuns : past.successfulFinishedRuns;
  if (ctx.flags['quiet'])
    return ok(
      (runs ?? [])
        .slice(0, ctx.flags['last'] ? 1 : undefined)
        .map((r) => `${r.id}\n`)
        .join(''),
    );
  if (ctx.flags['json']) return ok(goJson(encode(runs, listOf(RUN_HISTORY))));
  const [kind, count, last, at] = failures
    ? ['Failure', past.failureCount, 'Failure', past.lastFailureAt]
    : ['Successful', past.successCount, 'Success', past.lastSuccessAt];
  const header = `"${job.id}"  ${kind} runs: ${count}${count === 0 ? '' : ` Last ${last}: ${at}`}\n`;
  const rows = (runs ?? []).map((r) => [r.id, r.createdAt, r.finishedAt]);
  return ok(header + renderGoTable(['RUN ID', 'STARTED', 'FINISHED'], rows));
}

/** The launch queue, or one job's entry (`job "<id>" does not exist` when it has none). */
async function queue(ctx: CommandContext) {
  checkArgs(ctx.args, 0, 1, 'dcos job queue');
  const id = ctx.args[0] ?? '';
  let queued = decode<GoQueue[] | null>(await metronome(ctx.request, '/queue'), listOf(QUEUE));
  if (id !== '') {
    const entry = (queued ?? []).find((q) => q.jobId === id);
    if (!entry) throw goError(missingJob(id));
    queued = [entry];
  }
  const runs = (queued ?? []).flatMap((q) => (q.runs ?? []).map((r) => [q.jobId, r.runId]));
  if (ctx.flags['quiet']) return ok(runs.map(([, runId]) => `${runId}\n`).join(''));
  if (ctx.flags['json']) return ok(goJson(encode(queued, listOf(QUEUE))));
  return ok(renderGoTable(['JOB ID', 'RUN ID'], runs));
}

export const jobRunsCommands: CommandSpec[] = [
  {
    path: ['job', 'history'],
    summary: 'Provides a job run history',
    usage: '<job-id> [--failures] [--last] [--json] [--quiet]',
    args: ['job'],
    flags: ['json', 'quiet', 'last', 'failures'],
    run: history,
  },
  {
    path: ['job', 'queue'],
    summary: 'Show job runs that are queued',
    usage: '[<job-id>] [--json] [--quiet]',
    args: ['job'],
    flags: ['json', 'quiet'],
    run: queue,
  },
  {
    path: ['job', 'show', 'runs'],
    summary: 'Show the successful and failure runs of a job',
    usage: '<job-id> [--run-id=<run-id>] [--json] [--quiet]',
    args: ['job'],
    flags: ['run-id', 'quiet', 'json'],
    run: showRuns,
  },
];
