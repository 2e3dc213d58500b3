/**
 * Dependencies and groups (SEMANTICS 6.1 "Other deployment rules"): apps deployed together start
 * dependencies first (a dependent's step runs once its dependency is healthy) and stop dependents
 * first; `/v2/groups` shows the tree.
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { agent } from '../../support/cluster.ts';
import { appOf, boot, del, deployments, get, post, quickHealthCheck, simMs, tasksOf, waitFor, type Json } from '../../support/marathon.ts';
import { untilMarathonLeads } from '../../support/marathon.ts';

const AGENTS = [1, 2, 3].map((i) => agent(`a${i}`, { cpus: 4, mem: 4096 }));
const small = { cmd: 'serve', cpus: 0.1, mem: 16 };

const actions = (dep: Json): string[][] => dep.steps.map((s: Json) => s.actions.map((a: Json) => `${a.action} ${a.app ?? a.pod}`));

/** When each of the app's instances was first healthy (health checks) or running (none). */
function healthyTimes(sb: Sandbox, id: string): number[] {
  return tasksOf(sb, id).map((t) => simMs(t.healthCheckResults?.[0]?.firstSuccess ?? t.startedAt));
}
const stagedTimes = (sb: Sandbox, id: string): number[] => tasksOf(sb, id).map((t) => simMs(t.stagedAt));

describe('scenario apps with dependencies', () => {
  const apps = [
    { id: '/web', ...small, instances: 2, dependencies: ['/api'] },
    { id: '/api', ...small, instances: 2, dependencies: ['/db'], healthChecks: [quickHealthCheck()] },
    { id: '/db', ...small, instances: 1, healthChecks: [quickHealthCheck()] },
    { id: '/other', ...small, instances: 1 },
  ];

  it('linked apps share one deployment whose steps follow the dependencies; others get their own', async () => {
    const sb = await boot(AGENTS, { marathon: { apps }, warmupMs: 0 });
    untilMarathonLeads(sb);
    const list = deployments(sb);
    expect(list).toHaveLength(2);
    const linked = list.find((d) => d.affectedApps.includes('/db'))!;
    expect([...linked.affectedApps].sort()).toEqual(['/api', '/db', '/web']);
    expect(actions(linked)).toEqual([
      ['StartApplication /web', 'StartApplication /api', 'StartApplication /db'],
      ['ScaleApplication /db'],
      ['ScaleApplication /api'],
      ['ScaleApplication /web'],
    ]);
    expect(actions(list.find((d) => d !== linked)!)).toEqual([['StartApplication /other'], ['ScaleApplication /other']]);
  });

  it("a dependent's tasks are staged only after every instance of its dependency is healthy", async () => {
    const sb = await boot(AGENTS, { marathon: { apps } });
    waitFor(sb, () => deployments(sb).length === 0, 120_000);
    const db = healthyTimes(sb, '/db');
    const api = healthyTimes(sb, '/api');
    expect(db).toHaveLength(1);
    expect(api).toHaveLength(2);
    expect(Math.min(...stagedTimes(sb, '/api'))).toBeGreaterThanOrEqual(Math.max(...db));
    expect(Math.min(...stagedTimes(sb, '/web'))).toBeGreaterThanOrEqual(Math.max(...api));
    expect(appOf(sb, '/web').tasksRunning).toBe(2);
    // The independent app did not wait for the chain.
    expect(Math.min(...stagedTimes(sb, '/other'))).toBeLessThan(Math.max(...db));
  });

  it('a dependency that never becomes healthy holds its dependents back, not unrelated apps', async () => {
    const stuckDb = apps.map((a) => (a.id === '/db' ? { ...a, cpus: 100 } : a));
    const sb = await boot(AGENTS, { marathon: { apps: stuckDb } });
    sb.advance(60_000);
    expect(tasksOf(sb, '/db')).toEqual([]);
    expect(tasksOf(sb, '/api')).toEqual([]);
    expect(tasksOf(sb, '/web')).toEqual([]);
    expect(appOf(sb, '/other').tasksRunning).toBe(1);
    const linked = deployments(sb).find((d) => d.affectedApps.includes('/db'))!;
    expect(linked.currentStep).toBe(2);
    expect(linked.currentActions.map((a: Json) => a.app)).toEqual(['/db']);
  });
});

describe('/v2/groups', () => {
  const tree = {
    id: '/prod',
    groups: [
      { id: 'backend', apps: [{ id: 'db', ...small, instances: 1, healthChecks: [quickHealthCheck()] }] },
      {
        id: 'frontend',
        dependencies: ['/prod/backend'],
        apps: [
          { id: 'web', ...small, instances: 2 },
          { id: 'admin', ...small, instances: 1 },
        ],
      },
    ],
  };

  async function deployed(): Promise<{ sb: Sandbox; deploymentId: string }> {
    const sb = await boot(AGENTS);
    post(sb, '/marathon/v2/apps', { id: '/top', ...small, instances: 1 });
    const res = post(sb, '/marathon/v2/groups', tree);
    expect(res.status).toBe(201);
    return { sb, deploymentId: res.body.deploymentId };
  }

  it("a group's dependencies order its apps after the other group's", async () => {
    const { sb, deploymentId } = await deployed();
    const dep = deployments(sb).find((d) => d.id === deploymentId)!;
    expect([...dep.affectedApps].sort()).toEqual(['/prod/backend/db', '/prod/frontend/admin', '/prod/frontend/web']);
    const steps = actions(dep);
    expect(steps[0]!.every((a) => a.startsWith('StartApplication'))).toBe(true);
    expect(steps.slice(1)).toEqual([
      ['ScaleApplication /prod/backend/db'],
      expect.arrayContaining(['ScaleApplication /prod/frontend/web', 'ScaleApplication /prod/frontend/admin']),
    ]);
    waitFor(sb, () => deployments(sb).length === 0, 120_000);
    const db = Math.max(...healthyTimes(sb, '/prod/backend/db'));
    expect(Math.min(...stagedTimes(sb, '/prod/frontend/web'), ...stagedTimes(sb, '/prod/frontend/admin'))).toBeGreaterThanOrEqual(db);
  });

  it('GET shows the tree: groups nest by path, apps sit in their own group, dependencies on the group', async () => {
    const { sb } = await deployed();
    const root = get(sb, '/marathon/v2/groups');
    expect(root.id).toBe('/');
    expect(root.apps.map((a: Json) => a.id)).toEqual(['/top']);
    expect(root.groups.map((g: Json) => g.id)).toEqual(['/prod']);
    const prod = root.groups[0];
    expect(prod.apps).toEqual([]);
    expect(prod.groups.map((g: Json) => g.id)).toEqual(['/prod/backend', '/prod/frontend']);
    const [backend, frontend] = prod.groups;
    expect(backend.apps.map((a: Json) => a.id)).toEqual(['/prod/backend/db']);
    expect(backend.groups).toEqual([]);
    expect(frontend.apps.map((a: Json) => a.id)).toEqual(['/prod/frontend/admin', '/prod/frontend/web']);
    expect(frontend.dependencies).toEqual(['/prod/backend']);
    expect(backend.dependencies).toEqual([]);
    // A subtree by id, with the same shape.
    expect(get(sb, '/marathon/v2/groups/prod/frontend')).toEqual(frontend);
    expect(sb.request({ method: 'GET', path: '/marathon/v2/groups/nope' }).status).toBe(404);
    // The app JSON in the tree is the app's own.
    expect(frontend.apps[1].instances).toBe(2);
  });

  it('a second POST of the same group answers 409', async () => {
    const { sb } = await deployed();
    expect(post(sb, '/marathon/v2/groups', tree).status).toBe(409);
  });

  it('DELETE stops dependents first (group dependencies)', async () => {
    const { sb } = await deployed();
    waitFor(sb, () => deployments(sb).length === 0, 120_000);
    const res = del(sb, '/marathon/v2/groups/prod');
    expect(res.status).toBe(200);
    const dep = deployments(sb).find((d) => d.id === res.body.deploymentId)!;
    expect(actions(dep)).toEqual([
      expect.arrayContaining(['StopApplication /prod/frontend/web', 'StopApplication /prod/frontend/admin']),
      ['StopApplication /prod/backend/db'],
    ]);
    waitFor(sb, () => deployments(sb).length === 0, 60_000);
    expect(get(sb, '/marathon/v2/groups').groups).toEqual([]);
    expect(tasksOf(sb, '/top')).toHaveLength(1);
  });

  it('DELETE of an app with app-level dependents: dependents stop first', async () => {
    const sb = await boot(AGENTS, {
      marathon: {
        apps: [
          { id: '/shop/db', ...small, instances: 1 },
          { id: '/shop/web', ...small, instances: 1, dependencies: ['/shop/db'] },
        ],
      },
    });
    waitFor(sb, () => deployments(sb).length === 0, 60_000);
    const res = del(sb, '/marathon/v2/groups/shop');
    const dep = deployments(sb).find((d) => d.id === res.body.deploymentId)!;
    expect(actions(dep)).toEqual([['StopApplication /shop/web'], ['StopApplication /shop/db']]);
  });
});
