/**
 * Whether a user may do an action on a resource: grants to the user and to the groups it belongs to, `full`
 * covering every action, `dcos:superuser` covering every resource. A resource that ends in a path
 * (`dcos:service:marathon:marathon:services:/dev/a`) is also covered by a grant on any ancestor path
 * (`…:services:/dev`, `…:services:/`), never by a sibling that only shares a prefix (`…:services:/devx`).
 */
import { iamOf, SUPERUSER_RID, type IamAcl, type IamState } from './model.ts';

export const ACTIONS = ['create', 'read', 'update', 'delete', 'full'] as const;
export type IamAction = (typeof ACTIONS)[number];

/** The actions of a grant path segment (`full`, `read,update`), or null when one is not an action. */
export function parseActions(text: string): IamAction[] | null {
  const words = text.split(',').map((w) => w.trim());
  if (words.some((w) => !(ACTIONS as readonly string[]).includes(w))) return null;
  return [...new Set(words as IamAction[])].sort();
}

/** A rid as IAM accepts it: non-empty, printable, no whitespace (inferred). */
export function validRid(rid: string): boolean {
  return /^[\x21-\x7e]+$/.test(rid) && rid.length <= 512;
}

/** The rids whose grants cover `rid`: itself, then its ancestor paths when it ends in one. */
export function coveringRids(rid: string): string[] {
  const slash = rid.indexOf(':/');
  if (slash < 0) return [rid];
  const base = rid.slice(0, slash + 1);
  const parts = rid
    .slice(slash + 1)
    .split('/')
    .filter(Boolean);
  const out: string[] = [];
  for (let n = parts.length; n > 0; n--) out.push(`${base}/${parts.slice(0, n).join('/')}`);
  out.push(`${base}/`);
  return out;
}

/** The groups `uid` belongs to. */
export function groupsOf(iam: IamState, uid: string): string[] {
  return Object.values(iam.groups)
    .filter((g) => g.members.includes(uid))
    .map((g) => g.gid);
}

function grantedOn(acl: IamAcl | undefined, uid: string, gids: string[]): Set<string> {
  const out = new Set<string>();
  if (!acl) return out;
  for (const a of acl.users[uid] ?? []) out.add(a);
  for (const gid of gids) for (const a of acl.groups[gid] ?? []) out.add(a);
  return out;
}

/** Whether `uid` may do `action` on `rid`. */
export function isAllowed(state: { iam?: IamState }, uid: string, rid: string, action: IamAction): boolean {
  const iam = iamOf(state);
  if (!iam.users[uid]) return false;
  const gids = groupsOf(iam, uid);
  if (grantedOn(iam.acls[SUPERUSER_RID], uid, gids).size > 0) return true;
  for (const r of coveringRids(rid)) {
    const granted = grantedOn(iam.acls[r], uid, gids);
    if (granted.has('full') || granted.has(action)) return true;
  }
  return false;
}
