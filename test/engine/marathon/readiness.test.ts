/**
 * Readiness checks in deployments (Marathon 1.11 `ReadinessBehavior`, `TaskStartActor`, `TaskReplaceActor`,
 * `ReadinessCheckExecutorImpl`): a task that starts running during a scale or restart step is checked at once and
 * then every interval until it answers ready; the step counts it only then; a restart kills an old instance only
 * for a new one that is healthy and ready. Results show in the deployment's `currentActions` and, with
 * `embed=apps.readiness`, in the app; they go with the step.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import { validateScenario } from '../../../src/common/scenario/validate.ts';
import { agent } from '../../support/cluster.ts';
import { faultBody, ha, haScenario, hostOfMaster } from '../ha/support.ts';
import {
  appOf,
  behave,
  boot,
  deploy,
  deployments,
  get,
  mesosTasks,
  put,
  quickHealthCheck,
  reachedAt,
  tasksOf,
  untilBooted,
  waitFor,
  type Json,
} from '../../support/marathon.ts';

const AGENTS = [agent('a1', { cpus: 4, mem: 4096 }), agent('a2', { cpus: 4, mem: 4096 })];
const INTERVAL_S = 5;

function readyApp(extra: Json = {}): Json {
  return {
    id: '/ready',
    cmd: 'serve',
    instances: 1,
    cpus: 0.1,
    mem: 16,
    portDefinitions: [{ port: 0, name: 'http-api' }],
    readinessChecks: [{ path: '/ready', intervalSeconds: INTERVAL_S, timeoutSeconds: 1, ...((extra.check as Json) ?? {}) }],
    ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'check')),
  };
}

async function withReadiness(secondsUntilReady: number | null, extra: Json = {}): Promise<Sandbox> {
  const sb = await boot(AGENTS);
  deploy(sb, readyApp(extra));
  behave(sb, '/ready', { secondsUntilReady });
  return sb;
}

const deploymentOf = (sb: Sandbox): Json | undefined => deployments(sb).find((d) => d.affectedApps.includes('/ready'));
const resultsOf = (sb: Sandbox): Json[] => deploymentOf(sb)?.currentActions.flatMap((a: Json) => a.readinessCheckResults) ?? [];

describe('readiness checks hold a deployment until the new instances answer ready', () => {
  it('a scale step waits for a ready answer, checking every interval; results show while it waits, and go with it', async () => {
    const sb = await withReadiness(12);
    waitFor(sb, () => resultsOf(sb).length > 0, 30_000);
    const task = tasksOf(sb, '/ready')[0]!;
    expect(resultsOf(sb)).toEqual([{ name: 'readinessCheck', taskId: task.id, ready: false }]);
    // The app shows them only when asked (`embed=apps.readiness`, also with the `app.` prefix or none).
    expect(appOf(sb, '/ready').readinessCheckResults).toBeUndefined();
    for (const query of ['embed=apps.readiness', 'embed=app.readiness', 'embed=readiness'])
      expect(get(sb, `/marathon/v2/apps?${query}`).apps[0].readinessCheckResults).toEqual(resultsOf(sb));
    expect(get(sb, '/marathon/v2/apps/ready?embed=app.readiness').app.readinessCheckResults).toHaveLength(1);

    waitFor(sb, () => deploymentOf(sb) === undefined, 60_000);
    const started = reachedAt(mesosTasks(sb, '/ready')[0]!, 'TASK_RUNNING')!;
    // Not ready at 0, 5 and 10 s after it started; ready at 15 s; the deployment ends within a look after.
    expect(sb.now - started).toBeGreaterThanOrEqual(15_000);
    expect(sb.now - started).toBeLessThan(15_000 + 1_000);
    expect(get(sb, '/marathon/v2/apps?embed=apps.readiness').apps[0].readinessCheckResults).toEqual([]);
  });

  it('with preserveLastResponse the last answer is kept: a 503 while not ready', async () => {
    const sb = await withReadiness(null, { check: { preserveLastResponse: true } });
    waitFor(sb, () => resultsOf(sb).length > 0, 30_000);
    expect(resultsOf(sb)[0]).toMatchObject({ ready: false, lastResponse: { status: 503, contentType: '', body: '' } });
    // An app that never answers ready keeps its deployment running.
    sb.advance(120_000);
    expect(deploymentOf(sb)).toBeDefined();
    expect(appOf(sb, '/ready').tasksRunning).toBe(1);
  });

  it('without the behaviour an app is ready at its first check: the deployment ends as without a check', async () => {
    const sb = await boot(AGENTS);
    deploy(sb, readyApp());
    const took = waitFor(sb, () => deploymentOf(sb) === undefined, 30_000);
    expect(took).toBeLessThan(10_000);
  });

  it('a rolling restart kills an old instance only once a new one is healthy and ready', async () => {
    const sb = await withReadiness(20, { instances: 2, healthChecks: [quickHealthCheck({ portIndex: 0 })] });
    waitFor(sb, () => deploymentOf(sb) === undefined, 120_000);
    const oldTasks = new Set(tasksOf(sb, '/ready').map((t) => t.id));
    expect(put(sb, '/marathon/v2/apps/ready', { env: { V: '2' } }).status).toBe(200);
    let firstOldKill: number | null = null;
    let firstNewReady: number | null = null;
    waitFor(
      sb,
      () => {
        const live = tasksOf(sb, '/ready');
        if (firstOldKill === null && [...oldTasks].some((id) => !live.some((t) => t.id === id && t.state === 'TASK_RUNNING')))
          firstOldKill = sb.now;
        if (firstNewReady === null && resultsOf(sb).some((r) => r.ready)) firstNewReady = sb.now;
        return deploymentOf(sb) === undefined;
      },
      300_000,
    );
    expect(firstNewReady).not.toBeNull();
    expect(firstOldKill).not.toBeNull();
    expect(firstOldKill!).toBeGreaterThanOrEqual(firstNewReady!);
    const after = tasksOf(sb, '/ready');
    expect(after).toHaveLength(2);
    expect(after.every((t) => !oldTasks.has(t.id))).toBe(true);
  });

  it('a restart of an app with a readiness check but no health check and no room over capacity makes no progress (Marathon counts none of its instances healthy)', async () => {
    // `Instance.consideredHealthy` treats a readiness check as a configured health check (inferred from the code;
    // no upstream test covers it): nothing is killed at once and maximumOverCapacity 0 leaves no room to start.
    const sb = await withReadiness(0, { instances: 2, upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 0 } });
    waitFor(sb, () => deploymentOf(sb) === undefined, 60_000);
    expect(put(sb, '/marathon/v2/apps/ready', { env: { V: '2' } }).status).toBe(200);
    sb.advance(120_000);
    expect(deploymentOf(sb)?.currentActions[0].action).toBe('RestartApplication');
    expect(tasksOf(sb, '/ready')).toHaveLength(2);
    // Room over capacity lets it start a new instance first; then it completes.
    expect(
      put(sb, '/marathon/v2/apps/ready?force=true', { upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 0.5 } }).status,
    ).toBe(200);
    waitFor(sb, () => deploymentOf(sb) === undefined, 120_000);
  });

  it('a new Marathon leader checks again the tasks that were not ready, and the deployment completes', async () => {
    // The behaviour of an app of the scenario comes with it.
    const app = readyApp();
    const sb = await createSandbox(
      { ...haScenario(), marathon: { role: '*', apps: [app], behavior: { '/ready': { secondsUntilReady: 30 } } } },
      { allocator: 'ts', matcher: 'ts' },
    );
    untilBooted(sb);
    waitFor(sb, () => resultsOf(sb).length > 0, 30_000);
    const leader = ha(sb).marathonLeader;
    expect(faultBody(sb, { kind: 'master-crash', target: hostOfMaster(sb, leader) }).status).toBe(202);
    waitFor(sb, () => ha(sb).marathonLeader !== null, 30_000);
    expect(ha(sb).marathonLeader).not.toBe(leader);
    waitFor(sb, () => deploymentOf(sb) === undefined, 120_000);
    expect(appOf(sb, '/ready').tasksRunning).toBe(1);
  });

  it('behaviour changes at run time: an app made ready later lets its deployment finish', async () => {
    const sb = await withReadiness(null);
    sb.advance(60_000);
    expect(deploymentOf(sb)).toBeDefined();
    behave(sb, '/ready', { secondsUntilReady: 0 });
    waitFor(sb, () => deploymentOf(sb) === undefined, 2 * INTERVAL_S * 1000);
  });
});

describe('the readiness check as Marathon reads and writes it', () => {
  it('every field is written back with its default, status codes as a set', async () => {
    const sb = await boot(AGENTS);
    deploy(sb, {
      id: '/rc',
      cmd: 'serve',
      portDefinitions: [{ port: 0, name: 'admin' }],
      readinessChecks: [{ portName: 'admin', httpStatusCodesForReady: [200, 204, 200] }],
    });
    expect(appOf(sb, '/rc').readinessChecks).toEqual([
      {
        name: 'readinessCheck',
        protocol: 'HTTP',
        path: '/',
        portName: 'admin',
        intervalSeconds: 30,
        timeoutSeconds: 10,
        httpStatusCodesForReady: [200, 204],
        preserveLastResponse: false,
      },
    ]);
  });

  it('the behaviour route takes secondsUntilReady: 0 or more, or null', async () => {
    const sb = await withReadiness(0);
    expect(put(sb, '/sandbox/v1/marathon/apps/ready/behavior', { secondsUntilReady: -1 }).status).toBe(400);
    expect(put(sb, '/sandbox/v1/marathon/apps/ready/behavior', { secondsUntilReady: 'soon' }).status).toBe(400);
    expect(put(sb, '/sandbox/v1/marathon/apps/ready/behavior', { secondsUntilReady: null }).body.secondsUntilReady).toBeNull();
    expect(put(sb, '/sandbox/v1/marathon/apps/ready/behavior', { secondsUntilReady: 0 }).body.secondsUntilReady).toBe(0);
  });
});

describe('the scenario names when an app answers ready', () => {
  const scenario = (secondsUntilReady: unknown): Json => ({
    cluster: { agents: AGENTS },
    marathon: { apps: [], behavior: { '/ready': { secondsUntilReady } } },
  });

  it('takes seconds (0 or more) or null, and refuses anything else with the field named', () => {
    expect(validateScenario(scenario(12)).marathon.behavior['/ready']!.secondsUntilReady).toBe(12);
    expect(validateScenario(scenario(null)).marathon.behavior['/ready']!.secondsUntilReady).toBeNull();
    expect(validateScenario({ ...scenario(0), marathon: { behavior: { '/ready': {} } } }).marathon.behavior['/ready']).not.toHaveProperty(
      'secondsUntilReady',
    );
    expect(() => validateScenario(scenario(-1))).toThrow(/secondsUntilReady/);
    expect(() => validateScenario(scenario('soon'))).toThrow(/secondsUntilReady/);
  });
});
