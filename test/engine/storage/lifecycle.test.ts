/**
 * Reservations across failures and time: a Mesos master failover keeps them (agents re-register with their
 * checkpointed resources), the reservation timeout expunges an instance no task was launched on, DRF counts what a
 * framework holds of a reservation and not the reservation itself, and resident runs are deterministic.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, resumeSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import { agent } from '../../support/cluster.ts';
import { appOf, boot, deploy, fault, get, marathonScenario, tasksOf, untilBooted, waitFor, type Json } from '../../support/marathon.ts';

const AGENTS = [1, 2, 3].map((i) => agent(`a${i}`, { cpus: 4, mem: 4096, disk: 20000 }));
const DB: Json = {
  id: '/db',
  cmd: 'postgres',
  instances: 2,
  cpus: 0.5,
  mem: 256,
  disk: 100,
  constraints: [['hostname', 'UNIQUE']],
  container: { type: 'MESOS', volumes: [{ containerPath: 'data', mode: 'RW', persistent: { size: 1024 } }] },
};
const OPTS = { marathon: { role: 'slave_public' } };

const reserved = (sb: Sandbox): Record<string, number> =>
  Object.fromEntries(get(sb, '/mesos/master/slaves').slaves.map((s: Json) => [s.hostname, s.reserved_resources.slave_public?.disk ?? 0]));

async function running(masters = 1): Promise<Sandbox> {
  const scenario = marathonScenario(AGENTS, OPTS);
  scenario.cluster.masters = masters;
  const sb = await createSandbox(scenario, { allocator: 'wasm', matcher: 'wasm' });
  untilBooted(sb);
  deploy(sb, DB);
  waitFor(sb, () => appOf(sb, '/db').tasksRunning === 2 && appOf(sb, '/db').deployments.length === 0, 120_000);
  return sb;
}

describe('reservations and failures', () => {
  it('survive a Mesos master failover: the new leader has them once the agents re-register', async () => {
    const sb = await running(3);
    const before = reserved(sb);
    const volumes = tasksOf(sb, '/db')
      .map((t) => t.localVolumes[0].persistenceId)
      .sort();
    const leader = get(sb, '/mesos/master/state').hostname as string;
    fault(sb, 'master-crash', leader);
    waitFor(
      sb,
      () => {
        const state = sb.request({ method: 'GET', path: '/mesos/master/state' });
        return state.status === 200 && (state.body as Json).hostname !== leader && (state.body as Json).slaves.length === 3;
      },
      120_000,
    );
    expect(reserved(sb)).toEqual(before);
    sb.advance(60_000);
    expect(
      tasksOf(sb, '/db')
        .map((t) => t.localVolumes[0].persistenceId)
        .sort(),
    ).toEqual(volumes);
    expect(appOf(sb, '/db').tasksRunning).toBe(2);
  });

  it('a reservation no task was launched on times out: the instance goes and a new one reserves elsewhere', async () => {
    const sb = await boot(AGENTS, { marathon: { role: 'slave_public', flags: { task_reservation_timeout: 60_000 } } });
    deploy(sb, { ...DB, instances: 1, constraints: [] });
    // Stop the agent the moment its resources are reserved, before the labelled offer brings them back.
    waitFor(sb, () => Object.values(reserved(sb)).some((d) => d > 0), 30_000, 10);
    const host = Object.entries(reserved(sb)).find(([, d]) => d > 0)![0];
    expect(tasksOf(sb, '/db')).toEqual([]);
    fault(sb, 'agent-crash', host);
    sb.advance(50_000);
    expect(appOf(sb, '/db').tasksRunning).toBe(0);
    waitFor(sb, () => appOf(sb, '/db').tasksRunning === 1, 120_000);
    expect(tasksOf(sb, '/db')[0]!.host).not.toBe(host);
  });

  it('DRF counts the reserved resources a framework holds, never an idle reservation', async () => {
    const sb = await running();
    const marathon = () => sb.snapshot().cluster.frameworks.find((f) => f.name === 'marathon')!.shares['slave_public']!;
    expect(marathon().allocated[2]).toBeGreaterThanOrEqual(2 * 1124);
    sb.request({ method: 'PUT', path: '/marathon/v2/apps/db', body: { instances: 0 } });
    waitFor(sb, () => appOf(sb, '/db').deployments.length === 0 && appOf(sb, '/db').tasksRunning === 0, 60_000);
    sb.advance(5_000);
    // The reservations stay (2 × 1124 MB of disk) but no offer or task holds them: Marathon declines them for 300 s.
    expect(Object.values(reserved(sb)).reduce((a, b) => a + b, 0)).toBe(2 * 1124);
    expect(marathon().allocated[2]).toBe(0);
  });

  it('runs with resident apps are deterministic, and a snapshot resumes to the same history', async () => {
    const play = async () => {
      const sb = await running();
      fault(sb, 'task-crash', tasksOf(sb, '/db')[0]!.id);
      sb.advance(30_000);
      sb.request({ method: 'DELETE', path: `/marathon/v2/apps/db/tasks/${tasksOf(sb, '/db')[1]!.id}?wipe=true` });
      sb.advance(30_000);
      return sb;
    };
    const a = await play();
    const b = await play();
    expect(b.historyHash()).toBe(a.historyHash());
    const resumed = await resumeSandbox(a.scenario(), JSON.parse(JSON.stringify(a.snapshot())));
    a.advance(120_000);
    resumed.advance(120_000);
    expect(resumed.historyHash()).toBe(a.historyHash());
  });
});
