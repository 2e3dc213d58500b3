/**
 * What the Services page knows about Marathon, refreshed by polling: the service tree, the launch
 * queue and the deployments; for an open app also its tasks, versions and (on the Debug tab) its
 * placement diagnosis; for an open pod its status (instances and containers) and versions. Values are
 * `$state.raw` and replaced only when an answer differs from the last one, so an unchanged poll
 * re-renders nothing.
 */
import type { MarathonClient, Result } from './marathon-client.ts';
import type { ApiProblem, Deployment, MarathonApp, MarathonGroup, Placement, PodState, PodStatus, QueueEntry } from './marathon-types.ts';
import { planSummary, sdkServiceName, type SdkSummary } from './sdk/sdk-status.ts';
import type { SdkPlanJson } from '../../../api/shapes/sdk.ts';
import { tasksFingerprint } from './tasks.ts';
import { buildTree, queueIndex, type QueueIndex, type TreeNode } from './tree.ts';

/** An app with more tasks than this is re-read only every few polls (one more per this many tasks). */
const TASKS_PER_POLL = 2500;

/** Let the browser paint between two big steps (reading 10,000 tasks, then sorting and rendering them). */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export interface Focus {
  appId: string;
  /** Ask for the placement diagnosis too (Debug tab). */
  placement: boolean;
}

export class ServicesData {
  readonly client: MarathonClient;
  #tree = $state.raw<TreeNode | null>(null);
  #queue = $state.raw<readonly QueueEntry[]>([]);
  #deployments = $state.raw<readonly Deployment[]>([]);
  #problem = $state.raw<ApiProblem | null>(null);
  #app = $state.raw<MarathonApp | null>(null);
  #appProblem = $state.raw<ApiProblem | null>(null);
  #versions = $state.raw<readonly string[]>([]);
  #placement = $state.raw<Placement | null>(null);
  #placementProblem = $state.raw<ApiProblem | null>(null);
  #pod = $state.raw<PodStatus | null>(null);
  /** The open id is a pod's: an app page and a pod page share their address, so an app's 404 asks for a pod. */
  #isPod = false;
  #focus: Focus | null = null;
  #epoch = 0;
  /** Polls since the open app was last read. */
  #appAge = 0;
  #keys = new Map<string, string>();
  /** More to read on each poll (an SDK service's tabs, a chunk of their own); see `watch`. */
  #watchers = new Set<(forced: boolean) => Promise<void>>();

  constructor(client: MarathonClient) {
    this.client = client;
  }

  /** null until the first answer. */
  get tree(): TreeNode | null {
    return this.#tree;
  }
  get queue(): readonly QueueEntry[] {
    return this.#queue;
  }
  get queueIndex(): QueueIndex {
    return queueIndex(this.#queue);
  }
  get deployments(): readonly Deployment[] {
    return this.#deployments;
  }
  /** Set when Marathon does not answer the list (e.g. 404 while it is not there). */
  get problem(): ApiProblem | null {
    return this.#problem;
  }
  get app(): MarathonApp | null {
    return this.#app;
  }
  get appProblem(): ApiProblem | null {
    return this.#appProblem;
  }
  get versions(): readonly string[] {
    return this.#versions;
  }
  /** The open pod's status, once the open id turned out to be a pod's. */
  get pod(): PodStatus | null {
    return this.#pod;
  }
  get placement(): Placement | null {
    return this.#placement;
  }
  get placementProblem(): ApiProblem | null {
    return this.#placementProblem;
  }

  /** Read `refresh` on each poll too, until the returned function is called. */
  watch(refresh: (forced: boolean) => Promise<void>): () => void {
    this.#watchers.add(refresh);
    return () => this.#watchers.delete(refresh);
  }

  /** An SDK app with its deploy plan in brief (its scheduler's answer: 200, 202 or 417 with the plan); else as it is. */
  async #withSdk(app: MarathonApp): Promise<MarathonApp> {
    const name = sdkServiceName(app.raw);
    if (name === null) return app;
    const res = await this.client
      .request({ method: 'GET', path: `/service/${encodeURIComponent(name)}/v1/plans/deploy` })
      .catch(() => null);
    const plan = res && [200, 202, 417].includes(res.status) ? (res.body as SdkPlanJson) : null;
    const sdk: SdkSummary | undefined = plan && Array.isArray(plan.phases) ? planSummary(plan) : undefined;
    return sdk ? { ...app, sdk } : app;
  }

  /** Which app the page shows; a different app forgets the last one's details. */
  setFocus(focus: Focus | null): void {
    if (focus?.appId !== this.#focus?.appId) this.#forgetApp();
    this.#focus = focus;
  }

  /** A new cluster: forget everything (the focus stays: the page still shows the same route). */
  reset(): void {
    this.#keys.clear();
    this.#tree = null;
    this.#queue = [];
    this.#deployments = [];
    this.#problem = null;
    this.#forgetApp();
  }

  #forgetApp(): void {
    this.#epoch++;
    this.#appAge = 0;
    this.#app = null;
    this.#appProblem = null;
    this.#versions = [];
    this.#placement = null;
    this.#placementProblem = null;
    this.#pod = null;
    this.#isPod = false;
    for (const k of ['app', 'tasks', 'versions', 'placement', 'pod']) this.#keys.delete(k);
  }

  /** True when `value`'s key differs from the last one stored under `name` (and remembers it). */
  #changed(name: string, key: string): boolean {
    if (this.#keys.get(name) === key) return false;
    this.#keys.set(name, key);
    return true;
  }

  /** One poll; `forced` (after an action or a navigation) re-reads everything at once. */
  async refresh(forced = false): Promise<void> {
    const epoch = this.#epoch;
    const focus = this.#focus;
    const [queue, deployments] = await Promise.all([
      this.client.queue(),
      this.client.deployments(),
      focus ? this.#refreshApp(focus, epoch, forced) : this.#refreshTree(epoch),
      ...[...this.#watchers].map((w) => w(forced)),
    ]);
    if (epoch !== this.#epoch) return;
    const q = queue.ok ? queue.value : [];
    if (this.#changed('queue', JSON.stringify(q))) this.#queue = q;
    const d = deployments.ok ? deployments.value : [];
    if (this.#changed('deployments', JSON.stringify(d))) this.#deployments = d;
  }

  async #refreshTree(epoch: number): Promise<void> {
    const [groups, apps, pods] = await Promise.all([this.client.groups(), this.client.apps(), this.client.podStates()]);
    if (epoch !== this.#epoch) return;
    if (!apps.ok && !groups.ok) {
      this.#problem = apps.problem;
      return;
    }
    this.#problem = null;
    const root: MarathonGroup | null = groups.ok ? groups.value : null;
    const list = apps.ok ? await Promise.all(apps.value.map((a) => this.#withSdk(a))) : [];
    if (epoch !== this.#epoch) return;
    const states = pods.ok ? pods.value : new Map<string, PodState>();
    const deploying = new Set(this.#deployments.flatMap((d) => d.affectedPods));
    const key = JSON.stringify([root, list.map((a) => [a.raw, a.sdk]), [...states], [...deploying]]);
    if (this.#changed('tree', key) || this.#tree === null) this.#tree = buildTree(root, list, states, deploying);
  }

  async #refreshApp(focus: Focus, epoch: number, forced: boolean): Promise<void> {
    const placement = focus.placement ? this.client.placement(focus.appId) : Promise.resolve(null);
    // A huge app (10,000 tasks is megabytes of JSON) is re-read every few polls: the page stays smooth.
    const every = Math.ceil((this.#app?.tasks.length ?? 0) / TASKS_PER_POLL);
    if (this.#isPod) {
      await this.#refreshPod(focus.appId, epoch);
    } else if (forced || ++this.#appAge >= every) {
      this.#appAge = 0;
      const read = await this.client.app(focus.appId);
      const app = read.ok && read.value ? { ok: true as const, value: await this.#withSdk(read.value) } : read;
      if (epoch !== this.#epoch) return;
      // No such app: a pod, perhaps; the app's 404 is said only if it is not one either.
      const pod = !app.ok && app.problem.status === 404 && (await this.#refreshPod(focus.appId, epoch));
      if (!pod) {
        if (every > 1) await nextTask();
        if (epoch !== this.#epoch) return;
        this.#takeApp(focus.appId, app, epoch);
      }
    }
    this.#takePlacement(await placement, epoch);
  }

  /** Reads the pod's status; true when it answered. A pod gone (404) leaves its page to the app's reading. */
  async #refreshPod(podId: string, epoch: number): Promise<boolean> {
    const status = await this.client.podStatus(podId);
    if (epoch !== this.#epoch) return false;
    if (!status.ok || !status.value) {
      if (!this.#isPod) return false;
      this.#appProblem = status.ok
        ? { status: 200, message: 'Marathon answered without a pod.', details: [], deployments: [] }
        : status.problem;
      if (!status.ok && status.problem.status === 404) {
        this.#isPod = false;
        this.#pod = null;
        this.#keys.delete('pod');
      }
      return false;
    }
    this.#isPod = true;
    this.#appProblem = null;
    if (this.#changed('pod', JSON.stringify(status.value))) this.#pod = status.value;
    if (this.#changed('versions', status.value.pod.version ?? '')) void this.#refreshVersions(podId, epoch, true);
    return true;
  }

  #takeApp(appId: string, app: Result<MarathonApp | null>, epoch: number): void {
    if (!app.ok || !app.value) {
      this.#appProblem = app.ok ? { status: 200, message: 'Marathon answered without an app.', details: [], deployments: [] } : app.problem;
      this.#keys.delete('app');
      return;
    }
    this.#appProblem = null;
    this.#storeApp(app.value);
    if (this.#changed('versions', app.value.version ?? '')) void this.#refreshVersions(appId, epoch);
  }

  #takePlacement(placement: Result<Placement | null> | null, epoch: number): void {
    if (!placement || epoch !== this.#epoch) return;
    this.#placementProblem = placement.ok ? null : placement.problem;
    const p = placement.ok ? placement.value : null;
    if (this.#changed('placement', JSON.stringify(p))) this.#placement = p;
  }

  /** Keep the previous tasks array when the tasks did not change: the sorted table is then reused. */
  #storeApp(next: MarathonApp): void {
    const tasksChanged = this.#changed('tasks', tasksFingerprint(next.tasks));
    const rest = JSON.stringify({ ...next.raw, tasks: undefined, sdk: next.sdk });
    if (!this.#changed('app', rest) && !tasksChanged) return;
    const prev = this.#app;
    this.#app = tasksChanged || !prev ? next : { ...next, tasks: prev.tasks };
  }

  async #refreshVersions(appId: string, epoch: number, pod = false): Promise<void> {
    const versions = await (pod ? this.client.podVersions(appId) : this.client.versions(appId));
    if (epoch === this.#epoch && versions.ok) this.#versions = versions.value;
  }
}
