import type { Scenario } from './types.ts';

/** What a new visitor sees: a small mixed cluster with two roles competing under DRF. */
export const defaultScenario: Scenario = {
  seed: 42,
  cluster: {
    name: 'sandbox',
    masters: 3,
    allocationIntervalMs: 1000,
    agents: [
      {
        hostname: 'private',
        public: false,
        count: 8,
        resources: { cpus: 4, mem: 16384, disk: 65536, gpus: 0, ports: [[1025, 32000]] },
        attributes: { rack: 'r1', zone: 'us-east-1a' },
        reservations: {},
      },
      {
        hostname: 'analytics',
        public: false,
        count: 4,
        resources: { cpus: 8, mem: 32768, disk: 131072, gpus: 0, ports: [[1025, 32000]] },
        attributes: { rack: 'r2', zone: 'us-east-1b' },
        reservations: { analytics: { cpus: 2, mem: 4096 } },
      },
      {
        hostname: 'public',
        public: true,
        count: 2,
        resources: { cpus: 2, mem: 8192, disk: 32768, gpus: 0, ports: [[1, 21], [23, 5050], [5052, 32000]] },
        attributes: { rack: 'r3', zone: 'us-east-1c' },
        reservations: {},
      },
    ],
    roles: {
      analytics: { weight: 2, quota: { cpus: 20, mem: 81920 } },
      web: { weight: 1 },
      ci: { weight: 1 },
    },
  },
  frameworks: [
    {
      name: 'spark',
      role: 'analytics',
      task: { cpus: 1, mem: 4096, disk: 0, gpus: 0, ports: 0 },
      instances: 'unlimited',
      tasksPerOffer: 2,
      refuseSeconds: 5,
      taskDurationSeconds: 45,
    },
    {
      name: 'nginx',
      role: 'web',
      task: { cpus: 0.5, mem: 512, disk: 0, gpus: 0, ports: 1 },
      instances: 40,
      tasksPerOffer: 4,
      refuseSeconds: 5,
      taskDurationSeconds: null,
    },
    {
      name: 'edge-lb',
      role: 'slave_public',
      task: { cpus: 0.5, mem: 1024, disk: 0, gpus: 0, ports: 2 },
      instances: 4,
      tasksPerOffer: 1,
      refuseSeconds: 5,
      taskDurationSeconds: null,
    },
    {
      name: 'jenkins',
      role: 'ci',
      task: { cpus: 0.5, mem: 1024, disk: 0, gpus: 0, ports: 0 },
      instances: 'unlimited',
      tasksPerOffer: 3,
      refuseSeconds: 5,
      taskDurationSeconds: 20,
    },
  ],
};

/** A big cluster for scale: `agents` private agents on 20 racks and `roles` busy roles. */
export function largeScenario(agents: number, roles: number, seed = 7): Scenario {
  return {
    seed,
    cluster: {
      name: `large-${agents}`,
      masters: 5,
      allocationIntervalMs: 1000,
      agents: Array.from({ length: 20 }, (_, rack) => ({
        hostname: `r${rack + 1}-agent`,
        public: false,
        count: Math.floor(agents / 20) + (rack < agents % 20 ? 1 : 0),
        resources: { cpus: 16, mem: 65536, disk: 262144, gpus: 0, ports: [[1025, 32000]] as Array<[number, number]> },
        attributes: { rack: `r${rack + 1}` },
        reservations: {},
      })).filter((agent) => agent.count > 0),
      roles: {},
    },
    frameworks: Array.from({ length: roles }, (_, i) => ({
      name: `load-${i}`,
      role: `team-${i % 10}/svc-${i}`,
      task: { cpus: 1 + (i % 4), mem: 1024 * (1 + (i % 8)), disk: 0, gpus: 0, ports: 0 },
      instances: 'unlimited' as const,
      tasksPerOffer: 4,
      refuseSeconds: 5,
      taskDurationSeconds: 30 + (i % 60),
    })),
  };
}
