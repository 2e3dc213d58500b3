/** `/acs/api/v1/acls[/{rid}[/users/{uid}/{action}|/groups/{gid}/{action}|/permissions]]` (PLATFORM.md G.2). */
import { iamOf, writableIam, type IamAcl } from '../../engine/iam/model.ts';
import { parseActions, validRid } from '../../engine/iam/permissions.ts';
import type { ApiContext } from '../service.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { created, iamError, json, noContent, notAllowed, objectBody, stringField } from './answer.ts';
import { unknownGroup } from './groups.ts';
import { unknownUser } from './users.ts';

const aclShape = (a: IamAcl): Record<string, unknown> => ({
  rid: a.rid,
  url: `/acs/api/v1/acls/${encodeURIComponent(a.rid)}`,
  description: a.description,
});

const unknownAcl = (rid: string): ApiResponse => iamError(404, 'ERR_UNKNOWN_RESOURCE_ID', `ACL for resource ID \`${rid}\` not found.`);

function createAcl(api: ApiContext, rid: string, body: unknown): ApiResponse {
  if (!validRid(rid)) return iamError(400, 'ERR_INVALID_RESOURCE_ID', `Invalid resource ID: \`${rid}\`.`);
  const read = objectBody(body);
  if (read.answer) return read.answer;
  const description = stringField(read.value, 'description');
  if (description.answer) return description.answer;
  if (iamOf(api.state).acls[rid]) return iamError(409, 'ERR_ACL_EXISTS', `ACL for resource ID \`${rid}\` already exists.`);
  writableIam(api.state).acls[rid] = { rid, description: description.value ?? '', users: {}, groups: {} };
  return created();
}

/** `PUT|DELETE …/acls/{rid}/{users|groups}/{id}/{action}`; `GET …/acls/{rid}/{users|groups}/{id}` lists the actions. */
function grant(
  api: ApiContext,
  req: ApiRequest,
  rid: string,
  kind: 'users' | 'groups',
  id: string,
  action: string | undefined,
): ApiResponse {
  const iam = iamOf(api.state);
  if (!iam.acls[rid]) return unknownAcl(rid);
  if (kind === 'users' ? !iam.users[id] : !iam.groups[id]) return kind === 'users' ? unknownUser(id) : unknownGroup(id);
  const held = iam.acls[rid][kind][id] ?? [];
  if (action === undefined) {
    if (req.method !== 'GET') return notAllowed(req.method);
    return json({ actions: held.map((name) => ({ name, url: `/acls/${encodeURIComponent(rid)}/${kind}/${id}/${name}` })) });
  }
  const actions = parseActions(action);
  if (!actions)
    return iamError(400, 'ERR_INVALID_ACTION', `Invalid action \`${action}\`: give create, read, update, delete or full, comma-separated.`);
  if (req.method === 'GET') return json({ allowed: actions.every((a) => held.includes(a) || held.includes('full')) });
  if (req.method !== 'PUT' && req.method !== 'DELETE') return notAllowed(req.method);
  const acl = writableIam(api.state).acls[rid]!;
  if (req.method === 'PUT') {
    acl[kind][id] = [...new Set([...held, ...actions])].sort();
    return noContent();
  }
  if (!actions.some((a) => held.includes(a)))
    return iamError(404, 'ERR_UNKNOWN_PERMISSION', `No \`${action}\` permission on \`${rid}\` to revoke.`);
  const left = held.filter((a) => !actions.includes(a as never));
  if (left.length > 0) acl[kind][id] = left;
  else delete acl[kind][id];
  return noContent();
}

function permissions(acl: IamAcl): Record<string, unknown> {
  const entries = (kind: 'users' | 'groups', key: 'uid' | 'gid'): Record<string, unknown>[] =>
    Object.entries(acl[kind])
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, actions]) => ({ [key]: id, actions: actions.map((name) => ({ name })) }));
  return { users: entries('users', 'uid'), groups: entries('groups', 'gid') };
}

export function acls(api: ApiContext, req: ApiRequest, rest: string[]): ApiResponse {
  const iam = iamOf(api.state);
  const [encoded, sub, id, action, ...more] = rest;
  if (encoded === undefined) {
    if (req.method !== 'GET') return notAllowed(req.method);
    return json({
      array: Object.values(iam.acls)
        .sort((a, b) => a.rid.localeCompare(b.rid))
        .map(aclShape),
    });
  }
  // The router has decoded the segment once; a `/` inside a rid arrives written `%2F` (`%252F` on the wire).
  const rid = encoded.replace(/%2F/gi, '/');
  if (sub === undefined) {
    if (req.method === 'GET') return iam.acls[rid] ? json(aclShape(iam.acls[rid])) : unknownAcl(rid);
    if (req.method === 'PUT') return createAcl(api, rid, req.body);
    if (req.method === 'DELETE') {
      if (!iam.acls[rid]) return unknownAcl(rid);
      delete writableIam(api.state).acls[rid];
      return noContent();
    }
    return notAllowed(req.method);
  }
  if (sub === 'permissions' && id === undefined) {
    if (req.method !== 'GET') return notAllowed(req.method);
    return iam.acls[rid] ? json(permissions(iam.acls[rid])) : unknownAcl(rid);
  }
  if ((sub !== 'users' && sub !== 'groups') || id === undefined || more.length > 0) return iamError(404, 'ERR_NOT_FOUND', 'Not found.');
  return grant(api, req, rid, sub, id, action);
}
