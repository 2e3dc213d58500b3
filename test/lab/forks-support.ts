/** Small clusters for the what-if fork tests: two roles under DRF, and an app on a handful of agents. */
import type { ApiRequest } from '../../src/api/types.ts';

type Json = Record<string, unknown>;

const agent = (hostname: string, cpus = 4, mem = 4096): Json => ({ hostname, resources: { cpus, mem, disk: 0, gpus: 0 } });

const load = (name: string, role: string): Json => ({
  name,
  role,
  task: { cpus: 1, mem: 256, disk: 0, gpus: 0, ports: 0 },
  instances: 'unlimited',
  tasksPerOffer: 1,
  refuseSeconds: 0,
  taskDurationSeconds: 20,
});

/** `analytics` and `web` share 32 cpus under DRF with weight 1 each; their tasks last 20 s, so a new weight soon tells. */
export const TWO_ROLES: Json = {
  seed: 3,
  cluster: {
    masters: 1,
    agents: [agent('a1', 8, 8192), agent('a2', 8, 8192), agent('a3', 8, 8192), agent('a4', 8, 8192)],
    roles: { analytics: { weight: 1 }, web: { weight: 1 } },
  },
  frameworks: [load('spark', 'analytics'), load('nginx', 'web')],
  marathon: { role: '*', apps: [] },
};

const WEB = { id: '/web', cmd: 'serve', cpus: 0.5, mem: 128 };

/** /web, one instance, on four agents of 4 cpus; a scripted write at 0:10 (before any fork) and one at 5:00 (after). */
export const ONE_APP: Json = {
  seed: 9,
  cluster: { masters: 1, agents: [agent('a1'), agent('a2'), agent('a3'), agent('a4')], roles: {} },
  frameworks: [],
  marathon: { role: '*', apps: [{ ...WEB, instances: 1 }] },
  script: [
    { at: 10_000, request: { method: 'PUT', path: '/marathon/v2/apps/web', body: { ...WEB, instances: 2 } } },
    { at: 300_000, request: { method: 'PUT', path: '/marathon/v2/apps/web', body: { ...WEB, instances: 1 } } },
  ],
};

/** /web made `instances` strong, with `constraints` or none. */
export const scaleWeb = (instances: number, constraints?: string[][]): ApiRequest => ({
  method: 'PUT',
  path: '/marathon/v2/apps/web',
  body: { ...WEB, instances, ...(constraints ? { constraints } : {}) },
});

export const weight = (role: string, w: number): ApiRequest => ({ method: 'PUT', path: '/mesos/weights', body: [{ role, weight: w }] });
