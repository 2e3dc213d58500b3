/**
 * The Organization page's part of the hash, as DC/OS routes it: `#/organization/users` (the default),
 * `#/organization/users/<uid>`, `#/organization/groups[/<gid>]`, `#/organization/service-accounts[/<uid>]`.
 */

export const ORG_TABS = [
  { id: 'users', label: 'Users' },
  { id: 'groups', label: 'Groups' },
  { id: 'service-accounts', label: 'Service Accounts' },
] as const;

export type OrgTab = (typeof ORG_TABS)[number]['id'];

export interface OrgView {
  tab: OrgTab;
  /** The open user, group or service account; null for the tab's list. */
  id: string | null;
}

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

export function parseOrgHash(hash: string): OrgView {
  const [, tab, id] = hash.replace(/^#\/?/, '').split('?')[0]!.split('/');
  const known = ORG_TABS.find((t) => t.id === tab)?.id ?? 'users';
  return { tab: known, id: known === tab && id ? decode(id) : null };
}

export function orgHref(tab: OrgTab, id?: string): string {
  return `#/organization/${tab}${id ? `/${encodeURIComponent(id)}` : ''}`;
}
