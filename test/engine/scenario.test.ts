import { describe, expect, it } from 'vitest';
import { createSandbox, ScenarioError, validateScenario } from '../../src/sandbox/index.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { overlayMasterAnswer } from '../../src/api/mesos/overlay.ts';
import { restoreState } from '../../src/engine/core/saved-state.ts';
import { untilBooted } from '../support/marathon.ts';

const base = () => ({
  seed: 42,
  cluster: {
    masters: 3,
    agents: [
      {
        hostname: 'a1',
        resources: { cpus: 4, mem: 16384, disk: 65536, gpus: 0, ports: [[1025, 32000]] },
        attributes: { rack: 'r1' },
        reservations: { analytics: { cpus: 2, mem: 4096 } },
      },
    ],
    roles: { analytics: { weight: 2, quota: { cpus: 4, mem: 8192 } } },
  },
  frameworks: [
    {
      name: 'A',
      role: 'a',
      task: { cpus: 1, mem: 4096 },
      instances: 'unlimited',
      tasksPerOffer: 1,
      refuseSeconds: 5,
      taskDurationSeconds: null,
    },
  ],
});

function rejects(mutate: (s: ReturnType<typeof base>) => void): ScenarioError {
  const s = base();
  mutate(s);
  try {
    validateScenario(s);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return e as ScenarioError;
  }
  throw new Error('scenario was accepted');
}

describe('scenario validation', () => {
  it('accepts the documented example and fills defaults', () => {
    const s = validateScenario(base());
    expect(s.cluster.allocationIntervalMs).toBe(1000);
    expect(s.cluster.agents[0]!.count).toBe(1);
    expect(s.cluster.agents[0]!.public).toBe(false);
    expect(s.frameworks[0]!.task).toEqual({ cpus: 1, mem: 4096, disk: 0, gpus: 0, ports: 0 });
  });

  it('accepts the built-in default scenario', () => {
    expect(() => validateScenario(defaultScenario)).not.toThrow();
  });

  it.each([
    [
      'negative resources',
      (s: ReturnType<typeof base>) => ((s.cluster.agents[0]!.resources as { cpus: unknown }).cpus = -1),
      'cluster.agents[0].resources.cpus',
      'at least 0',
    ],
    [
      'non-numeric resources',
      (s: ReturnType<typeof base>) => ((s.cluster.agents[0]!.resources as { mem: unknown }).mem = '16GB'),
      'cluster.agents[0].resources.mem',
      'number',
    ],
    [
      'duplicate hostnames',
      (s: ReturnType<typeof base>) => s.cluster.agents.push({ ...s.cluster.agents[0]!, reservations: {} } as never),
      'cluster.agents[1].hostname',
      "duplicate hostname 'a1'",
    ],
    [
      'unknown role in a reservation',
      (s: ReturnType<typeof base>) => ((s.cluster.agents[0]!.reservations as Record<string, unknown>).ghost = { cpus: 1 }),
      'cluster.agents[0].reservations.ghost',
      "unknown role 'ghost'",
    ],
    [
      'unknown top-level field',
      (s: ReturnType<typeof base>) => ((s as Record<string, unknown>).clusterr = {}),
      'clusterr',
      'unknown field',
    ],
    [
      'unknown agent field',
      (s: ReturnType<typeof base>) => ((s.cluster.agents[0] as Record<string, unknown>).cpu = 4),
      'cluster.agents[0].cpu',
      'unknown field',
    ],
    ['bad role name', (s: ReturnType<typeof base>) => (s.frameworks[0]!.role = 'a//b'), 'frameworks[0].role', "'//'"],
    [
      'quota on a nested role',
      (s: ReturnType<typeof base>) => ((s.cluster.roles as Record<string, unknown>)['analytics/etl'] = { quota: { cpus: 1 } }),
      'cluster.roles.analytics/etl.quota',
      'top-level',
    ],
    [
      'reservation larger than the agent',
      (s: ReturnType<typeof base>) => ((s.cluster.agents[0]!.reservations as Record<string, { cpus: number }>).analytics!.cpus = 5),
      'cluster.agents[0].reservations.analytics.cpus',
      'more than the agent has',
    ],
    [
      'overlapping port ranges',
      (s: ReturnType<typeof base>) =>
        (s.cluster.agents[0]!.resources.ports = [
          [1000, 2000],
          [1500, 2500],
        ]),
      'cluster.agents[0].resources.ports',
      'overlap',
    ],
    [
      'a disk of another type',
      (s: ReturnType<typeof base>) =>
        ((s.cluster.agents[0] as Record<string, unknown>).disks = [{ type: 'BLOCK', root: '/dev/sdb', size: 10 }]),
      'cluster.agents[0].disks[0].type',
      'MOUNT or PATH',
    ],
    [
      'a disk root that is not absolute',
      (s: ReturnType<typeof base>) =>
        ((s.cluster.agents[0] as Record<string, unknown>).disks = [{ type: 'MOUNT', root: 'dcos/volume0', size: 10 }]),
      'cluster.agents[0].disks[0].root',
      'an absolute path',
    ],
    [
      'a disk listed twice',
      (s: ReturnType<typeof base>) =>
        ((s.cluster.agents[0] as Record<string, unknown>).disks = [
          { type: 'MOUNT', root: '/dcos/volume0', size: 10 },
          { type: 'PATH', root: '/dcos/volume0', size: 10 },
        ]),
      'cluster.agents[0].disks[1].root',
      'listed twice',
    ],
    [
      'an empty disk',
      (s: ReturnType<typeof base>) =>
        ((s.cluster.agents[0] as Record<string, unknown>).disks = [{ type: 'MOUNT', root: '/dcos/volume0', size: 0 }]),
      'cluster.agents[0].disks[0].size',
      'at least 1',
    ],
    [
      'zero weight',
      (s: ReturnType<typeof base>) => (s.cluster.roles.analytics.weight = 0),
      'cluster.roles.analytics.weight',
      'greater than 0',
    ],
  ])('rejects %s, naming the field', (_name, mutate, field, reason) => {
    const error = rejects(mutate);
    expect(error.field).toBe(field);
    expect(error.message).toContain(reason);
  });

  it('stamps out counted agents with numeric suffixes and rejects clashes', () => {
    const s = base();
    s.cluster.agents[0] = { ...s.cluster.agents[0]!, count: 3 } as never;
    expect(validateScenario(s).cluster.agents[0]!.count).toBe(3);
    const error = rejects((x) => {
      x.cluster.agents = [{ ...x.cluster.agents[0]!, hostname: 'a', count: 3 } as never, { ...x.cluster.agents[0]!, hostname: 'a-2' }];
    });
    expect(error.field).toBe('cluster.agents[1].hostname');
    expect(error.message).toContain("duplicate hostname 'a-2'");
  });

  it('rejects input that is not an object at all', () => {
    expect(() => validateScenario(null)).toThrow(ScenarioError);
    expect(() => validateScenario('{}')).toThrow(/must be an object/);
  });
});

describe("cluster.overlay (DC/OS's virtual networks, dcos_overlay_enable)", () => {
  const withOverlay = (overlay: unknown) => {
    const s = base();
    (s.cluster as Record<string, unknown>).overlay = overlay;
    return s;
  };

  it('is on by default, and a scenario may turn it off', () => {
    expect(validateScenario(base()).cluster.overlay).toBe(true);
    expect(validateScenario(withOverlay(true)).cluster.overlay).toBe(true);
    expect(validateScenario(withOverlay(false)).cluster.overlay).toBe(false);
    // A validated scenario validates again to itself (export, share, replay).
    const off = validateScenario(withOverlay(false));
    expect(validateScenario(structuredClone(off))).toEqual(off);
  });

  it.each([['yes'], [0], [1], [null], [{}], [['dcos']]])('rejects %j, naming the field', (value) => {
    const error = rejects((s) => ((s.cluster as Record<string, unknown>).overlay = value));
    expect(error.field).toBe('cluster.overlay');
    expect(error.message).toBe('cluster.overlay: must be true or false');
  });

  it('the cluster built from it: overlayDisabled only when the scenario turns the overlay off', async () => {
    expect((await createSandbox(withOverlay(false))).snapshot().cluster.network).toEqual({ partitions: [], overlayDisabled: true });
    expect((await createSandbox(base())).snapshot().cluster.network).toEqual({ partitions: [] });
    expect((await createSandbox(withOverlay(true))).snapshot().cluster.network.overlayDisabled).toBeUndefined();
  });

  it('/overlay-master/state: a 404 like any unknown master path when the overlay is off', async () => {
    const off = await createSandbox(withOverlay(false));
    untilBooted(off);
    const unknown = off.request({ method: 'GET', path: '/mesos/master/no-such-endpoint' });
    expect(unknown.status).toBe(404);
    const state = restoreState(off.snapshot().cluster);
    expect(overlayMasterAnswer(state, 'GET')).toEqual({ status: 404, body: unknown.body });
    expect(overlayMasterAnswer(state, 'POST')).toEqual({ status: 404, body: unknown.body });

    const on = await createSandbox(base());
    untilBooted(on);
    const live = restoreState(on.snapshot().cluster);
    const answer = overlayMasterAnswer(live, 'GET');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(on.request({ method: 'GET', path: '/mesos/overlay-master/state' }).body);
    expect(overlayMasterAnswer(live, 'DELETE').status).toBe(405);
  });
});
