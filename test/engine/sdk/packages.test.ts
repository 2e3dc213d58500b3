/**
 * Each SDK package the sandbox runs deploys its pods by its own plan (phases as its svc.yml names them), and a broker
 * whose agent is lost waits for that agent or for a `replace`.
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../../src/engine/simulation.ts';
import { checkInvariants } from '../../../src/engine/invariants.ts';
import { call, installSdk, sdkCluster, until } from './support.ts';

const cluster = (n = 6) => sdkCluster(n, 5);
const install = installSdk;

const planOf = (sim: Simulation, name: string) => call(sim, { method: 'GET', path: `/service/${name}/v1/plans/deploy` });

describe('SDK packages', () => {
  it.each([
    [
      'cassandra',
      { NODES: '3', CASSANDRA_CPUS: '0.5', CASSANDRA_MEMORY_MB: '4096', CASSANDRA_DISK_MB: '10240' },
      ['node-deploy', 'keyspace-deploy'],
      3,
    ],
    [
      'hdfs',
      {
        DATA_COUNT: '3',
        JOURNAL_CPUS: '0.3',
        JOURNAL_MEM: '2048',
        JOURNAL_DISK: '5000',
        NAME_CPUS: '0.3',
        NAME_MEM: '2048',
        NAME_DISK: '5000',
        DATA_CPUS: '0.3',
        DATA_MEM: '2048',
        DATA_DISK: '5000',
        DEPLOY_STRATEGY: 'parallel',
      },
      ['journal', 'name', 'zkfc', 'data'],
      8,
    ],
    [
      'elastic',
      {
        DATA_NODE_COUNT: '2',
        INGEST_NODE_COUNT: '0',
        COORDINATOR_NODE_COUNT: '1',
        MASTER_NODE_CPUS: '1',
        MASTER_NODE_MEM: '2048',
        MASTER_NODE_DISK: '2000',
        DATA_NODE_CPUS: '1',
        DATA_NODE_MEM: '4096',
        DATA_NODE_DISK: '10000',
        COORDINATOR_NODE_CPUS: '1',
        COORDINATOR_NODE_MEM: '2048',
        COORDINATOR_NODE_DISK: '1000',
        DEPLOY_STRATEGY: 'parallel',
      },
      ['master-update', 'data-update', 'coordinator-update'],
      6,
    ],
  ])('%s: the deploy plan completes with its phases', (name, env, phases, pods) => {
    const sim = cluster();
    install(sim, name, env);
    until(sim, () => planOf(sim, name).status === 200, 600_000);
    const plan = planOf(sim, name).body as { phases: Array<{ name: string; status: string }> };
    expect(plan.phases.map((p) => p.name)).toEqual(phases);
    expect(call(sim, { method: 'GET', path: `/service/${name}/v1/pod` }).body).toHaveLength(pods);
    expect(checkInvariants(sim.state, sim.now)).toEqual([]);
  });

  it('a broker whose agent is lost waits for it; replace starts it over on another agent', () => {
    const sim = cluster(4);
    const env = {
      BROKER_COUNT: '3',
      BROKER_CPUS: '1',
      BROKER_MEM: '2048',
      BROKER_DISK_SIZE: '5000',
      PLACEMENT_CONSTRAINTS: '[["hostname","MAX_PER","1"]]',
    };
    install(sim, 'kafka', env);
    until(sim, () => planOf(sim, 'kafka').status === 200, 300_000);
    const fw = sim.state.frameworks.find((f) => f.name === 'kafka')!;
    const broker1 = () => Object.values(sim.state.tasks).find((t) => t.frameworkId === fw.id && t.name === 'kafka-1-broker');
    const lost = broker1()!;
    const host = sim.state.agents[lost.agentIdx]!.hostname;
    expect(call(sim, { method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-crash', target: host } }).status).toBeLessThan(300);
    sim.runUntil(sim.now + 200_000);
    expect(broker1()!.state).toBe('TASK_UNREACHABLE');
    expect(broker1()!.agentIdx).toBe(lost.agentIdx);
    // Nothing replaced it meanwhile: the pod waits for its agent.
    expect(Object.values(sim.state.tasks).filter((t) => t.frameworkId === fw.id && t.name === 'kafka-1-broker')).toHaveLength(1);
    call(sim, { method: 'POST', path: '/service/kafka/v1/pod/kafka-1/replace' });
    const moved = () =>
      Object.values(sim.state.tasks).find((t) => t.frameworkId === fw.id && t.name === 'kafka-1-broker' && t.id !== lost.id);
    until(sim, () => moved()?.state === 'TASK_RUNNING', 120_000);
    expect(moved()!.agentIdx).not.toBe(lost.agentIdx);
    // The old reservation is given up, to go when its agent offers it again.
    expect(sim.state.sdk!.services.kafka!.abandoned).toHaveLength(1);
    call(sim, { method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-restore', target: host } });
    until(sim, () => sim.state.sdk!.services.kafka!.abandoned.length === 0, 300_000);
    until(sim, () => !sim.state.agents[lost.agentIdx]!.pools.some((p) => p.role === 'kafka-role' && p.total.some((x) => x > 0)), 120_000);
    // The old task came back with its agent and was killed: it has no pod any more.
    until(sim, () => sim.state.tasks[lost.id] === undefined, 120_000);
    expect(checkInvariants(sim.state, sim.now)).toEqual([]);
  });
});
