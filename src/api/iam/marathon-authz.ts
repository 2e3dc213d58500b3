/**
 * Marathon's own authorization on Enterprise DC/OS (PLATFORM.md G.2): a user needs, besides Admin Router's
 * `dcos:adminrouter:service:marathon`, the action on `dcos:service:marathon:marathon:services:<path>` for the app,
 * pod or group it touches (a grant on a group's path covers everything under it). Writes without it are answered
 * 403 `{"message":"Not Authorized to perform this action!"}` (MA:docs/docs/rest-api/public/api/traits.raml); lists
 * (apps, groups, pods, tasks, deployments) keep only what the user may read. A body without an id is left to
 * Marathon's validation. Task kills and deployment cancels need the action on `/` (inferred, docs/iam.md).
 */
import { isAllowed, type IamAction } from '../../engine/iam/permissions.ts';
import { jsonBody } from '../http.ts';
import type { ApiContext } from '../service.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { identify } from './identity.ts';

const FORBIDDEN: ApiResponse = { status: 403, body: { message: 'Not Authorized to perform this action!' } };
const UNAUTHENTICATED: ApiResponse = { status: 401, body: { message: 'Invalid username or password.' } };

const ridOf = (path: string): string => `dcos:service:marathon:marathon:services:${path}`;

/** A Marathon id as an absolute path (`dev/a/` → `/dev/a`). */
export function absoluteId(id: string): string {
  const parts = id.split('/').filter(Boolean);
  return `/${parts.join('/')}`;
}

const APP_SUBRESOURCES = new Set(['restart', 'tasks', 'versions']);
const POD_SUBRESOURCES = new Set(['instances', 'versions', '::status', 'status']);

/** The run spec path named after `/v2/{apps|pods|groups}/`, without its sub-resource. */
function pathIn(rest: string[], subresources: Set<string>): string {
  const end = rest.findIndex((s) => subresources.has(s));
  return absoluteId((end < 0 ? rest : rest.slice(0, end)).join('/'));
}

function idsInBody(body: unknown): string[] | null {
  const parsed = jsonBody(body);
  if (!parsed.ok) return null;
  const items = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  const ids: string[] = [];
  for (const item of items) {
    const id = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['id'] : undefined;
    if (typeof id !== 'string') return null;
    ids.push(absoluteId(id));
  }
  return ids;
}

/** The paths and action a write needs; null when Marathon's own validation should answer first. */
function writeNeeds(req: ApiRequest, resource: string, rest: string[]): { paths: string[]; action: IamAction } | null {
  const action: IamAction = req.method === 'POST' ? 'create' : req.method === 'DELETE' ? 'delete' : 'update';
  if (resource === 'apps' || resource === 'pods' || resource === 'groups') {
    const sub = resource === 'apps' ? APP_SUBRESOURCES : resource === 'pods' ? POD_SUBRESOURCES : new Set<string>(['versions']);
    if (rest.length > 0) {
      const path = pathIn(rest, sub);
      const whole = rest.every((s) => !sub.has(s));
      return { paths: [path], action: whole ? action : 'update' };
    }
    const ids = idsInBody(req.body);
    return ids ? { paths: ids, action } : null;
  }
  if (resource === 'queue') return { paths: [pathIn(rest, new Set(['delay']))], action: 'update' };
  return { paths: ['/'], action: 'update' };
}

type Item = Record<string, unknown>;
const isItem = (x: unknown): x is Item => typeof x === 'object' && x !== null && !Array.isArray(x);

function filterGroup(group: Item, readable: (path: string) => boolean): Item | null {
  const id = typeof group['id'] === 'string' ? group['id'] : '/';
  if (readable(id)) return group;
  const keep = (key: string): unknown[] => (Array.isArray(group[key]) ? (group[key] as unknown[]) : []);
  const apps = keep('apps').filter((a) => isItem(a) && typeof a['id'] === 'string' && readable(a['id']));
  const pods = keep('pods').filter((p) => isItem(p) && typeof p['id'] === 'string' && readable(p['id']));
  const groups = keep('groups').flatMap((g) => (isItem(g) ? [filterGroup(g, readable)].filter((x): x is Item => x !== null) : []));
  if (id !== '/' && apps.length + pods.length + groups.length === 0) return null;
  return { ...group, apps, pods, groups };
}

/** Task ids name their app: `dev_web.<uuid>` → `/dev/web`. */
const appOfTask = (task: Item): string =>
  typeof task['appId'] === 'string'
    ? task['appId']
    : absoluteId(
        String(task['id'] ?? '')
          .split('.')[0]!
          .replace(/_/g, '/'),
      );

/** What a list answer keeps for a user who may read only some paths. */
function filterRead(resource: string, rest: string[], answer: ApiResponse, readable: (path: string) => boolean): ApiResponse {
  const body = answer.body;
  if (resource === 'apps' && rest.length === 0 && isItem(body) && Array.isArray(body['apps']))
    return { ...answer, body: { ...body, apps: body['apps'].filter((a) => isItem(a) && readable(String(a['id']))) } };
  if (resource === 'pods' && rest.length === 0 && Array.isArray(body))
    return { ...answer, body: body.filter((p) => isItem(p) && readable(String(p['id']))) };
  if (resource === 'tasks' && isItem(body) && Array.isArray(body['tasks']))
    return { ...answer, body: { ...body, tasks: body['tasks'].filter((t) => isItem(t) && readable(appOfTask(t))) } };
  if (resource === 'deployments' && Array.isArray(body))
    return {
      ...answer,
      body: body.filter(
        (d) => isItem(d) && Array.isArray(d['affectedApps']) && (d['affectedApps'] as unknown[]).some((a) => readable(String(a))),
      ),
    };
  if (resource === 'groups' && isItem(body) && answer.status === 200) {
    const kept = filterGroup(body, readable);
    return kept ? { ...answer, body: kept } : FORBIDDEN;
  }
  return answer;
}

/** `handle` (Marathon's routes) behind Marathon's authorization of the request's user. */
export function authorizeMarathon(api: ApiContext, req: ApiRequest, segments: string[], handle: () => ApiResponse): ApiResponse {
  if (segments[0] !== 'v2' || segments.length < 2) return handle();
  const uid = identify(api, req);
  if (uid === null) return UNAUTHENTICATED;
  const allowed = (path: string, action: IamAction): boolean => isAllowed(api.state, uid, ridOf(path), action);
  const [, resource, ...rest] = segments as [string, string, ...string[]];
  if (resource === 'info' || resource === 'leader') return handle();
  if (req.method !== 'GET') {
    const needs = writeNeeds(req, resource, rest);
    if (needs && !needs.paths.every((p) => allowed(p, needs.action))) return FORBIDDEN;
    return handle();
  }
  if (allowed('/', 'read')) return handle();
  const single = (resource === 'apps' || resource === 'pods') && rest.length > 0 && !(resource === 'pods' && rest[0] === '::status');
  if (single && !allowed(pathIn(rest, resource === 'apps' ? APP_SUBRESOURCES : POD_SUBRESOURCES), 'read')) return FORBIDDEN;
  return filterRead(resource, rest, handle(), (path) => allowed(absoluteId(path), 'read'));
}
