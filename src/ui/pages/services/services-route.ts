/**
 * The Services page's own part of the hash, DC/OS style:
 * `#/services/overview/%2Fprod` (a group) and `#/services/detail/%2Fprod%2Fweb/debug` (an app, a tab).
 */

export const DETAIL_TABS = [
  { id: 'tasks', label: 'Instances' },
  { id: 'configuration', label: 'Configuration' },
  { id: 'deployments', label: 'Deployments' },
  { id: 'debug', label: 'Debug' },
] as const;

export type DetailTab = (typeof DETAIL_TABS)[number]['id'];

export type ServicesView = { view: 'list'; groupId: string } | { view: 'detail'; appId: string; tab: DetailTab };

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
  const [kind, id, tab] = rest;
  if (kind === 'detail') {
    const appId = pathId(id);
    if (appId && appId !== '/') {
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
