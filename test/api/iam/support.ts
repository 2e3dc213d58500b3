/** Helpers for the IAM tests: a small cluster, signing in, and requests as a user. */
import type { Sandbox } from '../../../src/sandbox/index.ts';
import type { ApiResponse, HttpMethod } from '../../../src/api/types.ts';
import { boot } from '../../support/marathon.ts';

export const AGENTS = [{ hostname: 'agent', count: 2, resources: { cpus: 8, mem: 16384, disk: 8192, gpus: 0 } }];

export const cluster = (): Promise<Sandbox> => boot(AGENTS);

export const req = (sb: Sandbox, method: HttpMethod, path: string, body?: unknown, token?: string): ApiResponse =>
  sb.request({
    method,
    path,
    ...(body !== undefined ? { body } : {}),
    ...(token !== undefined ? { headers: { Authorization: `token=${token}` } } : {}),
  });

export function login(sb: Sandbox, uid: string, password: string): string {
  const res = req(sb, 'POST', '/acs/api/v1/auth/login', { uid, password });
  if (res.status !== 200) throw new Error(`login ${uid}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { token: string }).token;
}

/** A user with a password and nothing granted; returns its token. */
export function user(sb: Sandbox, uid: string): string {
  expect201(req(sb, 'PUT', `/acs/api/v1/users/${uid}`, { description: `${uid}'s`, password: `${uid}-secret` }));
  return login(sb, uid, `${uid}-secret`);
}

export const rid = (r: string): string => encodeURIComponent(r.replace(/\//g, '%2F'));

/** Create the ACL if need be and grant `action` on it to `uid` (or to group `gid` with `kind` groups). */
export function grant(sb: Sandbox, r: string, id: string, action: string, kind: 'users' | 'groups' = 'users'): void {
  req(sb, 'PUT', `/acs/api/v1/acls/${rid(r)}`, { description: r });
  const res = req(sb, 'PUT', `/acs/api/v1/acls/${rid(r)}/${kind}/${id}/${action}`);
  if (res.status !== 204) throw new Error(`grant ${r} ${id} ${action}: ${res.status} ${JSON.stringify(res.body)}`);
}

function expect201(res: ApiResponse): void {
  if (res.status !== 201) throw new Error(`expected 201, got ${res.status} ${JSON.stringify(res.body)}`);
}

export const app = (id: string): Record<string, unknown> => ({ id, cmd: 'sleep 1000', cpus: 0.1, mem: 32, instances: 1 });
