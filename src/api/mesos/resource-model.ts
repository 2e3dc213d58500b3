/**
 * A Mesos `Resource` as the reservation endpoints read it: typed from the parsed protobuf, format-checked as
 * `Resources::validate` does (MS:src/common/resources.cpp:836-1134) and upgraded to the refined format, the
 * reservation stack alone (MS:src/common/resources_utils.cpp:415-451). Also how Mesos prints one in its messages,
 * `disk(reservations: [(DYNAMIC,ads,ops)])[MOUNT:/dcos/volume0,vol:data]:1024` (resources.cpp:2480-2618).
 */
import type { Label } from '../../engine/core/model.ts';
import type { PortRanges } from '../../common/scenario/types.ts';
import type { PbMessage, PbValue } from './proto-json.ts';

export type ReservationType = 'STATIC' | 'DYNAMIC' | 'UNKNOWN';

export interface MesosReservation {
  type?: ReservationType;
  role?: string;
  principal?: string;
  /** Absent: no `labels` field (an empty `labels: {}` is kept as []). */
  labels?: Label[];
}

export interface MesosDisk {
  persistence?: { id: string; principal?: string };
  volume?: { mode: 'RW' | 'RO'; containerPath: string; hostPath?: string };
  source?: { type: string; root?: string; hasPath: boolean; hasMount: boolean; csi?: string };
}

export interface MesosResourceIn {
  provider?: string;
  name: string;
  type: 'SCALAR' | 'RANGES' | 'SET' | 'TEXT';
  scalar?: number;
  ranges?: PortRanges;
  set?: string[];
  role?: string;
  allocationRole?: string | null;
  reservation?: MesosReservation;
  reservations: MesosReservation[];
  disk?: MesosDisk;
  revocable: boolean;
  shared: boolean;
}

const str = (v: PbValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const sub = (v: PbValue | undefined): PbMessage | undefined => (typeof v === 'object' && !Array.isArray(v) ? v : undefined);
const list = (v: PbValue | undefined): PbMessage[] => (Array.isArray(v) ? (v as PbMessage[]) : []);

function labelsOf(m: PbMessage | undefined): Label[] | undefined {
  if (!m) return undefined;
  return list(m['labels']).map((l) => ({ key: str(l['key'])!, ...(str(l['value']) !== undefined ? { value: str(l['value'])! } : {}) }));
}

function reservationOf(m: PbMessage): MesosReservation {
  const r: MesosReservation = {};
  if (m['type'] !== undefined) r.type = m['type'] as ReservationType;
  if (m['role'] !== undefined) r.role = str(m['role'])!;
  if (m['principal'] !== undefined) r.principal = str(m['principal'])!;
  const labels = labelsOf(sub(m['labels']));
  if (labels) r.labels = labels;
  return r;
}

function diskOf(m: PbMessage): MesosDisk {
  const d: MesosDisk = {};
  const p = sub(m['persistence']);
  if (p) d.persistence = { id: str(p['id'])!, ...(p['principal'] !== undefined ? { principal: str(p['principal'])! } : {}) };
  const v = sub(m['volume']);
  if (v) {
    d.volume = { mode: v['mode'] as 'RW' | 'RO', containerPath: str(v['container_path'])! };
    if (v['host_path'] !== undefined) d.volume.hostPath = str(v['host_path'])!;
  }
  const s = sub(m['source']);
  if (s) {
    const path = sub(s['path']);
    const mount = sub(s['mount']);
    const root = str((s['type'] === 'PATH' ? path : s['type'] === 'MOUNT' ? mount : undefined)?.['root']);
    d.source = { type: str(s['type'])!, hasPath: path !== undefined, hasMount: mount !== undefined };
    if (root !== undefined) d.source.root = root;
    if (s['id'] !== undefined || s['profile'] !== undefined)
      d.source.csi = `(${str(s['vendor']) ?? ''},${str(s['id']) ?? ''},${str(s['profile']) ?? ''})`;
  }
  return d;
}

/** The typed resource of a parsed `Resource` message. */
export function resourceOf(m: PbMessage): MesosResourceIn {
  const r: MesosResourceIn = {
    name: str(m['name'])!,
    type: m['type'] as MesosResourceIn['type'],
    reservations: list(m['reservations']).map(reservationOf),
    revocable: m['revocable'] !== undefined,
    shared: m['shared'] !== undefined,
  };
  const provider = sub(m['provider_id']);
  if (provider) r.provider = str(provider['value'])!;
  const scalar = sub(m['scalar']);
  if (scalar) r.scalar = scalar['value'] as number;
  const ranges = sub(m['ranges']);
  if (ranges) r.ranges = list(ranges['range']).map((x) => [x['begin'] as number, x['end'] as number]);
  const set = sub(m['set']);
  if (set) r.set = (Array.isArray(set['item']) ? set['item'] : []) as string[];
  if (m['role'] !== undefined) r.role = str(m['role'])!;
  const allocation = sub(m['allocation_info']);
  if (allocation) r.allocationRole = str(allocation['role']) ?? null;
  const reservation = sub(m['reservation']);
  if (reservation) r.reservation = reservationOf(reservation);
  const disk = sub(m['disk']);
  if (disk) r.disk = diskOf(disk);
  return r;
}

/** roles::validate (MS:src/common/roles.cpp): why a role name is refused, in Mesos' words. */
export function mesosRoleProblem(role: string): string | null {
  if (role === '*') return null;
  if (role.startsWith('/')) return `Role '${role}' cannot start with a slash`;
  if (role.endsWith('/')) return `Role '${role}' cannot end with a slash`;
  if (role.includes('//')) return `Role '${role}' cannot contain two adjacent slashes`;
  const parts = role.split('/').filter(Boolean);
  if (parts.length === 0) return 'Role names cannot be the empty string';
  for (const part of parts) {
    if (part === '.' || part === '..' || part === '*') return `Role '${role}' cannot include '${part}' as a component`;
    if (part.startsWith('-')) return `Role component '${part}' is invalid because it starts with a dash`;
    if (/[\x08\f\n\r\t\v ]/.test(part)) return `Role component '${part}' is invalid because it contains backspace or whitespace`;
  }
  return null;
}

const sameLabels = (a: Label[] | undefined, b: Label[] | undefined): boolean =>
  JSON.stringify(a?.map((l) => [l.key, l.value ?? null]) ?? null) === JSON.stringify(b?.map((l) => [l.key, l.value ?? null]) ?? null);

function reservationFormat(r: MesosResourceIn): string | null {
  if (r.reservations.length === 0) {
    const role = r.role ?? '*';
    const problem = mesosRoleProblem(role);
    if (problem) return problem;
    if (r.reservation) {
      if (r.reservation.type !== undefined) return "'Resource.ReservationInfo.type' must not be set for the 'Resource.reservation' field";
      if (r.reservation.role !== undefined) return "'Resource.ReservationInfo.role' must not be set for the 'Resource.reservation' field";
      if (role === '*') return 'Invalid reservation: role "*" cannot be dynamically reserved';
    }
    return null;
  }
  for (const x of r.reservations) {
    if (x.type === undefined) return "Invalid reservation: 'Resource.ReservationInfo.type' field must be set.";
    if (x.role === undefined) return "Invalid reservation: 'Resource.ReservationInfo.role' field must be set.";
    const problem = mesosRoleProblem(x.role);
    if (problem) return problem;
    if (x.role === '*') return 'Invalid reservation: role "*" cannot be reserved';
  }
  let ancestor = r.reservations[0]!.role!;
  for (const x of r.reservations.slice(1)) {
    if (x.type === 'STATIC') return 'Invalid refined reservation: A refined reservation cannot be STATIC';
    if (!x.role!.startsWith(`${ancestor}/`)) return `Invalid refined reservation: role '${x.role!}' is not a refinement of '${ancestor}'`;
    ancestor = x.role!;
  }
  const only = r.reservations[0]!;
  if (r.reservations.length > 1) {
    if (r.role !== undefined)
      return "Invalid resource format: 'Resource.role' must not be set if there is more than one reservation in 'Resource.reservations'";
    if (r.reservation)
      return "Invalid resource format: 'Resource.reservation' must not be set if there is more than one reservation in 'Resource.reservations'";
    return null;
  }
  if (r.role !== undefined && r.role !== only.role)
    return `Invalid resource format: 'Resource.role' field with '${r.role}' does not match the role '${only.role!}' in 'Resource.reservations'`;
  if (only.type === 'STATIC' && r.reservation)
    return "Invalid resource format: 'Resource.reservation' must not be set if the single reservation in 'Resource.reservations' is STATIC";
  if (only.type === 'DYNAMIC') {
    if ((r.role !== undefined) !== (r.reservation !== undefined))
      return "Invalid resource format: 'Resource.role' and 'Resource.reservation' must either be both set or both not set if the single reservation in 'Resource.reservations' is DYNAMIC";
    if (r.reservation && (r.reservation.principal ?? '') !== (only.principal ?? ''))
      return `Invalid resource format: 'Resource.reservation.principal' field with '${r.reservation.principal ?? ''}' does not match the principal '${only.principal ?? ''}' in 'Resource.reservations'`;
    if (r.reservation && !sameLabels(r.reservation.labels ?? [], only.labels ?? []))
      return `Invalid resource format: 'Resource.reservation.labels' field with '${labelsText(r.reservation.labels ?? [])}' does not match the labels '${labelsText(only.labels ?? [])}' in 'Resource.reservations'`;
  }
  if (only.type === 'UNKNOWN') return "Unsupported 'Resource.ReservationInfo.Type'";
  return null;
}

/** Resources::validate(resource): the format problem of one resource, if any. */
function formatProblem(r: MesosResourceIn): string | null {
  if (r.name === '') return 'Empty resource name';
  if (r.type === 'SCALAR') {
    if (r.scalar === undefined || r.ranges || r.set) return 'Invalid scalar resource';
    if (r.scalar !== 0 && Math.round(r.scalar * 1000) <= 0) return 'Invalid scalar resource: value <= 0';
  } else if (r.type === 'RANGES') {
    if (r.scalar !== undefined || !r.ranges || r.set) return 'Invalid ranges resource';
    for (const [i, [b, e]] of r.ranges.entries()) {
      if (b > e) return 'Invalid ranges resource: begin > end';
      if (r.ranges.slice(i + 1).some(([b2]) => b <= b2 && b2 <= e)) return 'Invalid ranges resource: overlapping ranges';
    }
  } else if (r.type === 'SET') {
    if (r.scalar !== undefined || r.ranges || !r.set) return 'Invalid set resource';
    if (new Set(r.set).size !== r.set.length) return 'Invalid set resource: duplicated elements';
  } else return 'Unsupported resource type';
  if (r.disk) {
    if (r.name !== 'disk') return `DiskInfo should not be set for ${r.name} resource`;
    const s = r.disk.source;
    if (s && (s.type === 'BLOCK' || s.type === 'RAW')) {
      if (s.hasMount) return `Mount should not be set for ${s.type} disk source`;
      if (s.hasPath) return `Path should not be set for ${s.type} disk source`;
    }
    if (s?.type === 'UNKNOWN') return `Unsupported 'DiskInfo.Source.Type' in 'UNKNOWN'`;
  }
  const reservation = reservationFormat(r);
  if (reservation) return reservation;
  if (r.shared) {
    if (r.name !== 'disk') return `Resource ${r.name} cannot be shared`;
    if (!r.disk?.persistence) return 'Only persistent volumes can be shared';
  }
  return null;
}

/** The refined form: the reservation stack only (resources_utils.cpp:415-451). */
export function upgraded(r: MesosResourceIn): MesosResourceIn {
  const out: MesosResourceIn = { ...r, reservations: r.reservations.map((x) => ({ ...x })) };
  delete out.role;
  delete out.reservation;
  if (r.reservations.length > 0 || (r.role ?? '*') === '*') return out;
  out.reservations = [r.reservation ? { ...r.reservation, type: 'DYNAMIC', role: r.role! } : { type: 'STATIC', role: r.role! }];
  return out;
}

/** `Resources::validate` of a list, then the upgrade: the raw text Mesos answers on failure. */
export function validateAndUpgrade(resources: MesosResourceIn[]): MesosResourceIn[] | string {
  for (const r of resources) {
    const problem = formatProblem(r);
    if (problem) return `Resource '${resourceText(r)}' is invalid: ${problem}`;
  }
  return resources.map(upgraded);
}

function labelsText(labels: Label[]): string {
  return `{${labels.map((l) => (l.value !== undefined ? `${l.key}: ${l.value}` : l.key)).join(', ')}}`;
}

function reservationText(x: MesosReservation): string {
  let text = `${x.type ?? 'UNKNOWN'},${x.role ?? ''}`;
  if (x.principal !== undefined) text += `,${x.principal}`;
  if (x.labels) text += `,${labelsText(x.labels)}`;
  return text;
}

function diskText(d: MesosDisk): string {
  let text = '';
  if (d.source) text += d.source.type + (d.source.csi ?? (d.source.root !== undefined ? `:${d.source.root}` : ''));
  if (d.persistence) text += (d.source ? ',' : '') + d.persistence.id;
  if (d.volume) {
    const v = d.volume;
    text += `:${v.hostPath !== undefined ? `${v.hostPath}:${v.containerPath}:${v.mode.toLowerCase()}` : v.containerPath}`;
  }
  return text;
}

/** A scalar as Mesos prints it: fixed point to three decimals, up to 15 significant digits. */
export function scalarText(v: number): string {
  return String(Number((Math.round(v * 1000) / 1000).toPrecision(15)));
}

/** `operator<<(Resource)`: what Mesos' messages show of one resource (the refined fields; the old ones are not printed). */
export function resourceText(r: MesosResourceIn): string {
  let text = r.name;
  if (r.allocationRole !== undefined) text += `(allocated: ${r.allocationRole ?? ''})`;
  if (r.reservations.length > 0) text += `(reservations: [${r.reservations.map((x) => `(${reservationText(x)})`).join(',')}])`;
  if (r.disk) text += `[${diskText(r.disk)}]`;
  if (r.revocable) text += '{REV}';
  if (r.shared) text += '<SHARED>';
  text += ':';
  if (r.type === 'SCALAR') text += scalarText(r.scalar ?? 0);
  else if (r.type === 'RANGES') text += `[${(r.ranges ?? []).map(([b, e]) => `${b}-${e}`).join(', ')}]`;
  else text += `{${(r.set ?? []).join(', ')}}`;
  return text;
}

/** `operator<<(Resources)`: `a; b`, `{}` when empty. */
export function resourcesText(rs: readonly MesosResourceIn[]): string {
  return rs.length ? rs.map(resourceText).join('; ') : '{}';
}
