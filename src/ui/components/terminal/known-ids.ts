/**
 * The ids Tab may offer (apps, tasks, nodes, deployments, jobs), read from the cluster's API when Tab is
 * pressed and kept for a few seconds so that repeated Tabs do not ask again.
 */
import type { KnownIds, RequestFn } from '../../../cli/index.ts';

/** How long a snapshot of the ids is reused. */
export const KNOWN_IDS_TTL_MS = 5000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The string `key` of each object in `list` (other entries are skipped). */
function field(list: unknown, key: string): string[] {
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (const item of list) {
    const v = isRecord(item) ? item[key] : undefined;
    if (typeof v === 'string' && v !== '') out.push(v);
  }
  return out;
}

const listIn = (body: unknown, key: string): unknown => (isRecord(body) ? body[key] : undefined);

/** Bodies of GET /marathon/v2/apps, /marathon/v2/tasks, /mesos/master/slaves, /marathon/v2/deployments and Metronome's /v1/jobs. */
export interface IdSources {
  apps?: unknown;
  tasks?: unknown;
  slaves?: unknown;
  deployments?: unknown;
  jobs?: unknown;
}

export function knownIdsFrom(src: IdSources): KnownIds {
  return {
    appIds: field(listIn(src.apps, 'apps'), 'id'),
    taskIds: field(listIn(src.tasks, 'tasks'), 'id'),
    hostnames: [...new Set(field(listIn(src.slaves, 'slaves'), 'hostname'))],
    nodeIds: field(listIn(src.slaves, 'slaves'), 'id'),
    deploymentIds: field(src.deployments, 'id'),
    jobIds: field(src.jobs, 'id'),
  };
}

async function bodyOf(request: RequestFn, path: string): Promise<unknown> {
  try {
    const res = await request({ method: 'GET', path });
    return res.status >= 200 && res.status < 300 ? res.body : undefined;
  } catch {
    return undefined;
  }
}

/** Fetch all the lists at once; a list that fails is just empty. */
export async function fetchKnownIds(request: RequestFn): Promise<KnownIds> {
  const [apps, tasks, slaves, deployments, jobs] = await Promise.all([
    bodyOf(request, '/marathon/v2/apps'),
    bodyOf(request, '/marathon/v2/tasks'),
    bodyOf(request, '/mesos/master/slaves'),
    bodyOf(request, '/marathon/v2/deployments'),
    bodyOf(request, '/service/metronome/v1/jobs'),
  ]);
  return knownIdsFrom({ apps, tasks, slaves, deployments, jobs });
}

/** A snapshot reused for `ttlMs`; concurrent callers share one fetch. `clock` is injectable for tests. */
export class KnownIdsCache {
  readonly #request: RequestFn;
  readonly #ttlMs: number;
  readonly #clock: () => number;
  #at = -Infinity;
  #value: Promise<KnownIds> | null = null;

  constructor(request: RequestFn, ttlMs = KNOWN_IDS_TTL_MS, clock: () => number = () => performance.now()) {
    this.#request = request;
    this.#ttlMs = ttlMs;
    this.#clock = clock;
  }

  get(): Promise<KnownIds> {
    const now = this.#clock();
    if (!this.#value || now - this.#at > this.#ttlMs) {
      this.#at = now;
      this.#value = fetchKnownIds(this.#request);
    }
    return this.#value;
  }

  /** Forget the snapshot (after a command that may have changed the cluster). */
  invalidate(): void {
    this.#value = null;
  }
}
