/**
 * The v1 operator calls RESERVE_RESOURCES, UNRESERVE_RESOURCES, CREATE_VOLUMES, DESTROY_VOLUMES (`POST /mesos/api/v1`,
 * docs/storage-sources-mesos.md §3.3), and that reservations made through the API are recorded writes: a replay of
 * the script and a resume from a snapshot reach the same history.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, resumeSandbox, type Sandbox, type SandboxSnapshot } from '../../../src/sandbox/index.ts';
import { agent, framework, scenario } from '../../support/cluster.ts';
import type { MesosAgentFull, MesosAgentList } from '../../../src/api/shapes/mesos.ts';

type Json = Record<string, unknown>;

const SCENARIO = scenario(
  [agent('a1', { cpus: 8, mem: 8192, disk: 4000 }, { disks: [{ type: 'MOUNT', root: '/dcos/volume0', size: 10000 }] })],
  [framework('load', 'web', { cpus: 0.5, mem: 64, disk: 0, gpus: 0, ports: 0 }, { instances: 4 })],
);

const slave = (sb: Sandbox): MesosAgentFull =>
  (sb.request({ method: 'GET', path: '/mesos/master/slaves' }).body as MesosAgentList).slaves[0]!;
const call = (sb: Sandbox, body: unknown) => sb.request({ method: 'POST', path: '/mesos/api/v1', body });

const DISK = {
  name: 'disk',
  type: 'SCALAR',
  scalar: { value: 10000 },
  role: 'db',
  reservation: { principal: 'ops' },
  disk: { source: { type: 'MOUNT', mount: { root: '/dcos/volume0' } } },
};
const VOLUME = { ...DISK, disk: { ...DISK.disk, persistence: { id: 'data1' }, volume: { mode: 'RW', container_path: 'data' } } };

describe('POST /mesos/api/v1 reservation calls', () => {
  it('reserve, create, destroy and unreserve, each 202 with an empty body', async () => {
    const sb = await createSandbox(SCENARIO, { allocator: 'ts' });
    sb.advance(5_000);
    const agent_id = { value: slave(sb).id };
    expect(call(sb, { type: 'RESERVE_RESOURCES', reserve_resources: { agent_id, resources: [DISK] } })).toEqual({ status: 202, body: '' });
    expect(call(sb, { type: 'CREATE_VOLUMES', create_volumes: { agent_id, volumes: [VOLUME] } })).toEqual({ status: 202, body: '' });
    const volume = slave(sb).reserved_resources_full['db']![0]!;
    expect(volume.disk?.persistence).toEqual({ id: 'data1' });
    expect(call(sb, { type: 'DESTROY_VOLUMES', destroy_volumes: { agent_id, volumes: [volume] } })).toEqual({ status: 202, body: '' });
    const disk = slave(sb).reserved_resources_full['db']![0]!;
    expect(call(sb, { type: 'UNRESERVE_RESOURCES', unreserve_resources: { agent_id, resources: [disk] } })).toEqual({
      status: 202,
      body: '',
    });
    expect(slave(sb).reserved_resources_full).toEqual({});
  });

  it('answers the generic texts of the v1 API', async () => {
    const sb = await createSandbox(SCENARIO, { allocator: 'ts' });
    sb.advance(5_000);
    const agent_id = { value: slave(sb).id };
    expect(call(sb, { type: 'RESERVE_RESOURCES' })).toEqual({
      status: 400,
      body: "Failed to validate master::Call: Expecting 'reserve_resources' to be present",
    });
    expect(call(sb, { type: 'DESTROY_VOLUMES' })).toEqual({
      status: 400,
      body: "Failed to validate master::Call: Expecting 'destroy_volumes' to be present",
    });
    expect(call(sb, { type: 'CREATE_VOLUMES', create_volumes: { volumes: [] } })).toEqual({
      status: 400,
      body: 'Failed to convert JSON into Call protobuf: Missing required fields: create_volumes.agent_id',
    });
    expect(
      call(sb, { type: 'RESERVE_RESOURCES', reserve_resources: { agent_id, resources: [{ name: 'cpus', type: 'SCALAR' }, 7] } }),
    ).toEqual({
      status: 400,
      body: "Failed to convert JSON into Call protobuf: Not expecting a JSON number for field 'resources'",
    });
    const star = { name: 'cpus', type: 'SCALAR', scalar: { value: 1 }, role: '*', reservation: { principal: 'ops' } };
    expect(call(sb, { type: 'RESERVE_RESOURCES', reserve_resources: { agent_id, resources: [star] } })).toEqual({
      status: 400,
      body: `Failed to validate master::Call: Resource 'cpus:1' is invalid: Invalid reservation: role "*" cannot be dynamically reserved`,
    });
    expect(call(sb, { type: 'UNRESERVE_RESOURCES', unreserve_resources: { agent_id: { value: 'x' }, resources: [] } })).toEqual({
      status: 400,
      body: 'No agent found with specified ID',
    });
    expect(call(sb, { type: 'DESTROY_VOLUMES', destroy_volumes: { agent_id, volumes: [VOLUME] } })).toEqual({
      status: 400,
      body: 'Invalid DESTROY operation: Persistent volumes not found',
    });
  });
});

describe('reservations are recorded writes', () => {
  it('a replay of the script and a resume from a snapshot reach the same history', async () => {
    const live = await createSandbox(SCENARIO, { allocator: 'ts' });
    live.advance(5_000);
    const slaveId = slave(live).id;
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const cpus = { name: 'cpus', type: 'SCALAR', scalar: { value: 2 }, role: 'ads', reservation: { principal: 'ops' } };
    expect(
      live.request({ method: 'POST', path: '/mesos/master/reserve', body: form({ slaveId, resources: JSON.stringify([cpus]) }) }).status,
    ).toBe(202);
    live.advance(3_000);
    const snapshot = JSON.parse(JSON.stringify(live.snapshot())) as SandboxSnapshot;
    const agent_id = { value: slaveId };
    expect(call(live, { type: 'RESERVE_RESOURCES', reserve_resources: { agent_id, resources: [DISK] } }).status).toBe(202);
    live.advance(2_000);
    expect(call(live, { type: 'CREATE_VOLUMES', create_volumes: { agent_id, volumes: [VOLUME] } }).status).toBe(202);
    live.advance(10_000);
    expect(live.script().map((a) => a.request.path)).toEqual(['/mesos/master/reserve', '/mesos/api/v1', '/mesos/api/v1']);

    const script = JSON.parse(JSON.stringify(live.scenario())) as Json;
    const replay = await createSandbox(script, { allocator: 'ts' });
    replay.advance(live.now);
    expect(replay.historyHash()).toBe(live.historyHash());
    expect(slave(replay).reserved_resources_full).toEqual(slave(live).reserved_resources_full);

    const resumed = await resumeSandbox(script, snapshot, { allocator: 'ts' });
    resumed.advance(live.now - resumed.now);
    expect(resumed.historyHash()).toBe(live.historyHash());
    expect(Object.keys(slave(resumed).reserved_resources_full).sort()).toEqual(['ads', 'db']);
  });
});
