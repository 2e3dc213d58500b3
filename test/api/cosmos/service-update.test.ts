/**
 * `/cosmos/service/describe|update`: the options a service runs with, and a new configuration that Marathon
 * restarts the scheduler with; the SDK then grows the service (more brokers) or refuses a shrink with its
 * validation errors on the deploy plan (417).
 */
import { describe, expect, it } from 'vitest';
import { boot, get, type Json } from '../../support/marathon.ts';
import { agent } from '../../support/cluster.ts';
import type { Sandbox } from '../../../src/sandbox/index.ts';

const post = (sb: Sandbox, path: string, body: unknown, headers?: Record<string, string>) =>
  sb.request({ method: 'POST', path, body, ...(headers ? { headers } : {}) });
const plan = (sb: Sandbox) => sb.request({ method: 'GET', path: '/service/kafka/v1/plans/deploy' });

function waitFor(sb: Sandbox, done: () => boolean, ms: number): void {
  for (let t = 0; !done(); t += 1000) {
    if (t > ms) throw new Error('not reached in time');
    sb.advance(1000);
  }
}

async function kafkaWith(count: number): Promise<Sandbox> {
  const sb = await boot(
    [1, 2, 3, 4, 5].map((i) => agent(`a${i}`, { cpus: 8, mem: 16384, disk: 40000 })),
    { marathon: { role: 'slave_public' } },
  );
  expect(post(sb, '/package/install', { packageName: 'kafka', options: { brokers: { count } } }).status).toBe(200);
  waitFor(sb, () => plan(sb).status === 200, 600_000);
  return sb;
}

const brokers = (sb: Sandbox) =>
  // While Marathon restarts the scheduler its framework is not subscribed (and not listed).
  (((get(sb, '/mesos/master/state').frameworks as Json[]).find((f) => f.name === 'kafka')?.tasks ?? []) as Json[])
    .filter((t) => t.state === 'TASK_RUNNING')
    .map((t) => t.name as string)
    .sort();

describe('/cosmos/service', () => {
  it('describe: the package, the options given and the defaults merged under them, in the service media type', async () => {
    const sb = await kafkaWith(3);
    const res = post(
      sb,
      '/cosmos/service/describe',
      { appId: '/kafka' },
      {
        'Content-Type': 'application/vnd.dcos.service.describe-request+json;charset=utf-8;version=v1',
        Accept: 'application/vnd.dcos.service.describe-response+json;charset=utf-8;version=v1',
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers?.['Content-Type']).toBe('application/vnd.dcos.service.describe-response+json;charset=utf-8;version=v1');
    const body = res.body as Json;
    expect(Object.keys(body)).toEqual(['package', 'upgradesTo', 'downgradesTo', 'resolvedOptions', 'userProvidedOptions']);
    expect(body.package).toMatchObject({ name: 'kafka' });
    expect(body.userProvidedOptions).toEqual({ brokers: { count: 3 } });
    expect(body.resolvedOptions.brokers.count).toBe(3);
    expect(body.resolvedOptions.service.name).toBe('kafka');
  });

  it('describe and update of an app that is not there: MarathonAppNotFound (400)', async () => {
    const sb = await kafkaWith(1);
    for (const [op, body] of [
      ['describe', { appId: '/nope' }],
      ['update', { appId: '/nope', replace: false }],
    ] as const) {
      const res = post(sb, `/cosmos/service/${op}`, body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        type: 'MarathonAppNotFound',
        message: "Unable to locate service with marathon appId: '/nope'",
        data: { appId: '/nope' },
      });
    }
    expect(post(sb, '/cosmos/service/update', { appId: '/kafka' }).body).toMatchObject({ type: 'not_parsed' });
    expect(post(sb, '/package/service/describe', { appId: '/kafka' }).status).toBe(404);
  });

  it('update: another version is refused in open DC/OS; the options merge over the stored ones', async () => {
    const sb = await kafkaWith(3);
    const refused = post(sb, '/cosmos/service/update', { appId: '/kafka', packageVersion: '0.1.0', replace: false });
    expect(refused.body).toMatchObject({
      type: 'VersionUpgradeNotSupportedInOpen',
      message: 'Version Upgrades are an Enterprise DC/OS feature only',
    });
    const res = post(sb, '/cosmos/service/update', { appId: '/kafka', options: { brokers: { count: 4 } }, replace: false });
    expect(res.status).toBe(200);
    const body = res.body as Json;
    expect(Object.keys(body)).toEqual(['package', 'resolvedOptions', 'marathonDeploymentId']);
    expect(body.resolvedOptions.brokers.count).toBe(4);
    const app = get(sb, '/marathon/v2/apps/kafka').app as Json;
    expect(app.env.BROKER_COUNT).toBe('4');
    expect(JSON.parse(atob(app.labels.DCOS_PACKAGE_OPTIONS))).toEqual({ brokers: { count: 4 } });
    // The scheduler restarts with four brokers: a fourth step, the first three already COMPLETE.
    waitFor(sb, () => brokers(sb).length === 4 && plan(sb).status === 200, 600_000);
    const steps = ((plan(sb).body as Json).phases[0].steps as Json[]).map((s) => s.name);
    expect(steps).toEqual(['kafka-0:[broker]', 'kafka-1:[broker]', 'kafka-2:[broker]', 'kafka-3:[broker]']);
    expect(brokers(sb)).toEqual(['kafka-0-broker', 'kafka-1-broker', 'kafka-2-broker', 'kafka-3-broker']);
  });

  it('update to fewer brokers: the SDK keeps its target and its deploy plan answers 417 with the validator error', async () => {
    const sb = await kafkaWith(3);
    const before = brokers(sb);
    expect(post(sb, '/cosmos/service/update', { appId: '/kafka', options: { brokers: { count: 2 } }, replace: false }).status).toBe(200);
    waitFor(sb, () => plan(sb).status === 417, 600_000);
    expect((plan(sb).body as Json).errors).toEqual([
      "Field: 'PodSpec[name:kafka]'; Transition: '3' => '2'; Message: 'New config's PodSpec named 'kafka' has 2 tasks, expected >=3 tasks'; Fatal: false",
    ]);
    expect((plan(sb).body as Json).status).toBe('ERROR');
    sb.advance(60_000);
    expect(brokers(sb)).toEqual(before);
    // Back to three: the errors go with the next start.
    expect(post(sb, '/cosmos/service/update', { appId: '/kafka', options: { brokers: { count: 3 } }, replace: false }).status).toBe(200);
    waitFor(sb, () => plan(sb).status === 200, 600_000);
  });

  it('replace=true without options renders the package defaults; replace=false on an app without stored options: OptionsNotStored', async () => {
    const sb = await kafkaWith(3);
    const res = post(sb, '/cosmos/service/update', { appId: '/kafka', replace: true });
    expect(res.status).toBe(200);
    expect((res.body as Json).resolvedOptions.brokers.count).toBe(3);
    // A plain Marathon app carrying package labels but no options label.
    const app = {
      id: '/bare',
      cmd: 'sleep 1000',
      cpus: 0.1,
      mem: 32,
      instances: 0,
      labels: { DCOS_PACKAGE_NAME: 'nginx', DCOS_PACKAGE_VERSION: '1.10.3' },
    };
    expect(sb.request({ method: 'POST', path: '/marathon/v2/apps', body: app }).status).toBe(201);
    const versions = post(sb, '/package/list-versions', { packageName: 'nginx', includePackageVersions: true }).body as Json;
    app.labels.DCOS_PACKAGE_VERSION = Object.keys(versions.results)[0]!;
    sb.request({ method: 'PUT', path: '/marathon/v2/apps/bare', body: app });
    expect(post(sb, '/cosmos/service/update', { appId: '/bare', replace: false }).body).toEqual({
      type: 'OptionsNotStored',
      message: 'The options of the current service were not stored',
    });
  });

  it("update of the brokers' resources: each broker in turn is killed and relaunched on its reservation, grown or shrunk", async () => {
    const sb = await kafkaWith(3);
    const reserved = () =>
      (get(sb, '/mesos/master/slaves').slaves as Json[])
        .map((s) => s.reserved_resources['kafka-role'] as Json | undefined)
        .filter((r): r is Json => r !== undefined)
        .map((r) => [r.cpus, r.mem]);
    const taskIds = () =>
      new Set(
        (get(sb, '/mesos/master/tasks').tasks as Json[])
          .filter((t) => t.state === 'TASK_RUNNING' && String(t.name).startsWith('kafka-'))
          .map((t) => t.id),
      );
    const before = taskIds();
    const cpus = reserved()[0]![0] as number;
    const mem = reserved()[0]![1] as number;
    expect(
      post(sb, '/cosmos/service/update', { appId: '/kafka', options: { brokers: { cpus: cpus + 0.5, mem: mem - 256 } }, replace: false })
        .status,
    ).toBe(200);
    // Rolling: never more than one broker down at a time.
    let leastRunning = 3;
    waitFor(
      sb,
      () => {
        leastRunning = Math.min(leastRunning, brokers(sb).length || leastRunning);
        return plan(sb).status === 200 && reserved().every(([c, m]) => c === cpus + 0.5 && m === mem - 256);
      },
      900_000,
    );
    expect(leastRunning).toBe(2);
    expect(reserved()).toHaveLength(3);
    const after = taskIds();
    expect([...after].filter((id) => before.has(id))).toEqual([]);
    const tasks = (get(sb, '/mesos/master/tasks').tasks as Json[]).filter((t) => after.has(t.id));
    expect(tasks.map((t) => [t.resources.cpus, t.resources.mem])).toEqual(tasks.map(() => [cpus + 0.5, mem - 256]));
  });

  it("an option only the brokers' configuration reads (num_partitions) restarts them in turn; the reservations stay as they were", async () => {
    const sb = await kafkaWith(3);
    const reservedBefore = JSON.stringify((get(sb, '/mesos/master/slaves').slaves as Json[]).map((s) => s.reserved_resources_full));
    const before = brokers(sb);
    const ids = () => (get(sb, '/mesos/master/tasks').tasks as Json[]).filter((t) => t.state === 'TASK_RUNNING').map((t) => t.id as string);
    const first = ids();
    expect(post(sb, '/cosmos/service/update', { appId: '/kafka', options: { kafka: { num_partitions: 4 } }, replace: false }).status).toBe(
      200,
    );
    waitFor(sb, () => plan(sb).status === 200 && ids().every((id) => !first.includes(id)) && ids().length === 4, 900_000);
    expect(brokers(sb)).toEqual(before);
    expect(JSON.stringify((get(sb, '/mesos/master/slaves').slaves as Json[]).map((s) => s.reserved_resources_full))).toBe(reservedBefore);
    // A change of the scheduler's own settings (its log level) restarts no broker.
    const now = ids();
    expect(
      post(sb, '/cosmos/service/update', { appId: '/kafka', options: { service: { log_level: 'DEBUG' } }, replace: false }).status,
    ).toBe(200);
    sb.advance(300_000);
    expect(
      ids()
        .filter((id) => id.startsWith('kafka-'))
        .sort(),
    ).toEqual(now.filter((id) => id.startsWith('kafka-')).sort());
  });
});
