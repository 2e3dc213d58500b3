/**
 * What dcos-core-cli 2.2's Go marathon commands fetch, with the errors each client gives: its own HTTP client
 * (`pkg/marathon/client.go`: fixed sentences, or `HTTP <n> error`) and go-marathon (`Marathon API error: …`).
 */
import type { Deployment, MarathonApp, MarathonAppList, MarathonQueue } from '../../api/shapes/marathon.ts';
import { goError, goMarathonMessage, isSuccess, pathOf } from '../format.ts';
import type { ApiResponse, RequestFn } from '../types.ts';

export const MARATHON = '/marathon/v2';

async function getOrSay<T>(request: RequestFn, path: string, sentence: string): Promise<T> {
  const res = await request({ method: 'GET', path: `${MARATHON}${path}` });
  if (res.status !== 200) throw goError(sentence);
  return res.body as T;
}

export const applications = async (request: RequestFn): Promise<MarathonApp[]> =>
  (await getOrSay<MarathonAppList>(request, '/apps', 'unable to get Marathon apps')).apps;

export const deployments = (request: RequestFn): Promise<Deployment[]> =>
  getOrSay<Deployment[]>(request, '/deployments', 'unable to get Marathon deployments');

/** `Client.Queue` / `QueueWithLastUnusedOffers`: the launch queue. */
export const queue = async (request: RequestFn, lastUnusedOffers = false): Promise<MarathonQueue> =>
  getOrSay<MarathonQueue>(request, lastUnusedOffers ? '/queue?embed=lastUnusedOffers' : '/queue', 'unable to get Marathon queue');

/** An answer of go-marathon's client: the body, or its `APIError` (with `status` for the callers that test it). */
export class MarathonApiError extends Error {
  constructor(readonly response: ApiResponse) {
    super(goMarathonMessage(response));
  }
}

export async function goMarathon(request: RequestFn, method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown) {
  const res = await request(body === undefined ? { method, path: `${MARATHON}${path}` } : { method, path: `${MARATHON}${path}`, body });
  if (!isSuccess(res)) throw new MarathonApiError(res);
  return res.body;
}

/**
 * go-marathon's `Application(id)`: `GET /v2/apps/<id>`. An answer without an app (the root path lists them
 * all) is taken as a missing app, where the plugin would go on with a nil one and crash.
 */
export async function application(request: RequestFn, id: string): Promise<MarathonApp> {
  const { app } = (await goMarathon(request, 'GET', `/apps${pathOf(id)}`)) as { app?: MarathonApp };
  if (!app) throw new MarathonApiError({ status: 404, body: { message: `App '${id}' does not exist` } });
  return app;
}

/** go-marathon's `ScaleApplicationInstances`: a PUT of the new instance count. */
export const scaleApplication = async (request: RequestFn, id: string, instances: number, force: boolean) =>
  (await goMarathon(request, 'PUT', `/apps${pathOf(id)}${force ? '?force=true' : ''}`, { id, instances })) as {
    deploymentId: string;
    version: string;
  };

/** Re-throws go-marathon's 404 as the command's own sentence. */
export function notFoundAs(e: unknown, sentence: string): never {
  if (e instanceof MarathonApiError && e.response.status === 404) throw goError(sentence);
  if (e instanceof MarathonApiError) throw goError(e.message);
  throw e;
}
