/** Marathon's group tree (`/v2/groups`): explicit groups plus every path above an app or pod. */
import type { ClusterState } from '../../engine/core/model.ts';
import { parentOf } from '../../common/marathon/path-id.ts';
import type { MarathonGroup } from '../shapes/marathon.ts';
import { appJson } from './json.ts';
import { podJson } from './pods.ts';

/** The group `id` with its apps, pods and nested groups, or null when there is none. */
export function groupJson(state: ClusterState, id: string): MarathonGroup | null {
  const m = state.marathon;
  const records = Object.values(m.runSpecs).filter((r) => !r.removing);
  const groupIds = new Set<string>(['/', ...Object.keys(m.groups)]);
  for (const r of records) for (let p = parentOf(r.spec.id); p !== '/'; p = parentOf(p)) groupIds.add(p);
  for (const g of Object.keys(m.groups)) for (let p = parentOf(g); p !== '/'; p = parentOf(p)) groupIds.add(p);
  if (!groupIds.has(id)) return null;
  const build = (gid: string): MarathonGroup => {
    const own = records.filter((r) => parentOf(r.spec.id) === gid).sort((a, b) => (a.spec.id < b.spec.id ? -1 : 1));
    const versions = own.map((r) => r.version);
    const children = [...groupIds]
      .filter((g) => g !== '/' && parentOf(g) === gid)
      .sort()
      .map(build);
    return {
      id: gid,
      apps: own.filter((r) => r.kind === 'app').map((r) => appJson(state, r, new Set())),
      pods: own.filter((r) => r.kind === 'pod').map((r) => podJson(r.pod!, r.version)),
      groups: children,
      dependencies: m.groups[gid]?.dependencies ?? [],
      version: [m.groups[gid]?.version ?? '', ...versions, ...children.map((c) => String(c.version))].sort().at(-1) || null,
      // Only top-level groups have one (`Group` requires it of them and refuses it elsewhere).
      ...(gid !== '/' && parentOf(gid) === '/' ? { enforceRole: m.groups[gid]?.enforceRole ?? false } : {}),
    };
  };
  return build(id);
}
