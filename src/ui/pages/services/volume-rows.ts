/**
 * The rows of an app's Volumes tab, as DC/OS UI 6.1 derives them: one per external volume of the definition
 * (no task to say where it is attached: status N/A), then one per local volume of each task (its persistence
 * id, on the task's agent, Attached while the task has started, Detached otherwise), mode and size taken from
 * the definition's persistent volume at the same container path. Sorted by id. Loaded with the tab (a chunk
 * of its own); whether there is a row at all is `hasVolumeRows` (marathon-read.ts), in the page's bundle.
 */
import type { MarathonApp } from './marathon-types.ts';
import { isObject } from './marathon-read.ts';

export type VolumeStatus = 'Attached' | 'Detached' | 'N/A';

export interface VolumeView {
  /** The persistence id, or an external volume's name. */
  id: string;
  type: 'Persistent' | 'External';
  host: string;
  /** `Not Available` unless the definition names a profile. */
  profile: string;
  containerPath: string;
  /** MiB for a persistent volume, GiB for an external one; undefined when the definition has none. */
  size: number | undefined;
  mode: string;
  status: VolumeStatus;
  taskId?: string;
}

export const NO_PROFILE = 'Not Available';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const profileOf = (v: unknown): string => (isObject(v) && typeof v.profileName === 'string' && v.profileName ? v.profileName : NO_PROFILE);
const sizeOf = (v: unknown): number | undefined => (isObject(v) && typeof v.size === 'number' ? v.size : undefined);

export function volumeRows(app: Pick<MarathonApp, 'raw' | 'tasks'>): VolumeView[] {
  const container = app.raw.container;
  const list = isObject(container) && Array.isArray(container.volumes) ? container.volumes.filter(isObject) : [];
  const rows: VolumeView[] = [];
  const persistent = new Map<string, { size: number | undefined; mode: string; profile: string }>();
  for (const v of list) {
    const containerPath = text(v.containerPath);
    const mode = text(v.mode);
    if (isObject(v.external)) {
      const e = v.external;
      rows.push({
        id: text(e.name),
        type: 'External',
        host: '',
        profile: profileOf(e),
        containerPath,
        size: sizeOf(e),
        mode,
        status: 'N/A',
      });
    }
    if (isObject(v.persistent)) persistent.set(containerPath, { size: sizeOf(v.persistent), mode, profile: profileOf(v.persistent) });
  }
  for (const t of app.tasks) {
    for (const l of t.localVolumes) {
      const def = persistent.get(l.containerPath);
      rows.push({
        id: l.persistenceId,
        type: 'Persistent',
        host: t.host,
        profile: def?.profile ?? NO_PROFILE,
        containerPath: l.containerPath,
        size: def?.size,
        mode: def?.mode ?? '',
        status: t.startedAt ? 'Attached' : 'Detached',
        taskId: t.id,
      });
    }
  }
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
