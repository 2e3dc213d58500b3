/** Results, API calls and the error texts both halves of dcos-core-cli 2.2 print for a refused call. */
import type { ApiResponse, CliResult, RequestFn } from './types.ts';

export const ok = (stdout = '', stderr = ''): CliResult => ({ stdout, stderr, exitCode: 0 });
export const fail = (stderr: string, exitCode = 1, stdout = ''): CliResult => ({
  stdout,
  stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`,
  exitCode,
});

/** Thrown by a command: its message goes to stderr as is, exit code 1 (the plugin's `main`). */
export class CliError extends Error {}

/** The Go plugin's `main`: `Error: <err>` on stderr. */
export const goError = (message: string): CliError => new CliError(`Error: ${message}`);

export const isSuccess = (res: ApiResponse): boolean => res.status >= 200 && res.status < 300;

/** A GET whose answer must be 2xx; anything else becomes the error `refused` makes of it. */
export async function getOr<T>(request: RequestFn, path: string, refused: (res: ApiResponse) => CliError): Promise<T> {
  const res = await request({ method: 'GET', path });
  if (!isSuccess(res)) throw refused(res);
  return res.body as T;
}

/** dcos-cli's `httpclient.HTTPError`, which most Go clients return for a 4xx or 5xx. */
export const httpError = (res: ApiResponse): CliError => goError(`HTTP ${res.status} error`);

/** dcos-core-cli's Mesos client: 503 means no leading master, anything else `HTTP <n> error`. */
export const mesosError = (res: ApiResponse): CliError =>
  res.status === 503 ? goError('could not connect to the leading mesos master') : httpError(res);

const messageOf = (body: unknown): string | undefined => {
  const m = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : undefined;
  return typeof m === 'string' ? m : undefined;
};

interface Detail {
  path?: unknown;
  errors?: unknown;
}

const detailText = (d: Detail) =>
  `path: '${String(d.path ?? '')}' errors: ${Array.isArray(d.errors) ? d.errors.map(String).join(', ') : ''}`;

/**
 * go-marathon's `APIError` text: `Marathon API error: <message>`; a 400 or 422 adds its details in
 * parentheses, a 409 that names deployments adds them. A body that is not JSON is shown as sent.
 */
export function goMarathonMessage(res: ApiResponse): string {
  const body = res.body;
  if (typeof body !== 'object' || body === null) return `Marathon API error: ${String(body ?? '')}`;
  const message = messageOf(body) ?? '';
  const b = body as { details?: unknown; deployments?: unknown };
  if (res.status === 400 || res.status === 422) {
    const details = Array.isArray(b.details) ? (b.details as Detail[]).map(detailText) : [];
    return `Marathon API error: ${message} (${details.join('; ')})`;
  }
  if (res.status === 409 && Array.isArray(b.deployments) && b.deployments.length > 0) {
    const ids = (b.deployments as Array<{ id?: unknown }>).map((d) => String(d.id ?? ''));
    return `Marathon API error: ${message} (locking deployment IDs: ${ids.join(', ')})`;
  }
  return `Marathon API error: ${message}`;
}

/** `/hello`, `hello/` and `/hello` all name `/hello` (Python's `normalize_marathon_id_path`, Go's `NormalizeAppID`). */
export const normalizeId = (id: string): string => `/${id.replace(/^\/+|\/+$/g, '')}`;

/** An id inside a URL path: each segment encoded, slashes kept. */
export const pathOf = (id: string): string =>
  normalizeId(id)
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');

/** ISO time of a Mesos status timestamp (seconds since the epoch). */
export const isoOf = (seconds: number): string => new Date(Math.round(seconds * 1000)).toISOString();

/**
 * `dcos node|task|service` without `list`: the plugin warns on stderr that the bare form is deprecated, then
 * runs `list`, whose error (if any) follows the warning.
 */
export async function afterNotice(notice: string, run: () => Promise<CliResult>): Promise<CliResult> {
  try {
    const result = await run();
    return { ...result, stderr: notice + result.stderr };
  } catch (e) {
    if (e instanceof CliError) return fail(notice + e.message);
    throw e;
  }
}
