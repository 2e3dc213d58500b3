import { describe, expect, it } from 'vitest';
import apps from './fixtures/marathon-apps.fixture.json';
import type { ApiRequest, ApiResponse } from '../../src/api/types.ts';
import { appPath, MarathonClient } from '../../src/ui/pages/services/marathon-client.ts';
import { readApps, readProblem } from '../../src/ui/pages/services/marathon-read.ts';
import type { MarathonTask } from '../../src/ui/pages/services/marathon-types.ts';
import { detailHref, groupHref, parseServicesHash } from '../../src/ui/pages/services/services-route.ts';
import { simTime, sortTasks, stateCounts, stateTone, stateWord, tasksFingerprint } from '../../src/ui/pages/services/tasks.ts';

function fake(answers: Record<string, ApiResponse>) {
  const seen: ApiRequest[] = [];
  const client = new MarathonClient(async (req) => {
    seen.push(req);
    return answers[`${req.method} ${req.path.split('?')[0]}`] ?? { status: 404, body: 'Not Found' };
  });
  return { client, seen };
}

describe('Marathon client', () => {
  it('asks Marathon paths with embeds and reads the answers', async () => {
    const { client, seen } = fake({ 'GET /marathon/v2/apps': { status: 200, body: apps } });
    const r = await client.apps();
    expect(r.ok && r.value.map((a) => a.id)).toEqual(['/prod/api', '/prod/web/nginx', '/sleeper', '/analytics/spark-history']);
    expect(seen[0]!.path).toBe('/marathon/v2/apps?embed=apps.deployments&embed=apps.lastTaskFailure&embed=apps.counts');
    await client.groups();
    expect(seen[1]!.path).toBe('/marathon/v2/groups?embed=group.groups&embed=group.apps&embed=group.pods');
  });

  it('sends actions to the app path, with force when asked', async () => {
    const { client, seen } = fake({});
    await client.scale('/prod/web', 0);
    await client.restart('/prod/web', true);
    await client.destroy('/prod/web');
    await client.update('/prod/web', { cmd: 'run x' }, true);
    await client.cancelDeployment('d-1', false);
    await client.placement('/prod/web');
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PATCH /marathon/v2/apps/prod/web',
      'POST /marathon/v2/apps/prod/web/restart?force=true',
      'DELETE /marathon/v2/apps/prod/web',
      'PUT /marathon/v2/apps/prod/web?partialUpdate=false&force=true',
      'DELETE /marathon/v2/deployments/d-1',
      'GET /sandbox/v1/marathon/apps/prod/web/placement',
    ]);
    expect(seen[0]!.body).toEqual({ instances: 0 });
    expect(appPath('/a/b.c')).toBe('a/b.c');
  });

  it('turns error bodies and thrown errors into problems', async () => {
    const locked = {
      message: "App is locked by one or more deployments. Override with the option '?force=true'.",
      deployments: [{ id: 'd-9' }],
    };
    const { client } = fake({
      'POST /marathon/v2/apps': {
        status: 422,
        body: { message: 'Object is not valid', details: [{ path: '/cpus', errors: ['error.min'] }] },
      },
      'PATCH /marathon/v2/apps/a': { status: 409, body: locked },
    });
    const created = await client.create({ id: '/a', cpus: -1 });
    expect(created).toEqual({
      ok: false,
      problem: { status: 422, message: 'Object is not valid', details: [{ path: '/cpus', errors: ['error.min'] }], deployments: [] },
    });
    const scaled = await client.scale('/a', 2);
    expect(!scaled.ok && scaled.problem.deployments).toEqual(['d-9']);
    const thrower = new MarathonClient(() => Promise.reject(new Error('worker gone')));
    expect(await thrower.queue()).toMatchObject({ ok: false, problem: { status: 0, message: 'worker gone' } });
    expect(readProblem(404, 'Not Found')).toEqual({ status: 404, message: 'Not Found', details: [], deployments: [] });
    expect(readProblem(500, '')).toMatchObject({ message: 'HTTP 500' });
  });
});

describe('services hash routes', () => {
  it('parses groups, apps and tabs and builds the links back', () => {
    expect(parseServicesHash('#/services')).toEqual({ view: 'list', groupId: '/' });
    expect(parseServicesHash('#/services/overview/%2Fprod')).toEqual({ view: 'list', groupId: '/prod' });
    expect(parseServicesHash('#/services/detail/%2Fprod%2Fweb')).toEqual({ view: 'detail', appId: '/prod/web', tab: 'tasks' });
    expect(parseServicesHash('#/services/detail/%2Fprod%2Fweb/debug')).toEqual({ view: 'detail', appId: '/prod/web', tab: 'debug' });
    expect(parseServicesHash('#/services/detail/%2Fprod%2Fweb/bogus')).toMatchObject({ tab: 'tasks' });
    expect(parseServicesHash('#/services/detail/%E0%A4%A')).toEqual({ view: 'list', groupId: '/' });
    expect(parseServicesHash('#/services/detail/prod%2Fweb%2F')).toMatchObject({ appId: '/prod/web' });
    expect(groupHref('/')).toBe('#/services');
    expect(groupHref('/prod/web')).toBe('#/services/overview/%2Fprod%2Fweb');
    expect(detailHref('/prod/web')).toBe('#/services/detail/%2Fprod%2Fweb');
    expect(detailHref('/prod/web', 'configuration')).toBe('#/services/detail/%2Fprod%2Fweb/configuration');
  });
});

describe('instances', () => {
  const tasks = readApps(apps).flatMap((a) => a.tasks);
  const many: MarathonTask[] = Array.from({ length: 10_000 }, (_, i) => ({
    ...tasks[0]!,
    id: `t${i}`,
    host: `agent-${i % 37}`,
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i % 600)).toISOString(),
  }));

  it('sorts by any column, stably, and numerically for hosts', () => {
    expect(sortTasks(tasks, { key: 'started', descending: false }).map((t) => t.id.slice(-1))).toEqual(['2', '1', '1']);
    expect(sortTasks(tasks, { key: 'host', descending: true }).map((t) => t.host)).toEqual(['agent-3', 'agent-2', 'agent-1']);
    const sorted = sortTasks(many, { key: 'host', descending: false });
    expect(sorted[0]!.host).toBe('agent-0');
    expect(sorted.at(-1)!.host).toBe('agent-36');
  });

  it('fingerprints change with state or health only', () => {
    const a = tasksFingerprint(many);
    expect(tasksFingerprint([...many])).toBe(a);
    const changed = many.map((t, i) => (i === 5000 ? { ...t, state: 'TASK_KILLING' } : t));
    expect(tasksFingerprint(changed)).not.toBe(a);
  });

  it('words, tones, counts and simulated times', () => {
    expect(stateWord('TASK_RUNNING')).toBe('Running');
    expect(stateTone('TASK_STAGING')).toBe('pending');
    expect(stateTone('TASK_FAILED')).toBe('bad');
    expect(stateCounts([...tasks, { ...tasks[0]!, state: 'TASK_STAGING' }])).toEqual([
      { state: 'TASK_RUNNING', count: 3 },
      { state: 'TASK_STAGING', count: 1 },
    ]);
    expect(simTime('2026-01-01T00:02:03.000Z')).toBe('0d 00:02:03.0');
    expect(simTime(undefined)).toBe('—');
  });
});

describe('going back to a version', () => {
  it('PUTs the past definition without its status fields', async () => {
    const past = { id: '/a', cmd: 'old', instances: 2, version: 'v1', versionInfo: {}, tasksRunning: 2 };
    const { client, seen } = fake({
      'GET /marathon/v2/apps/a/versions/v1': { status: 200, body: past },
      'PUT /marathon/v2/apps/a': { status: 200, body: { version: 'v3', deploymentId: 'd' } },
    });
    expect(await client.applyVersion('/a', 'v1')).toEqual({ ok: true, value: { version: 'v3', deploymentId: 'd' } });
    expect(seen[1]).toEqual({
      method: 'PUT',
      path: '/marathon/v2/apps/a?partialUpdate=false',
      body: { id: '/a', cmd: 'old', instances: 2 },
    });
    expect(await client.applyVersion('/a', 'v9')).toMatchObject({ ok: false, problem: { status: 404 } });
  });
});
