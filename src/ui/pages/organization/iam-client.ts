/**
 * The Organization page's calls to IAM (`/acs/api/v1`, docs/iam.md) through the cluster store: users, service
 * accounts, groups, memberships and grants. Every call answers a `Result` whose problem reads as ProblemNote shows it.
 */
import type { ApiRequest, ApiResponse } from '../../../api/types.ts';
import type { ApiProblem } from '../services/marathon-types.ts';
import { permissionRows, type PermissionRow } from './permission-rows.ts';

export type Requester = (req: ApiRequest) => Promise<ApiResponse>;
export type Result<T> = { ok: true; value: T } | { ok: false; problem: ApiProblem };

/** A user or service account as `GET /acs/api/v1/users` lists it. */
export interface Account {
  uid: string;
  description: string;
}

export interface Group {
  gid: string;
  description: string;
}

export const IAM = '/acs/api/v1';

/** A rid in a path: each `/` written `%2F` before the segment's own encoding (`%252F` on the wire), as IAM wants it. */
export const ridPath = (rid: string): string => encodeURIComponent(rid.replace(/\//g, '%2F'));

const seg = encodeURIComponent;

/**
 * The words of a refusal: IAM's `description`, Marathon's `message`, the title of Admin Router's HTML page
 * (`Access Denied`), else the status.
 */
export function problemMessage(status: number, body: unknown): string {
  if (typeof body === 'object' && body !== null) {
    const b = body as { description?: unknown; message?: unknown };
    if (typeof b.description === 'string' && b.description) return b.description;
    if (typeof b.message === 'string' && b.message) return b.message;
  }
  if (typeof body === 'string') {
    const title = /<title>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
    if (title) return title;
    if (body.trim() && !body.trimStart().startsWith('<')) return body.trim();
  }
  return `HTTP ${status}`;
}

export const problemOf = (status: number, message: string): ApiProblem => ({ status, message, details: [], deployments: [] });

function arrayOf<T>(body: unknown, key: 'array' | 'users' | 'groups'): T[] {
  const list = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  return Array.isArray(list) ? (list as T[]) : [];
}

export class IamClient {
  readonly #request: Requester;

  constructor(request: Requester) {
    this.#request = request;
  }

  async #call(method: ApiRequest['method'], path: string, body?: unknown): Promise<Result<unknown>> {
    let res: ApiResponse;
    try {
      res = await this.#request(body === undefined ? { method, path } : { method, path, body });
    } catch (e) {
      return { ok: false, problem: problemOf(0, e instanceof Error ? e.message : String(e)) };
    }
    if (res.status >= 200 && res.status < 300) return { ok: true, value: res.body };
    return { ok: false, problem: problemOf(res.status, problemMessage(res.status, res.body)) };
  }

  async #list<T>(path: string, key: 'array' = 'array'): Promise<Result<T[]>> {
    const r = await this.#call('GET', path);
    return r.ok ? { ok: true, value: arrayOf<T>(r.value, key) } : r;
  }

  accounts(service: boolean): Promise<Result<Account[]>> {
    return this.#list(`${IAM}/users${service ? '?type=service' : ''}`);
  }

  groups(): Promise<Result<Group[]>> {
    return this.#list(`${IAM}/groups`);
  }

  /** `PUT …/users/{uid}`: a user with `password`, or a service account with `public_key`. */
  createAccount(uid: string, fields: { description: string; password?: string; public_key?: string }): Promise<Result<unknown>> {
    return this.#call('PUT', `${IAM}/users/${seg(uid)}`, fields);
  }

  deleteAccount(uid: string): Promise<Result<unknown>> {
    return this.#call('DELETE', `${IAM}/users/${seg(uid)}`);
  }

  createGroup(gid: string, description: string): Promise<Result<unknown>> {
    return this.#call('PUT', `${IAM}/groups/${seg(gid)}`, { description });
  }

  deleteGroup(gid: string): Promise<Result<unknown>> {
    return this.#call('DELETE', `${IAM}/groups/${seg(gid)}`);
  }

  /** The groups a user belongs to. */
  async groupsOf(uid: string): Promise<Result<Group[]>> {
    const r = await this.#list<{ group: Group }>(`${IAM}/users/${seg(uid)}/groups`);
    return r.ok ? { ok: true, value: r.value.map((m) => m.group) } : r;
  }

  async members(gid: string): Promise<Result<Account[]>> {
    const r = await this.#list<{ user: Account }>(`${IAM}/groups/${seg(gid)}/users`);
    return r.ok ? { ok: true, value: r.value.map((m) => m.user) } : r;
  }

  setMember(gid: string, uid: string, member: boolean): Promise<Result<unknown>> {
    return this.#call(member ? 'PUT' : 'DELETE', `${IAM}/groups/${seg(gid)}/users/${seg(uid)}`);
  }

  /** A user's permissions, its own and its groups' (`GET …/users/{uid}/permissions`). */
  async userPermissions(uid: string): Promise<Result<PermissionRow[]>> {
    const r = await this.#call('GET', `${IAM}/users/${seg(uid)}/permissions`);
    return r.ok ? { ok: true, value: permissionRows(r.value) } : r;
  }

  /** A group's permissions: IAM has no route for them, so every ACL's grants are read and the group's kept. */
  async groupPermissions(gid: string): Promise<Result<PermissionRow[]>> {
    const acls = await this.#list<{ rid: string; description: string }>(`${IAM}/acls`);
    if (!acls.ok) return acls;
    const rows: PermissionRow[] = [];
    for (const acl of acls.value) {
      const held = await this.#call('GET', `${IAM}/acls/${ridPath(acl.rid)}/permissions`);
      if (!held.ok) return held;
      const mine = arrayOf<{ gid: string; actions: { name: string }[] }>(held.value, 'groups').find((g) => g.gid === gid);
      if (mine) rows.push({ rid: acl.rid, description: acl.description, actions: mine.actions.map((a) => a.name), removable: true });
    }
    return { ok: true, value: rows };
  }

  /**
   * Grant `actions` on `rid` to a user or group, creating the ACL first (described by its rid, as the DC/OS UI
   * does) when IAM does not know it; a 409 there means it already exists, which is what was wanted.
   */
  async grant(kind: 'users' | 'groups', id: string, rid: string, actions: readonly string[]): Promise<Result<unknown>> {
    const acl = `${IAM}/acls/${ridPath(rid)}`;
    const known = await this.#call('GET', acl);
    if (!known.ok) {
      if (known.problem.status !== 404) return known;
      const made = await this.#call('PUT', acl, { description: rid });
      if (!made.ok && made.problem.status !== 409) return made;
    }
    return this.#call('PUT', `${acl}/${kind}/${seg(id)}/${actions.join(',')}`);
  }

  revoke(kind: 'users' | 'groups', id: string, rid: string, actions: readonly string[]): Promise<Result<unknown>> {
    return this.#call('DELETE', `${IAM}/acls/${ridPath(rid)}/${kind}/${seg(id)}/${actions.join(',')}`);
  }
}
