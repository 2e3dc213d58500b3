/**
 * Marathon's REST API behind Admin Router (`/marathon/v2/...`): apps, tasks, deployments, the
 * launch queue, groups, info and leader. Errors use Marathon's bodies: `{message}` and, for
 * validation, `{message, details: [{path, errors}]}`.
 */
import { MARATHON_VERSION } from '../../common/versions.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import type { ClusterState } from '../../engine/core/model.ts';
import type { AppDefinition } from '../../common/marathon/app-definition.ts';
import type { DeploymentState } from '../../engine/marathon/model.ts';
import { create, deleteDeployment, deployGroup, killTasks, remove, removeGroup, replace, restart, type OpResult } from '../../engine/marathon/operations.ts';
import { readGroup } from '../../common/marathon/validate-group.ts';
import { readPod } from '../../common/marathon/validate-pod.ts';
import { podJson, podStatusJson } from './pods.ts';
import { normalizePath } from '../../common/marathon/path-id.ts';
import { instancesOf, isoOf, recordOf } from '../../engine/marathon/store.ts';
import { readApp } from '../../common/marathon/validate-app.ts';
import { jsonBody, methodNotAllowed } from '../http.ts';
import { appJson, definitionJson, deploymentJson, offersSummaryJson, tasksOfInstance, type Embed, type Json } from './json.ts';
import { groupJson } from './groups.ts';
import { leadingMaster } from '../../engine/mesos/leader.ts';
import { marathonLeaderIndex } from '../../engine/marathon/leader.ts';
import type { ApiContext } from '../service.ts';
import type { AppDefinitionJson, MarathonPod } from '../shapes/marathon-definitions.ts';
import type {
  AppVersionList, Deployment, DeploymentStarted, MarathonApp, MarathonAppBody, MarathonAppList, MarathonGroup, MarathonInfo, MarathonLeader, MarathonQueue, MarathonTask, MarathonTaskList, PodDeployed, PodStatus, QueueEntry,
  QueueEntryStatus,
} from '../shapes/marathon.ts';

/** An answer; success bodies name their shape (`json<MarathonAppList>(200, …)`) so that tsc checks them. */
const json = <Body>(status: number, body: Body): ApiResponse => ({ status, body });
const started = (status: number, dep: DeploymentState): ApiResponse => json<DeploymentStarted>(status, { version: dep.version, deploymentId: dep.id });
const message = (status: number, text: string): ApiResponse => json(status, { message: text });
const APP_SUFFIXES = new Set(['restart', 'tasks', 'versions']);

export function marathon(api: ApiContext, req: ApiRequest, segments: string[], query: URLSearchParams): ApiResponse {
  if (segments[0] !== 'v2') return message(404, 'Not Found');
  const [resource, ...rest] = segments.slice(1);
  switch (resource) {
    case 'apps':
      return apps(api, req, rest, query);
    case 'tasks':
      return tasks(api, req, rest, query);
    case 'deployments':
      return deployments(api, req, rest, query);
    case 'queue':
      return queue(api, req, rest);
    case 'groups':
      return groups(api, req, rest, query);
    case 'pods':
      return pods(api, req, rest, query);
    case 'info':
      return req.method === 'GET' ? json<MarathonInfo>(200, info(api.state)) : methodNotAllowed(['GET'], req.method);
    case 'leader':
      return req.method === 'GET' ? json<MarathonLeader>(200, { leader: leaderAddress(api.state) }) : methodNotAllowed(['GET'], req.method);
    case 'ping':
      return json(200, 'pong');
  }
  return message(404, 'Not Found');
}

function embedOf(query: URLSearchParams, prefix: string): Embed {
  return new Set(query.getAll('embed').filter((e) => e.startsWith(prefix)).map((e) => e.slice(prefix.length)));
}

function apps(api: ApiContext, req: ApiRequest, rest: string[], query: URLSearchParams): ApiResponse {
  const { state, ctx } = api;
  const m = state.marathon;
  const force = query.get('force') === 'true';
  const cut = rest.findIndex((s) => APP_SUFFIXES.has(s));
  const idSegments = cut < 0 ? rest : rest.slice(0, cut);
  const suffix = cut < 0 ? [] : rest.slice(cut);
  if (idSegments.length === 0) {
    if (req.method === 'GET') {
      const embed = embedOf(query, 'apps.');
      const filter = query.get('id');
      const list = Object.values(m.runSpecs)
        .filter((r) => r.kind === 'app' && !r.removing && (!filter || r.spec.id.includes(filter)))
        .sort((a, b) => (a.spec.id < b.spec.id ? -1 : 1))
        .map((r) => appJson(state, r, embed));
      return json<MarathonAppList>(200, { apps: list });
    }
    if (req.method === 'POST') {
      const read = readBody(req, '/', state);
      if (!read.ok) return read.response;
      return deployed(create(ctx, state, { kind: 'app', app: read.app }), (dep) => json<MarathonApp>(201, { ...appJson(state, recordOf(m, read.app.id)!, new Set()), deployments: [{ id: dep.id }] }));
    }
    return methodNotAllowed(['GET', 'POST'], req.method);
  }
  const id = normalizePath(idSegments.join('/'));
  const record = recordOf(m, id);
  if (suffix.length === 0) {
    switch (req.method) {
      case 'GET':
        if (!record?.app) return message(404, `App '${id}' does not exist`);
        return json<MarathonAppBody>(200, { app: appJson(state, record, new Set(['tasks', 'lastTaskFailure', 'counts'])) });
      case 'PUT':
      case 'PATCH': {
        const body = jsonBody(req.body);
        if (!body.ok) return json(400, { message: 'Invalid JSON', details: body.error });
        if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) return json(422, { message: 'Invalid JSON', details: [{ path: '/', errors: ['error.expected.jsobject'] }] });
        if (req.method === 'PATCH' && !record?.app) return message(404, `App '${id}' does not exist`);
        // PATCH, and PUT unless ?partialUpdate=false, update an existing app field by field (`AppsResource.update`).
        const partial = record?.app && (req.method === 'PATCH' || query.get('partialUpdate') !== 'false');
        const merged = { ...(partial ? partialBase(record.app!, body.value as Json) : {}), ...(body.value as Json), id };
        const read = readApp(merged, { base: '/', defaultRole: m.config.role });
        if (!read.ok) return json(read.status, read.body);
        const wrongRole = roleProblem(read.app.role, state);
        if (wrongRole) return wrongRole;
        return deployed(replace(ctx, state, { kind: 'app', app: read.app }, force), (dep) => started(record ? 200 : 201, dep));
      }
      case 'DELETE':
        return deployed(remove(ctx, state, 'app', id, force), (dep) => started(200, dep));
    }
    return methodNotAllowed(['GET', 'PUT', 'PATCH', 'DELETE'], req.method);
  }
  if (!record?.app) return message(404, `App '${id}' does not exist`);
  const [what, ...more] = suffix;
  if (what === 'restart') {
    if (req.method !== 'POST') return methodNotAllowed(['POST'], req.method);
    return deployed(restart(ctx, state, id, force), (dep) => started(200, dep));
  }
  if (what === 'versions') {
    if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
    if (more.length === 0) return json<AppVersionList>(200, { versions: record.versions.map((v) => v.version).reverse() });
    const found = record.versions.find((v) => v.version === more.join('/'));
    return found?.definition.kind === 'app' ? json<AppDefinitionJson & { version: string }>(200, { ...definitionJson(found.definition.app), version: found.version }) : message(404, `App '${id}' does not exist in version ${more.join('/')}`);
  }
  // tasks
  if (req.method === 'GET' && more.length === 0) {
    return json<MarathonTaskList>(200, { tasks: instancesOf(m, record).flatMap((i) => tasksOfInstance(state, record, i)) });
  }
  if (req.method === 'DELETE') {
    const scale = query.get('scale') === 'true';
    const ids = more.length > 0 ? [more.join('/')] : instancesOf(m, record).flatMap((i) => i.taskIds);
    if (more.length > 0 && !(ids[0]! in m.taskInstance)) return message(404, `Task '${ids[0]}' does not exist`);
    const before = ids.map((taskId) => taskJsonById(api, taskId)).filter((t): t is MarathonTask => t !== null);
    const done = killTasks(ctx, state, ids, scale, force);
    if (!done.ok) return json(done.status, done.body);
    if (scale && done.value.deployment) return started(200, done.value.deployment);
    return json(200, more.length > 0 ? { task: before[0] } : { tasks: before });
  }
  return methodNotAllowed(['GET', 'DELETE'], req.method);
}

/** The current definition under a partial update; `ports` in the body replaces `portDefinitions`. */
function partialBase(app: AppDefinition, body: Json): Json {
  const base: Json = definitionJson(app);
  if ('ports' in body) delete base.portDefinitions;
  return base;
}

function readBody(req: ApiRequest, base: string, state: ClusterState): { ok: true; app: AppDefinition } | { ok: false; response: ApiResponse } {
  if (req.body === undefined || req.body === '') return { ok: false, response: json(400, { message: 'Please specify data in JSON format', details: 'Empty request body' }) };
  const body = jsonBody(req.body);
  if (!body.ok) return { ok: false, response: json(400, { message: 'Invalid JSON', details: body.error }) };
  const read = readApp(body.value, { base, defaultRole: state.marathon.config.role });
  if (!read.ok) return { ok: false, response: json(read.status, read.body) };
  const wrongRole = roleProblem(read.app.role, state);
  return wrongRole ? { ok: false, response: wrongRole } : { ok: true, app: read.app };
}

/** A service outside an enforceRole group runs in Marathon's own role (`RoleSettings.forService`). */
function roleProblem(role: string, state: ClusterState): ApiResponse | null {
  const valid = state.marathon.config.role;
  if (role === valid) return null;
  return json(422, { message: 'Object is not valid', details: [{ path: '/role', errors: [`got ${role}, expected one of: [${valid}]`] }] });
}

function deployed<T extends DeploymentState | null>(result: OpResult<T>, answer: (dep: NonNullable<T>) => ApiResponse): ApiResponse {
  if (!result.ok) return json(result.status, result.body);
  return result.value ? answer(result.value as NonNullable<T>) : json(202, '');
}

function taskJsonById(api: ApiContext, taskId: string): MarathonTask | null {
  const m = api.state.marathon;
  const instance = m.instances[m.taskInstance[taskId] ?? ''];
  const record = instance ? m.runSpecs[instance.runSpecId] : undefined;
  if (!instance || !record) return null;
  return tasksOfInstance(api.state, record, instance).find((t) => t.id === taskId) ?? null;
}

function tasks(api: ApiContext, req: ApiRequest, rest: string[], query: URLSearchParams): ApiResponse {
  const { state, ctx } = api;
  const m = state.marathon;
  if (rest.length === 0) {
    if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
    const wanted = new Set(query.getAll('status').flatMap((s) => s.split(',')).map((s) => `TASK_${s.toUpperCase()}`));
    const list = Object.values(m.runSpecs)
      .filter((r) => !r.removing)
      .flatMap((r) => instancesOf(m, r).flatMap((i) => tasksOfInstance(state, r, i)))
      .filter((t) => wanted.size === 0 || wanted.has(String(t.state)));
    return json<MarathonTaskList>(200, { tasks: list });
  }
  if (rest.length === 1 && rest[0] === 'delete') {
    if (req.method !== 'POST') return methodNotAllowed(['POST'], req.method);
    const body = jsonBody(req.body);
    const ids = body.ok ? (body.value as { ids?: unknown } | null)?.ids : undefined;
    if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string')) return json(422, { message: 'Invalid JSON', details: [{ path: '/ids', errors: ['error.expected.jsarray'] }] });
    const before = ids.map((taskId) => taskJsonById(api, taskId)).filter((t): t is MarathonTask => t !== null);
    const done = killTasks(ctx, state, ids, query.get('scale') === 'true', query.get('force') === 'true');
    if (!done.ok) return json(done.status, done.body);
    if (done.value.deployment) return started(200, done.value.deployment);
    return json<MarathonTaskList>(200, { tasks: before });
  }
  return message(404, 'Not Found');
}

function deployments(api: ApiContext, req: ApiRequest, rest: string[], query: URLSearchParams): ApiResponse {
  const m = api.state.marathon;
  if (rest.length === 0) return req.method === 'GET' ? json<Deployment[]>(200, m.deployments.map(deploymentJson)) : methodNotAllowed(['GET'], req.method);
  if (req.method !== 'DELETE') return methodNotAllowed(['DELETE'], req.method);
  const done = deleteDeployment(api.ctx, api.state, rest.join('/'), query.get('force') === 'true');
  return deployed(done, (dep) => started(200, dep));
}

function queue(api: ApiContext, req: ApiRequest, rest: string[]): ApiResponse {
  const { state, ctx } = api;
  const m = state.marathon;
  if (rest.length > 1 && rest[rest.length - 1] === 'delay') {
    if (req.method !== 'DELETE') return methodNotAllowed(['DELETE'], req.method);
    const record = recordOf(m, normalizePath(rest.slice(0, -1).join('/')));
    if (!record) return message(404, `Application ${normalizePath(rest.slice(0, -1).join('/'))} not found in tasks queue.`);
    record.backoff = null;
    ctx.schedule(0, { type: 'marathon.revive' });
    return json(204, '');
  }
  if (rest.length > 0) return message(404, 'Not Found');
  if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
  const entries = Object.values(m.runSpecs)
    .filter((r) => !r.removing)
    .flatMap((r): QueueEntry[] => {
      const waiting = instancesOf(m, r).filter((i) => i.condition === 'Scheduled' && i.goal === 'Running');
      if (waiting.length === 0) return [];
      const left = r.backoff ? Math.max(0, r.backoff.until - ctx.now) : 0;
      const entry: QueueEntryStatus = {
        count: waiting.length,
        delay: { timeLeftSeconds: Math.ceil(left / 1000), overdue: left === 0 },
        since: isoOf(r.waitingSince ?? ctx.now),
        processedOffersSummary: offersSummaryJson(r.offers),
        lastUnusedOffers: [],
      };
      return [r.kind === 'app' ? { ...entry, app: appJson(state, r, new Set()) } : { ...entry, pod: podJson(r.pod!, r.version) }];
    });
  return json<MarathonQueue>(200, { queue: entries });
}

function groups(api: ApiContext, req: ApiRequest, rest: string[], query: URLSearchParams): ApiResponse {
  const { state, ctx } = api;
  const id = normalizePath(rest.join('/'));
  const force = query.get('force') === 'true';
  switch (req.method) {
    case 'GET': {
      const group = groupJson(state, id);
      return group ? json<MarathonGroup>(200, group) : message(404, `Group '${id}' does not exist`);
    }
    case 'POST':
    case 'PUT': {
      const body = jsonBody(req.body);
      if (!body.ok) return json(400, { message: 'Invalid JSON', details: body.error });
      const raw = typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value) ? { ...(body.value as Json) } : body.value;
      if (req.method === 'PUT' && typeof raw === 'object' && raw !== null) (raw as Json).id ??= id;
      if (req.method === 'POST' && rest.length > 0 && typeof raw === 'object' && raw !== null && typeof (raw as Json).id === 'string' && !String((raw as Json).id).startsWith('/')) {
        (raw as Json).id = normalizePath(String((raw as Json).id), id);
      }
      const read = readGroup(raw, { base: id, defaultRole: state.marathon.config.role });
      if (!read.ok) return json(read.status, read.body);
      // The root group always exists: POST never creates it (Marathon's GroupsResource).
      if (req.method === 'POST' && groupJson(state, read.group.id)) return message(409, `Group ${read.group.id} is already created. Use PUT to change this group.`);
      if (req.method === 'POST' && recordOf(state.marathon, read.group.id)) return message(409, `An app with the path ${read.group.id} already exists.`);
      return deployed(deployGroup(ctx, state, read.group, req.method === 'PUT', force), (dep) => started(req.method === 'POST' ? 201 : 200, dep));
    }
    case 'DELETE':
      return deployed(removeGroup(ctx, state, id, force), (dep) => started(200, dep));
  }
  return methodNotAllowed(['GET', 'POST', 'PUT', 'DELETE'], req.method);
}

function pods(api: ApiContext, req: ApiRequest, rest: string[], query: URLSearchParams): ApiResponse {
  const { state, ctx } = api;
  const m = state.marathon;
  const force = query.get('force') === 'true';
  const [path = '', suffix = ''] = rest.join('/').split('::');
  const id = normalizePath(path);
  const podRecords = () => Object.values(m.runSpecs).filter((r) => r.kind === 'pod' && !r.removing);
  if (path === '' && suffix === 'status') return req.method === 'GET' ? json<PodStatus[]>(200, podRecords().map((r) => podStatusJson(state, r))) : methodNotAllowed(['GET'], req.method);
  if (path === '') {
    if (req.method === 'GET') return json<MarathonPod[]>(200, podRecords().map((r) => podJson(r.pod!, r.version)));
    if (req.method !== 'POST') return methodNotAllowed(['GET', 'POST'], req.method);
    const body = jsonBody(req.body);
    if (!body.ok) return json(400, { message: 'Invalid JSON', details: body.error });
    const read = readPod(body.value, { base: '/', defaultRole: m.config.role });
    if (!read.ok) return json(read.status, read.body);
    const wrongRole = roleProblem(read.pod.role, state);
    if (wrongRole) return wrongRole;
    return deployed(create(ctx, state, { kind: 'pod', pod: read.pod }), (dep) => json<PodDeployed>(201, { ...podJson(read.pod, dep.version), deployments: [{ id: dep.id }] }));
  }
  const record = recordOf(m, id);
  const pod = record?.kind === 'pod' ? record : undefined;
  if (suffix === 'status') {
    if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
    return pod ? json<PodStatus>(200, podStatusJson(state, pod)) : message(404, `Pod '${id}' does not exist`);
  }
  if (suffix === 'versions') {
    if (!pod) return message(404, `Pod '${id}' does not exist`);
    return json<string[]>(200, pod.versions.map((v) => v.version).reverse());
  }
  if (suffix.startsWith('instances/')) {
    if (req.method !== 'DELETE') return methodNotAllowed(['DELETE'], req.method);
    const instance = pod ? m.instances[suffix.slice('instances/'.length)] : undefined;
    if (!pod || !instance || instance.runSpecId !== id) return message(404, `Instance '${suffix.slice('instances/'.length)}' of pod '${id}' does not exist`);
    const done = killTasks(ctx, state, instance.taskIds, false, force);
    return done.ok ? json(200, { instanceId: instance.id }) : json(done.status, done.body);
  }
  if (suffix !== '') return message(404, 'Not Found');
  switch (req.method) {
    case 'GET':
      return pod ? json<MarathonPod>(200, podJson(pod.pod!, pod.version)) : message(404, `Pod '${id}' does not exist`);
    case 'PUT': {
      const body = jsonBody(req.body);
      if (!body.ok) return json(400, { message: 'Invalid JSON', details: body.error });
      const raw = typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value) ? { ...(body.value as Json), id } : body.value;
      const read = readPod(raw, { base: '/', defaultRole: m.config.role });
      if (!read.ok) return json(read.status, read.body);
      const wrongRole = roleProblem(read.pod.role, state);
      if (wrongRole) return wrongRole;
      return deployed(replace(ctx, state, { kind: 'pod', pod: read.pod }, force), (dep) => json<PodDeployed>(pod ? 200 : 201, { ...podJson(read.pod, dep.version), deployments: [{ id: dep.id }] }));
    }
    case 'DELETE':
      return deployed(remove(ctx, state, 'pod', id, force), (dep) => started(202, dep));
  }
  return methodNotAllowed(['GET', 'PUT', 'DELETE'], req.method);
}

/** Where the leading Marathon listens (the router only calls Marathon's routes while one leads). */
function leaderAddress(state: ClusterState): string {
  const leader = state.masters[marathonLeaderIndex(state) ?? 0]!;
  return `${leader.ip}:8080`;
}

function info(state: ClusterState): MarathonInfo {
  const m = state.marathon;
  const zk = state.masters.map((x) => `${x.ip}:2181`).join(',');
  return {
    name: 'marathon',
    version: MARATHON_VERSION,
    buildref: 'sandbox',
    elected: true,
    leader: leaderAddress(state),
    frameworkId: m.frameworkId,
    marathon_config: {
      master: `zk://${zk}/mesos`,
      mesos_role: m.config.role,
      default_accepted_resource_roles: m.config.defaultAcceptedResourceRoles ?? undefined,
      decline_offer_duration: 120_000,
      min_revive_offers_interval: 5000,
      reconciliation_interval: 600_000,
      mesos_leader_ui_url: `http://${leadingMaster(state)?.ip ?? 'leader.mesos'}:5050/`,
      features: ['vips', 'task_killing', 'external_volumes', 'gpu_resources'],
    },
    zookeeper_config: { zk: `zk://${zk}/marathon`, zk_timeout: 10_000, zk_session_timeout: 10_000 },
    http_config: { http_port: 8080, https_port: 8443 },
    elected_time: isoOf(state.ha.marathonElectedAt ?? 0),
  };
}
