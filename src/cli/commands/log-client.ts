/**
 * dcos-core-cli 2.2's logs client (`pkg/logs/{client,types}.go`): a node's journal from
 * `/system/v1<route>/logs/v2/component<unit>?skip=-N[&filter=K:V…]` read as JSON lines and printed `short`, `cat`,
 * `json` or `json-pretty`; a task's file from `/system/v1/logs/v2/task/<id>/file/<file>?cursor=END&skip=-N` as text,
 * after the redirect to the task's agent. The CLI writes no color here: its output is not a terminal file.
 */
import { goError, httpError, type CliError } from '../format.ts';
import { goJson, goJsonCompact } from '../go.ts';
import type { ApiResponse, RequestFn } from '../types.ts';

export interface LogOptions {
  filters: string[];
  format: string;
  skip: number;
}

/** `httpResponseToError`: 204 is "no logs found". */
export function responseError(res: ApiResponse): CliError {
  if (res.status === 204) return goError('no logs found');
  if (res.status < 400) return goError(`unexpected status code ${res.status}`);
  return httpError(res);
}

/** A GET as Go's client makes it: a 303 is followed (once is all dcos-log asks). */
export async function get(request: RequestFn, path: string, accept: string): Promise<ApiResponse> {
  const res = await request({ method: 'GET', path, headers: { Accept: accept } });
  const location = res.headers?.['Location'];
  if (res.status !== 303 || location === undefined) return res;
  return request({ method: 'GET', path: location, headers: { Accept: accept } });
}

export interface Entry {
  fields?: Record<string, string>;
  cursor?: string;
  monotonic_timestamp?: number;
  realtime_timestamp?: number;
}

const two = (n: number) => String(n).padStart(2, '0');

/** `printEntry`: one entry in the asked format (anything unknown prints `short`). */
export function formatEntry(entry: Entry, format: string): string {
  const f = entry.fields ?? {};
  const field = (k: string) => f[k] ?? '';
  if (format === 'json' || format === 'json-pretty') {
    const out = {
      __CURSOR: entry.cursor ?? '',
      __MONOTONIC_TIMESTAMP: entry.monotonic_timestamp ?? 0,
      __REALTIME_TIMESTAMP: entry.realtime_timestamp ?? 0,
      MESSAGE: field('MESSAGE'),
      PRIORITY: field('PRIORITY'),
      SYSLOG_FACILITY: field('SYSLOG_FACILITY'),
      SYSLOG_IDENTIFIER: field('SYSLOG_IDENTIFIER'),
      _BOOT_ID: field('_BOOT_ID'),
      _HOSTNAME: field('_HOSTNAME'),
      _MACHINE_ID: field('_MACHINE_ID'),
      _TRANSPORT: field('_TRANSPORT'),
    };
    return format === 'json' ? `${goJsonCompact(out)}\n` : goJson(out);
  }
  if (format === 'cat') return `${field('MESSAGE')}\n`;
  const d = new Date(Math.floor((entry.realtime_timestamp ?? 0) / 1_000_000) * 1000);
  const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC`;
  const pid = field('_PID') === '' ? '' : ` [${field('_PID')}]`;
  // Go's fmt.Fprint puts no space between string operands: the date runs into the identifier, as 2.2 prints it.
  return `${date}${field('SYSLOG_IDENTIFIER')}${pid}: ${field('MESSAGE')}\n`;
}

/** `PrintComponent` without --follow: the journal's entries, formatted. */
export async function printComponent(request: RequestFn, route: string, service: string, opts: LogOptions): Promise<string> {
  const filters = opts.filters.length > 0 ? `&filter=${opts.filters.join('&filter=')}` : '';
  const res = await get(request, `/system/v1${route}/logs/v2/component${service}?skip=${opts.skip}${filters}`, 'application/json');
  if (res.status !== 200) throw responseError(res);
  let out = '';
  for (const line of String(res.body).split('\n')) {
    if (line === '') continue;
    let entry: Entry;
    try {
      entry = JSON.parse(line) as Entry;
    } catch (e) {
      throw goError((e as Error).message);
    }
    out += formatEntry(entry, opts.format);
  }
  return out;
}

/** `PrintTask` without --follow: the file's last lines as the agent sends them. */
export async function printTask(request: RequestFn, taskId: string, file: string, skip: number): Promise<string> {
  const res = await get(request, `/system/v1/logs/v2/task/${taskId}/file/${file}?cursor=END&skip=${skip}`, 'text/plain');
  if (res.status !== 200) throw responseError(res);
  return String(res.body);
}
