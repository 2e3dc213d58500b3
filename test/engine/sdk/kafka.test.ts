/**
 * An SDK service end to end in the engine: its scheduler app runs on Marathon, its framework registers in
 * `kafka-role`, the deploy plan reserves, creates a volume and launches each broker in turn (serial) until COMPLETE;
 * a failed broker relaunches in place (recovery), a replaced one moves with a fresh volume, its old reservation given up.
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../../src/engine/simulation.ts';
import { uninstallSdkService } from '../../../src/engine/sdk/services.ts';
import { checkInvariants } from '../../../src/engine/invariants.ts';
import { call, installSdk, sdkCluster, until } from './support.ts';

const ENV = {
  BROKER_COUNT: '3',
  BROKER_CPUS: '1',
  BROKER_MEM: '2048',
  BROKER_DISK_SIZE: '5000',
  BROKER_DISK_TYPE: 'ROOT',
  DEPLOY_STRATEGY: 'serial',
  PLACEMENT_CONSTRAINTS: '[["hostname","MAX_PER","1"]]',
};

const cluster = () => sdkCluster(4, 3, { cpus: 4, mem: 8192, disk: 20000 });

const install = (sim: Simulation) => installSdk(sim, 'kafka', ENV);

const plan = (sim: Simulation) => call(sim, { method: 'GET', path: '/service/kafka/v1/plans/deploy' });

describe('an SDK service (kafka)', () => {
  it('deploys three brokers one after another on three agents, each on its own reservation and volume', () => {
    const sim = cluster();
    install(sim);
    expect(plan(sim).status).toBe(202);
    until(sim, () => plan(sim).status === 200, 300_000);
    const body = plan(sim).body as { status: string; phases: Array<{ name: string; steps: Array<{ name: string; status: string }> }> };
    expect(body.status).toBe('COMPLETE');
    expect(body.phases.map((p) => p.name)).toEqual(['broker']);
    expect(body.phases[0]!.steps.map((s) => s.name)).toEqual(['kafka-0:[broker]', 'kafka-1:[broker]', 'kafka-2:[broker]']);
    const fw = sim.state.frameworks.find((f) => f.name === 'kafka')!;
    expect(fw).toMatchObject({ registered: true, roles: ['kafka-role'] });
    const tasks = Object.values(sim.state.tasks).filter((t) => t.frameworkId === fw.id);
    expect(tasks.map((t) => t.name).sort()).toEqual(['kafka-0-broker', 'kafka-1-broker', 'kafka-2-broker']);
    expect(new Set(tasks.map((t) => t.agentIdx)).size).toBe(3);
    for (const t of tasks) {
      const pool = sim.state.agents[t.agentIdx]!.pools[t.portions[0]!.pool]!;
      expect(pool).toMatchObject({ role: 'kafka-role', dynamic: { principal: 'kafka-principal' } });
      expect(pool.disks?.[0]).toMatchObject({ size: 5000, volume: { containerPath: 'kafka-broker-data' } });
    }
    expect(checkInvariants(sim.state, sim.now)).toEqual([]);
  });

  it('a failed broker relaunches in place; a replaced one moves with a fresh volume and its old reservation goes', () => {
    const sim = cluster();
    install(sim);
    until(sim, () => plan(sim).status === 200, 300_000);
    const fw = sim.state.frameworks.find((f) => f.name === 'kafka')!;
    const broker0 = () => Object.values(sim.state.tasks).find((t) => t.frameworkId === fw.id && t.name === 'kafka-0-broker');
    const first = broker0()!;
    sim.context.schedule(0, { type: 'task.status', taskId: first.id, state: 'TASK_FAILED' });
    until(sim, () => broker0() !== undefined && broker0()!.id !== first.id && broker0()!.state === 'TASK_RUNNING', 60_000);
    expect(broker0()!.agentIdx).toBe(first.agentIdx);
    const res = call(sim, { method: 'POST', path: '/service/kafka/v1/pod/kafka-0/replace' });
    expect(res).toMatchObject({ status: 200, body: { pod: 'kafka-0', tasks: ['kafka-0-broker'] } });
    until(sim, () => broker0() !== undefined && broker0()!.agentIdx !== first.agentIdx && broker0()!.state === 'TASK_RUNNING', 120_000);
    const old = sim.state.agents[first.agentIdx]!;
    until(sim, () => !old.pools.some((p) => p.role === 'kafka-role' && p.total.some((x) => x > 0)), 120_000);
    expect(checkInvariants(sim.state, sim.now)).toEqual([]);
    expect(call(sim, { method: 'POST', path: '/service/kafka/v1/pod/kafka-9/restart' })).toMatchObject({
      status: 404,
      body: 'Pod kafka-9 not found',
    });
  });

  it('a broker on an agent the operator removed (TASK_GONE_BY_OPERATOR) is replaced elsewhere at once; uninstall still completes', () => {
    const sim = cluster();
    install(sim);
    until(sim, () => plan(sim).status === 200, 300_000);
    const fw = sim.state.frameworks.find((f) => f.name === 'kafka')!;
    const broker0 = () => Object.values(sim.state.tasks).find((t) => t.frameworkId === fw.id && t.name === 'kafka-0-broker');
    const first = broker0()!;
    const host = sim.state.agents[first.agentIdx]!.hostname;
    expect(call(sim, { method: 'DELETE', path: `/sandbox/v1/agents/${host}` }).status).toBe(200);
    until(sim, () => broker0() !== undefined && broker0()!.agentIdx !== first.agentIdx && broker0()!.state === 'TASK_RUNNING', 180_000);
    until(sim, () => plan(sim).status === 200, 180_000);
    expect(sim.state.sdk!.services.kafka!.abandoned).toEqual([]);
    expect(checkInvariants(sim.state, sim.now)).toEqual([]);
    expect(uninstallSdkService(sim.context, sim.state, 'kafka')).toBe(true);
    until(sim, () => call(sim, { method: 'GET', path: '/marathon/v2/apps/kafka' }).status === 404, 300_000);
  });

  it('uninstall kills every broker, destroys and unreserves every reservation, tears the framework down and removes the app', () => {
    const sim = cluster();
    install(sim);
    until(sim, () => plan(sim).status === 200, 300_000);
    const fw = sim.state.frameworks.find((f) => f.name === 'kafka')!;
    expect(uninstallSdkService(sim.context, sim.state, 'kafka')).toBe(true);
    const reserved = () =>
      sim.state.agents.some((a) =>
        a.pools.some((p) => p.role === 'kafka-role' && (p.total.some((x) => x > 0) || (p.disks?.length ?? 0) > 0)),
      );
    until(sim, () => !reserved() && sim.state.sdk?.services.kafka === undefined, 300_000);
    until(sim, () => call(sim, { method: 'GET', path: '/marathon/v2/apps/kafka' }).status === 404, 120_000);
    expect(fw.registered).toBe(false);
    expect(Object.values(sim.state.tasks).filter((t) => t.frameworkId === fw.id)).toEqual([]);
    expect(call(sim, { method: 'GET', path: '/service/kafka/v1/plans' }).status).toBe(404);
    expect(checkInvariants(sim.state, sim.now)).toEqual([]);
  });

  it('plan commands: pause holds the next steps, resume goes on, force-complete and restart answer as the SDK does', () => {
    const sim = cluster();
    install(sim);
    until(
      sim,
      () => (plan(sim).body as { phases: Array<{ steps: Array<{ status: string }> }> }).phases[0]!.steps[0]!.status === 'COMPLETE',
      120_000,
    );
    const cmd = (path: string) => call(sim, { method: 'POST', path: `/service/kafka/v1/plans/${path}` });
    expect(cmd('deploy/interrupt')).toMatchObject({ status: 200, body: { message: 'Received cmd: interrupt' } });
    expect(cmd('deploy/interrupt')).toMatchObject({ status: 208, body: 'Command has already been reported or completed' });
    const statuses = () =>
      (plan(sim).body as { status: string; phases: Array<{ steps: Array<{ status: string }> }> }).phases[0]!.steps.map((s) => s.status);
    const held = statuses();
    sim.runUntil(sim.now + 60_000);
    expect(statuses()).toEqual(held.map((s) => (s === 'STARTING' || s === 'STARTED' ? 'COMPLETE' : s)));
    expect((plan(sim).body as { status: string }).status).toBe('WAITING');
    expect(cmd('deploy/continue')).toMatchObject({ status: 200, body: { message: 'Received cmd: continue' } });
    until(sim, () => plan(sim).status === 200, 300_000);
    expect(cmd('deploy/forceComplete?phase=broker&step=kafka-0:[broker]')).toMatchObject({ status: 208 });
    expect(cmd('deploy/restart?phase=broker&step=kafka-0:[broker]')).toMatchObject({
      status: 200,
      body: { message: 'Received cmd: restart for Plan: deploy, Phase: broker, Step: kafka-0:[broker]' },
    });
    // The pod runs as it should: the restarted step completes again without relaunching anything.
    until(sim, () => plan(sim).status === 200, 60_000);
    expect(cmd('deploy/restart?phase=nope')).toMatchObject({ status: 404, body: 'Phase nope not found' });
    expect(cmd('nope/start')).toMatchObject({ status: 404, body: 'Plan nope not found' });
  });
});
