/** The shipped levels about services and the cluster: Kafka's plans, upgrades under a partition. */
import { agent, app, cluster, MINUTE, quickHealthCheck, SECOND, zonedAgents } from './build.ts';
import type { Level } from './types.ts';

export const kafkaBrokerLoss: Level = {
  id: 'kafka-broker-loss',
  title: 'Lose a Kafka broker mid-deploy',
  story:
    'At 0:20 Kafka is installed with three brokers. At 1:00, before the first broker has passed its readiness check, its agent dies and will not come back. At 10:00 all three brokers must run: the scheduler waits for the lost one forever unless an operator acts.',
  scenario: cluster({ agents: [agent('a', { count: 5, cpus: 8, mem: 16384, disk: 40960 })] }),
  actions: [
    {
      at: 20 * SECOND,
      request: { method: 'POST', path: '/package/install', body: { packageName: 'kafka', options: { brokers: { count: 3 } } } },
    },
  ],
  faults: [{ at: 1 * MINUTE, fault: { kind: 'agent-crash', target: '{{podHost:kafka}}' } }],
  goals: [
    { kind: 'plan-complete', service: 'kafka', plan: 'deploy', by: 10 * MINUTE },
    { kind: 'pods-running', service: 'kafka', count: 3, at: 10 * MINUTE },
  ],
  until: 10 * MINUTE,
  allowed: { actions: ['POST /service/kafka/v1/pod/*/replace'] },
  reference: {
    changes: { actions: [{ at: 3 * MINUTE, request: { method: 'POST', path: '/service/kafka/v1/pod/{{lostPod:kafka}}/replace' } }] },
    expect: { won: true },
  },
  naive: { changes: {}, expect: { won: false, at: 10 * MINUTE, violation: 'at 10:00 kafka runs 2 of 3 pods (kafka-0 UNREACHABLE)' } },
};

const web = app('/web', 4, {
  healthChecks: [quickHealthCheck],
  constraints: [['zone', 'GROUP_BY', '2']],
  upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 0 },
});

export const upgradeDuringPartition: Level = {
  id: 'upgrade-during-partition',
  title: 'A rolling upgrade during a zone partition',
  story:
    'At 1:00 zone us-east-1b is cut off from the masters. At 1:30, before anyone notices, version 2 of /web goes out. It must be rolled out, four healthy instances, by 8:00, and /web must never drop below two healthy instances on the way.',
  scenario: cluster({ agents: zonedAgents(2).slice(0, 2), apps: [web] }),
  faults: [{ at: 1 * MINUTE, fault: { kind: 'zone-partition', zone: 'us-east-1b' } }],
  actions: [{ at: 90 * SECOND, request: { method: 'PUT', path: '/marathon/v2/apps/web', body: { cmd: './web --version 2' } } }],
  goals: [
    { kind: 'min-running', app: '/web', count: 2, healthy: true, from: 45 * SECOND },
    { kind: 'rolled-out', app: '/web', cmd: './web --version 2', count: 4, by: 8 * MINUTE },
  ],
  until: 8 * MINUTE,
  allowed: { apps: { '/web': ['constraints', 'upgradeStrategy', 'unreachableStrategy', 'instances'] } },
  reference: {
    changes: {
      apps: {
        '/web': {
          constraints: [],
          upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0.5 },
          unreachableStrategy: { inactiveAfterSeconds: 0, expungeAfterSeconds: 0 },
        },
      },
    },
    expect: { won: true },
  },
  naive: { changes: {}, expect: { won: false, at: 480000, violation: '/web is not rolled out by 8:00: 0 of 4 healthy tasks' } },
};
