/** A pod's page: its instances and their containers as table rows, in words and figures; what an instance asks for. */
import type { ColumnSort } from '../../components/table/sort.ts';
import { formatCpus, formatMem } from '../../format.ts';
import { compareValues } from './compare.ts';
import { isObject } from './marathon-read.ts';
import type { PodContainerStatus, PodInstanceStatus, Resources } from './marathon-types.ts';
import { stateTone, stateWord, type StateTone } from './tasks.ts';

export type PodSortKey = 'id' | 'host' | 'status' | 'updated';
export type PodSort = ColumnSort<PodSortKey>;

/** One row of the instances table: an instance, or one of its containers (which follow it). */
export interface PodRow {
  key: string;
  /** An instance's row: its id, cut where a phone starts showing it (`shop-web.instance-` | `5d1c…`). */
  instance?: { id: string; common: string; unique: string; restartable: boolean };
  /** A container's row: its name and its Mesos task id. */
  container?: { name: string; taskId: string };
  agent: string;
  agentId?: string;
  word: string;
  tone: StateTone;
  /** An instance's addresses; a container's endpoints. */
  address: string;
  cpus: string;
  mem: string;
  updated?: string;
}

/** Worst first when sorted ascending. */
const STATUS_ORDER: Readonly<Record<string, number>> = { DEGRADED: 0, TERMINAL: 1, PENDING: 2, STAGING: 3, STABLE: 4 };

function sortValue(i: PodInstanceStatus, key: PodSortKey): string | number {
  switch (key) {
    case 'id':
      return i.id;
    case 'host':
      return i.agentHostname ?? '';
    case 'status':
      return STATUS_ORDER[i.status] ?? -1;
    case 'updated':
      return Date.parse(i.lastUpdated ?? '') || 0;
  }
}

/** Marathon's instance status as a chip's tone: STABLE runs, PENDING and STAGING start, TERMINAL ended, DEGRADED is wrong. */
export function instanceTone(status: string): StateTone {
  if (status === 'STABLE') return 'ok';
  if (status === 'PENDING' || status === 'STAGING') return 'pending';
  return status === 'TERMINAL' ? 'done' : 'bad';
}

/** An instance id cut before its unique part; an id of another form is all unique part. */
export function splitInstanceId(id: string): [string, string] {
  const at = id.lastIndexOf('.instance-');
  const cut = at < 0 ? 0 : at + '.instance-'.length;
  return [id.slice(0, cut), id.slice(cut)];
}

const json = (v: unknown): Record<string, unknown> => (isObject(v) ? v : {});
const figure = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function resourcesOf(v: unknown): Resources {
  const r = json(v);
  return { cpus: figure(r.cpus), mem: figure(r.mem), disk: figure(r.disk), gpus: figure(r.gpus) };
}

/** What one instance of the pod asks for: its containers' resources and its executor's. */
export function podResources(raw: Record<string, unknown>): Resources {
  const total = resourcesOf(raw.executorResources);
  for (const c of Array.isArray(raw.containers) ? raw.containers : []) {
    const r = resourcesOf(json(c).resources);
    total.cpus += r.cpus;
    total.mem += r.mem;
    total.disk += r.disk;
    total.gpus += r.gpus;
  }
  return total;
}

/**
 * A container's endpoints: `http:31002` with the host port Marathon allocated; when its status has none, as the
 * pod's definition names them (`http`, or `http:80` for a fixed host port).
 */
export function endpointsText(container: PodContainerStatus, raw: Record<string, unknown>): string {
  const port = (name: unknown, p: unknown): string => (typeof p === 'number' && p > 0 ? `${String(name)}:${p}` : String(name));
  if (container.endpoints.length > 0) return container.endpoints.map((e) => port(e.name, e.allocatedHostPort)).join(', ');
  const containers = Array.isArray(raw.containers) ? raw.containers : [];
  const endpoints = json(containers.find((c) => json(c).name === container.name)).endpoints;
  return (Array.isArray(endpoints) ? endpoints : []).map((e) => port(json(e).name, json(e).hostPort)).join(', ');
}

function instanceRow(i: PodInstanceStatus): PodRow {
  const [common, unique] = splitInstanceId(i.id);
  return {
    key: i.id,
    instance: { id: i.id, common, unique, restartable: i.status !== 'TERMINAL' },
    agent: i.agentHostname ?? '—',
    agentId: i.agentId,
    word: stateWord(i.status),
    tone: instanceTone(i.status),
    address: i.addresses.join(', '),
    cpus: i.resources ? formatCpus(i.resources.cpus) : '',
    mem: i.resources ? formatMem(i.resources.mem) : '',
    updated: i.lastUpdated,
  };
}

function containerRow(i: PodInstanceStatus, c: PodContainerStatus, k: number, raw: Record<string, unknown>): PodRow {
  return {
    key: `${i.id}/${c.containerId || k}`,
    container: { name: c.name, taskId: c.containerId },
    agent: '',
    word: stateWord(c.status),
    tone: stateTone(c.status),
    address: endpointsText(c, raw),
    cpus: c.resources ? formatCpus(c.resources.cpus) : '',
    mem: c.resources ? formatMem(c.resources.mem) : '',
    updated: c.lastUpdated,
  };
}

/** The instances sorted (ties keep the API's order), each followed by its containers in the pod's order. */
export function podRows(instances: readonly PodInstanceStatus[], sort: PodSort, raw: Record<string, unknown>): PodRow[] {
  const dir = sort.descending ? -1 : 1;
  const keyed = instances.map((instance, i) => ({ instance, i, v: sortValue(instance, sort.key) }));
  keyed.sort((a, b) => compareValues(a.v, b.v) * dir || a.i - b.i);
  return keyed.flatMap(({ instance: i }) => [instanceRow(i), ...i.containers.map((c, k) => containerRow(i, c, k, raw))]);
}
