/**
 * The rows of a Permissions tab from `GET /acs/api/v1/users/{uid}/permissions`: the user's own grants, which can be
 * revoked here, then those it holds through a group (revoked on the group, as the DC/OS UI's AdvancedACLsTab says).
 */

export interface PermissionRow {
  rid: string;
  description: string;
  actions: string[];
  /** Through this group, when the grant is the group's. */
  gid?: string;
  removable: boolean;
}

export const ACTIONS = ['create', 'read', 'update', 'delete', 'full'] as const;
export type Action = (typeof ACTIONS)[number];

interface Granted {
  rid?: unknown;
  description?: unknown;
  gid?: unknown;
  actions?: unknown;
}

const list = (v: unknown): Granted[] => (Array.isArray(v) ? (v as Granted[]).filter((g) => typeof g === 'object' && g !== null) : []);

function row(g: Granted, removable: boolean): PermissionRow | null {
  if (typeof g.rid !== 'string') return null;
  const actions = list(g.actions).flatMap((a) => {
    const name = (a as { name?: unknown }).name;
    return typeof name === 'string' ? [name] : [];
  });
  return {
    rid: g.rid,
    description: typeof g.description === 'string' ? g.description : '',
    actions,
    ...(typeof g.gid === 'string' ? { gid: g.gid } : {}),
    removable,
  };
}

export function permissionRows(body: unknown): PermissionRow[] {
  const b = typeof body === 'object' && body !== null ? (body as { direct?: unknown; groups?: unknown }) : {};
  return [...list(b.direct).map((g) => row(g, true)), ...list(b.groups).map((g) => row(g, false))].filter(
    (r): r is PermissionRow => r !== null,
  );
}

/** What the Add Permission form was given, checked: a rid and at least one action; `full` stands alone. */
export function permissionRequest(rid: string, chosen: readonly Action[]): { rid: string; actions: Action[] } | string {
  const trimmed = rid.trim();
  if (!trimmed) return 'Enter a permission string, such as dcos:service:marathon:marathon:services:/dev.';
  if (/\s/.test(trimmed)) return 'A permission string has no spaces.';
  if (chosen.length === 0) return 'Please select at least one action.';
  const actions = chosen.includes('full') ? ['full' as const] : ACTIONS.filter((a) => chosen.includes(a));
  return { rid: trimmed, actions };
}
