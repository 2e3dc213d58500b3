/**
 * Cosmos' calls to Marathon, made in-process through a router holding the sandbox's own Marathon service, so
 * every Marathon validation and answer applies (CO:cosmos-server/…/MarathonPackageRunner.scala, AdminRouter.scala).
 */
import { createRouter, isInternalFailure } from '../router.ts';
import { marathonService } from '../marathon/service.ts';
import type { ApiContext } from '../service.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { marathonBadGateway, marathonBadResponse, marathonGenericError, packageAlreadyInstalled } from './errors.ts';
import { isObject, type JsonObject } from './render.ts';

const route = createRouter([marathonService]);

function call(api: ApiContext, req: ApiRequest): ApiResponse {
  const answer = route(api, req);
  // Marathon's handler threw: let the outer router answer 500 so the sandbox undoes the whole write.
  if (isInternalFailure(answer)) throw new Error(`Marathon failed on ${req.method} ${req.path}: ${JSON.stringify(answer.body)}`);
  return answer;
}

/** MarathonPackageRunner.launch: 409 → PackageAlreadyInstalled; other 4xx → MarathonBadResponse; 5xx → MarathonBadGateway. */
export function createApp(api: ApiContext, app: JsonObject): JsonObject {
  const res = call(api, { method: 'POST', path: '/marathon/v2/apps', body: app });
  if (res.status === 409) throw packageAlreadyInstalled();
  if (res.status >= 400 && res.status < 500) {
    const body = res.body;
    if (isObject(body) && typeof body['message'] === 'string') throw marathonBadResponse(body['message'], body['details']);
    throw marathonGenericError(res.status);
  }
  if (res.status >= 500) throw marathonBadGateway(res.status);
  return isObject(res.body) ? res.body : {};
}

export interface MarathonAppJson {
  id: string;
  labels: Record<string, string>;
  env?: Record<string, unknown>;
}

function asApp(v: unknown): MarathonAppJson | undefined {
  if (!isObject(v) || typeof v['id'] !== 'string') return undefined;
  const labels = isObject(v['labels']) ? (v['labels'] as Record<string, string>) : {};
  return { id: v['id'], labels };
}

function checked(res: ApiResponse): ApiResponse {
  if (res.status >= 500) throw marathonBadGateway(res.status);
  return res;
}

export function listApps(api: ApiContext): MarathonAppJson[] {
  const res = checked(call(api, { method: 'GET', path: '/marathon/v2/apps' }));
  const apps = isObject(res.body) && Array.isArray(res.body['apps']) ? res.body['apps'] : [];
  return apps.map(asApp).filter((a): a is MarathonAppJson => a !== undefined);
}

export function getApp(api: ApiContext, id: string): MarathonAppJson | undefined {
  const res = checked(call(api, { method: 'GET', path: `/marathon/v2/apps/${appPath(id)}` }));
  if (res.status !== 200 || !isObject(res.body)) return undefined;
  return asApp(res.body['app']);
}

/**
 * ServiceUpdater: `PUT /v2/apps/{id}?force=true&partialUpdate=false` with the rendered app; Marathon's deployment
 * id. Any other answer than 200 is thrown with Marathon's body as the message (Cosmos' own "Why do we do this?").
 */
export function replaceApp(api: ApiContext, id: string, app: JsonObject): string {
  const res = call(api, { method: 'PUT', path: `/marathon/v2/apps/${appPath(id)}?force=true&partialUpdate=false`, body: app });
  if (res.status !== 200 || !isObject(res.body) || typeof res.body['deploymentId'] !== 'string')
    throw new Error(typeof res.body === 'string' ? res.body : JSON.stringify(res.body));
  return res.body['deploymentId'];
}

/** `DELETE /v2/apps/{id}?force=true`; whether Marathon answered 200. */
export function deleteApp(api: ApiContext, id: string): boolean {
  const res = checked(call(api, { method: 'DELETE', path: `/marathon/v2/apps/${appPath(id)}?force=true` }));
  return res.status === 200;
}

function appPath(id: string): string {
  return id
    .split('/')
    .filter((s) => s !== '')
    .map(encodeURIComponent)
    .join('/');
}
