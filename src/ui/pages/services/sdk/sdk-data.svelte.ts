/**
 * What an SDK service's tabs read from its scheduler (`/service/<name>/v1/…`), refreshed on the Services page's
 * polls (`ServicesData.watch`): its plans and the chosen one (200 complete, 202 in progress, 417 with errors: all
 * three carry the plan), its pods with their tasks (`pod/status`), its endpoints; and a pod's restart or replace.
 * Values are replaced only when an answer differs from the last one.
 */
import type { ApiResponse } from '../../../../api/types.ts';
import type { MesosAgentList, MesosTaskList } from '../../../../api/shapes/mesos.ts';
import type { SdkPlanJson, SdkPodStatusJson } from '../../../../api/shapes/sdk.ts';
import type { Requester, Result } from '../marathon-client.ts';
import { readProblem } from '../marathon-read.ts';
import type { ApiProblem } from '../marathon-types.ts';

export type SdkTabId = 'plans' | 'pods' | 'endpoints';

/** An endpoint's JSON (`endpoints/<name>`): addresses, DNS names and a VIP; or the text a file endpoint is. */
export interface EndpointView {
  name: string;
  address: string;
  dns: string;
  vip: string;
  /** A non-JSON endpoint (e.g. a client configuration file): its text. */
  file?: string;
  problem?: ApiProblem;
}

const joined = (v: unknown): string => (Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : '');

/** An endpoint's answer as DC/OS's `ServiceEndpoint` reads it (arrays joined with commas). */
export function endpointView(name: string, res: Result<unknown>): EndpointView {
  if (!res.ok) return { name, address: '', dns: '', vip: '', problem: res.problem };
  const body = res.value;
  if (typeof body === 'string') return { name, address: '', dns: '', vip: '', file: body };
  const o = (body ?? {}) as Record<string, unknown>;
  return { name, address: joined(o.address), dns: joined(o.dns), vip: joined(o.vip) };
}

export class SdkData {
  readonly #request: Requester;
  readonly #base: string;
  #tab: SdkTabId;
  #keys = new Map<string, string>();
  /** Every plan by name (DC/OS's plan menu words each with its status), null until the scheduler answered. */
  plans = $state.raw<ReadonlyArray<{ name: string; plan: SdkPlanJson }> | null>(null);
  pods = $state.raw<SdkPodStatusJson | null>(null);
  /** The agent's hostname of each task of `pods` (by task id), from Mesos; a task not (yet) found is missing. */
  hosts = $state.raw<Readonly<Record<string, string>>>({});
  /** Task id → agent id and agent id → hostname, as Mesos answered (neither changes). */
  #agentOf = new Map<string, string>();
  #hostOf = new Map<string, string>();
  endpoints = $state.raw<readonly EndpointView[] | null>(null);
  /** The scheduler's problem with the last read (not up yet: 404 or 503). */
  problem = $state.raw<ApiProblem | null>(null);
  /** True once the scheduler answered this tab. */
  loaded = $state(false);

  constructor(request: Requester, serviceName: string, tab: SdkTabId) {
    this.#request = request;
    this.#base = `/service/${encodeURIComponent(serviceName)}/v1`;
    this.#tab = tab;
  }

  set tab(tab: SdkTabId) {
    this.#tab = tab;
  }

  async #call<T>(method: 'GET' | 'POST', path: string, ok: (status: number) => boolean = (s) => s >= 200 && s < 300): Promise<Result<T>> {
    let res: ApiResponse;
    try {
      res = await this.#request({ method, path: `${this.#base}/${path}` });
    } catch (e) {
      return { ok: false, problem: { status: 0, message: e instanceof Error ? e.message : String(e), details: [], deployments: [] } };
    }
    return ok(res.status) ? { ok: true, value: res.body as T } : { ok: false, problem: readProblem(res.status, res.body) };
  }

  #take<T>(name: string, value: T, set: (v: T) => void): void {
    const key = JSON.stringify(value);
    if (this.#keys.get(name) === key) return;
    this.#keys.set(name, key);
    set(value);
  }

  /** One poll of what the open tab shows. */
  async refresh(): Promise<void> {
    const tab = this.#tab;
    if (tab === 'plans') await this.#refreshPlans();
    else if (tab === 'pods') await this.#refreshPods();
    else await this.#refreshEndpoints();
  }

  async #refreshPlans(): Promise<void> {
    const names = await this.#call<string[]>('GET', 'plans');
    if (!names.ok) return this.#fail(names.problem);
    // 417: the plan has errors; its body is the plan all the same.
    const read = await Promise.all(
      names.value.map((n) => this.#call<SdkPlanJson>('GET', `plans/${encodeURIComponent(n)}`, (s) => s === 200 || s === 202 || s === 417)),
    );
    const plans: Array<{ name: string; plan: SdkPlanJson }> = [];
    for (const [i, r] of read.entries()) {
      if (!r.ok) return this.#fail(r.problem);
      plans.push({ name: names.value[i]!, plan: r.value });
    }
    this.#take('plans', plans, (v) => (this.plans = v));
    this.#done();
  }

  async #refreshPods(): Promise<void> {
    const pods = await this.#call<SdkPodStatusJson>('GET', 'pod/status');
    if (!pods.ok) return this.#fail(pods.problem);
    this.#take('pods', pods.value, (v) => (this.pods = v));
    await this.#readHosts(pods.value.pods.flatMap((p) => p.instances.flatMap((i) => i.tasks.map((t) => t.id))).filter(Boolean));
    this.#done();
  }

  /** The agents the tasks run on: `/mesos/master/tasks?task_id=`, then `/mesos/master/slaves?slave_id=`, each once. */
  async #readHosts(taskIds: string[]): Promise<void> {
    const get = async <T>(path: string): Promise<T | null> => {
      const res = await this.#request({ method: 'GET', path }).catch(() => null);
      return res?.status === 200 ? (res.body as T) : null;
    };
    await Promise.all(
      taskIds
        .filter((id) => !this.#agentOf.has(id))
        .map(async (id) => {
          const agent = (await get<MesosTaskList>(`/mesos/master/tasks?task_id=${encodeURIComponent(id)}`))?.tasks[0]?.slave_id;
          if (agent) this.#agentOf.set(id, agent);
        }),
    );
    const agents = new Set(taskIds.flatMap((id) => this.#agentOf.get(id) ?? []).filter((a) => !this.#hostOf.has(a)));
    await Promise.all(
      [...agents].map(async (a) => {
        const host = (await get<MesosAgentList>(`/mesos/master/slaves?slave_id=${encodeURIComponent(a)}`))?.slaves[0]?.hostname;
        if (host) this.#hostOf.set(a, host);
      }),
    );
    const hosts: Record<string, string> = {};
    for (const id of taskIds) {
      const host = this.#hostOf.get(this.#agentOf.get(id) ?? '');
      if (host) hosts[id] = host;
    }
    this.#take('hosts', hosts, (v) => (this.hosts = v));
  }

  async #refreshEndpoints(): Promise<void> {
    const names = await this.#call<string[]>('GET', 'endpoints');
    if (!names.ok) return this.#fail(names.problem);
    const views = await Promise.all(
      names.value.map(async (n) => endpointView(n, await this.#call<unknown>('GET', `endpoints/${encodeURIComponent(n)}`))),
    );
    this.#take('endpoints', views, (v) => (this.endpoints = v));
    this.#done();
  }

  #fail(problem: ApiProblem): void {
    this.problem = problem;
    this.loaded = true;
  }

  #done(): void {
    this.problem = null;
    this.loaded = true;
  }

  /** `POST pod/<instance>/restart|replace`: `{pod, tasks}`, the tasks it killed. */
  podAction(instance: string, action: 'restart' | 'replace'): Promise<Result<{ pod: string; tasks: string[] }>> {
    return this.#call('POST', `pod/${encodeURIComponent(instance)}/${action}`);
  }
}
