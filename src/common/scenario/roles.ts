/** Mesos role names (`apache/mesos src/common/roles.cpp validate`). */
export function roleNameProblem(role: string): string | undefined {
  if (role === '*') return undefined;
  if (role.length === 0) return 'must not be empty';
  if (role.startsWith('/') || role.endsWith('/')) return "must not start or end with '/'";
  if (/\s|\x08/.test(role)) return 'must not contain whitespace';
  for (const part of role.split('/')) {
    if (part === '') return "must not contain '//'";
    if (part === '.' || part === '..') return `must not have a component '${part}'`;
    if (part === '*') return "must not have a component '*'";
    if (part.startsWith('-')) return "components must not start with '-'";
  }
  return undefined;
}

/** `a/b/c` → [`a`, `a/b`]. */
export function ancestorsOf(role: string): string[] {
  if (role === '*') return [];
  const parts = role.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

export function topLevelOf(role: string): string {
  return role.split('/')[0]!;
}

export const PUBLIC_ROLE = 'slave_public';

/** The reservation roles of the pools offered to a framework in `role`: unreserved, its own and its ancestors'. */
export function offeredPoolRoles(role: string): Set<string> {
  return new Set(['*', role, ...ancestorsOf(role)]);
}
