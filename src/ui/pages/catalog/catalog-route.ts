/**
 * The Catalog page's part of the hash, as the DC/OS UI routes it: `#/catalog` (the packages), `#/catalog/packages/<name>`
 * (a package; `?version=` the version shown, `?appId=` after an install: the success dialog) and
 * `#/catalog/packages/<name>/deploy?version=` (the install form).
 */

export type CatalogView =
  { view: 'list' } | { view: 'detail'; name: string; version: string; appId: string } | { view: 'deploy'; name: string; version: string };

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

export function parseCatalogHash(hash: string): CatalogView {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?') as [string, string?];
  const [, kind, raw, sub] = path.split('/');
  const name = kind === 'packages' && raw ? decode(raw) : undefined;
  if (!name) return { view: 'list' };
  const q = new URLSearchParams(query);
  const version = q.get('version') ?? '';
  if (sub === 'deploy') return { view: 'deploy', name, version };
  return { view: 'detail', name, version, appId: q.get('appId') ?? '' };
}

export const LIST_HREF = '#/catalog';

const query = (params: Record<string, string>) => {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
  return q ? `?${q}` : '';
};

export const packageHref = (name: string, version = '', appId = '') =>
  `#/catalog/packages/${encodeURIComponent(name)}${query({ version, appId })}`;

export const deployHref = (name: string, version = '') => `#/catalog/packages/${encodeURIComponent(name)}/deploy${query({ version })}`;

/** The service page of an installed package's app (`#/services/detail/<id>`, the id escaped as one segment). */
export const serviceHref = (appId: string) => `#/services/detail/${encodeURIComponent(appId)}`;
