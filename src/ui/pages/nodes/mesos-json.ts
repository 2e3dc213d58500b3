/** The parts of Mesos' /slaves and /tasks JSON the details panel reads (read defensively). */

export interface MesosResources {
  cpus?: number;
  mem?: number;
  disk?: number;
  gpus?: number;
  ports?: string;
}

export interface MesosAgent {
  id: string;
  hostname: string;
  pid?: string;
  registered_time?: number;
  active?: boolean;
  resources?: MesosResources;
  used_resources?: MesosResources;
  offered_resources?: MesosResources;
  unreserved_resources?: MesosResources;
  reserved_resources?: Record<string, MesosResources>;
  attributes?: Record<string, string | number>;
}

export interface MesosTask {
  id: string;
  name?: string;
  framework_id?: string;
  slave_id?: string;
  state?: string;
  role?: string;
  resources?: MesosResources;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export function asAgent(v: unknown): MesosAgent | null {
  return isObject(v) && typeof v.id === 'string' && typeof v.hostname === 'string' ? (v as unknown as MesosAgent) : null;
}

export function asTasks(v: unknown[]): MesosTask[] {
  return v.filter((t): t is MesosTask => isObject(t) && typeof t.id === 'string');
}

/** The four scalars in Mesos' names with the UI's labels. */
export const SCALARS = [
  { key: 'cpus', label: 'CPU' },
  { key: 'mem', label: 'Memory' },
  { key: 'disk', label: 'Disk' },
  { key: 'gpus', label: 'GPU' },
] as const;
