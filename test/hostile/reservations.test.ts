/**
 * Hostile bodies for the reservation endpoints: form strings and v1 calls made of random, half-right Mesos resources
 * (wrong types, unknown roles, labels, disk infos, persistence ids, ranges) never throw, never answer 5xx, leave the
 * cluster intact with every invariant holding, and replay to the same history.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { call, expectIntact, expectReplays, hostileCluster } from './api-hostile-support.ts';
import { get } from '../support/marathon.ts';

const value = fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -5, max: 5000 }), fc.string({ maxLength: 4 }), fc.constant(null));
const role = fc.constantFrom('*', 'ads', 'slave_public', 'a/b', '', '..', 'x y');
const reservation = fc.record(
  {
    type: fc.constantFrom('DYNAMIC', 'STATIC', 'UNKNOWN', 7),
    role,
    principal: fc.constantFrom('ops', '', undefined),
    labels: fc.constant({ labels: [{ key: 'k', value: 'v' }] }),
  },
  { requiredKeys: [] },
);
const disk = fc.record(
  {
    persistence: fc.record(
      { id: fc.constantFrom('v1', '', '..', 'a/b', 'v2'), principal: fc.constantFrom('ops', undefined) },
      { requiredKeys: [] },
    ),
    volume: fc.record(
      { container_path: fc.constantFrom('data', '', '/abs'), mode: fc.constantFrom('RW', 'RO', 'XX') },
      { requiredKeys: [] },
    ),
    source: fc.record(
      { type: fc.constantFrom('MOUNT', 'PATH', 'BLOCK'), mount: fc.constant({ root: '/dcos/volume0' }) },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);
const resource = fc.record(
  {
    name: fc.constantFrom('cpus', 'mem', 'disk', 'ports', 'gpus', 'bogus'),
    type: fc.constantFrom('SCALAR', 'RANGES', 'SET', 'TEXT'),
    scalar: fc.record({ value }, { requiredKeys: [] }),
    ranges: fc.constant({ range: [{ begin: 31000, end: 31001 }] }),
    role,
    reservation: fc.record({ principal: fc.constantFrom('ops', undefined), labels: fc.constant({ labels: [] }) }, { requiredKeys: [] }),
    reservations: fc.array(reservation, { maxLength: 3 }),
    disk,
  },
  { requiredKeys: [] },
);

/** Well-formed ones too, so that reservations and volumes are made and the next bodies meet them. */
const wellFormed = fc.oneof(
  fc.record({
    name: fc.constantFrom('cpus', 'mem', 'disk'),
    type: fc.constant('SCALAR'),
    scalar: fc.record({ value: fc.constantFrom(0.5, 1, 64, 100) }),
    role: fc.constantFrom('ads', 'db'),
    reservation: fc.constant({ principal: 'ops' }),
  }),
  fc.record({
    name: fc.constant('disk'),
    type: fc.constant('SCALAR'),
    scalar: fc.record({ value: fc.constantFrom(10, 50, 100) }),
    role: fc.constantFrom('ads', 'db'),
    reservation: fc.constant({ principal: 'ops' }),
    disk: fc.record({
      persistence: fc.record({ id: fc.constantFrom('v1', 'v2'), principal: fc.constant('ops') }),
      volume: fc.constant({ container_path: 'data', mode: 'RW' }),
    }),
  }),
);

describe('reservation endpoints under hostile bodies', () => {
  it('never throw, never 5xx, keep every invariant, and replay', async () => {
    // Invariants after every event: a violation throws out of `advance`.
    const sb = await hostileCluster({ checkInvariants: true });
    const statuses = new Map<number, number>();
    const agentId = get(sb, '/mesos/master/slaves').slaves[0].id as string;
    const endpoints = fc.constantFrom('reserve', 'reserve', 'unreserve', 'create-volumes', 'destroy-volumes');
    const calls = fc.constantFrom('RESERVE_RESOURCES', 'RESERVE_RESOURCES', 'UNRESERVE_RESOURCES', 'CREATE_VOLUMES', 'DESTROY_VOLUMES');
    fc.assert(
      fc.property(
        endpoints,
        calls,
        fc.array(fc.oneof({ arbitrary: resource, weight: 1 }, { arbitrary: wellFormed, weight: 4 }), { minLength: 1, maxLength: 2 }),
        fc.constantFrom(agentId, agentId, 'nope', ''),
        fc.boolean(),
        fc.boolean(),
        (endpoint, type, generated, slave, asV1, echo) => {
          // Half the time, what the agent holds now, as /slaves shows it: what unreserve and destroy-volumes take back.
          const held = Object.values(get(sb, '/mesos/master/slaves').slaves[0].reserved_resources_full ?? {}).flat();
          const resources = echo && held.length > 0 ? held : generated;
          const key = endpoint.endsWith('volumes') ? 'volumes' : 'resources';
          const answer = asV1
            ? call(sb, 'POST', '/mesos/api/v1', {
                type,
                [type.toLowerCase()]: { agent_id: { value: slave }, [type.endsWith('VOLUMES') ? 'volumes' : 'resources']: resources },
              })
            : call(
                sb,
                'POST',
                `/mesos/master/${endpoint}`,
                `slaveId=${encodeURIComponent(slave)}&${key}=${encodeURIComponent(JSON.stringify(resources))}`,
              );
          expect(answer.status, JSON.stringify(resources)).toBeLessThan(500);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          sb.advance(200);
        },
      ),
      { numRuns: 250, seed: 18 },
    );
    // Every kind of answer came: refusals, 409s and accepted operations that changed the agent.
    expect(statuses.get(202)).toBeGreaterThan(10);
    expect(statuses.get(400)).toBeGreaterThan(10);
    expectIntact(sb);
    await expectReplays(sb);
  });
});
