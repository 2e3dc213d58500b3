/** Small helpers to answer in-process HTTP requests the way the real services do. */
import { limitText } from '../common/json-limits.ts';
import type { RequestProblem } from './service.ts';
import type { ApiResponse, HttpMethod } from './types.ts';

export const ok = (body: unknown = ''): ApiResponse => ({ status: 200, body });
export const badRequest = (reason: string): ApiResponse => ({ status: 400, body: reason });
export const notFound = (what = 'Not Found'): ApiResponse => ({ status: 404, body: what });
export const conflict = (reason: string): ApiResponse => ({ status: 409, body: reason });

export function methodNotAllowed(allowed: HttpMethod[], got: string): ApiResponse {
  const list = allowed.map((m) => `'${m}'`).join(' or ');
  return { status: 405, body: `Expecting ${list}, received '${got}'` };
}

export interface ParsedPath {
  segments: string[];
  query: URLSearchParams;
}

export function parsePath(path: string): ParsedPath | undefined {
  if (typeof path !== 'string' || !path.startsWith('/')) return undefined;
  const q = path.indexOf('?');
  const pathname = q >= 0 ? path.slice(0, q) : path;
  const query = new URLSearchParams(q >= 0 ? path.slice(q + 1) : '');
  let segments: string[];
  try {
    segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  return { segments, query };
}

/** Bodies may arrive parsed or as JSON text (a pasted curl body). */
export function jsonBody(body: unknown): { ok: true; value: unknown } | { ok: false; error: string } {
  if (typeof body !== 'string') return { ok: true, value: body };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (e) {
    return { ok: false, error: `Failed to parse JSON: ${(e as Error).message}` };
  }
}

/** The reason of a problem the router caught, in words (services wrap it in their own error shape). */
export function problemText(problem: RequestProblem): string {
  return problem.kind === 'internal' ? problem.error : limitText(problem);
}

/** 413 for a body too large, 400 for one too deep, 500 for a handler that threw; `{"message"}` (the sandbox's own shape). */
export function refusal(problem: RequestProblem): ApiResponse {
  const status = problem.kind === 'too-large' ? 413 : problem.kind === 'too-deep' ? 400 : 500;
  return { status, body: { message: problemText(problem) } };
}

/** A boolean query parameter as JAX-RS reads it (`Boolean.valueOf`): true only for `true`, in any case. */
export function queryFlag(query: URLSearchParams, name: string): boolean {
  return query.get(name)?.toLowerCase() === 'true';
}
