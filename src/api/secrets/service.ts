/**
 * The secret store behind `/secrets/v1` (Enterprise DC/OS; PLATFORM.md G.3; docs/secrets.md): create (`PUT`, 201),
 * read (`GET`, `{"value"}` or a file's bytes), update (`PATCH`, 204), delete (`DELETE`, 204) and list
 * (`GET …?list=true`, `{"array"}`) under `/secrets/v1/secret/default/{path}`, as dcos-commons' SecretsClient and
 * dcos-ui's SecretActions call them. Every call needs the caller's permission on the secret's path (secret-authz.ts);
 * Admin Router has already asked for `dcos:adminrouter:secrets`.
 */
import type { IamAction } from '../../engine/iam/permissions.ts';
import { DEFAULT_STORE, hasSecret, secretPathProblem, secretPathsUnder, secretsOf, writableSecrets } from '../../engine/secrets/store.ts';
import { headerOf, identify } from '../iam/identity.ts';
import { jsonBody, queryFlag } from '../http.ts';
import type { ApiContext, ApiService } from '../service.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { mayList, mayUse, secretsError } from './secret-authz.ts';

const ACTION_OF: Record<ApiRequest['method'], IamAction | null> = {
  GET: 'read',
  PUT: 'create',
  PATCH: 'update',
  DELETE: 'delete',
  POST: null,
};

const noContent = (status: 201 | 204): ApiResponse => ({ status, body: '' });

/** The value (and optional description and author) a write carries: JSON `{"value"}`, or a file's bytes. */
function readWrite(
  req: ApiRequest,
): { secret: { value: string; kind: 'value' | 'file'; description?: string; author?: string } } | { answer: ApiResponse } {
  if ((headerOf(req, 'Content-Type') ?? '').toLowerCase().startsWith('application/octet-stream')) {
    if (typeof req.body !== 'string') return { answer: secretsError(400, 'ERR_INVALID_DATA', 'A file secret must be sent as its bytes.') };
    return { secret: { value: req.body, kind: 'file' } };
  }
  const parsed = jsonBody(req.body ?? '');
  if (!parsed.ok) return { answer: secretsError(400, 'ERR_INVALID_DATA', `Request has bad JSON: ${parsed.error}`) };
  const body = parsed.value;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { answer: secretsError(400, 'ERR_INVALID_DATA', 'Request body must be a JSON object with a string "value".') };
  const fields = body as Record<string, unknown>;
  if (typeof fields.value !== 'string') return { answer: secretsError(400, 'ERR_INVALID_DATA', '"value" must be a string.') };
  for (const name of ['description', 'author'] as const)
    if (fields[name] !== undefined && typeof fields[name] !== 'string')
      return { answer: secretsError(400, 'ERR_INVALID_DATA', `"${name}" must be a string.`) };
  return {
    secret: {
      value: fields.value,
      kind: 'value',
      ...(typeof fields.description === 'string' ? { description: fields.description } : {}),
      ...(typeof fields.author === 'string' ? { author: fields.author } : {}),
    },
  };
}

function list(api: ApiContext, uid: string, prefix: string): ApiResponse {
  if (prefix !== '') {
    const problem = secretPathProblem(prefix);
    if (problem) return secretsError(400, 'ERR_INVALID_PATH', problem);
  }
  if (!mayList(api.state, uid, prefix)) return secretsError(403, 'ERR_FORBIDDEN', `Not allowed to list secrets under '/${prefix}'.`);
  return { status: 200, body: { array: secretPathsUnder(api.state, prefix) } };
}

function secret(api: ApiContext, req: ApiRequest, uid: string, path: string): ApiResponse {
  const problem = secretPathProblem(path);
  if (problem) return secretsError(400, 'ERR_INVALID_PATH', problem);
  const action = ACTION_OF[req.method];
  if (action === null) return secretsError(405, 'ERR_METHOD_NOT_ALLOWED', `Method ${req.method} is not allowed here.`);
  if (!mayUse(api.state, uid, path, action)) return secretsError(403, 'ERR_FORBIDDEN', `Not allowed to ${action} the secret '${path}'.`);
  const exists = hasSecret(api.state, path);
  const missing = (): ApiResponse => secretsError(404, 'ERR_NOT_FOUND', `Secret '${path}' not found.`);
  if (action === 'read') {
    if (!exists) return missing();
    const stored = secretsOf(api.state).secrets[path]!;
    return stored.kind === 'file'
      ? { status: 200, body: stored.value, headers: { 'Content-Type': 'application/octet-stream' } }
      : { status: 200, body: { value: stored.value }, headers: { 'Content-Type': 'application/json' } };
  }
  if (action === 'delete') {
    if (!exists) return missing();
    delete writableSecrets(api.state).secrets[path];
    return noContent(204);
  }
  if (action === 'create' && exists) return secretsError(409, 'ERR_ALREADY_EXISTS', `Secret '${path}' already exists.`);
  if (action === 'update' && !exists) return missing();
  const read = readWrite(req);
  if ('answer' in read) return read.answer;
  writableSecrets(api.state).secrets[path] = read.secret;
  return noContent(action === 'create' ? 201 : 204);
}

export const secretsService: ApiService = {
  prefix: 'secrets/v1',
  handle: (api, { req, segments, query }) => {
    const [resource, store, ...rest] = segments;
    if (resource !== 'secret' || store === undefined) return secretsError(404, 'ERR_NOT_FOUND', 'Not found.');
    if (store !== DEFAULT_STORE) return secretsError(404, 'ERR_STORE_NOT_FOUND', `Store '${store}' not found.`);
    const uid = identify(api, req);
    if (uid === null) return secretsError(401, 'ERR_UNAUTHORIZED', 'Authentication required.');
    const path = rest.join('/');
    if (req.method === 'GET' && queryFlag(query, 'list')) return list(api, uid, path);
    return secret(api, req, uid, path);
  },
  refuse: (problem) =>
    secretsError(problem.kind === 'too-large' ? 413 : problem.kind === 'too-deep' ? 400 : 500, 'ERR_INVALID_DATA', problem.kind),
};
