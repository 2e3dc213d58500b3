/** `/v2/groups`: read, create, update and delete groups of apps and pods. */
import { readContextOf } from '../../engine/marathon/read-context.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { deployGroup, patchGroup, removeGroup, scaleGroup } from '../../engine/marathon/operations.ts';
import { readGroup } from '../../common/marathon/validate-group.ts';
import { normalizePath } from '../../common/marathon/path-id.ts';
import { recordOf } from '../../engine/marathon/store.ts';
import { jsonBody, methodNotAllowed, queryFlag } from '../http.ts';
import type { Json } from './json.ts';
import { groupJson } from './groups.ts';
import type { ApiContext } from '../service.ts';
import type { MarathonGroup } from '../shapes/marathon.ts';
import { residentPlanRefusal } from './resident-updates.ts';
import { createdAt, json, started, message, deployed } from './answer.ts';

export function groups(api: ApiContext, req: ApiRequest, rest: string[], query: URLSearchParams): ApiResponse {
  const { state, ctx } = api;
  const id = normalizePath(rest.join('/'));
  const force = queryFlag(query, 'force');
  switch (req.method) {
    case 'GET': {
      const group = groupJson(state, id);
      return group ? json<MarathonGroup>(200, group) : message(404, `Group '${id}' does not exist`);
    }
    case 'POST':
    case 'PUT': {
      const body = jsonBody(req.body);
      if (!body.ok) return json(400, { message: 'Invalid JSON', details: body.error });
      const raw =
        typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value) ? { ...(body.value as Json) } : body.value;
      if (req.method === 'PUT' && isScale(raw)) return scale(api, id, raw, force);
      if (req.method === 'PUT' && typeof raw === 'object' && raw !== null) (raw as Json).id ??= id;
      if (
        req.method === 'POST' &&
        rest.length > 0 &&
        typeof raw === 'object' &&
        raw !== null &&
        typeof (raw as Json).id === 'string' &&
        !String((raw as Json).id).startsWith('/')
      ) {
        (raw as Json).id = normalizePath(String((raw as Json).id), id);
      }
      const read = readGroup(raw, readContextOf(state.marathon, id, force));
      if (!read.ok) return json(read.status, read.body);
      // The root group always exists: POST never creates it (Marathon's GroupsResource).
      if (req.method === 'POST' && groupJson(state, read.group.id))
        return message(409, `Group ${read.group.id} is already created. Use PUT to change this group.`);
      if (req.method === 'POST' && recordOf(state.marathon, read.group.id))
        return message(409, `An app with the path ${read.group.id} already exists.`);
      const refused = residentPlanRefusal(state.marathon, read.group.apps);
      if (refused) return json(422, refused);
      return deployed(deployGroup(ctx, state, read.group, req.method === 'PUT', force), (dep) =>
        req.method === 'POST' ? createdAt(started(201, dep), state, read.group.id) : started(200, dep),
      );
    }
    case 'PATCH': {
      const body = jsonBody(req.body);
      if (!body.ok) return json(400, { message: 'Invalid JSON', details: body.error });
      const value = body.value as Json | null;
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return json(422, { message: 'Invalid JSON', details: [{ path: '/', errors: ['error.expected.jsobject'] }] });
      if (value.enforceRole !== undefined && value.enforceRole !== null && typeof value.enforceRole !== 'boolean')
        return json(422, { message: 'Invalid JSON', details: [{ path: '/enforceRole', errors: ['error.expected.jsboolean'] }] });
      const done = patchGroup(state, id, typeof value.enforceRole === 'boolean' ? value.enforceRole : undefined);
      return done.ok ? json(200, '') : json(done.status, done.body);
    }
    case 'DELETE':
      return deployed(removeGroup(ctx, state, id, force), (dep) => started(200, dep));
  }
  return methodNotAllowed(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], req.method);
}

/** The fields of Marathon's `GroupUpdate` (and the sandbox's `pods`): `scaleBy` must be the only one given. */
const GROUP_UPDATE_FIELDS = ['id', 'apps', 'groups', 'pods', 'dependencies', 'scaleBy', 'version', 'enforceRole'];

const isScale = (raw: unknown): raw is Json => typeof raw === 'object' && raw !== null && (raw as Json).scaleBy != null;

/** PUT with `scaleBy` (`GroupsResource.update`): read as a non-negative number, alone, then every app below scaled. */
function scale(api: ApiContext, id: string, raw: Json, force: boolean): ApiResponse {
  const factor = raw.scaleBy;
  const invalid = (error: string) => json(422, { message: 'Invalid JSON', details: [{ path: '/scaleBy', errors: [error] }] });
  if (typeof factor !== 'number') return invalid('error.expected.jsnumber');
  if (factor < 0) return invalid('error.min');
  if (GROUP_UPDATE_FIELDS.filter((f) => raw[f] != null).length !== 1)
    return json(422, {
      message: 'Object is not valid',
      details: [{ path: '/scaleBy', errors: ['not allowed in conjunction with other properties.'] }],
    });
  return deployed(scaleGroup(api.ctx, api.state, id, factor, force), (dep) => started(200, dep));
}
