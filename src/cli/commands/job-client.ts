/**
 * dcos-core-cli 2.2's Metronome client (`pkg/metronome/client.go`) over `/service/metronome`, and the input
 * its `job` commands read (`pkg/cmd/job/job.go`). Each call has its own answer for a 404 (and `remove` for a
 * 409); any other refusal decodes Metronome's `{message, details}` into `<status> - <message>`, or `HTTP <n>
 * error` when the body is no such JSON. The client also logs each detail as a warning and a kill as info,
 * but the plugin's logger has no level unless `dcos -v` set `DCOS_VERBOSITY` (`pluginutil.Logger`), so the
 * sandbox, which has no `-v`, prints neither.
 */
import { goError } from '../format.ts';
import type { CommandContext, CommandSpec, RequestFn } from '../types.ts';
import { API_ERROR, decode, encode, type GoJob, type GoRun, type GoSchedule, type GoT, JOB, listOf, RUN, SCHEDULE } from './job-go.ts';

const BASE = '/service/metronome/v1';

/** A job's URL: Go puts the id in the path as typed, escaping what a path cannot hold. */
export const jobPath = (id: string): string => `/jobs/${encodeURI(id)}`;

/** `handleErrorResponse` */
function refused(status: number, body: unknown): Error {
  if (status < 400) return goError(`unexpected status code ${status}`);
  if (typeof body !== 'object' || body === null) return goError(`HTTP ${status} error`);
  try {
    return goError(`${status} - ${decode<{ message: string }>(body, API_ERROR).message}`);
  } catch {
    return goError(`HTTP ${status} error`);
  }
}

interface Call {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** The status that means success (200 unless told). */
  ok?: number[];
  /** What a 404 (or a 409) means to this call; without it, `handleErrorResponse`. */
  notFound?: string;
  conflict?: string;
}

/** One call of the client: the answer's body, or the plugin's error. */
export async function metronome(request: RequestFn, path: string, call: Call = {}): Promise<unknown> {
  const method = call.method ?? 'GET';
  const res = await request(call.body === undefined ? { method, path: BASE + path } : { method, path: BASE + path, body: call.body });
  if ((call.ok ?? [200]).includes(res.status)) return res.body;
  if (res.status === 404 && call.notFound !== undefined) throw goError(call.notFound);
  if (res.status === 409 && call.conflict !== undefined) throw goError(call.conflict);
  throw refused(res.status, res.body);
}

export const missingJob = (id: string) => `job "${id}" does not exist`;

/** `Client.Job(id, embeds…)`: embeds as Go's `url.Values.Encode` writes them. */
export const getJob = async (request: RequestFn, id: string, embeds: string[] = []): Promise<GoJob> =>
  decode(
    await metronome(request, jobPath(id) + (embeds.length ? `?${embeds.map((e) => `embed=${e}`).join('&')}` : ''), {
      notFound: missingJob(id),
    }),
    JOB,
  );

/** `Client.Runs(id)`: the active runs. */
export const getRuns = async (request: RequestFn, id: string): Promise<GoRun[] | null> =>
  decode(await metronome(request, `${jobPath(id)}/runs`, { notFound: missingJob(id) }), listOf(RUN));

/** `Client.AddSchedule` / `UpdateSchedule`: the schedule as its Go struct writes it (`timeZone`; `enabled` false when absent). */
export async function putSchedule(request: RequestFn, jobId: string, schedule: GoSchedule, add: boolean): Promise<void> {
  const path = `${jobPath(jobId)}/schedules${add ? '' : `/${encodeURI(schedule.id)}`}`;
  decode(await metronome(request, path, { method: add ? 'POST' : 'PUT', body: encode(schedule, SCHEDULE), ok: [200, 201] }), SCHEDULE);
}

/** A file argument: the sandbox's terminal has no files, so `os.Open` fails as for a missing one. */
const noFile = (name: string) => goError(`open ${name}: no such file or directory`);

/**
 * `inputReader` then `json.Unmarshal`: a file argument, else stdin, which is the JSON pasted after the command.
 * Nothing pasted is a terminal on stdin: `undefined` (add and update print their help; the schedule commands
 * fail with `input from the terminal is not accepted`).
 */
export function readInput<V>(ctx: CommandContext, files: string[], type: GoT): V | undefined {
  if (files.length > 0) throw noFile(files[0]!);
  return ctx.hasBody ? decode<V>(ctx.body, type) : undefined;
}

/** `cmd.Help()` of `add` and `update` (no flags), as the sandbox renders a command's help (`commandHelp`). */
export const helpOf = (spec: Pick<CommandSpec, 'path' | 'summary' | 'usage'>): string =>
  `${spec.summary}\n\nUsage:\n    ${['dcos', ...spec.path, spec.usage ?? ''].join(' ').trimEnd()}\n`;
