/** The pages and hash routes (`#/nodes`): hashes keep the static site working from any sub-path. */

export interface Route {
  id: string;
  label: string;
  /** False: the page arrives with a later release and shows an empty state. */
  ready: boolean;
  /** False: reached by its link only (a code to verify), not listed in the sidebar. */
  sidebar?: false;
}

export const ROUTES: readonly Route[] = [
  { id: 'clusters', label: 'Clusters', ready: true },
  { id: 'dashboard', label: 'Dashboard', ready: true },
  { id: 'services', label: 'Services', ready: true },
  { id: 'jobs', label: 'Jobs', ready: true },
  { id: 'catalog', label: 'Catalog', ready: true },
  { id: 'nodes', label: 'Nodes', ready: true },
  { id: 'roles', label: 'Roles', ready: true },
  { id: 'networking', label: 'Networking', ready: true },
  { id: 'secrets', label: 'Secrets', ready: true },
  { id: 'components', label: 'Components', ready: true },
  { id: 'settings', label: 'Settings', ready: true },
  { id: 'organization', label: 'Organization', ready: true },
  { id: 'forks', label: 'What-if', ready: true },
  { id: 'levels', label: 'Chaos levels', ready: true },
  { id: 'verify', label: 'Verify a code', ready: true, sidebar: false },
];

export const SIDEBAR_ROUTES: readonly Route[] = ROUTES.filter((r) => r.sidebar !== false);

export const DEFAULT_ROUTE = ROUTES.find((r) => r.id === 'dashboard')!;

export function routeFromHash(hash: string): Route {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return ROUTES.find((r) => r.id === id) ?? DEFAULT_ROUTE;
}

export function hrefOf(route: Route): string {
  return `#/${route.id}`;
}
