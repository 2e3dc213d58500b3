/**
 * "Show me" actions are data, but some name things only the running cluster knows: a task id, the
 * host it runs on, the leading master, a deployment. They write a placeholder instead, resolved
 * through the API just before the action runs:
 *
 *   {{task:/hello}}        id of a running task of /hello (the first Marathon lists)
 *   {{host:/hello}}        hostname of the agent that task runs on
 *   {{anyTask:/db}}        id of a task of /db whatever its state (the first Marathon lists: a resident app's kept one)
 *   {{anyHost:/db}}        hostname of the agent that task is on
 *   {{leader}}             hostname of the leading Mesos master
 *   {{agentId:a-1}}        Mesos id of the agent named a-1
 *   {{deployment:/web}}    id of a deployment in progress for /web
 *   {{podHost:kafka}}      hostname of an agent that runs a pod of SDK service kafka (not its scheduler)
 *   {{lostPod:kafka}}      name of a pod instance of SDK service kafka whose tasks are unreachable (`kafka-1`)
 *
 * A placeholder that cannot be resolved is an error (the action is not run).
 */
import type { Deployment, MarathonApp } from '../api/shapes/marathon.ts';
import { appOf, mesosState } from './goals.ts';
import { podHost, unreachablePods } from './sdk-goals.ts';
import type { ShowMeAction, TutorialApi } from './types.ts';

const PLACEHOLDER = /\{\{(\w+)(?::([^}]+))?\}\}/g;

async function valueOf(api: TutorialApi, kind: string, arg: string | undefined): Promise<string | undefined> {
  switch (kind) {
    case 'task':
    case 'host': {
      const app: MarathonApp | null = arg ? await appOf(api, arg) : null;
      const task = (app?.tasks ?? []).find((t) => t.state === 'TASK_RUNNING');
      return kind === 'task' ? task?.id : task?.host;
    }
    case 'anyTask':
    case 'anyHost': {
      const task = (arg ? await appOf(api, arg) : null)?.tasks?.[0];
      return kind === 'anyTask' ? task?.id : task?.host;
    }
    case 'leader': {
      const state = await mesosState(api);
      return state?.sandbox_masters.find((m) => m.state === 'leading')?.hostname;
    }
    case 'agentId': {
      const state = await mesosState(api);
      return state?.slaves.find((a) => a.hostname === arg)?.id;
    }
    case 'deployment': {
      const list = await api.get<Deployment[]>('/marathon/v2/deployments');
      return (list ?? []).find((d) => arg !== undefined && d.affectedApps.includes(arg))?.id;
    }
    case 'podHost':
      return arg ? podHost(api, arg) : undefined;
    case 'lostPod':
      return arg ? (await unreachablePods(api, arg))[0] : undefined;
    default:
      return undefined;
  }
}

/** `text` with every placeholder replaced; throws naming the first one that has no value. */
export async function resolveText(api: TutorialApi, text: string): Promise<string> {
  const found = [...text.matchAll(PLACEHOLDER)];
  let out = text;
  for (const m of found) {
    const value = await valueOf(api, m[1]!, m[2]);
    if (value === undefined) throw new Error(`cannot resolve ${m[0]} now`);
    out = out.replace(m[0], value);
  }
  return out;
}

async function resolveValue(api: TutorialApi, value: unknown): Promise<unknown> {
  if (typeof value === 'string') return resolveText(api, value);
  if (Array.isArray(value)) return Promise.all(value.map((v) => resolveValue(api, v)));
  if (value !== null && typeof value === 'object') {
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await resolveValue(api, v)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}

/** The action with its placeholders filled in from the cluster as it is now. */
export async function resolveAction(api: TutorialApi, action: ShowMeAction): Promise<ShowMeAction> {
  switch (action.kind) {
    case 'request': {
      const { method, path, body } = action.request;
      const resolved = {
        method,
        path: await resolveText(api, path),
        ...(body === undefined ? {} : { body: await resolveValue(api, body) }),
      };
      return { kind: 'request', request: resolved };
    }
    case 'cli':
      return { kind: 'cli', line: await resolveText(api, action.line) };
    default:
      return action;
  }
}
