/** Results, JSON output and API errors shown the way the CLI shows them. */
import type { ApiRequest, ApiResponse, CliResult, RequestFn } from './types.ts';

export const ok = (stdout = ''): CliResult => ({ stdout, stderr: '', exitCode: 0 });
export const fail = (stderr: string, exitCode = 1, stdout = ''): CliResult => ({
  stdout,
  stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`,
  exitCode,
});

/** JSON as the Go subcommands print it (node, task, service): four-space indent. */
export const json4 = (value: unknown): string => `${JSON.stringify(value, null, 4)}\n`;
/** JSON as the Python marathon subcommand prints it: two-space indent. */
export const json2 = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

interface ErrorDetail {
  path?: string;
  errors?: unknown[];
}

/**
 * An error answer as the user sees it: Marathon's `message`, then for a 422 one line per detail with
 * its path; Mesos' text reasons as they are.
 */
export function apiErrorText(res: ApiResponse): string {
  const body = res.body;
  if (typeof body === 'string') return `Error: ${body || `HTTP ${res.status}`}\n`;
  if (body && typeof body === 'object') {
    const b = body as { message?: unknown; details?: ErrorDetail[] };
    let out = `Error: ${typeof b.message === 'string' ? b.message : `HTTP ${res.status}`}\n`;
    for (const d of Array.isArray(b.details) ? b.details : []) {
      const errors = (d.errors ?? []).map(String).join(', ');
      out += `  ${d.path ?? '/'}: ${errors}\n`;
    }
    return out;
  }
  return `Error: HTTP ${res.status}\n`;
}

/** Thrown by `call` for a non-2xx answer; `runCommand` turns it into stderr and exit code 1. */
export class ApiError extends Error {
  constructor(readonly response: ApiResponse) {
    super(apiErrorText(response));
  }
}

/** Usage errors and the like: the message goes to stderr as is. */
export class CliError extends Error {}

/** One API call; a non-2xx answer throws `ApiError`. */
export async function call(request: RequestFn, req: ApiRequest): Promise<ApiResponse> {
  const res = await request(req);
  if (res.status < 200 || res.status >= 300) throw new ApiError(res);
  return res;
}

export async function getJson<T>(request: RequestFn, path: string): Promise<T> {
  return (await call(request, { method: 'GET', path })).body as T;
}

/** `/hello`, `hello/` and `/hello` all name `/hello`, as `util.normalize_marathon_id_path` does. */
export const normalizeId = (id: string): string => `/${id.replace(/^\/+|\/+$/g, '')}`;

/** An id inside a URL path: each segment encoded, slashes kept. */
export const pathOf = (id: string): string =>
  normalizeId(id)
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');

/** ISO time of a Mesos status timestamp (seconds since the epoch). */
export const isoOf = (seconds: number): string => new Date(Math.round(seconds * 1000)).toISOString();
