/**
 * The operator reservation endpoints, through `sandbox.request` only: POST /mesos/master/reserve, /unreserve,
 * /create-volumes, /destroy-volumes (form-encoded), their checks in Mesos' order and words
 * (docs/storage-sources-mesos.md §3.1), and what /master/slaves and /master/roles show afterwards.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import { agent, framework, scenario } from '../../support/cluster.ts';
import type { MesosAgentFull, MesosAgentList, MesosResourceJson, MesosState } from '../../../src/api/shapes/mesos.ts';
import type { MesosRoleList } from '../../../src/api/shapes/mesos-roles.ts';

type Json = Record<string, unknown>;

const MOUNT = { type: 'MOUNT', mount: { root: '/dcos/volume0' } };

async function boot(frameworks: Json[] = [], cpus = 8): Promise<{ sb: Sandbox; id: string }> {
  const a1 = agent('a1', { cpus, mem: 8192, disk: 4000 }, { disks: [{ type: 'MOUNT', root: '/dcos/volume0', size: 10000 }] });
  const sb = await createSandbox(scenario([a1], frameworks), { allocator: 'ts' });
  sb.advance(5_000);
  return { sb, id: slave(sb).id };
}

function slave(sb: Sandbox): MesosAgentFull {
  return (sb.request({ method: 'GET', path: '/mesos/master/slaves' }).body as MesosAgentList).slaves[0]!;
}

const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
const post = (sb: Sandbox, endpoint: string, body: unknown) => sb.request({ method: 'POST', path: `/mesos/master/${endpoint}`, body });
const reserve = (sb: Sandbox, slaveId: string, resources: unknown[]) =>
  post(sb, 'reserve', form({ slaveId, resources: JSON.stringify(resources) }));

const cpus = (value: number, extra: Json = {}): Json => ({ name: 'cpus', type: 'SCALAR', scalar: { value }, ...extra });
const ADS = { role: 'ads', reservation: { principal: 'ops' } };

function roles(sb: Sandbox) {
  return (sb.request({ method: 'GET', path: '/mesos/master/roles' }).body as MesosRoleList).roles;
}

describe('POST /mesos/master/reserve', () => {
  it('reserves, answers 202 with an empty body, and /slaves shows the full resource in the ENDPOINT format', async () => {
    const { sb, id } = await boot();
    expect(reserve(sb, id, [cpus(2, ADS)])).toEqual({ status: 202, body: '' });
    const full = slave(sb).reserved_resources_full['ads']!;
    expect(full).toEqual([
      {
        name: 'cpus',
        type: 'SCALAR',
        scalar: { value: 2 },
        role: 'ads',
        reservation: { principal: 'ops' },
        reservations: [{ type: 'DYNAMIC', role: 'ads', principal: 'ops' }],
      },
    ]);
    expect(Object.keys(full[0]!)).toEqual(['name', 'type', 'scalar', 'role', 'reservation', 'reservations']);
    expect(slave(sb).reserved_resources['ads']).toEqual({ cpus: 2, mem: 0, disk: 0, gpus: 0 });
    const unreserved = slave(sb).unreserved_resources_full;
    expect(unreserved.find((r) => r.name === 'cpus')).toEqual({ name: 'cpus', type: 'SCALAR', scalar: { value: 6 }, role: '*' });
    expect(unreserved.find((r) => r.disk)).toEqual({
      name: 'disk',
      type: 'SCALAR',
      scalar: { value: 10000 },
      role: '*',
      disk: { source: MOUNT },
    });
    expect(unreserved.find((r) => r.name === 'ports')?.ranges?.range.length).toBeGreaterThan(0);
    // /master/state keeps the summaries only.
    const state = sb.request({ method: 'GET', path: '/mesos/master/state' }).body as MesosState;
    expect(Object.keys(state.slaves[0]!).some((k) => k.endsWith('_full'))).toBe(false);
    // The short path reaches the same endpoint.
    expect(post(sb, '../reserve', '').status).toBe(404);
    expect(
      sb.request({ method: 'POST', path: '/mesos/reserve', body: form({ slaveId: id, resources: JSON.stringify([cpus(1, ADS)]) }) }).status,
    ).toBe(202);
    expect(slave(sb).reserved_resources_full['ads']![0]!.scalar).toEqual({ value: 3 });
  });

  it('lists a role that only holds a reservation in /roles, with reserved and quota.consumed', async () => {
    const { sb, id } = await boot();
    expect(reserve(sb, id, [cpus(2, { role: 'ads/east', reservation: { principal: 'ops' } })]).status).toBe(202);
    const byName = new Map(roles(sb).map((r) => [r.name, r]));
    expect(byName.get('ads/east')).toMatchObject({ frameworks: [], reserved: { cpus: 2 }, quota: { consumed: { cpus: 2 } } });
    expect(byName.get('ads')).toMatchObject({ frameworks: [], reserved: { cpus: 2 } });
  });

  it('follows the check table in order, with Mesos texts', async () => {
    const { sb, id } = await boot();
    const at = `${id} at ${slave(sb).pid}`;
    expect(sb.request({ method: 'GET', path: '/mesos/master/reserve' })).toMatchObject({
      status: 405,
      body: "405 Method Not Allowed. Expecting one of { 'POST' }, but received 'GET'.",
      headers: { Allow: 'POST' },
    });
    expect(post(sb, 'reserve', 'slaveId=%zz')).toEqual({
      status: 400,
      body: "Unable to decode query string: Malformed % escape in '%zz': '%zz'",
    });
    expect(post(sb, 'reserve', form({ resources: '[]' }))).toEqual({
      status: 400,
      body: "Missing 'slaveId' query parameter in the request body",
    });
    expect(post(sb, 'reserve', form({ slaveId: id }))).toEqual({
      status: 400,
      body: "Missing 'resources' query parameter in the request body",
    });
    expect(post(sb, 'reserve', form({ slaveId: id, resources: '{}' }))).toEqual({
      status: 400,
      body: "Error parsing 'resources' query parameter in the request body: Unexpected JSON type parsed",
    });
    expect(post(sb, 'reserve', form({ slaveId: id, resources: '[x]' }))).toEqual({
      status: 400,
      body: "Error parsing 'resources' query parameter in the request body: syntax error at line 1 near: x]",
    });
    expect(post(sb, 'reserve', form({ slaveId: id, resources: '[{"name":"cpus"}]' }))).toEqual({
      status: 400,
      body: "Error parsing 'resources' query parameter in the request body: Missing required fields: type",
    });
    expect(post(sb, 'unreserve', form({ slaveId: id, resources: '[{"name":"cpus","type":"SCALAR","scalar":{}}]' }))).toEqual({
      status: 400,
      body: "Error in parsing 'resources' query parameter in the request body: Missing required fields: scalar.value",
    });
    expect(reserve(sb, 'nope', [cpus(1, ADS)])).toEqual({ status: 400, body: 'No agent found with specified ID' });
    expect(reserve(sb, id, [cpus(1, { role: '*', reservation: {} })])).toEqual({
      status: 400,
      body: `Resource 'cpus:1' is invalid: Invalid reservation: role "*" cannot be dynamically reserved`,
    });
    expect(reserve(sb, id, [cpus(1)]).body).toBe(
      `Invalid RESERVE operation on agent ${at} (a1): Resource cpus:1 is not dynamically reserved`,
    );
    expect(reserve(sb, id, [cpus(1, { role: 'ads' })]).body).toMatch(
      /: Resource cpus\(reservations: \[\(STATIC,ads\)\]\):1 is not dynamically reserved$/,
    );
    expect(reserve(sb, id, []).body).toMatch(
      /^Invalid RESERVE operation on agent .*: Invalid resources: The resources have multiple resource providers: $/,
    );
    expect(reserve(sb, id, [cpus(1, { ...ADS, allocation_info: { role: 'ads' } })]).body).toMatch(
      /: A reserve operation was attempted with an allocated resource, but the operator API only allows reservations to be made to unallocated resources$/,
    );
    expect(reserve(sb, id, [cpus(100, ADS)])).toMatchObject({
      status: 409,
      body: expect.stringMatching(/^cpus:8; .* does not contain cpus:100$/),
    });
    expect(slave(sb).reserved_resources_full).toEqual({});
  });

  it('answers 409 when tasks use the resources, after rescinding the outstanding offers', async () => {
    const busy = framework('busy', 'web', { cpus: 1, mem: 64, disk: 0, gpus: 0, ports: 0 }, { instances: 3 });
    const { sb, id } = await boot([busy], 4);
    sb.advance(10_000);
    expect(slave(sb).used_resources.cpus).toBe(3);
    const answer = reserve(sb, id, [cpus(2, ADS)]);
    expect(answer.status).toBe(409);
    expect(answer.body).toMatch(/^cpus:1; .* does not contain cpus:2$/);
    expect(slave(sb).offered_resources_full).toEqual([]);
    const used = slave(sb).used_resources_full.find((r) => r.name === 'cpus');
    expect(used).toEqual({ name: 'cpus', type: 'SCALAR', scalar: { value: 3 }, role: '*', allocation_info: { role: 'web' } });
    expect(reserve(sb, id, [cpus(1, ADS)]).status).toBe(202);
  });
});

describe('unreserve, create-volumes, destroy-volumes', () => {
  it('unreserves by echoing the _full JSON back; refuses what is not dynamically reserved', async () => {
    const { sb, id } = await boot();
    const labels = { labels: [{ key: 'owner', value: 'me' }] };
    expect(reserve(sb, id, [cpus(2, { role: 'ads', reservation: { principal: 'ops', labels } })]).status).toBe(202);
    const full = slave(sb).reserved_resources_full['ads']!;
    expect(full[0]!.reservations).toEqual([{ type: 'DYNAMIC', role: 'ads', principal: 'ops', labels }]);
    const unreserve = (resources: unknown) => post(sb, 'unreserve', form({ slaveId: id, resources: JSON.stringify(resources) }));
    expect(unreserve([cpus(1)])).toEqual({ status: 400, body: 'Invalid UNRESERVE operation: Resource cpus:1 is not dynamically reserved' });
    // Different labels: a different reservation, not on the agent.
    expect(unreserve([cpus(2, { role: 'ads', reservation: { principal: 'ops' } })])).toMatchObject({
      status: 409,
      body: expect.stringMatching(/ does not contain cpus\(reservations: \[\(DYNAMIC,ads,ops\)\]\):2$/),
    });
    expect(unreserve(full)).toEqual({ status: 202, body: '' });
    expect(slave(sb).reserved_resources_full).toEqual({});
    expect(slave(sb).unreserved_resources_full.find((r) => r.name === 'cpus')?.scalar).toEqual({ value: 8 });
    expect(roles(sb).some((r) => r.name === 'ads')).toBe(false);
  });

  it('creates a volume on a reserved MOUNT disk, then destroy and unreserve', async () => {
    const { sb, id } = await boot();
    const disk = { name: 'disk', type: 'SCALAR', scalar: { value: 10000 }, ...ADS, disk: { source: MOUNT } };
    expect(reserve(sb, id, [disk]).status).toBe(202);
    const volume = {
      ...disk,
      disk: { ...disk.disk, persistence: { id: 'vol1', principal: 'ops' }, volume: { mode: 'RW', container_path: 'data' } },
    };
    const create = (volumes: unknown) => post(sb, 'create-volumes', form({ slaveId: id, volumes: JSON.stringify(volumes) }));
    const destroy = (volumes: unknown) => post(sb, 'destroy-volumes', form({ slaveId: id, volumes: JSON.stringify(volumes) }));
    expect(create([{ ...volume, role: '*', reservation: undefined }]).body).toMatch(
      /^Invalid CREATE operation on agent .*: Invalid resources: Invalid DiskInfo: Persistent volumes cannot be created from unreserved resources$/,
    );
    expect(create([disk]).body).toMatch(/: Not a persistent volume: 'persistence' is not set in DiskInfo$/);
    expect(create([volume])).toEqual({ status: 202, body: '' });
    const full = slave(sb).reserved_resources_full['ads']!.find((r: MesosResourceJson) => r.disk?.persistence)!;
    expect(full).toEqual({
      name: 'disk',
      type: 'SCALAR',
      scalar: { value: 10000 },
      role: 'ads',
      reservation: { principal: 'ops' },
      reservations: [{ type: 'DYNAMIC', role: 'ads', principal: 'ops' }],
      disk: { persistence: { id: 'vol1', principal: 'ops' }, volume: { mode: 'RW', container_path: 'data' }, source: MOUNT },
    });
    expect(Object.keys(full.disk!.volume!)).toEqual(['mode', 'container_path']);
    expect(create([volume]).body).toMatch(/^Invalid CREATE operation on agent .*: Persistence ID 'vol1' is not unique$/);
    expect(post(sb, 'unreserve', form({ slaveId: id, resources: JSON.stringify([full]) })).body).toBe(
      'Invalid UNRESERVE operation: A dynamically reserved persistent volume disk(reservations: [(DYNAMIC,ads,ops)])[MOUNT:/dcos/volume0,vol1:data]:10000 cannot be unreserved directly. Please destroy the persistent volume first then unreserve the resource',
    );
    expect(destroy([{ ...full, disk: { ...full.disk, persistence: { id: 'other' } } }])).toEqual({
      status: 400,
      body: 'Invalid DESTROY operation: Persistent volumes not found',
    });
    expect(post(sb, 'destroy-volumes', form({ slaveId: id }))).toEqual({
      status: 400,
      body: "Missing 'volumes' query parameter in the request body",
    });
    expect(destroy([full])).toEqual({ status: 202, body: '' });
    const reserved = slave(sb).reserved_resources_full['ads']!;
    expect(reserved).toEqual([{ ...disk, reservations: [{ type: 'DYNAMIC', role: 'ads', principal: 'ops' }] }]);
    expect(post(sb, 'unreserve', form({ slaveId: id, resources: JSON.stringify(reserved) })).status).toBe(202);
    expect(slave(sb).reserved_resources_full).toEqual({});
  });

  it('creates a volume on the ROOT disk of a reservation', async () => {
    const { sb, id } = await boot();
    const disk = { name: 'disk', type: 'SCALAR', scalar: { value: 1000 }, ...ADS };
    expect(reserve(sb, id, [disk]).status).toBe(202);
    const volume = { ...disk, scalar: { value: 400 }, disk: { persistence: { id: 'v' }, volume: { mode: 'RW', container_path: 'data' } } };
    expect(post(sb, 'create-volumes', form({ slaveId: id, volumes: JSON.stringify([volume]) })).status).toBe(202);
    const ads = slave(sb).reserved_resources_full['ads']!;
    expect(ads.map((r) => [r.scalar?.value, r.disk?.persistence?.id])).toEqual([
      [600, undefined],
      [400, 'v'],
    ]);
  });
});

describe('a reservation and the allocator', () => {
  it('is offered to its own role only', async () => {
    const task = { cpus: 0.5, mem: 32, disk: 0, gpus: 0, ports: 0 };
    const { sb, id } = await boot([framework('other', 'web', task), framework('ads-fw', 'ads', task, { instances: 2 })]);
    expect(reserve(sb, id, [cpus(2, ADS)]).status).toBe(202);
    let seen = 0;
    for (let i = 0; i < 20; i++) {
      sb.advance(1_000);
      const held = [...slave(sb).offered_resources_full, ...slave(sb).used_resources_full];
      for (const r of held.filter((x) => x.reservations)) {
        expect(r.allocation_info).toEqual({ role: 'ads' });
        seen++;
      }
      const state = sb.request({ method: 'GET', path: '/mesos/master/state' }).body as MesosState;
      const other = state.frameworks.find((f) => f.name === 'other')!;
      expect(other.offered_resources.cpus + other.used_resources.cpus).toBeLessThanOrEqual(6);
    }
    expect(seen).toBeGreaterThan(0);
  });
});
