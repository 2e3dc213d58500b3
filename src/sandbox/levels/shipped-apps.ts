/** The shipped levels about one Marathon app: crashes, hung tasks, failover, upgrades. */
import { agent, app, cluster, fault, MINUTE, quickHealthCheck, SECOND, zonedAgents } from './build.ts';
import type { Level } from './types.ts';

export const agentCrash: Level = {
  id: 'agent-crash',
  title: 'Survive one agent crash',
  story:
    'At 1:00 the agent running /shop loses power. Marathon only hears of it when the master gives up on the agent (75 s of missed pings), and /shop must never stop serving in the meantime.',
  scenario: cluster({ agents: [agent('a', { count: 3 })], apps: [app('/shop', 1)] }),
  faults: [fault(1 * MINUTE, 'agent-crash', '{{host:/shop}}')],
  goals: [{ kind: 'min-running', app: '/shop', count: 1, from: 30 * SECOND }],
  until: 4 * MINUTE,
  allowed: { apps: { '/shop': ['instances', 'constraints'] } },
  reference: {
    changes: { apps: { '/shop': { instances: 2, constraints: [['hostname', 'UNIQUE']] } } },
    expect: { won: true },
  },
  naive: { changes: {}, expect: { won: false, at: 135000, violation: '/shop has 0 running instances, fewer than 1' } },
};

export const hungTask: Level = {
  id: 'hung-task',
  title: 'A health check that catches a hung task',
  story:
    'At 1:00 one task of /api hangs: it still runs, but answers nothing. Its health check notices, yet only kills it after 30 failures a minute apart. Tune the check so a hung task is replaced within 20 s.',
  scenario: cluster({
    agents: [agent('a', { count: 3 })],
    apps: [app('/api', 2, { healthChecks: [{ ...quickHealthCheck, intervalSeconds: 60, maxConsecutiveFailures: 30 }] })],
  }),
  faults: [fault(1 * MINUTE, 'task-unhealthy', '{{task:/api}}')],
  goals: [{ kind: 'max-unhealthy', app: '/api', maxMs: 20 * SECOND }],
  until: 5 * MINUTE,
  allowed: { apps: { '/api': ['healthChecks', 'instances'] } },
  reference: { changes: { apps: { '/api': { healthChecks: [quickHealthCheck] } } }, expect: { won: true } },
  naive: {
    changes: {},
    expect: { won: false, at: 139000, violation: 'of /api has failed its health checks for 20.3 s (since 1:58) and still runs' },
  },
};

export const leaderKill: Level = {
  id: 'leader-kill',
  title: 'Lose the leading master',
  story:
    'At 1:00 the leading Mesos master crashes and stays down. With no leader nobody can launch, scale or recover anything: a new one must lead within 30 s.',
  scenario: cluster({ masters: 1, agents: [agent('a', { count: 2 })], apps: [app('/shop', 2)] }),
  faults: [fault(1 * MINUTE, 'master-crash', '{{leader}}')],
  goals: [{ kind: 'leader', maxMs: 30 * SECOND }],
  until: 3 * MINUTE,
  allowed: { masters: [1, 3, 5] },
  reference: { changes: { masters: 3 }, expect: { won: true } },
  naive: { changes: {}, expect: { won: false, at: 92000, violation: 'no Mesos master has led for 31 s (since 1:01), more than 30 s' } },
};

const web = app('/web', 4, { healthChecks: [quickHealthCheck], upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 } });

export const rollingUpgrade: Level = {
  id: 'rolling-upgrade',
  title: 'A rolling upgrade at full capacity',
  story:
    'At 1:00 version 2 of /web goes out. Its four healthy instances carry the load exactly: the upgrade must never leave fewer than four healthy, and must be done by 4:00.',
  scenario: cluster({ agents: [agent('a', { count: 3 })], apps: [web] }),
  actions: [{ at: 1 * MINUTE, request: { method: 'PUT', path: '/marathon/v2/apps/web', body: { cmd: './web --version 2' } } }],
  goals: [
    { kind: 'min-running', app: '/web', count: 4, healthy: true, from: 45 * SECOND },
    { kind: 'rolled-out', app: '/web', cmd: './web --version 2', count: 4, by: 4 * MINUTE },
  ],
  until: 4 * MINUTE,
  allowed: { apps: { '/web': ['upgradeStrategy', 'healthChecks'] } },
  reference: {
    changes: { apps: { '/web': { upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 0.25 } } } },
    expect: { won: true },
  },
  naive: { changes: {}, expect: { won: false, at: 60005, violation: '/web has 3 healthy instances, fewer than 4' } },
};

export const zoneOutage: Level = {
  id: 'zone-outage',
  title: 'A zone goes dark',
  story:
    'Nine agents in three zones. At 1:00 zone us-east-1b loses power, all of it. /shop runs three instances and needs two at all times.',
  scenario: cluster({ agents: zonedAgents(3), apps: [app('/shop', 3)] }),
  faults: [{ at: 1 * MINUTE, fault: { kind: 'zone-outage', zone: 'us-east-1b' } }],
  goals: [{ kind: 'min-running', app: '/shop', count: 2, from: 30 * SECOND }],
  until: 4 * MINUTE,
  allowed: { apps: { '/shop': ['constraints', 'instances'] } },
  reference: { changes: { apps: { '/shop': { constraints: [['zone', 'GROUP_BY', '3']] } } }, expect: { won: true } },
  naive: { changes: {}, expect: { won: false, at: 135000, violation: '/shop has 1 running instance, fewer than 2' } },
};

export const partitionedAgent: Level = {
  id: 'partitioned-agent',
  title: 'An agent cut off',
  story:
    'At 1:00 a switch fails and the agent running /shop can no longer reach the masters. Its task may well be fine, but nobody can tell; /shop must be back to three running instances within 30 s of Marathon hearing the task is unreachable.',
  scenario: cluster({
    agents: [agent('a', { count: 4 })],
    apps: [
      app('/shop', 3, {
        constraints: [['hostname', 'UNIQUE']],
        unreachableStrategy: { inactiveAfterSeconds: 600, expungeAfterSeconds: 1200 },
      }),
    ],
  }),
  faults: [{ at: 1 * MINUTE, fault: { kind: 'partition', sides: [['{{host:/shop}}'], ['master-1', 'master-2', 'master-3']] } }],
  goals: [{ kind: 'min-running', app: '/shop', count: 3, from: 30 * SECOND, forMs: 30 * SECOND }],
  until: 5 * MINUTE,
  allowed: { apps: { '/shop': ['unreachableStrategy', 'instances', 'constraints'] } },
  reference: {
    changes: { apps: { '/shop': { unreachableStrategy: { inactiveAfterSeconds: 0, expungeAfterSeconds: 0 } } } },
    expect: { won: true },
  },
  naive: {
    changes: {},
    expect: { won: false, at: 166000, violation: '/shop has 2 running instances, fewer than 3, for 31 s (since 2:15)' },
  },
};
