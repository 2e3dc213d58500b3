/**
 * The Services page's own part of the hash, DC/OS style:
 * `#/services/overview/%2Fprod` (a group), `#/services/detail/%2Fprod%2Fweb/debug` (an app or a pod, a tab) and
 * `#/services/detail/%2Fprod%2Fweb/tasks/<task id>/details` (one of its tasks, or of a pod's containers) and
 * `#/services/detail/%2Fkafka/edit` (a package's service: its package configuration, DC/OS' "Edit Configuration").
 */

export const DETAIL_TABS = [
  { id: 'tasks', label: 'Instances' },
  { id: 'configuration', label: 'Configuration' },
  { id: 'deployments', label: 'Deployments' },
  { id: 'debug', label: 'Debug' },
  // Only for an SDK service (DC/OS: Endpoints, then Plans; its pods and their restart and replace, the sandbox's).
  { id: 'endpoints', label: 'Endpoints' },
  { id: 'plans', label: 'Plans' },
  { id: 'pods', label: 'Pods' },
  // Only for an app with volumes to list.
  { id: 'volumes', label: 'Volumes' },
] as const;

export type DetailTab = (typeof DETAIL_TABS)[number]['id'];

/** The tabs only an SDK service has. */
export const SDK_TABS: ReadonlySet<DetailTab> = new Set(['endpoints', 'plans', 'pods']);

/** A pod's tabs, as DC/OS's pod page has them (its Endpoints are in the instances' rows). */
export const POD_TABS: ReadonlyArray<{ id: DetailTab; label: string }> = DETAIL_TABS.filter(
  (t) => t.id !== 'deployments' && t.id !== 'volumes' && !SDK_TABS.has(t.id),
);

/** A task page's tabs: DC/OS' `…/tasks/<id>/details` and `…/tasks/<id>/logs` (its Files tab lands on the details). */
export type TaskTab = 'details' | 'logs';

export type ServicesView =
  | { view: 'list'; groupId: string }
  | { view: 'detail'; appId: string; tab: DetailTab }
  | { view: 'task'; appId: string; taskId: string; tab: TaskTab }
  | { view: 'edit'; appId: string };

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** A path id from the hash: always absolute, no trailing slash. */
function pathId(s: string | undefined): string | undefined {
  const d = s === undefined ? undefined : decode(s);
  if (d === undefined) return undefined;
  const parts = d.split('/').filter(Boolean);
  return `/${parts.join('/')}`;
}

export function parseServicesHash(hash: string): ServicesView {
  const [, ...rest] = hash.replace(/^#\/?/, '').split('?')[0]!.split('/');
  const [kind, id, tab, task, taskTab] = rest;
  if (kind === 'detail') {
    const appId = pathId(id);
    if (appId && appId !== '/') {
      // DC/OS' task page, `…/tasks/<id>/details` or `…/logs`; its Files tab lands on the details.
      const taskId = tab === 'tasks' && task ? decode(task) : undefined;
      if (taskId) return { view: 'task', appId, taskId, tab: taskTab === 'logs' ? 'logs' : 'details' };
      if (tab === 'edit') return { view: 'edit', appId };
      const known = DETAIL_TABS.find((t) => t.id === tab);
      return { view: 'detail', appId, tab: known?.id ?? 'tasks' };
    }
  }
  if (kind === 'overview') return { view: 'list', groupId: pathId(id) ?? '/' };
  return { view: 'list', groupId: '/' };
}

export function groupHref(groupId: string): string {
  return groupId === '/' ? '#/services' : `#/services/overview/${encodeURIComponent(groupId)}`;
}

export function detailHref(appId: string, tab: DetailTab = 'tasks'): string {
  const base = `#/services/detail/${encodeURIComponent(appId)}`;
  return tab === 'tasks' ? base : `${base}/${tab}`;
}

/** A package's service's configuration editor (DC/OS' `/services/detail/<id>/edit/`). */
export function editHref(appId: string): string {
  return `${detailHref(appId)}/edit`;
}

/** A task's page: DC/OS' `…/tasks/<task id>/details` (or `/logs`). */
export function taskHref(appId: string, taskId: string, tab: TaskTab = 'details'): string {
  return `${detailHref(appId)}/tasks/${encodeURIComponent(taskId)}/${tab}`;
}
