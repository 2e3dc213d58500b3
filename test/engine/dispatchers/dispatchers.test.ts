/**
 * Spark's dispatcher and Jenkins' master as frameworks of their own: `POST /package/install` runs their scheduler app;
 * a submission runs as a driver task whose application registers its own framework and executors, then finishes;
 * a queued Jenkins build gets an agent task that goes when the build ends. Same history twice.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/sandbox/index.ts';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { marathonScenario, untilBooted, type Json } from '../../support/marathon.ts';
import { agent } from '../../support/cluster.ts';

const post = (sb: Sandbox, path: string, body: unknown) => sb.request({ method: 'POST', path, body });
const get = (sb: Sandbox, path: string) => sb.request({ method: 'GET', path }) as { status: number; body: Json };
const frameworks = (sb: Sandbox) => get(sb, '/mesos/master/state').body.frameworks as Json[];
const allTasks = (sb: Sandbox) => frameworks(sb).flatMap((f) => f.tasks as Json[]);

function waitFor(sb: Sandbox, done: () => boolean, ms: number): void {
  for (let t = 0; !done(); t += 500) {
    if (t > ms) throw new Error('not reached in time');
    sb.advance(500);
  }
}

async function cluster(seed = 1, marathonRole = '*'): Promise<Sandbox> {
  const agents = [1, 2, 3].map((i) => agent(`a${i}`, { cpus: 4, mem: 8192, disk: 20000 }));
  agents.push(agent('p1', { cpus: 4, mem: 8192, disk: 20000 }, { public: true }));
  const sb = await createSandbox(marathonScenario(agents, { seed, marathon: { role: marathonRole } }), {
    allocator: 'ts',
    matcher: 'ts',
    checkInvariants: true,
  });
  untilBooted(sb);
  return sb;
}

const submit = (sb: Sandbox, args: string[], props: Record<string, string> = {}) =>
  post(sb, '/service/spark/v1/submissions/create', {
    action: 'CreateSubmissionRequest',
    appArgs: args,
    appResource: 'https://downloads.mesosphere.com/spark/assets/spark-examples_2.12-3.0.1.jar',
    clientSparkVersion: '3.0.1',
    environmentVariables: {},
    mainClass: 'org.apache.spark.examples.SparkPi',
    sparkProperties: { 'spark.app.name': 'SparkPi', 'spark.cores.max': '2', ...props },
  });

async function sparkHistory(seed: number): Promise<{ sb: Sandbox; id: string }> {
  const sb = await cluster(seed);
  expect(post(sb, '/package/install', { packageName: 'spark' }).status).toBe(200);
  waitFor(sb, () => frameworks(sb).some((f) => f.name === 'spark' && f.active), 120_000);
  const res = submit(sb, ['30']);
  expect(res.body).toMatchObject({ action: 'CreateSubmissionResponse', serverSparkVersion: '3.0.1', success: true });
  return { sb, id: (res.body as Json).submissionId as string };
}

describe('Spark dispatcher', () => {
  it('a submission runs a driver, its own framework and executors, then FINISHED', async () => {
    const { sb, id } = await sparkHistory(1);
    expect(id).toMatch(/^driver-\d{14}-0001$/);
    const dispatcher = frameworks(sb).find((f) => f.name === 'spark')!;
    expect(dispatcher.role).toBe('*');
    waitFor(sb, () => allTasks(sb).some((t) => t.id === id && t.state === 'TASK_RUNNING'), 60_000);
    const driver = allTasks(sb).find((t) => t.id === id)!;
    expect(driver).toMatchObject({ name: 'Driver for SparkPi', framework_id: dispatcher.id, resources: { cpus: 1, mem: 1024 } });
    expect(get(sb, `/service/spark/v1/submissions/status/${id}`).body).toMatchObject({ driverState: 'RUNNING', success: true });
    waitFor(
      sb,
      () => (frameworks(sb).find((f) => f.name === 'SparkPi')?.tasks ?? []).filter((t: Json) => t.state === 'TASK_RUNNING').length === 2,
      60_000,
    );
    const app = frameworks(sb).find((f) => f.name === 'SparkPi')!;
    expect(app.id).toBe(`${dispatcher.id}-${id}`);
    expect(app.role).toBe('*');
    expect((app.tasks as Json[]).map((t) => t.name).sort()).toEqual(['SparkPi 0', 'SparkPi 1']);
    waitFor(sb, () => get(sb, `/service/spark/v1/submissions/status/${id}`).body.driverState === 'FINISHED', 60_000);
    const status = get(sb, `/service/spark/v1/submissions/status/${id}`).body as Json;
    expect(status.message).toContain('state: TASK_FINISHED');
    expect(frameworks(sb).some((f) => f.name === 'SparkPi')).toBe(false);
    waitFor(sb, () => !allTasks(sb).some((t) => t.name.startsWith('SparkPi')), 10_000);
    expect(get(sb, '/service/spark/v1/submissions/status/driver-20260101000000-0099').body).toMatchObject({
      driverState: 'NOT_FOUND',
      success: false,
    });
  });

  it('kill: a running driver is killed with its application; a second kill finds it terminated', async () => {
    const { sb, id } = await sparkHistory(2);
    waitFor(sb, () => frameworks(sb).some((f) => f.name === 'SparkPi' && (f.tasks as Json[]).length > 0), 60_000);
    expect(post(sb, `/service/spark/v1/submissions/kill/${id}`, undefined).body).toMatchObject({
      action: 'KillSubmissionResponse',
      message: 'Killing running driver',
      submissionId: id,
      success: true,
    });
    waitFor(sb, () => get(sb, `/service/spark/v1/submissions/status/${id}`).body.driverState === 'FINISHED', 10_000);
    expect(get(sb, `/service/spark/v1/submissions/status/${id}`).body.message).toContain('TASK_KILLED');
    waitFor(sb, () => !allTasks(sb).some((t) => t.name.startsWith('SparkPi') || t.id === id), 10_000);
    expect(post(sb, `/service/spark/v1/submissions/kill/${id}`, undefined).body).toMatchObject({
      message: 'Driver already terminated',
      success: false,
    });
    expect(post(sb, '/service/spark/v1/submissions/kill/driver-x', undefined).body).toMatchObject({
      message: 'Cannot find driver',
      success: false,
    });
  });

  it('same seed, same history', async () => {
    const run = async () => {
      const { sb } = await sparkHistory(3);
      sb.advance(120_000);
      return sb.historyHash();
    };
    expect(await run()).toBe(await run());
  });
});

describe('Jenkins master', () => {
  it('a queued build gets a build agent that goes when the build ends', async () => {
    // The master runs in slave_public (jenkins-master-role): Marathon must be allowed that role.
    const sb = await cluster(4, 'slave_public');
    expect(post(sb, '/package/install', { packageName: 'jenkins' }).status).toBe(200);
    waitFor(sb, () => frameworks(sb).some((f) => f.name === 'jenkins' && f.active), 180_000);
    expect(frameworks(sb).find((f) => f.name === 'jenkins')!.role).toBe('*');
    const queued = post(sb, '/sandbox/v1/jenkins/jenkins/builds', { durationSeconds: 20 });
    expect(queued.status).toBe(201);
    expect(queued.body).toMatchObject({ number: 1, state: 'QUEUED', durationSeconds: 20 });
    const agents = () =>
      (frameworks(sb).find((f) => f.name === 'jenkins')!.tasks as Json[]).filter((t) => t.name.startsWith('jenkins-slave-'));
    waitFor(sb, () => agents().some((t) => t.state === 'TASK_RUNNING'), 60_000);
    expect(agents()[0]).toMatchObject({ resources: { cpus: 0.1, mem: 512 } });
    waitFor(sb, () => agents().length === 0, 60_000);
    expect((get(sb, '/sandbox/v1/jenkins/jenkins/builds').body as Json[])[0]).toMatchObject({ state: 'DONE' });
    expect(post(sb, '/sandbox/v1/jenkins/nope/builds', {}).status).toBe(404);
    expect(post(sb, '/sandbox/v1/jenkins/jenkins/builds', { durationSeconds: -1 }).status).toBe(422);
  });
});
