/**
 * The role universe of one allocation run, and the DRF sorter tree over it.
 * Roles are indexed in lexicographic order; sorter nodes likewise, so a node's index is its
 * lexicographic rank and every parent comes before its children.
 */
import { ancestorsOf } from '../../common/scenario/roles.ts';

export interface RoleIndex {
  names: string[];
  index: Map<string, number>;
  parent: Int32Array;
  top: Int32Array;
}

export function indexRoles(roleNames: Iterable<string>): RoleIndex {
  const all = new Set<string>();
  for (const role of roleNames) {
    all.add(role);
    for (const a of ancestorsOf(role)) all.add(a);
  }
  const names = [...all].sort(compareStrings);
  const index = new Map(names.map((n, i) => [n, i]));
  const parent = new Int32Array(names.length);
  const top = new Int32Array(names.length);
  names.forEach((name, i) => {
    const ancestors = ancestorsOf(name);
    parent[i] = ancestors.length ? index.get(ancestors[ancestors.length - 1]!)! : -1;
    top[i] = ancestors.length ? index.get(ancestors[0]!)! : i;
  });
  return { names, index, parent, top };
}

export interface SorterTree {
  paths: string[];
  parent: Int32Array;
  /** Role index held by a leaf, -1 for an internal node. */
  role: Int32Array;
  /** The leaf of each role that has frameworks, -1 otherwise. */
  leafOfRole: Int32Array;
}

/** Leaves for every role that has frameworks; a role that is also a parent gets a virtual leaf `role/.`. */
export function buildSorterTree(roles: RoleIndex, rolesWithFrameworks: ReadonlySet<string>): SorterTree {
  const internal = new Set<string>();
  for (const role of rolesWithFrameworks) for (const a of ancestorsOf(role)) internal.add(a);
  const leafPath = (role: string) => (internal.has(role) ? `${role}/.` : role);
  const pathSet = new Set<string>(internal);
  for (const role of rolesWithFrameworks) pathSet.add(leafPath(role));
  const paths = [...pathSet].sort(compareStrings);
  const nodeIndex = new Map(paths.map((p, i) => [p, i]));
  const parent = new Int32Array(paths.length).fill(-1);
  const role = new Int32Array(paths.length).fill(-1);
  const leafOfRole = new Int32Array(roles.names.length).fill(-1);
  paths.forEach((path, i) => {
    const cut = path.lastIndexOf('/');
    if (cut > 0) parent[i] = nodeIndex.get(path.slice(0, cut))!;
  });
  for (const r of rolesWithFrameworks) {
    const leaf = nodeIndex.get(leafPath(r))!;
    const ri = roles.index.get(r)!;
    role[leaf] = ri;
    leafOfRole[ri] = leaf;
  }
  return { paths, parent, role, leafOfRole };
}

/** Byte-wise order, as std::string compares in Mesos (not locale order). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
