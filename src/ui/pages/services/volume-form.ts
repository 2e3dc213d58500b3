/**
 * The app form's Volumes section, as DC/OS UI 6.1 has it for an app's one container: local persistent,
 * external (REX-Ray through DVDI) and host volumes in `container.volumes`. Each row keeps the volume it was
 * read from (JSON text), so what the form does not show (a persistent volume's `type`, `constraints`,
 * `profileName`, an external volume's other options) survives; a volume of a kind the form does not edit
 * (a secret or CSI volume) is written back as it was. A new row is written as DC/OS UI's reducer writes it:
 * a persistent volume without `type`, an external one with provider `dvdi` and driver `rexray`.
 * Loaded with the section (a chunk of its own): the app form reaches it only through VolumesSection.
 */
import { numberOrText, textOf, type Json } from './form-fields.ts';
import { isObject } from './marathon-read.ts';

export type VolumeKind = 'persistent' | 'external' | 'host' | 'other';
export type VolumeMode = 'RW' | 'RO';

/** The kinds a row can be switched to, in DC/OS UI's order (CSI left out: it is edited in JSON here). */
export const VOLUME_KINDS: ReadonlyArray<{ id: Exclude<VolumeKind, 'other'>; label: string; about: string }> = [
  {
    id: 'persistent',
    label: 'Local Persistent Volume [Recommended]',
    about: 'Disk of the agent, reserved for the app: its instances come back to the agent that holds their data.',
  },
  {
    id: 'external',
    label: 'External Persistent Volume',
    about: 'Network storage (REX-Ray) mounted on whichever agent the instance runs on.',
  },
  { id: 'host', label: 'Host Volume', about: 'A directory of the agent mapped into the container; nothing is reserved.' },
];

export const VOLUME_MODES: ReadonlyArray<{ id: VolumeMode; label: string }> = [
  { id: 'RW', label: 'Read and Write' },
  { id: 'RO', label: 'Read Only' },
];

/** One volume as its inputs hold it. `size` is MiB for a persistent volume, GiB for an external one. */
export interface VolumeRow {
  kind: VolumeKind;
  containerPath: string;
  size: string;
  hostPath: string;
  /** An external volume's name. */
  name: string;
  mode: VolumeMode;
  /** The volume as it was read (JSON text); `{}` for a new row. */
  extra: string;
}

/** The fields that make a volume one kind or another: dropped when a row changes kind. */
const KIND_FIELDS = ['persistent', 'external', 'hostPath', 'secret'] as const;

export function kindOf(v: Json): VolumeKind {
  if (isObject(v.persistent)) return 'persistent';
  if (isObject(v.external)) return v.external.provider === 'csi' ? 'other' : 'external';
  if (typeof v.hostPath === 'string' && v.secret === undefined) return 'host';
  return 'other';
}

export function newVolume(): VolumeRow {
  return { kind: 'persistent', containerPath: '', size: '', hostPath: '', name: '', mode: 'RW', extra: '{}' };
}

function rowOf(v: Json): VolumeRow {
  const kind = kindOf(v);
  const external = isObject(v.external) ? v.external : {};
  const size = kind === 'persistent' && isObject(v.persistent) ? v.persistent.size : kind === 'external' ? external.size : undefined;
  return {
    kind,
    containerPath: textOf(v.containerPath),
    size: textOf(size),
    hostPath: textOf(v.hostPath),
    name: kind === 'external' ? textOf(external.name) : '',
    mode: v.mode === 'RO' ? 'RO' : 'RW',
    extra: JSON.stringify(v),
  };
}

/** The rows of `container.volumes`. */
export function volumesFromJson(json: Json): VolumeRow[] {
  const list = isObject(json.container) ? json.container.volumes : undefined;
  return Array.isArray(list) ? list.filter(isObject).map(rowOf) : [];
}

/** Another kind chosen: the path and mode stay; a size does not (MiB and GiB). */
export function switchKind(row: VolumeRow, kind: VolumeKind): VolumeRow {
  return { ...row, kind, size: kind === row.kind ? row.size : '' };
}

function parseExtra(extra: string): Json {
  try {
    const v: unknown = JSON.parse(extra);
    return isObject(v) ? v : {};
  } catch {
    return {};
  }
}

function setOrDrop(out: Json, key: string, text: string, asNumber: boolean): void {
  if (text.trim() === '') delete out[key];
  else out[key] = asNumber ? numberOrText(text) : text.trim();
}

/** One row's volume; `docker`: the Docker runtime, which only mounts an external volume at its default size. */
export function volumeJson(row: VolumeRow, docker: boolean): Json {
  const was = parseExtra(row.extra);
  if (row.kind === 'other') return was;
  const same = kindOf(was) === row.kind;
  const out: Json = { ...was };
  if (!same) for (const k of KIND_FIELDS) delete out[k];
  out.containerPath = row.containerPath.trim();
  if (row.kind === 'persistent') {
    const persistent: Json = same && isObject(was.persistent) ? { ...was.persistent } : {};
    setOrDrop(persistent, 'size', row.size, true);
    out.persistent = persistent;
  } else if (row.kind === 'external') {
    const external: Json =
      same && isObject(was.external) ? { ...was.external } : { name: '', provider: 'dvdi', options: { 'dvdi/driver': 'rexray' } };
    setOrDrop(external, 'name', row.name, false);
    setOrDrop(external, 'size', docker ? '' : row.size, true);
    out.external = external;
  } else {
    out.hostPath = row.hostPath.trim();
  }
  out.mode = row.mode;
  return out;
}

/**
 * The rows written into `out`'s container (the definition with the form's other fields; `base` as it was
 * opened). No rows and none before: no `volumes` at all; all removed: `volumes: []`, so an update clears them.
 */
export function withVolumes(out: Json, rows: readonly VolumeRow[], base: Json): void {
  const had = isObject(base.container) && base.container.volumes !== undefined;
  if (rows.length === 0 && !had) return;
  const container: Json = isObject(out.container) ? { ...out.container } : {};
  container.type ??= 'MESOS';
  container.volumes = rows.map((r) => volumeJson(r, container.type === 'DOCKER'));
  out.container = container;
}
