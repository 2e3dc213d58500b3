/** `/acs/api/v1/users[/{uid}[/permissions|/groups]]`: users and service accounts (PLATFORM.md G.1, G.2). */
import { passwordHash, writableIam, iamOf, type IamState, type IamUser } from '../../engine/iam/model.ts';
import { groupsOf } from '../../engine/iam/permissions.ts';
import type { ApiContext } from '../service.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { created, iamError, json, noContent, notAllowed, objectBody, stringFields, validId } from './answer.ts';

/** A user as IAM answers it: never its password. */
export function userShape(user: IamUser): Record<string, unknown> {
  return {
    uid: user.uid,
    url: `/acs/api/v1/users/${user.uid}`,
    description: user.description,
    is_remote: false,
    is_service: user.isService,
    provider_type: 'internal',
    provider_id: '',
    ...(user.publicKey !== undefined ? { public_key: user.publicKey } : {}),
  };
}

export const unknownUser = (uid: string): ApiResponse => iamError(404, 'ERR_UNKNOWN_USER_ID', `User with uid \`${uid}\` not known.`);

function actionsOf(url: string, actions: string[]): Record<string, unknown>[] {
  return actions.map((name) => ({ name, url: `${url}/${name}` }));
}

/** `GET …/users/{uid}/permissions`: the grants to the user, then those to each of its groups. */
export function permissionsOf(iam: IamState, uid: string): Record<string, unknown> {
  const direct: Record<string, unknown>[] = [];
  const groups: Record<string, unknown>[] = [];
  const gids = groupsOf(iam, uid);
  for (const acl of Object.values(iam.acls).sort((a, b) => a.rid.localeCompare(b.rid))) {
    const base = { rid: acl.rid, description: acl.description, aclurl: `/acls/${encodeURIComponent(acl.rid)}` };
    const mine = acl.users[uid];
    if (mine) direct.push({ ...base, actions: actionsOf(`/acls/${encodeURIComponent(acl.rid)}/users/${uid}`, mine) });
    for (const gid of gids) {
      const theirs = acl.groups[gid];
      if (theirs)
        groups.push({
          ...base,
          gid,
          membershipurl: `/groups/${gid}/users/${uid}`,
          actions: actionsOf(`/acls/${encodeURIComponent(acl.rid)}/groups/${gid}`, theirs),
        });
    }
  }
  return { direct, groups };
}

function createUser(api: ApiContext, uid: string, body: unknown): ApiResponse {
  if (!validId(uid)) return iamError(400, 'ERR_INVALID_USER_ID', `Invalid user ID: \`${uid}\`.`);
  const read = objectBody(body);
  if (read.answer) return read.answer;
  const fields = stringFields(read.value, 'description', 'password', 'public_key');
  if (fields.answer) return fields.answer;
  const { description, password, public_key: publicKey } = fields.value;
  if ((password === undefined) === (publicKey === undefined))
    return iamError(400, 'ERR_INVALID_DATA', "Give either 'password' (a user) or 'public_key' (a service account).");
  if (password !== undefined && password.length < 5)
    return iamError(400, 'ERR_INVALID_DATA', 'Password must be at least 5 characters long.');
  if (iamOf(api.state).users[uid]) return iamError(409, 'ERR_USER_EXISTS', `User with uid \`${uid}\` already exists.`);
  const user: IamUser = { uid, description: description ?? '', isService: publicKey !== undefined };
  if (password !== undefined) user.passwordHash = passwordHash(uid, password);
  if (publicKey !== undefined) user.publicKey = publicKey;
  writableIam(api.state).users[uid] = user;
  return created();
}

function updateUser(api: ApiContext, uid: string, body: unknown): ApiResponse {
  if (!iamOf(api.state).users[uid]) return unknownUser(uid);
  const read = objectBody(body);
  if (read.answer) return read.answer;
  const fields = stringFields(read.value, 'description', 'password');
  if (fields.answer) return fields.answer;
  const { description, password } = fields.value;
  if (password !== undefined && password.length < 5)
    return iamError(400, 'ERR_INVALID_DATA', 'Password must be at least 5 characters long.');
  if (password !== undefined && iamOf(api.state).users[uid]!.isService)
    return iamError(400, 'ERR_INVALID_DATA', 'A service account has no password.');
  const user = writableIam(api.state).users[uid]!;
  if (description !== undefined) user.description = description;
  if (password !== undefined) user.passwordHash = passwordHash(uid, password);
  return noContent();
}

function deleteUser(api: ApiContext, uid: string): ApiResponse {
  if (!iamOf(api.state).users[uid]) return unknownUser(uid);
  const iam = writableIam(api.state);
  delete iam.users[uid];
  for (const g of Object.values(iam.groups)) g.members = g.members.filter((m) => m !== uid);
  for (const acl of Object.values(iam.acls)) delete acl.users[uid];
  return noContent();
}

export function users(api: ApiContext, req: ApiRequest, rest: string[], query: URLSearchParams): ApiResponse {
  const iam = iamOf(api.state);
  const [uid, sub, ...more] = rest;
  if (uid === undefined) {
    if (req.method !== 'GET') return notAllowed(req.method);
    const services = query.get('type') === 'service';
    const list = Object.values(iam.users)
      .filter((u) => u.isService === services)
      .sort((a, b) => a.uid.localeCompare(b.uid));
    return json({ array: list.map(userShape) });
  }
  if (sub === undefined) {
    if (req.method === 'GET') return iam.users[uid] ? json(userShape(iam.users[uid])) : unknownUser(uid);
    if (req.method === 'PUT') return createUser(api, uid, req.body);
    if (req.method === 'PATCH') return updateUser(api, uid, req.body);
    if (req.method === 'DELETE') return deleteUser(api, uid);
    return notAllowed(req.method);
  }
  if (more.length > 0 || (sub !== 'permissions' && sub !== 'groups')) return iamError(404, 'ERR_NOT_FOUND', 'Not found.');
  if (req.method !== 'GET') return notAllowed(req.method);
  if (!iam.users[uid]) return unknownUser(uid);
  if (sub === 'permissions') return json(permissionsOf(iam, uid));
  return json({
    array: groupsOf(iam, uid).map((gid) => ({
      membershipurl: `/groups/${gid}/users/${uid}`,
      group: { gid, url: `/acs/api/v1/groups/${gid}`, description: iam.groups[gid]!.description },
    })),
  });
}
