/**
 * `dcos job schedule add|show|update|remove` (dcos-core-cli 2.2's `pkg/cmd/job/job_schedule_*.go`). A schedule
 * file is read from stdin (the JSON pasted after the command) and goes through the plugin's `Schedule`
 * struct, which sends `timeZone` (Metronome reads `timezone`), `enabled` false and `concurrencyPolicy` ""
 * when the file has none.
 */
import { goError, ok } from '../format.ts';
import { checkArgs, goJson } from '../go.ts';
import { renderGoTable } from '../table.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { jobPath, metronome, missingJob, putSchedule, readInput } from './job-client.ts';
import { decode, encode, type GoSchedule, listOf, SCHEDULE } from './job-go.ts';

/** The schedule JSON after `<job-id>`; a terminal on stdin is refused. */
function readSchedule(ctx: CommandContext): GoSchedule {
  const schedule = readInput<GoSchedule>(ctx, ctx.args.slice(1), SCHEDULE);
  if (schedule === undefined) throw goError('input from the terminal is not accepted');
  return schedule;
}

async function add(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 2, 'dcos job schedule add');
  await putSchedule(ctx.request, ctx.args[0]!, readSchedule(ctx), true);
  return ok();
}

async function update(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 2, 'dcos job schedule update');
  const schedule = readSchedule(ctx);
  if (schedule.id === '') throw goError('field "id" needs to be set in schedule JSON');
  await putSchedule(ctx.request, ctx.args[0]!, schedule, false);
  return ok();
}

async function remove(ctx: CommandContext) {
  checkArgs(ctx.args, 2, 2, 'dcos job schedule remove');
  const [id, scheduleId] = ctx.args as [string, string];
  await metronome(ctx.request, `${jobPath(id)}/schedules/${encodeURI(scheduleId)}`, {
    method: 'DELETE',
    notFound: `job "${id}" or schedule "${scheduleId}" does not exist`,
  });
  return ok();
}

async function show(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 1, 'dcos job schedule show');
  const id = ctx.args[0]!;
  const schedules = decode<GoSchedule[] | null>(
    await metronome(ctx.request, `${jobPath(id)}/schedules`, { notFound: missingJob(id) }),
    listOf(SCHEDULE),
  );
  if (ctx.flags['json']) return ok(goJson(encode(schedules, listOf(SCHEDULE))));
  const rows = (schedules ?? []).map((s) => [s.id, s.cron, s.enabled ? 'True' : 'False', s.nextRunAt, s.concurrencyPolicy]);
  return ok(renderGoTable(['ID', 'CRON', 'ENABLED', 'NEXT RUN', 'CONCURRENCY POLICY'], rows));
}

export const jobScheduleCommands: CommandSpec[] = [
  { path: ['job', 'schedule', 'add'], summary: 'Add a schedule to a job', usage: '<job-id> <schedule-file>', args: ['job'], run: add },
  {
    path: ['job', 'schedule', 'remove'],
    summary: 'Remove a schedule of a job',
    usage: '<job-id> <schedule-id>',
    args: ['job', 'text'],
    run: remove,
  },
  {
    path: ['job', 'schedule', 'show'],
    summary: 'Show the schedule of a job',
    usage: '<job-id> [--json]',
    args: ['job'],
    flags: ['json'],
    run: show,
  },
  {
    path: ['job', 'schedule', 'update'],
    summary: 'Update a schedule of a job',
    usage: '<job-id> <schedule-file>',
    args: ['job'],
    run: update,
  },
];
