/**
 * Issue 13, item 4: lookups keyed by what a user typed must not find Object.prototype's members. A task named
 * `constructor` or `__proto__` does not exist (faults answer 400, DELETE of the task 404); a role so named is a
 * valid Mesos role (apache/mesos `roles::validate` refuses only '', '.', '..', '*' components, a leading '-',
 * slashes at the ends and whitespace), so its weight and quota are kept and shown like any other role's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resumeSandbox } from '../../src/sandbox/index.ts';
import { get } from '../support/marathon.ts';
import { call, expectIntact, expectReplays, hostileCluster } from './api-hostile-support.ts';

/** Every name Object.prototype answers, `__proto__` included. */
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype);
const protoName = fc.constantFrom(...PROTO_NAMES);
const RUNS = { numRuns: 20, seed: 4 };

describe('task ids named like Object.prototype members', () => {
  it('task-crash and task-unhealthy faults answer 400 unknown task', async () => {
    const sb = await hostileCluster();
    fc.assert(
      fc.property(protoName, (name) => {
        expect(call(sb, 'POST', '/sandbox/v1/faults', { kind: 'task-crash', target: name })).toEqual({
          status: 400,
          body: { message: `unknown task '${name}'` },
        });
        expect(call(sb, 'POST', '/sandbox/v1/faults', { kind: 'task-unhealthy', target: name })).toEqual({
          status: 400,
          body: { message: `unknown Marathon task '${name}'` },
        });
      }),
      RUNS,
    );
    expectIntact(sb);
    await expectReplays(sb);
  });

  it('DELETE /v2/apps/{id}/tasks/{name} answers 404 and kills nothing', async () => {
    const sb = await hostileCluster();
    fc.assert(
      fc.property(protoName, fc.boolean(), (name, scale) => {
        expect(call(sb, 'DELETE', `/marathon/v2/apps/keeper/tasks/${encodeURIComponent(name)}${scale ? '?scale=true' : ''}`)).toEqual({
          status: 404,
          body: { message: `Task '${name}' does not exist` },
        });
      }),
      RUNS,
    );
    expectIntact(sb);
    await expectReplays(sb);
  });
});

describe('roles named like Object.prototype members', () => {
  it('a weight is kept: /mesos/weights and /mesos/roles show it, a snapshot and a replay keep it', async () => {
    const sb = await hostileCluster();
    const weights = new Map<string, number>();
    fc.assert(
      fc.property(protoName, fc.integer({ min: 2, max: 9 }), (role, weight) => {
        expect(call(sb, 'PUT', '/mesos/weights', [{ role, weight }])).toEqual({ status: 200, body: '' });
        weights.set(role, weight);
        const listed = get(sb, '/mesos/weights') as unknown as { role: string; weight: number }[];
        expect(listed.find((w) => w.role === role)).toEqual({ role, weight });
        const roles = get(sb, '/mesos/master/roles').roles as { name: string; weight: number }[];
        expect(roles.find((r) => r.name === role)?.weight).toBe(weight);
      }),
      RUNS,
    );
    expect(Object.getPrototypeOf(get(sb, '/mesos/weights'))).toBe(Array.prototype);
    const resumed = await resumeSandbox(sb.scenario(), sb.snapshot(), { allocator: 'wasm', matcher: 'wasm' });
    expect(
      new Map((get(resumed, '/mesos/weights') as unknown as { role: string; weight: number }[]).map((w) => [w.role, w.weight])),
    ).toEqual(weights);
    expectIntact(sb);
    await expectReplays(sb);
  });

  it('a quota is kept (legacy POST, UPDATE_QUOTA) and removed (DELETE, REMOVE_QUOTA)', async () => {
    const sb = await hostileCluster();
    fc.assert(
      fc.property(protoName, fc.boolean(), (role, v1) => {
        const quotaRoles = () => (get(sb, '/mesos/quota').infos as { role: string }[]).map((i) => i.role);
        const set = v1
          ? call(sb, 'POST', '/mesos/api/v1', {
              type: 'UPDATE_QUOTA',
              update_quota: { quota_configs: [{ role, guarantees: { cpus: { value: 0.5 } } }] },
            })
          : call(sb, 'POST', '/mesos/quota', { role, guarantee: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 0.5 } }] });
        expect(set.status).toBe(200);
        expect(quotaRoles()).toContain(role);
        const removed = v1
          ? call(sb, 'POST', '/mesos/api/v1', { type: 'REMOVE_QUOTA', remove_quota: { role } })
          : call(sb, 'DELETE', `/mesos/quota/${encodeURIComponent(role)}`);
        expect(removed.status).toBe(200);
        expect(quotaRoles()).not.toContain(role);
      }),
      RUNS,
    );
    expectIntact(sb);
    await expectReplays(sb);
  });

  it('agent attributes so named are kept on a new agent, in /mesos/master/slaves and in a replay', async () => {
    const sb = await hostileCluster();
    const names = fc.sample(fc.subarray(PROTO_NAMES, { minLength: 1, maxLength: 4 }), { numRuns: 3, seed: 9 });
    for (const [k, picked] of names.entries()) {
      // `__proto__` always: assigning it on a plain object sets the prototype instead of a key.
      const keys = [...new Set(['__proto__', ...picked])];
      const attributes = JSON.parse(JSON.stringify(Object.fromEntries(keys.map((name, i) => [name, `v${i}`])))) as Record<string, string>;
      const added = call(sb, 'POST', '/sandbox/v1/agents', { hostname: `proto-${k}`, attributes });
      expect(added.status).toBe(201);
      expect(Object.entries((added.body as { attributes: Record<string, string> }).attributes)).toEqual(Object.entries(attributes));
      sb.advance(3_000);
      const slaves = get(sb, '/mesos/master/slaves').slaves as { hostname: string; attributes: Record<string, string> }[];
      const agent = slaves.find((s) => s.hostname === `proto-${k}`)!;
      for (const [name, value] of Object.entries(attributes))
        expect(Object.getOwnPropertyDescriptor(agent.attributes, name)?.value).toBe(value);
    }
    expectIntact(sb);
    await expectReplays(sb);
  });
});
