import { beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import type { MesosAgentList, MesosState, MesosTaskList, StateSummary } from '../../src/api/shapes/mesos.ts';
import type { MesosQuota, MesosRoleList } from '../../src/api/shapes/mesos-roles.ts';

let sb: Sandbox;
const get = (path: string) => sb.request({ method: 'GET', path });

beforeAll(async () => {
  sb = await createSandbox(defaultScenario);
  sb.advance(20_000);
});

describe('GET /mesos/master/state', () => {
  it('has the leader, slaves with their resources and frameworks with tasks', () => {
    const res = get('/mesos/master/state');
    expect(res.status).toBe(200);
    const state = res.body as MesosState;
    expect(state.leader).toMatch(/^master@10\.0\.0\.\d+:5050$/);
    expect(state.activated_slaves).toBe(14);
    const slave = state.slaves.find((s) => s.hostname === 'analytics-1')!;
    expect(slave.resources).toEqual({ cpus: 8, mem: 32768, disk: 131072, gpus: 0, ports: '[1025-32000]' });
    expect(slave.reserved_resources).toEqual({ analytics: { cpus: 2, mem: 4096, disk: 0, gpus: 0 } });
    expect(slave.unreserved_resources).toEqual({ cpus: 6, mem: 28672, disk: 131072, gpus: 0, ports: '[1025-32000]' });
    expect(slave.attributes).toEqual({ rack: 'r2', zone: 'us-east-1b' });
    const pub = state.slaves.find((s) => s.hostname === 'public-1')!;
    expect(pub.attributes.public_ip).toBe('true');
    expect(Object.keys(pub.reserved_resources)).toEqual(['slave_public']);
    expect(state.frameworks.map((f) => f.name).sort()).toEqual(['edge-lb', 'jenkins', 'marathon', 'metronome', 'nginx', 'spark']);
    const task = state.frameworks.flatMap((f) => f.tasks)[0]!;
    expect(task).toMatchObject({ framework_id: expect.any(String), slave_id: expect.any(String), state: expect.stringMatching(/^TASK_/) });
    expect(task.statuses[0]?.state).toBe('TASK_STAGING');
  });

  it('used + offered never exceed an agent total', () => {
    const state = get('/mesos/master/state').body as MesosState;
    for (const s of state.slaves) {
      for (const k of ['cpus', 'mem', 'disk'] as const)
        expect(s.used_resources[k] + s.offered_resources[k]).toBeLessThanOrEqual(s.resources[k] + 1e-9);
    }
  });

  it('answers the state.json alias and rejects other methods', () => {
    expect(get('/mesos/master/state.json').status).toBe(200);
    expect(sb.request({ method: 'POST', path: '/mesos/master/state' })).toEqual({ status: 405, body: "Expecting 'GET', received 'POST'" });
  });
});

describe('state-summary, slaves, tasks', () => {
  it('counts tasks by state per agent and per framework', () => {
    const summary = get('/mesos/master/state-summary').body as StateSummary;
    expect(summary.slaves).toHaveLength(14);
    const running = summary.frameworks.reduce((n, f) => n + f.TASK_RUNNING, 0);
    expect(running).toBeGreaterThan(0);
    expect(summary.slaves.reduce((n, s) => n + s.TASK_RUNNING, 0)).toBe(running);
  });

  it('filters slaves by slave_id and pages tasks', () => {
    const all = (get('/mesos/master/slaves').body as MesosAgentList).slaves;
    const one = (get(`/mesos/master/slaves?slave_id=${all[3]!.id}`).body as MesosAgentList).slaves;
    expect(one).toHaveLength(1);
    expect(one[0]?.id).toBe(all[3]?.id);
    expect((get('/mesos/master/tasks?limit=5').body as MesosTaskList).tasks).toHaveLength(5);
  });
});

describe('roles, weights and quota', () => {
  it('lists roles with weights, allocation and quota', () => {
    const roles = (get('/mesos/master/roles').body as MesosRoleList).roles;
    const analytics = roles.find((r) => r.name === 'analytics')!;
    expect(analytics.weight).toBe(2);
    expect(analytics.quota.guarantee).toEqual({ cpus: 20, mem: 81920 });
    expect(analytics.reserved).toEqual({ cpus: 8, mem: 16384 });
    expect(analytics.frameworks).toHaveLength(1);
  });

  it('sets and reads weights; rejects bad ones with 400', () => {
    expect(sb.request({ method: 'PUT', path: '/mesos/weights', body: [{ role: 'web', weight: 3 }] }).status).toBe(200);
    expect(get('/mesos/weights').body).toEqual([
      { role: 'analytics', weight: 2 },
      { role: 'web', weight: 3 },
    ]);
    const bad = sb.request({ method: 'POST', path: '/mesos/weights', body: [{ role: 'web', weight: -1 }] });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('weights must be positive');
    expect(sb.request({ method: 'PUT', path: '/mesos/weights', body: '[{"role": ' }).status).toBe(400);
  });

  it('sets, lists and removes quota', () => {
    const body = { role: 'web', guarantee: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 2 } }] };
    expect(sb.request({ method: 'POST', path: '/mesos/quota', body }).status).toBe(200);
    expect(sb.request({ method: 'POST', path: '/mesos/quota', body }).status).toBe(400);
    const quota = get('/mesos/quota').body as MesosQuota;
    expect(quota.infos.map((i) => i.role).sort()).toEqual(['analytics', 'web']);
    expect(quota.configs.find((c) => c.role === 'web')).toEqual({ role: 'web', guarantees: { cpus: 2 }, limits: { cpus: 2 } });
    expect(sb.request({ method: 'DELETE', path: '/mesos/quota/web' }).status).toBe(200);
    expect(sb.request({ method: 'DELETE', path: '/mesos/quota/web' }).status).toBe(400);
    const nested = sb.request({ method: 'POST', path: '/mesos/quota', body: { ...body, role: 'web/x' } });
    expect(nested.status).toBe(400);
    const huge = sb.request({
      method: 'POST',
      path: '/mesos/quota',
      body: { role: 'big', guarantee: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 10_000 } }] },
    });
    expect(huge.status).toBe(400);
    expect(huge.body).toContain('force');
  });

  it('updates and removes quota with the v1 operator calls UPDATE_QUOTA and REMOVE_QUOTA', () => {
    const update = (configs: unknown[], force = false) =>
      sb.request({
        method: 'POST',
        path: '/mesos/api/v1',
        body: { type: 'UPDATE_QUOTA', update_quota: { force, quota_configs: configs } },
      });
    expect(update([{ role: 'web', limits: { cpus: { value: 300 }, mem: { value: 1_000_000 } } }]).status).toBe(200);
    const web = (get('/mesos/master/roles').body as MesosRoleList).roles.find((r) => r.name === 'web')!;
    expect(web.quota.limit).toEqual({ cpus: 300, mem: 1_000_000 });
    expect(update([{ role: 'web/x', limits: { cpus: { value: 1 } } }]).body).toBe(
      "Updating quota on nested role 'web/x' is not supported yet",
    );
    const over = update([{ role: 'big', guarantees: { cpus: { value: 10_000 } } }]);
    expect(over.status).toBe(400);
    expect(over.body).toMatch(
      /^Invalid QuotaConfig: total quota guarantees 'cpus:\d+; mem:\d+' exceed cluster capacity '.*' \(use 'force' flag to bypass this check\)$/,
    );
    expect(update([{ role: 'big', guarantees: { cpus: { value: 10_000 } } }], true).status).toBe(200);
    expect(
      sb.request({ method: 'POST', path: '/mesos/api/v1', body: { type: 'REMOVE_QUOTA', remove_quota: { role: 'big' } } }).status,
    ).toBe(200);
    expect(update([{ role: 'web' }]).status).toBe(200);
    expect((get('/mesos/quota').body as MesosQuota).configs.map((c) => c.role)).toEqual(['analytics']);
    const bad = sb.request({ method: 'POST', path: '/mesos/api/v1', body: { type: 'REMOVE_QUOTA', remove_quota: { role: 'web' } } });
    expect(bad.status).toBe(400);
  });

  it('answers unknown paths with 404 and malformed ones with 400', () => {
    expect(get('/mesos/master/nope').status).toBe(404);
    expect(get('/nothing').status).toBe(404);
    expect(sb.request({ method: 'GET', path: 'no-slash' }).status).toBe(400);
  });
});
