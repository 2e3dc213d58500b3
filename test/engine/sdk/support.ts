/** SDK services driven in the engine: a small cluster, a scheduler app installed as Cosmos would, the API in-process. */
import { expect } from 'vitest';
import { validateScenario } from '../../../src/common/scenario/validate.ts';
import { Simulation } from '../../../src/engine/simulation.ts';
import { API_SERVICES, SUBSYSTEMS } from '../../../src/sandbox/components.ts';
import { tsAllocator } from '../../../src/kernels/allocator/twin.ts';
import { tsMatcher } from '../../../src/kernels/constraints/twin.ts';
import { createRouter } from '../../../src/api/router.ts';
import type { ApiRequest } from '../../../src/api/types.ts';
import { addSdkService } from '../../../src/engine/sdk/services.ts';
import { agent } from '../../support/cluster.ts';

const route = createRouter(API_SERVICES);
export const call = (sim: Simulation, req: ApiRequest) => route({ state: sim.state, ctx: sim.context }, req);

/** `n` agents of `resources`, one master, Marathon in `slave_public`, booted (20 s) and checking invariants. */
export function sdkCluster(n: number, seed: number, resources = { cpus: 8, mem: 32768, disk: 100000 }): Simulation {
  const agents = Array.from({ length: n }, (_, i) => agent(`a${i + 1}`, resources));
  const s = validateScenario({
    seed,
    cluster: { masters: 1, agents, roles: {} },
    frameworks: [],
    marathon: { role: 'slave_public', apps: [] },
  });
  const sim = new Simulation(s, SUBSYSTEMS, { allocator: tsAllocator, matcher: tsMatcher }, undefined, { checkInvariants: true });
  sim.runUntil(20_000);
  return sim;
}

/** The scheduler's Marathon app, and the service the engine runs for it (what Cosmos' install does). */
export function installSdk(sim: Simulation, name: string, env: Record<string, string>, packageName = name): void {
  const app = { id: `/${name}`, cmd: 'scheduler', cpus: 1, mem: 1024, instances: 1, env, labels: { DCOS_COMMONS_API_VERSION: 'v1' } };
  expect(call(sim, { method: 'POST', path: '/marathon/v2/apps', body: app }).status).toBe(201);
  addSdkService(sim.context, sim.state, { name, appId: `/${name}`, packageName, env });
}

export function until(sim: Simulation, done: () => boolean, ms: number, step = 500): void {
  const end = sim.now + ms;
  while (!done()) {
    if (sim.now >= end) throw new Error('not reached in time');
    sim.runUntil(sim.now + step);
  }
}
