/**
 * The Secrets page's calls to the secret store (`/secrets/v1`, docs/secrets.md) through the cluster store, as the
 * DC/OS UI's SecretActions make them: list every path, read one (a value, or a file secret's text), create (PUT),
 * update (PATCH) and delete. A refusal keeps its status and the store's message, or the UI's words for it.
 */
import type { ApiRequest, ApiResponse } from '../../../api/types.ts';
import { LIST_URL, secretUrl } from './secret-paths.ts';

export type Requester = (req: ApiRequest) => Promise<ApiResponse>;
export interface SecretsProblem {
  /** 0: no answer at all. */
  status: number;
  message: string;
}
export type Result<T> = { ok: true; value: T } | { ok: false; problem: SecretsProblem };

/** Key-Value Pair (`{"value"}` in JSON) or File (the bytes, `application/octet-stream`): the form's two types. */
export type SecretKind = 'text' | 'file';

export interface SecretValue {
  kind: SecretKind;
  value: string;
}

export interface SecretWrite extends SecretValue {
  description?: string;
}

/** The store's `message` (its `{"code","message"}`), a plain-text body, else the DC/OS UI's fixed sentence. */
export function storeMessage(body: unknown): string {
  if (typeof body === 'object' && body !== null) {
    const message = (body as { message?: unknown }).message;
    if (typeof message === 'string' && message) return message;
  }
  if (typeof body === 'string' && body.trim() && !body.trimStart().startsWith('<')) return body.trim();
  return 'An error has occurred.';
}

function headerOf(res: ApiResponse, name: string): string {
  const key = Object.keys(res.headers ?? {}).find((k) => k.toLowerCase() === name);
  return key ? (res.headers?.[key] ?? '') : '';
}

/** A read's answer: a file secret comes as its bytes, a value as `{"value"}`. */
export function secretValueOf(res: ApiResponse): SecretValue {
  if (headerOf(res, 'content-type').startsWith('application/octet-stream') || typeof res.body === 'string')
    return { kind: 'file', value: typeof res.body === 'string' ? res.body : '' };
  const value = (res.body as { value?: unknown } | null)?.value;
  return { kind: 'text', value: typeof value === 'string' ? value : '' };
}

/** The request that writes a secret: JSON with the value (and description), or a file's text as bytes. */
export function writeRequest(method: 'PUT' | 'PATCH', path: string, secret: SecretWrite): ApiRequest {
  if (secret.kind === 'file')
    return { method, path: secretUrl(path), body: secret.value, headers: { 'Content-Type': 'application/octet-stream' } };
  const description = secret.description?.trim();
  return {
    method,
    path: secretUrl(path),
    body: description ? { value: secret.value, description } : { value: secret.value },
    headers: { 'Content-Type': 'application/json' },
  };
}

export class SecretsClient {
  readonly #request: Requester;

  constructor(request: Requester) {
    this.#request = request;
  }

  async #call(req: ApiRequest): Promise<Result<ApiResponse>> {
    let res: ApiResponse;
    try {
      res = await this.#request(req);
    } catch (e) {
      return { ok: false, problem: { status: 0, message: e instanceof Error ? e.message : String(e) } };
    }
    if (res.status >= 200 && res.status < 300) return { ok: true, value: res };
    return { ok: false, problem: { status: res.status, message: storeMessage(res.body) } };
  }

  /** Every secret's full path. */
  async list(): Promise<Result<string[]>> {
    const r = await this.#call({ method: 'GET', path: LIST_URL });
    if (!r.ok) return r;
    const array = (r.value.body as { array?: unknown } | null)?.array;
    return { ok: true, value: Array.isArray(array) ? array.filter((p): p is string => typeof p === 'string') : [] };
  }

  async read(path: string): Promise<Result<SecretValue>> {
    const r = await this.#call({ method: 'GET', path: secretUrl(path) });
    return r.ok ? { ok: true, value: secretValueOf(r.value) } : r;
  }

  async create(path: string, secret: SecretWrite): Promise<Result<null>> {
    const r = await this.#call(writeRequest('PUT', path, secret));
    return r.ok ? { ok: true, value: null } : r;
  }

  async update(path: string, secret: SecretWrite): Promise<Result<null>> {
    const r = await this.#call(writeRequest('PATCH', path, secret));
    return r.ok ? { ok: true, value: null } : r;
  }

  async remove(path: string): Promise<Result<null>> {
    const r = await this.#call({ method: 'DELETE', path: secretUrl(path) });
    return r.ok ? { ok: true, value: null } : r;
  }
}
