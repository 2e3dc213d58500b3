/**
 * `dcos package install kafka` end to end: Cosmos renders the scheduler app, the scheduler registers framework `kafka`
 * in `kafka-role`, the deploy plan completes with three brokers on reservations and volumes; uninstall gives every
 * reservation back, tears the framework down and removes the app.
 */
import { describe, expect, it } from 'vitest';
import { boot, get, type Json } from '../../support/marathon.ts';
import { agent } from '../../support/cluster.ts';
import type { Sandbox } from '../../../src/sandbox/index.ts';

const post = (sb: Sandbox, path: string, body: unknown) => sb.request({ method: 'POST', path, body });

function waitFor(sb: Sandbox, done: () => boolean, ms: number): void {
  for (let t = 0; !done(); t += 1000) {
    if (t > ms) throw new Error('not reached in time');
    sb.advance(1000);
  }
}

describe('installing an SDK package', () => {
  it('kafka: install, deploy plan COMPLETE, then uninstall leaves no reservation', async () => {
    const sb = await boot(
      [1, 2, 3, 4].map((i) => agent(`a${i}`, { cpus: 8, mem: 16384, disk: 40000 })),
      { marathon: { role: 'slave_public' } },
    );
    const res = post(sb, '/package/install', { packageName: 'kafka', options: { brokers: { count: 3 } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ packageName: 'kafka', appId: '/kafka' });
    waitFor(sb, () => sb.request({ method: 'GET', path: '/service/kafka/v1/plans/deploy' }).status === 200, 600_000);
    const frameworks = get(sb, '/mesos/master/state').frameworks as Json[];
    const kafka = frameworks.find((f) => f.name === 'kafka')!;
    expect(kafka).toMatchObject({ active: true, roles: ['kafka-role'] });
    expect(kafka.tasks.map((t: Json) => t.name).sort()).toEqual(['kafka-0-broker', 'kafka-1-broker', 'kafka-2-broker']);
    const reservedTo = () => (get(sb, '/mesos/master/slaves').slaves as Json[]).filter((s) => s.reserved_resources['kafka-role']);
    expect(reservedTo()).toHaveLength(3);
    const listed = post(sb, '/package/list', {}).body as { packages: Json[] };
    expect(listed.packages.map((p) => p.appId)).toContain('/kafka');
    expect(post(sb, '/package/uninstall', { packageName: 'kafka' }).status).toBe(200);
    waitFor(sb, () => reservedTo().length === 0 && sb.request({ method: 'GET', path: '/marathon/v2/apps/kafka' }).status === 404, 600_000);
    expect((get(sb, '/mesos/master/state').frameworks as Json[]).find((f) => f.name === 'kafka')?.active ?? false).toBe(false);
  });

  it('hdfs: the scheduler gets the readiness checks of its package; the deploy plan runs name, then zkfc, step by step', async () => {
    const sb = await boot(
      [1, 2, 3, 4].map((i) => agent(`a${i}`, { cpus: 8, mem: 16384, disk: 40000 })),
      { marathon: { role: 'slave_public' } },
    );
    expect(post(sb, '/package/install', { packageName: 'hdfs' }).status).toBe(200);
    const env = (get(sb, '/marathon/v2/apps/hdfs').app as Json).env as Record<string, string>;
    expect(env).toMatchObject({
      JOURNAL_READINESS_CHECK_ENABLED: 'true',
      JOURNAL_NODE_READINESS_CHECK_DELAY: '30',
      JOURNAL_NODE_READINESS_CHECK_INTERVAL: '30',
      NAME_NODE_READINESS_CHECK_DELAY: '0',
      NAME_NODE_READINESS_CHECK_INTERVAL: '5',
      DATA_NODE_READINESS_CHECK_DELAY: '120',
      DATA_NODE_READINESS_CHECK_INTERVAL: '10',
    });
    const deploy = () => sb.request({ method: 'GET', path: '/service/hdfs/v1/plans/deploy' });
    waitFor(sb, () => deploy().status === 200, 900_000);
    const body = deploy().body as { phases: Array<{ name: string; steps: Array<{ name: string; status: string }> }> };
    expect(body.phases.map((p) => [p.name, p.steps.map((s) => s.name)])).toEqual([
      ['journal', ['journal-0:[node]', 'journal-1:[node]', 'journal-2:[node]']],
      ['name', ['name-0:[format]', 'name-0:[node]', 'name-1:[bootstrap]', 'name-1:[node]']],
      ['zkfc', ['name-0:[zkfc-format]', 'name-0:[zkfc]', 'name-1:[zkfc]']],
      ['data', ['data-0:[node]', 'data-1:[node]', 'data-2:[node]']],
    ]);
  });

  it('elastic: each node type gets its readiness check; a master node is STARTED until its check passes', async () => {
    const sb = await boot(
      [1, 2, 3, 4, 5, 6].map((i) => agent(`a${i}`, { cpus: 8, mem: 16384, disk: 40000 })),
      { marathon: { role: 'slave_public' } },
    );
    expect(post(sb, '/package/install', { packageName: 'elastic' }).status).toBe(200);
    const env = (get(sb, '/marathon/v2/apps/elastic').app as Json).env as Record<string, string>;
    for (const p of ['MASTER', 'DATA', 'INGEST', 'COORDINATOR'])
      expect(env).toMatchObject({ [`${p}_NODE_READINESS_CHECK_INTERVAL`]: '5', [`${p}_NODE_READINESS_CHECK_DELAY`]: '0' });
    const deploy = () => sb.request({ method: 'GET', path: '/service/elastic/v1/plans/deploy' });
    const master0 = () =>
      (deploy().body as { phases: Array<{ steps: Array<{ name: string; status: string }> }> }).phases[0]!.steps[0]!.status;
    const seen = new Set<string>();
    waitFor(
      sb,
      () => {
        if (deploy().status === 404) return false;
        seen.add(master0());
        return deploy().status === 200;
      },
      900_000,
    );
    expect(seen).toContain('STARTED');
    expect(master0()).toBe('COMPLETE');
  });
});
