/**
 * The service tree: Marathon's group tree merged with the app list (which carries the counts and
 * deployments), the rows of one group with totals, and breadcrumbs of a path id.
 */
import { compareText } from './compare.ts';
import type { MarathonApp, MarathonGroup, MarathonPod, PodState, QueueEntry } from './marathon-types.ts';
import { appHealth, appStatus, podStatus, waitingForResourcesSince, worstStatus, type Health, type ServiceStatus } from './status.ts';

export interface TreeNode {
  id: string;
  groups: TreeNode[];
  apps: MarathonApp[];
  pods: MarathonPod[];
}

export interface Counts {
  /** Instances asked for. */
  target: number;
  running: number;
  healthy: number;
  unhealthy: number;
  staged: number;
}

interface RowBase {
  id: string;
  name: string;
  status: ServiceStatus;
  counts: Counts;
  /** Totals over the wanted instances. */
  cpus: number;
  mem: number;
  disk: number;
  gpus: number;
  /** An app's last configuration change (ISO), as DC/OS dates a version; none for groups and pods. */
  version?: string;
  /** Since when (simulated ms) each app here or below has waited for resources, its offers declined. */
  waitingSince: number[];
}

export type ServiceRow =
  | (RowBase & { kind: 'group'; apps: number })
  | (RowBase & { kind: 'app'; app: MarathonApp; health: Health })
  | (RowBase & { kind: 'pod'; pod: MarathonPod });

export function nameOf(id: string): string {
  return id.split('/').filter(Boolean).pop() ?? '/';
}

export function parentOf(id: string): string {
  const cut = id.replace(/\/+$/, '').lastIndexOf('/');
  return cut <= 0 ? '/' : id.slice(0, cut);
}

/** `/prod/web` → Services › prod › web, each with the group id it links to. */
export function breadcrumbs(id: string): Array<{ id: string; label: string }> {
  const parts = id.split('/').filter(Boolean);
  return [{ id: '/', label: 'Services' }, ...parts.map((p, i) => ({ id: `/${parts.slice(0, i + 1).join('/')}`, label: p }))];
}

/**
 * One tree from the group tree (may be null when /v2/groups does not answer) and the app list:
 * apps of the list replace the group tree's copies; groups missing for an app's path are created.
 */
export function buildTree(
  root: MarathonGroup | null,
  apps: readonly MarathonApp[],
  podStates: ReadonlyMap<string, PodState> = new Map(),
  deployingPods: ReadonlySet<string> = new Set(),
): TreeNode {
  const nodes = new Map<string, TreeNode>();
  const node = (id: string): TreeNode => {
    let n = nodes.get(id);
    if (!n) {
      n = { id, groups: [], apps: [], pods: [] };
      nodes.set(id, n);
      if (id !== '/') node(parentOf(id)).groups.push(n);
    }
    return n;
  };
  const top = node('/');
  const listed = new Map(apps.map((a) => [a.id, a]));
  const walk = (g: MarathonGroup): void => {
    const n = node(g.id === '' ? '/' : g.id);
    for (const a of g.apps) if (!listed.has(a.id)) n.apps.push(a);
    for (const p of g.pods) {
      const state = podStates.get(p.id);
      n.pods.push({ ...p, ...(state ? { state } : {}), ...(deployingPods.has(p.id) ? { deploying: true } : {}) });
    }
    g.groups.forEach(walk);
  };
  if (root) walk(root);
  for (const a of apps) node(parentOf(a.id)).apps.push(a);
  for (const n of nodes.values()) {
    n.groups.sort((a, b) => compareText(a.id, b.id));
    n.apps.sort((a, b) => compareText(a.id, b.id));
  }
  return top;
}

export function findNode(tree: TreeNode, id: string): TreeNode | undefined {
  if (tree.id === id) return tree;
  for (const g of tree.groups) {
    if (id === g.id || id.startsWith(`${g.id}/`)) return findNode(g, id);
  }
  return undefined;
}

export function findApp(tree: TreeNode, id: string): MarathonApp | undefined {
  return findNode(tree, parentOf(id))?.apps.find((a) => a.id === id);
}

/** Every app at or below a node. */
export function appsBelow(node: TreeNode): MarathonApp[] {
  return [...node.apps, ...node.groups.flatMap(appsBelow)];
}

export type QueueIndex = ReadonlyMap<string, QueueEntry>;

export function appRow(app: MarathonApp, queue: QueueIndex): ServiceRow {
  const status = appStatus(app, queue.get(app.id));
  const since = waitingForResourcesSince(queue.get(app.id), status);
  return {
    kind: 'app',
    id: app.id,
    name: nameOf(app.id),
    app,
    status,
    health: appHealth(app),
    counts: {
      target: app.instances,
      running: app.tasksRunning,
      healthy: app.tasksHealthy,
      unhealthy: app.tasksUnhealthy,
      staged: app.tasksStaged,
    },
    cpus: app.cpus * app.instances,
    mem: app.mem * app.instances,
    disk: app.disk * app.instances,
    gpus: app.gpus * app.instances,
    version: app.versionInfo?.lastConfigChangeAt ?? app.version,
    waitingSince: since === null ? [] : [since],
  };
}

export function groupRow(node: TreeNode, queue: QueueIndex): ServiceRow {
  const apps = appsBelow(node).map((a) => appRow(a, queue));
  const sum = (f: (r: ServiceRow) => number): number => apps.reduce((t, r) => t + f(r), 0);
  return {
    kind: 'group',
    id: node.id,
    name: nameOf(node.id),
    apps: apps.length,
    status: worstStatus(apps.map((r) => r.status)),
    counts: {
      target: sum((r) => r.counts.target),
      running: sum((r) => r.counts.running),
      healthy: sum((r) => r.counts.healthy),
      unhealthy: sum((r) => r.counts.unhealthy),
      staged: sum((r) => r.counts.staged),
    },
    cpus: sum((r) => r.cpus),
    mem: sum((r) => r.mem),
    disk: sum((r) => r.disk),
    gpus: sum((r) => r.gpus),
    waitingSince: apps.flatMap((r) => r.waitingSince),
  };
}

/** A pod's instances against its target, as its status counts them (no health: a STABLE instance is only running). */
export function podCounts(pod: MarathonPod): Counts {
  return { target: pod.instances, running: pod.state?.running ?? 0, healthy: 0, unhealthy: 0, staged: pod.state?.staged ?? 0 };
}

function podRow(pod: MarathonPod, queue: QueueIndex): ServiceRow {
  const counts = podCounts(pod);
  return {
    kind: 'pod',
    id: pod.id,
    pod,
    name: nameOf(pod.id),
    status: podStatus(pod, queue.get(pod.id)),
    counts,
    cpus: 0,
    mem: 0,
    disk: 0,
    gpus: 0,
    waitingSince: [],
  };
}

/** The rows of one group: its sub-groups first, then its apps and pods, each by name. */
export function childRows(node: TreeNode, queue: QueueIndex): ServiceRow[] {
  return [
    ...node.groups.map((g) => groupRow(g, queue)),
    ...node.apps.map((a) => appRow(a, queue)),
    ...node.pods.map((p) => podRow(p, queue)),
  ];
}

export function queueIndex(entries: readonly QueueEntry[]): QueueIndex {
  return new Map(entries.map((e) => [e.appId, e]));
}

/** Where to go once `appId` is deleted: the nearest group above it that still holds something else. */
export function landingAfterDelete(tree: TreeNode | null, appId: string): string {
  let id = parentOf(appId);
  while (id !== '/') {
    const node = tree ? findNode(tree, id) : undefined;
    if (node && (node.pods.length > 0 || node.groups.length > 0 || appsBelow(node).some((a) => a.id !== appId))) return id;
    id = parentOf(id);
  }
  return '/';
}
