/** `/acs/api/v1/groups[/{gid}[/users[/{uid}]|/permissions]]` (PLATFORM.md G.2). */
import { iamOf, writableIam, type IamGroup } from '../../engine/iam/model.ts';
import type { ApiContext } from '../service.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { created, iamError, json, noContent, notAllowed, objectBody, stringField, validId } from './answer.ts';
import { unknownUser, userShape } from './users.ts';

const groupShape = (g: IamGroup): Record<string, unknown> => ({
  gid: g.gid,
  url: `/acs/api/v1/groups/${g.gid}`,
  description: g.description,
});

export const unknownGroup = (gid: string): ApiResponse => iamError(404, 'ERR_UNKNOWN_GROUP_ID', `Group with gid \`${gid}\` not known.`);

function createGroup(api: ApiContext, gid: string, body: unknown): ApiResponse {
  if (!validId(gid)) return iamError(400, 'ERR_INVALID_GROUP_ID', `Invalid group ID: \`${gid}\`.`);
  const read = objectBody(body);
  if (read.answer) return read.answer;
  const description = stringField(read.value, 'description');
  if (description.answer) return description.answer;
  if (iamOf(api.state).groups[gid]) return iamError(409, 'ERR_GROUP_EXISTS', `Group with gid \`${gid}\` already exists.`);
  writableIam(api.state).groups[gid] = { gid, description: description.value ?? '', members: [] };
  return created();
}

function updateGroup(api: ApiContext, gid: string, body: unknown): ApiResponse {
  if (!iamOf(api.state).groups[gid]) return unknownGroup(gid);
  const read = objectBody(body);
  if (read.answer) return read.answer;
  const description = stringField(read.value, 'description');
  if (description.answer) return description.answer;
  if (description.value !== undefined) writableIam(api.state).groups[gid]!.description = description.value;
  return noContent();
}

function deleteGroup(api: ApiContext, gid: string): ApiResponse {
  if (!iamOf(api.state).groups[gid]) return unknownGroup(gid);
  const iam = writableIam(api.state);
  delete iam.groups[gid];
  for (const acl of Object.values(iam.acls)) delete acl.groups[gid];
  return noContent();
}

function membership(api: ApiContext, req: ApiRequest, gid: string, uid: string): ApiResponse {
  const iam = iamOf(api.state);
  if (!iam.groups[gid]) return unknownGroup(gid);
  if (!iam.users[uid]) return unknownUser(uid);
  const isMember = iam.groups[gid].members.includes(uid);
  if (req.method === 'PUT') {
    if (isMember) return iamError(409, 'ERR_MEMBERSHIP_EXISTS', `User \`${uid}\` is already a member of group \`${gid}\`.`);
    writableIam(api.state).groups[gid]!.members.push(uid);
    return noContent();
  }
  if (req.method === 'DELETE') {
    if (!isMember) return iamError(404, 'ERR_UNKNOWN_MEMBERSHIP', `User \`${uid}\` is not a member of group \`${gid}\`.`);
    const group = writableIam(api.state).groups[gid]!;
    group.members = group.members.filter((m) => m !== uid);
    return noContent();
  }
  return notAllowed(req.method);
}

export function groups(api: ApiContext, req: ApiRequest, rest: string[]): ApiResponse {
  const iam = iamOf(api.state);
  const [gid, sub, uid, ...more] = rest;
  if (gid === undefined) {
    if (req.method !== 'GET') return notAllowed(req.method);
    return json({
      array: Object.values(iam.groups)
        .sort((a, b) => a.gid.localeCompare(b.gid))
        .map(groupShape),
    });
  }
  if (sub === undefined) {
    if (req.method === 'GET') return iam.groups[gid] ? json(groupShape(iam.groups[gid])) : unknownGroup(gid);
    if (req.method === 'PUT') return createGroup(api, gid, req.body);
    if (req.method === 'PATCH') return updateGroup(api, gid, req.body);
    if (req.method === 'DELETE') return deleteGroup(api, gid);
    return notAllowed(req.method);
  }
  if (sub !== 'users' || more.length > 0) return iamError(404, 'ERR_NOT_FOUND', 'Not found.');
  if (uid !== undefined) return membership(api, req, gid, uid);
  if (req.method !== 'GET') return notAllowed(req.method);
  const group = iam.groups[gid];
  if (!group) return unknownGroup(gid);
  return json({
    array: group.members.map((m) => ({ membershipurl: `/groups/${gid}/users/${m}`, user: userShape(iam.users[m]!) })),
  });
}
