/** `/v2/apps`: list, create, read, replace, patch, delete, restart, an app's tasks and versions. */
import { readContextOf } from '../../engine/marathon/read-context.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import type { AppDefinition } from '../../common/marathon/app-definition.ts';
import { create, killTasks, remove, replace, restart } from '../../engine/marathon/operations.ts';
import { normalizePath } from '../../common/marathon/path-id.ts';
import { instancesOf, recordOf } from '../../engine/marathon/store.ts';
import { readApp } from '../../common/marathon/validate-app.ts';
import { jsonBody, methodNotAllowed, queryFlag } from '../http.ts';
import { appJson, tasksOfInstance, type Json } from './json.ts';
import { writtenApp } from './app-shape.ts';
import type { ApiContext } from '../service.ts';
import type { AppDefinitionJson } from '../shapes/marathon-definitions.ts';
import type { AppVersionList, MarathonApp, MarathonAppBody, MarathonAppList, MarathonTask, MarathonTaskList } from '../shapes/marathon.ts';
import { appEmbedOf, createdAt, deployed, json, message, readBody, started, withDeployment } from './answer.ts';
import { taskJsonById } from './tasks-route.ts';
import { residentPlanRefusal } from './resident-updates.ts';
import { hasOwn } from '../../common/own.ts';

const APP_SUFFIXES = new Set(['restart', 'tasks', 'versions']);

export function apps(api: ApiContext, req: ApiRequest, rest: string[], query: URLSearchParams): ApiResponse {
  const { state, ctx } = api;
  const m = state.marathon;
  const force = queryFlag(query, 'force');
  const cut = rest.findIndex((s) => APP_SUFFIXES.has(s));
  const idSegments = cut < 0 ? rest : rest.slice(0, cut);
  const suffix = cut < 0 ? [] : rest.slice(cut);
  if (idSegments.length === 0) {
    if (req.method === 'GET') {
      const embed = appEmbedOf(query);
      const filter = query.get('id');
      const list = Object.values(m.runSpecs)
        .filter((r) => r.kind === 'app' && !r.removing && (!filter || r.spec.id.includes(filter)))
        .sort((a, b) => (a.spec.id < b.spec.id ? -1 : 1))
        .map((r) => appJson(state, r, embed, ctx.now));
      return json<MarathonAppList>(200, { apps: list });
    }
    if (req.method === 'POST') {
      const read = readBody(req, '/', state);
      if (!read.ok) return read.response;
      // Marathon answers with the app as posted, before the store assigns its service ports and versions it.
      return deployed(create(ctx, state, { kind: 'app', app: read.app }), (dep) =>
        createdAt(
          withDeployment(
            json<MarathonApp>(201, {
              ...(writtenApp(read.app, { version: dep.version }) as MarathonApp),
              tasksStaged: 0,
              tasksRunning: 0,
              tasksHealthy: 0,
              tasksUnhealthy: 0,
              deployments: [{ id: dep.id }],
            }),
            dep,
          ),
          state,
          read.app.id,
        ),
      );
    }
    return methodNotAllowed(['GET', 'POST'], req.method);
  }
  const id = normalizePath(idSegments.join('/'));
  const record = recordOf(m, id);
  if (suffix.length === 0) {
    switch (req.method) {
      case 'GET':
        if (!record?.app) return message(404, `App '${id}' does not exist`);
        return json<MarathonAppBody>(200, {
          app: appJson(state, record, new Set(['tasks', 'lastTaskFailure', 'counts', ...appEmbedOf(query)]), ctx.now),
        });
      case 'PUT':
      case 'PATCH': {
        const body = jsonBody(req.body);
        if (!body.ok) return json(400, { message: 'Invalid JSON', details: body.error });
        if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value))
          return json(422, { message: 'Invalid JSON', details: [{ path: '/', errors: ['error.expected.jsobject'] }] });
        if (req.method === 'PATCH' && !record?.app) return message(404, `App '${id}' does not exist`);
        // PATCH, and PUT unless ?partialUpdate=false, update an existing app field by field (`AppsResource.update`).
        const partial = record?.app && (req.method === 'PATCH' || query.get('partialUpdate') !== 'false');
        const merged = { ...(partial ? partialBase(record.app!, body.value as Json) : {}), ...(body.value as Json), id };
        const read = readApp(merged, readContextOf(m, '/', force));
        if (!read.ok) return json(read.status, read.body);
        const refused = residentPlanRefusal(m, [read.app]);
        if (refused) return json(422, refused);
        return deployed(replace(ctx, state, { kind: 'app', app: read.app }, force), (dep) =>
          record ? started(200, dep) : createdAt(started(201, dep), state, id),
        );
      }
      case 'DELETE':
        return deployed(remove(ctx, state, 'app', id, force), (dep) => started(200, dep));
    }
    return methodNotAllowed(['GET', 'PUT', 'PATCH', 'DELETE'], req.method);
  }
  const [what, ...more] = suffix;
  // AppTasksResource has GET and DELETE on `tasks` and only DELETE on `tasks/{taskId}`: Jersey refuses any other
  // method before the resource runs, whether the app exists or not.
  if (what === 'tasks' && req.method !== 'DELETE' && !(req.method === 'GET' && more.length === 0)) return methodNotAllowedJson();
  if (!record?.app) return message(404, `App '${id}' does not exist`);
  if (what === 'restart') {
    if (req.method !== 'POST') return methodNotAllowed(['POST'], req.method);
    return deployed(restart(ctx, state, id, force), (dep) => started(200, dep));
  }
  if (what === 'versions') {
    if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
    if (more.length === 0) return json<AppVersionList>(200, { versions: record.versions.map((v) => v.version).reverse() });
    const found = record.versions.find((v) => v.version === more.join('/'));
    return found?.definition.kind === 'app'
      ? json<AppDefinitionJson & { version: string }>(
          200,
          writtenApp(found.definition.app, { version: found.version }) as AppDefinitionJson & { version: string },
        )
      : message(404, `App '${id}' does not exist in version ${more.join('/')}`);
  }
  // tasks
  if (req.method === 'GET' && more.length === 0) {
    return json<MarathonTaskList>(200, { tasks: instancesOf(m, record).flatMap((i) => tasksOfInstance(state, record, i)) });
  }
  if (req.method === 'DELETE') {
    const scale = queryFlag(query, 'scale');
    if (scale && queryFlag(query, 'wipe')) return message(400, 'You cannot use scale and wipe at the same time.');
    const ids = more.length > 0 ? [more.join('/')] : instancesOf(m, record).flatMap((i) => i.taskIds);
    if (more.length > 0 && !hasOwn(m.taskInstance, ids[0]!)) return message(404, `Task '${ids[0]}' does not exist`);
    const before = ids.map((taskId) => taskJsonById(api, taskId)).filter((t): t is MarathonTask => t !== null);
    const done = killTasks(ctx, state, ids, scale, force, queryFlag(query, 'wipe'));
    if (!done.ok) return json(done.status, done.body);
    if (scale && done.value.deployment) return started(200, done.value.deployment);
    return json(200, more.length > 0 ? { task: before[0] } : { tasks: before });
  }
  return methodNotAllowedJson();
}

/**
 * Marathon's 405: Jersey throws `NotAllowedException` when no resource method takes the request's method, and
 * `MarathonExceptionMapper` answers a `WebApplicationException` with its status' reason phrase as the message.
 */
function methodNotAllowedJson(): ApiResponse {
  return message(405, 'Method Not Allowed');
}

/** The current definition under a partial update; `ports` in the body replaces `portDefinitions`. */
function partialBase(app: AppDefinition, body: Json): Json {
  const base: Json = writtenApp(app);
  if ('ports' in body) delete base.portDefinitions;
  return base;
}
