/**
 * Readiness checks and svc.yml's custom deploy steps: a broker's step is STARTED while its readiness check has not
 * passed and COMPLETE once it has (first run `delay` after the task runs, then every `interval`); a restarted pod runs
 * the check again; HDFS deploys `name` as `[[format], [node]]` / `[[bootstrap], [node]]` and then its `zkfc` phase on
 * the name pods' reservations.
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../../src/engine/simulation.ts';
import { uninstallSdkService } from '../../../src/engine/sdk/services.ts';
import { checkInvariants } from '../../../src/engine/invariants.ts';
import { call, installSdk, sdkCluster, until } from './support.ts';

const cluster = (n: number) => sdkCluster(n, 11);
const install = installSdk;

interface PlanJson {
  status: string;
  phases: Array<{ name: string; status: string; steps: Array<{ name: string; status: string }> }>;
}
const plan = (sim: Simulation, service: string, name = 'deploy') =>
  call(sim, { method: 'GET', path: `/service/${service}/v1/plans/${name}` }).body as PlanJson;
const stepStatus = (sim: Simulation, service: string, step: string, name = 'deploy') =>
  plan(sim, service, name)
    .phases.flatMap((p) => p.steps)
    .find((s) => s.name === step)?.status;

const KAFKA = {
  BROKER_COUNT: '2',
  BROKER_CPUS: '1',
  BROKER_MEM: '2048',
  BROKER_DISK_SIZE: '5000',
  PLACEMENT_CONSTRAINTS: '[["hostname","MAX_PER","1"]]',
  READINESS_CHECK_DELAY: '12',
  READINESS_CHECK_INTERVAL: '5',
};

function brokerOf(sim: Simulation, name: string) {
  const fw = sim.state.frameworks.find((f) => f.name === 'kafka')!;
  return Object.values(sim.state.tasks).find((t) => t.frameworkId === fw.id && t.name === name);
}

describe('SDK readiness checks', () => {
  it('a running broker is STARTED until its readiness check passes, then COMPLETE; the next broker waits for it', () => {
    const sim = cluster(3);
    install(sim, 'kafka', KAFKA);
    until(sim, () => brokerOf(sim, 'kafka-0-broker')?.state === 'TASK_RUNNING', 120_000, 100);
    const running = sim.now;
    expect(stepStatus(sim, 'kafka', 'kafka-0:[broker]')).toBe('STARTED');
    expect(plan(sim, 'kafka').status).toBe('STARTED');
    // The check first runs 12 s after the task runs (its delay); the broker is ready 10 s after it runs.
    sim.runUntil(running + 11_000);
    expect(stepStatus(sim, 'kafka', 'kafka-0:[broker]')).toBe('STARTED');
    expect(brokerOf(sim, 'kafka-1-broker')).toBeUndefined();
    sim.runUntil(running + 12_500);
    expect(stepStatus(sim, 'kafka', 'kafka-0:[broker]')).toBe('COMPLETE');
    until(sim, () => plan(sim, 'kafka').status === 'COMPLETE', 120_000);
    expect(checkInvariants(sim.state, sim.now)).toEqual([]);
  });

  it('a restarted broker runs its readiness check again (its recovery step STARTED, then COMPLETE)', () => {
    const sim = cluster(3);
    install(sim, 'kafka', KAFKA);
    until(sim, () => plan(sim, 'kafka').status === 'COMPLETE', 300_000);
    const first = brokerOf(sim, 'kafka-0-broker')!;
    expect(call(sim, { method: 'POST', path: '/service/kafka/v1/pod/kafka-0/restart' }).status).toBe(200);
    until(
      sim,
      () => brokerOf(sim, 'kafka-0-broker')?.id !== first.id && brokerOf(sim, 'kafka-0-broker')?.state === 'TASK_RUNNING',
      60_000,
      100,
    );
    const running = sim.now;
    expect(stepStatus(sim, 'kafka', 'kafka-0:[broker]', 'recovery')).toBe('STARTED');
    sim.runUntil(running + 11_000);
    expect(stepStatus(sim, 'kafka', 'kafka-0:[broker]', 'recovery')).toBe('STARTED');
    sim.runUntil(running + 12_500);
    expect(stepStatus(sim, 'kafka', 'kafka-0:[broker]', 'recovery')).toBe('COMPLETE');
  });

  it('a readiness check of a launch that has since ended does not make the new launch ready', () => {
    const sim = cluster(3);
    install(sim, 'kafka', KAFKA);
    until(sim, () => brokerOf(sim, 'kafka-0-broker')?.state === 'TASK_RUNNING', 120_000, 100);
    const first = brokerOf(sim, 'kafka-0-broker')!;
    const running = sim.now;
    sim.runUntil(running + 4_000);
    expect(call(sim, { method: 'POST', path: '/service/kafka/v1/pod/kafka-0/restart' }).status).toBe(200);
    until(
      sim,
      () => brokerOf(sim, 'kafka-0-broker')?.id !== first.id && brokerOf(sim, 'kafka-0-broker')?.state === 'TASK_RUNNING',
      60_000,
      100,
    );
    const again = sim.now;
    // The first launch's check would have passed at running + 12 s; the new one's first run is at again + 12 s.
    sim.runUntil(Math.max(running + 12_500, again + 1_000));
    expect(sim.now).toBeLessThan(again + 12_000);
    expect(stepStatus(sim, 'kafka', 'kafka-0:[broker]')).toBe('STARTED');
    sim.runUntil(again + 12_500);
    expect(stepStatus(sim, 'kafka', 'kafka-0:[broker]')).toBe('COMPLETE');
  });
});

describe('HDFS: custom deploy steps and the zkfc phase', () => {
  it('deploys journal, name ([format], [node] / [bootstrap], [node]), zkfc on the name pods, then data, in order', () => {
    const sim = cluster(6);
    const env = {
      DATA_COUNT: '2',
      JOURNAL_CPUS: '0.3',
      JOURNAL_MEM: '2048',
      JOURNAL_DISK: '5000',
      NAME_CPUS: '0.6',
      NAME_MEM: '4096',
      NAME_DISK: '5000',
      DATA_CPUS: '0.3',
      DATA_MEM: '2048',
      DATA_DISK: '5000',
      DEPLOY_STRATEGY: 'parallel',
      JOURNAL_READINESS_CHECK_ENABLED: 'true',
      JOURNAL_NODE_READINESS_CHECK_DELAY: '30',
      JOURNAL_NODE_READINESS_CHECK_INTERVAL: '30',
    };
    install(sim, 'hdfs', env);
    const completed: string[] = [];
    const seen = () => {
      for (const s of plan(sim, 'hdfs').phases.flatMap((p) => p.steps))
        if (s.status === 'COMPLETE' && !completed.includes(s.name)) completed.push(s.name);
      return plan(sim, 'hdfs').status === 'COMPLETE';
    };
    until(sim, seen, 900_000);
    const body = plan(sim, 'hdfs');
    expect(body.phases.map((p) => [p.name, p.steps.map((s) => s.name)])).toEqual([
      ['journal', ['journal-0:[node]', 'journal-1:[node]', 'journal-2:[node]']],
      ['name', ['name-0:[format]', 'name-0:[node]', 'name-1:[bootstrap]', 'name-1:[node]']],
      ['zkfc', ['name-0:[zkfc-format]', 'name-0:[zkfc]', 'name-1:[zkfc]']],
      ['data', ['data-0:[node]', 'data-1:[node]']],
    ]);
    expect(completed.slice(0, 3).sort()).toEqual(['journal-0:[node]', 'journal-1:[node]', 'journal-2:[node]']);
    expect(completed.slice(3, 10)).toEqual([
      'name-0:[format]',
      'name-0:[node]',
      'name-1:[bootstrap]',
      'name-1:[node]',
      'name-0:[zkfc-format]',
      'name-0:[zkfc]',
      'name-1:[zkfc]',
    ]);
    const fw = sim.state.frameworks.find((f) => f.name === 'hdfs')!;
    const live = Object.values(sim.state.tasks).filter((t) => t.frameworkId === fw.id && t.state === 'TASK_RUNNING');
    expect(live.map((t) => t.name).sort()).toEqual([
      'data-0-node',
      'data-1-node',
      'journal-0-node',
      'journal-1-node',
      'journal-2-node',
      'name-0-node',
      'name-0-zkfc',
      'name-1-node',
      'name-1-zkfc',
    ]);
    // A name pod's tasks share its one reservation: node and zkfc on the same agent and reserved pool.
    for (const pod of ['name-0', 'name-1']) {
      const [node, zkfc] = [`${pod}-node`, `${pod}-zkfc`].map((n) => live.find((t) => t.name === n)!);
      expect(zkfc!.agentIdx).toBe(node!.agentIdx);
      expect(zkfc!.portions[0]!.pool).toBe(node!.portions[0]!.pool);
    }
    const pods = call(sim, { method: 'GET', path: '/service/hdfs/v1/pod/status' }).body as {
      pods: Array<{ name: string; instances: Array<{ name: string; tasks: Array<{ name: string; status: string }> }> }>;
    };
    const name0 = pods.pods.find((p) => p.name === 'name')!.instances.find((i) => i.name === 'name-0')!;
    expect(name0.tasks.map((t) => [t.name, t.status])).toEqual([
      ['name-0-node', 'RUNNING'],
      ['name-0-zkfc', 'RUNNING'],
    ]);
    expect(checkInvariants(sim.state, sim.now)).toEqual([]);
  });
});

describe('Cassandra: the keyspace-deploy phase', () => {
  it('after node-deploy, node-0:[init_system_keyspaces] runs to TASK_FINISHED beside node-0 on a reservation of its own', () => {
    const sim = cluster(4);
    const env = {
      NODES: '3',
      CASSANDRA_CPUS: '0.5',
      CASSANDRA_MEMORY_MB: '4096',
      CASSANDRA_DISK_MB: '10240',
      READINESS_CHECK_INTERVAL: '5',
    };
    install(sim, 'cassandra', env);
    const fw = () => sim.state.frameworks.find((f) => f.name === 'cassandra')!;
    const init = () => Object.values(sim.state.tasks).find((t) => t.frameworkId === fw().id && t.name === 'node-0-init_system_keyspaces');
    until(sim, () => init() !== undefined, 600_000);
    // It launches only once every node is up, joined the ring (readiness) and its step COMPLETE.
    expect(plan(sim, 'cassandra').phases[0]!.steps.map((s) => s.status)).toEqual(['COMPLETE', 'COMPLETE', 'COMPLETE']);
    const server0 = Object.values(sim.state.tasks).find((t) => t.frameworkId === fw().id && t.name === 'node-0-server')!;
    expect(init()!.agentIdx).toBe(server0.agentIdx);
    expect(init()!.portions[0]!.pool).not.toBe(server0.portions[0]!.pool);
    expect(init()!.portions[0]!.scalars.slice(0, 2)).toEqual([1, 1024]);
    until(sim, () => plan(sim, 'cassandra').status === 'COMPLETE', 120_000);
    const body = plan(sim, 'cassandra');
    expect(body.phases.map((p) => [p.name, p.steps.map((s) => s.name)])).toEqual([
      ['node-deploy', ['node-0:[server]', 'node-1:[server]', 'node-2:[server]']],
      ['keyspace-deploy', ['node-0:[init_system_keyspaces]']],
    ]);
    expect(sim.state.tasks[init()?.id ?? '']?.state ?? 'TASK_FINISHED').toBe('TASK_FINISHED');
    expect(checkInvariants(sim.state, sim.now)).toEqual([]);
    // Uninstall gives both of node-0's reservations back.
    uninstallSdkService(sim.context, sim.state, 'cassandra');
    const reserved = () => sim.state.agents.some((a) => a.pools.some((p) => p.role === 'cassandra-role' && p.total.some((x) => x > 0)));
    until(sim, () => !reserved() && sim.state.sdk?.services.cassandra === undefined, 300_000);
    expect(checkInvariants(sim.state, sim.now)).toEqual([]);
  });
});
