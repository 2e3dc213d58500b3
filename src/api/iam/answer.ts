/**
 * IAM answers. Upstream's error bodies are not sourced (PLATFORM.md G.2): the sandbox answers
 * `{"title","description","code"}` with the statuses docs/iam.md lists (inferred).
 */
import { jsonBody } from '../http.ts';
import type { ApiResponse } from '../types.ts';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
};

export const iamError = (status: number, code: string, description: string): ApiResponse => ({
  status,
  body: { title: TITLES[status] ?? 'Error', description, code },
});

export const created = (): ApiResponse => ({ status: 201, body: '' });
export const noContent = (): ApiResponse => ({ status: 204, body: '' });
export const json = (body: unknown): ApiResponse => ({ status: 200, body });

export const notAllowed = (method: string): ApiResponse => iamError(405, 'ERR_METHOD_NOT_ALLOWED', `Method ${method} is not allowed here.`);

/** What reading part of a request gave: a value, or the answer to give instead. */
export type Read<T> = { value: T; answer?: undefined } | { answer: ApiResponse };

const invalid = (description: string): { answer: ApiResponse } => ({ answer: iamError(400, 'ERR_INVALID_DATA', description) });

/** A JSON object body (absent counts as `{}`). */
export function objectBody(body: unknown): Read<Record<string, unknown>> {
  if (body === undefined || body === '') return { value: {} };
  const parsed = jsonBody(body);
  if (!parsed.ok) return invalid(`Request has bad JSON: ${parsed.error}`);
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid('Request body must be a JSON object.');
  return { value: value as Record<string, unknown> };
}

/** An optional string field. */
export function stringField(body: Record<string, unknown>, name: string): Read<string | undefined> {
  const v = body[name];
  if (v !== undefined && typeof v !== 'string') return invalid(`'${name}' must be a string.`);
  return { value: v };
}

/** An id (uid or gid) as IAM accepts it (inferred from its error pattern): letters, digits, `@._-`, 1–96 characters. */
export const validId = (id: string): boolean => /^[A-Za-z0-9@._-]{1,96}$/.test(id);

/** Several optional string fields at once. */
export function stringFields<K extends string>(body: Record<string, unknown>, ...names: K[]): Read<Partial<Record<K, string>>> {
  const out: Partial<Record<K, string>> = {};
  for (const name of names) {
    const read = stringField(body, name);
    if (read.answer) return read;
    if (read.value !== undefined) out[name] = read.value;
  }
  return { value: out };
}
