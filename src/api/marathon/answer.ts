/** How Marathon's routes answer: a shaped body, a deployment started, a message, and the readers they share. */
import { readContextOf } from '../../engine/marathon/read-context.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import type { ClusterState } from '../../engine/core/model.ts';
import type { AppDefinition } from '../../common/marathon/app-definition.ts';
import type { DeploymentState } from '../../engine/marathon/model.ts';
import type { OpResult } from '../../engine/marathon/operations.ts';
import { readApp } from '../../common/marathon/validate-app.ts';
import { jsonBody } from '../http.ts';
import { leaderAddress } from './info.ts';
import type { Embed } from './json.ts';
import type { DeploymentStarted } from '../shapes/marathon.ts';

/** An answer; success bodies name their shape (`json<MarathonAppList>(200, …)`) so that tsc checks them. */
export const json = <Body>(status: number, body: Body): ApiResponse => ({ status, body });

/** The header by which Marathon names the deployment a write started (`RestResource.DeploymentHeader`). */
export const DEPLOYMENT_HEADER = 'Marathon-Deployment-Id';

/** An answer that started a deployment: the deployment's id in Marathon's header too. */
export const withDeployment = (res: ApiResponse, dep: DeploymentState): ApiResponse => ({
  ...res,
  headers: { [DEPLOYMENT_HEADER]: dep.id },
});

/**
 * A 201 names what it created in `Location`: Marathon answers `Response.created(new URI(id))`, which Jersey resolves
 * against the application's base URI, the leader's own address.
 */
export const createdAt = (res: ApiResponse, state: ClusterState, id: string): ApiResponse => ({
  ...res,
  headers: { ...res.headers, Location: `http://${leaderAddress(state)}${id}` },
});

export const started = (status: number, dep: DeploymentState): ApiResponse =>
  withDeployment(json<DeploymentStarted>(status, { version: dep.version, deploymentId: dep.id }), dep);

export const message = (status: number, text: string): ApiResponse => json(status, { message: text });

export function deployed<T extends DeploymentState | null>(result: OpResult<T>, answer: (dep: NonNullable<T>) => ApiResponse): ApiResponse {
  if (!result.ok) return json(result.status, result.body);
  return result.value ? answer(result.value as NonNullable<T>) : json(202, '');
}

const APP_EMBED_PREFIXES = ['group.apps.', 'apps.', 'app.'];

/**
 * What an app's JSON embeds (`InfoEmbedResolver.resolveApp`): each `embed` with or without a prefix (`apps.`, `app.`,
 * `group.apps.`); `tasks` brings deployments along, the deprecated `failures` tasks and the last failure too.
 */
export function appEmbedOf(query: URLSearchParams): Embed {
  const embed = new Set<string>();
  for (const value of query.getAll('embed')) {
    const prefix = APP_EMBED_PREFIXES.find((p) => value.startsWith(p)) ?? '';
    const name = value.slice(prefix.length);
    if (name === 'failures') ['tasks', 'lastTaskFailure', 'deployments'].forEach((e) => embed.add(e));
    else if (['tasks', 'deployments', 'readiness', 'lastTaskFailure', 'counts', 'taskStats'].includes(name)) embed.add(name);
  }
  return embed;
}

export function readBody(
  req: ApiRequest,
  base: string,
  state: ClusterState,
): { ok: true; app: AppDefinition } | { ok: false; response: ApiResponse } {
  if (req.body === undefined || req.body === '')
    return { ok: false, response: json(400, { message: 'Please specify data in JSON format', details: 'Empty request body' }) };
  const body = jsonBody(req.body);
  if (!body.ok) return { ok: false, response: json(400, { message: 'Invalid JSON', details: body.error }) };
  const read = readApp(body.value, readContextOf(state.marathon, base));
  return read.ok ? { ok: true, app: read.app } : { ok: false, response: json(read.status, read.body) };
}
