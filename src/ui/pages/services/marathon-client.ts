/**
 * Marathon's REST API as the Services page uses it, over the sandbox's in-process HTTP API
 * (`store.request`). Every call answers a `Result`: the read value, or the API's problem. A 2xx
 * body is the shape its route builds (src/api/shapes/); any other is read as a problem.
 */
import type { ApiRequest, ApiResponse } from '../../../api/types.ts';
import type { AppDefinitionJson } from '../../../api/shapes/marathon-definitions.ts';
import type { DeploymentStarted as Started } from '../../../api/shapes/marathon.ts';
import type { MarathonPod } from '../../../api/shapes/marathon-definitions.ts';
import type { ApiProblem, Deployment, MarathonApp, MarathonGroup, Placement, PodState, PodStatus, QueueEntry } from './marathon-types.ts';
import { editableDefinition } from './app-form.ts';
import {
  isObject,
  readAppBody,
  readApps,
  readDeployments,
  readGroup,
  readPlacement,
  readPodStates,
  readPodStatus,
  readProblem,
  readQueue,
  readVersions,
} from './marathon-read.ts';

export type Requester = (req: ApiRequest) => Promise<ApiResponse>;
export type Result<T> = { ok: true; value: T } | { ok: false; problem: ApiProblem };

/** `{version, deploymentId}` of a change that started a deployment; empty when none was needed (202). */
export type DeploymentStarted = Partial<Started>;

/** GET /v2/apps/{id}/versions/{version}: the definition of that version. */
export type AppVersion = AppDefinitionJson & { version: string };

const V2 = '/marathon/v2';
const GROUP_EMBEDS = 'embed=group.groups&embed=group.apps&embed=group.pods';
const LIST_EMBEDS = 'embed=apps.deployments&embed=apps.lastTaskFailure&embed=apps.counts';
const APP_EMBEDS = 'embed=app.tasks&embed=app.deployments&embed=app.lastTaskFailure&embed=app.counts&embed=app.readiness';

/** `/prod/web` → `prod/web`, each segment escaped. */
export function appPath(id: string): string {
  return id.split('/').filter(Boolean).map(encodeURIComponent).join('/');
}

const force = (f: boolean): string => (f ? '?force=true' : '');

/** A change's answer: the deployment it started, or an empty 202 when it needed none. */
function started(body: Started | ''): DeploymentStarted {
  return body === '' ? {} : { version: body.version, deploymentId: body.deploymentId };
}

/** A pod written answers with the pod (or nothing); the deployment it started is named in Marathon's header. */
function podStarted(_body: unknown, res: ApiResponse): DeploymentStarted {
  const deploymentId = res.headers?.['Marathon-Deployment-Id'];
  return deploymentId === undefined ? {} : { deploymentId };
}

export class MarathonClient {
  readonly #request: Requester;

  constructor(request: Requester) {
    this.#request = request;
  }

  /** The API itself: an SDK service's scheduler answers its own routes (`/service/<name>/v1/…`). */
  get request(): Requester {
    return this.#request;
  }

  /** `read` gets a 2xx body as `B`, the shape the route answers with. */
  async #call<B, T>(req: ApiRequest, read: (body: B, res: ApiResponse) => T): Promise<Result<T>> {
    let res: ApiResponse;
    try {
      res = await this.#request(req);
    } catch (e) {
      return { ok: false, problem: { status: 0, message: e instanceof Error ? e.message : String(e), details: [], deployments: [] } };
    }
    if (res.status >= 200 && res.status < 300) return { ok: true, value: read(res.body as B, res) };
    return { ok: false, problem: readProblem(res.status, res.body) };
  }

  groups(): Promise<Result<MarathonGroup | null>> {
    return this.#call({ method: 'GET', path: `${V2}/groups?${GROUP_EMBEDS}` }, readGroup);
  }

  /** Every app with counts, deployments and last failure; tasks only when asked (they can be many). */
  apps(withTasks = false): Promise<Result<MarathonApp[]>> {
    return this.#call({ method: 'GET', path: `${V2}/apps?${withTasks ? 'embed=apps.tasks&' : ''}${LIST_EMBEDS}` }, readApps);
  }

  app(id: string): Promise<Result<MarathonApp | null>> {
    return this.#call({ method: 'GET', path: `${V2}/apps/${appPath(id)}?${APP_EMBEDS}` }, readAppBody);
  }

  versions(id: string): Promise<Result<string[]>> {
    return this.#call({ method: 'GET', path: `${V2}/apps/${appPath(id)}/versions` }, readVersions);
  }

  version(id: string, version: string): Promise<Result<AppVersion>> {
    return this.#call(
      { method: 'GET', path: `${V2}/apps/${appPath(id)}/versions/${encodeURIComponent(version)}` },
      (body: AppVersion) => body,
    );
  }

  deployments(): Promise<Result<Deployment[]>> {
    return this.#call({ method: 'GET', path: `${V2}/deployments` }, readDeployments);
  }

  podStates(): Promise<Result<Map<string, PodState>>> {
    return this.#call({ method: 'GET', path: `${V2}/pods/::status` }, readPodStates);
  }

  podStatus(id: string): Promise<Result<PodStatus | null>> {
    return this.#call({ method: 'GET', path: `${V2}/pods/${appPath(id)}::status` }, readPodStatus);
  }

  /** Newest first, as Marathon lists them. */
  podVersions(id: string): Promise<Result<string[]>> {
    return this.#call({ method: 'GET', path: `${V2}/pods/${appPath(id)}::versions` }, (body: string[]) => body.slice());
  }

  /** Kill one instance; Marathon launches a new one in its place. */
  killPodInstance(id: string, instanceId: string): Promise<Result<unknown>> {
    const path = `${V2}/pods/${appPath(id)}::instances/${encodeURIComponent(instanceId)}`;
    return this.#call({ method: 'DELETE', path }, (body: unknown) => body);
  }

  queue(): Promise<Result<QueueEntry[]>> {
    return this.#call({ method: 'GET', path: `${V2}/queue` }, readQueue);
  }

  placement(id: string): Promise<Result<Placement | null>> {
    return this.#call({ method: 'GET', path: `/sandbox/v1/marathon/apps/${appPath(id)}/placement` }, readPlacement);
  }

  create(definition: unknown): Promise<Result<unknown>> {
    return this.#call({ method: 'POST', path: `${V2}/apps`, body: definition }, (body: unknown) => body);
  }

  /** Replace the whole definition: fields left out of it go back to their defaults (`partialUpdate=false`). */
  update(id: string, definition: unknown, forced = false): Promise<Result<DeploymentStarted>> {
    const query = forced ? '?partialUpdate=false&force=true' : '?partialUpdate=false';
    return this.#call({ method: 'PUT', path: `${V2}/apps/${appPath(id)}${query}`, body: definition }, started);
  }

  /**
   * Go back to a past version: its definition (without status fields) is PUT as the new one, which
   * works whether or not the API also understands Marathon's `{"version": …}` shortcut.
   */
  async applyVersion(id: string, version: string, forced = false): Promise<Result<DeploymentStarted>> {
    const past = await this.version(id, version);
    if (!past.ok) return past;
    return this.update(id, editableDefinition(past.value), forced);
  }

  scale(id: string, instances: number, forced = false): Promise<Result<DeploymentStarted>> {
    return this.#call({ method: 'PATCH', path: `${V2}/apps/${appPath(id)}${force(forced)}`, body: { instances } }, started);
  }

  restart(id: string, forced = false): Promise<Result<DeploymentStarted>> {
    return this.#call({ method: 'POST', path: `${V2}/apps/${appPath(id)}/restart${force(forced)}` }, started);
  }

  destroy(id: string, forced = false): Promise<Result<DeploymentStarted>> {
    return this.#call({ method: 'DELETE', path: `${V2}/apps/${appPath(id)}${force(forced)}` }, started);
  }

  createPod(definition: unknown): Promise<Result<DeploymentStarted>> {
    return this.#call({ method: 'POST', path: `${V2}/pods`, body: definition }, podStarted);
  }

  /** Replace the pod's whole definition (Marathon has no partial update of a pod). */
  updatePod(id: string, definition: unknown, forced = false): Promise<Result<DeploymentStarted>> {
    return this.#call({ method: 'PUT', path: `${V2}/pods/${appPath(id)}${force(forced)}`, body: definition }, podStarted);
  }

  /**
   * A pod scales by a new definition: its current one (read first, so a change made since the page
   * last polled is not undone) with `scaling.instances` changed.
   */
  async scalePod(id: string, instances: number, forced = false): Promise<Result<DeploymentStarted>> {
    const now = await this.#call({ method: 'GET', path: `${V2}/pods/${appPath(id)}` }, (body: MarathonPod) => editableDefinition(body));
    if (!now.ok) return now;
    const scaling = isObject(now.value.scaling) ? now.value.scaling : { kind: 'fixed' };
    return this.updatePod(id, { ...now.value, scaling: { ...scaling, instances } }, forced);
  }

  destroyPod(id: string, forced = false): Promise<Result<DeploymentStarted>> {
    return this.#call({ method: 'DELETE', path: `${V2}/pods/${appPath(id)}${force(forced)}` }, podStarted);
  }

  /** Roll a deployment back; `forced` stops it where it is instead. */
  cancelDeployment(deploymentId: string, forced = false): Promise<Result<DeploymentStarted>> {
    return this.#call({ method: 'DELETE', path: `${V2}/deployments/${encodeURIComponent(deploymentId)}${force(forced)}` }, started);
  }

  resetDelay(id: string): Promise<Result<unknown>> {
    return this.#call({ method: 'DELETE', path: `${V2}/queue/${appPath(id)}/delay` }, (body: unknown) => body);
  }
}
