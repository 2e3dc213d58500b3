/**
 * What the task page knows, refreshed by the Services page's poller after the app has been read
 * (ServicesData, focused on the task's app, brings Marathon's side): Mesos' task
 * (`/mesos/master/tasks?task_id=`), its agent's hostname once Marathon no longer lists the task
 * (`/mesos/master/slaves?slave_id=`), and the app version it was launched with (for its container).
 */
import type { ApiRequest } from '../../../../api/types.ts';
import type { MesosAgentList, MesosTaskList } from '../../../../api/shapes/mesos.ts';
import type { SandboxTaskNetwork } from '../../../../api/shapes/net.ts';
import type { Requester } from '../marathon-client.ts';
import type { ServicesData } from '../services-data.svelte.ts';
import { agentHostname, findMesosTask, nextShown, NOTHING_SHOWN, taskView, type TaskShown } from './task-detail.ts';
import { nextNetwork, type TaskNetworkShown } from './task-network.ts';

export interface TaskFocus {
  appId: string;
  taskId: string;
}

/** The cluster's moment and, while no leader answers, why (see state/history.ts holdReasonText). */
export type ClusterMoment = () => { now: number; held: string | null };

type Answer<T> = { ok: true; body: T } | { ok: false; why: string };

export class TaskData {
  readonly #request: Requester;
  readonly #services: ServicesData;
  readonly #moment: ClusterMoment;
  #focus: TaskFocus | null = null;
  #epoch = 0;
  #shown = $state.raw<TaskShown>(NOTHING_SHOWN);
  #loaded = $state(false);
  #definition = $state.raw<Record<string, unknown> | null>(null);
  #network = $state.raw<TaskNetworkShown>(null);
  /** Agent hostnames by id (an agent keeps its name), and app definitions by `appId@version`. */
  readonly #hostnames = new Map<string, string>();
  readonly #definitions = new Map<string, Record<string, unknown>>();

  constructor(request: Requester, services: ServicesData, moment: ClusterMoment) {
    this.#request = request;
    this.#services = services;
    this.#moment = moment;
  }

  get shown(): TaskShown {
    return this.#shown;
  }
  /** False until the first poll for the focused task has answered (or failed). */
  get loaded(): boolean {
    return this.#loaded;
  }
  /** The app definition of the version the task runs (null: unknown, or not read yet). */
  get definition(): Record<string, unknown> | null {
    return this.#definition;
  }

  /** The task's networking (`/sandbox/v1/tasks/{id}/network`), or why there is none; null before the first answer. */
  get network(): TaskNetworkShown {
    return this.#network;
  }

  setFocus(focus: TaskFocus | null): void {
    if (focus?.appId === this.#focus?.appId && focus?.taskId === this.#focus?.taskId) return;
    this.#focus = focus;
    this.#forget();
  }

  /** A new cluster: nothing known of the old one's tasks stays. */
  reset(): void {
    this.#hostnames.clear();
    this.#definitions.clear();
    this.#forget();
  }

  #forget(): void {
    this.#epoch++;
    this.#shown = NOTHING_SHOWN;
    this.#loaded = false;
    this.#definition = null;
    this.#network = null;
  }

  async #get<T>(path: string): Promise<Answer<T>> {
    const req: ApiRequest = { method: 'GET', path };
    try {
      const res = await this.#request(req);
      if (res.status === 200) return { ok: true, body: res.body as T };
      const message =
        typeof res.body === 'object' && res.body !== null && 'message' in res.body ? String(res.body.message) : String(res.body);
      return { ok: false, why: `${res.status} ${message}`.trim() };
    } catch (e) {
      return { ok: false, why: e instanceof Error ? e.message : String(e) };
    }
  }

  /** One poll, after ServicesData's (its app is the task's). */
  async refresh(): Promise<void> {
    const focus = this.#focus;
    if (!focus) return;
    const epoch = this.#epoch;
    const { now, held } = this.#moment();
    const services = this.#services;
    // The app as Marathon last answered; not when it then answered a problem (the app is gone, or no leader).
    const app = !services.appProblem && services.app?.id === focus.appId ? services.app : null;
    const tasks = await this.#get<MesosTaskList>(`/mesos/master/tasks?task_id=${encodeURIComponent(focus.taskId)}`);
    if (epoch !== this.#epoch) return;
    const mesos = tasks.ok ? findMesosTask(tasks.body, focus.appId, focus.taskId) : undefined;
    const marathon = app?.tasks.find((t) => t.id === focus.taskId);
    if (mesos && !marathon && !this.#hostnames.has(mesos.slave_id)) await this.#learnHostname(mesos.slave_id);
    if (epoch !== this.#epoch) return;
    // Marathon not answering is a failure; a 404 (the app is gone) is an answer: Mesos may still know the task.
    const appProblem = services.appProblem;
    const marathonFailed =
      appProblem && (appProblem.status === 0 || appProblem.status >= 500) ? `${appProblem.status} ${appProblem.message}` : null;
    const fresh = taskView({
      ...focus,
      marathon,
      mesos,
      agentHostname: mesos ? this.#hostnames.get(mesos.slave_id) : undefined,
      failure: app?.lastTaskFailure,
    });
    this.#shown = nextShown(this.#shown, { now, fresh, failed: tasks.ok ? marathonFailed : tasks.why, held });
    this.#loaded = true;
    await this.#readDefinition(focus.appId, this.#shown.view?.version, epoch);
    await this.#readNetwork(focus.taskId, epoch);
  }

  /** The task's networking while it lives; an ended task has none to ask for (the sandbox answers 404). */
  async #readNetwork(taskId: string, epoch: number): Promise<void> {
    const view = this.#shown.view;
    if (!view || view.ended) {
      this.#network = view ? { ok: false, why: '404 the task has ended' } : null;
      return;
    }
    const answer = await this.#get<SandboxTaskNetwork>(`/sandbox/v1/tasks/${encodeURIComponent(taskId)}/network`);
    if (epoch === this.#epoch) this.#network = nextNetwork(this.#network, answer);
  }

  async #learnHostname(agentId: string): Promise<void> {
    const agents = await this.#get<MesosAgentList>(`/mesos/master/slaves?slave_id=${encodeURIComponent(agentId)}`);
    const hostname = agents.ok ? agentHostname(agents.body, agentId) : undefined;
    if (hostname) this.#hostnames.set(agentId, hostname);
  }

  /** The definition of `version`: the app's own when it is the current one, else read once from its versions. */
  async #readDefinition(appId: string, version: string | undefined, epoch: number): Promise<void> {
    const app = this.#services.app?.id === appId ? this.#services.app : null;
    if (!version) {
      this.#definition = null;
      return;
    }
    if (app?.version === version) {
      this.#definition = app.raw;
      return;
    }
    const key = `${appId}@${version}`;
    let found = this.#definitions.get(key);
    if (!found) {
      const read = await this.#services.client.version(appId, version);
      if (epoch !== this.#epoch || !read.ok) return;
      found = read.value;
      this.#definitions.set(key, found);
    }
    this.#definition = found;
  }
}
