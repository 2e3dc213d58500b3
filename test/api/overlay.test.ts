/**
 * `GET /mesos/overlay-master/state`: DC/OS's overlays, a /24 of 9.0.0.0/8 and a VTEP per node in registration order,
 * masters without bridges (dcos-mesos-modules overlay/master.cpp; DC/OS's test_endpoints.py checks the same subset).
 */
import { describe, expect, it } from 'vitest';
import { agent } from '../support/cluster.ts';
import { boot, fault, get, type Json } from '../support/marathon.ts';

describe('/mesos/overlay-master/state', () => {
  it('lists the network and each node with its subnet, bridges and VXLAN backend', async () => {
    const sb = await boot([agent('a', { cpus: 1, mem: 1024 }, { count: 2 })]);
    const overlay = get(sb, '/mesos/overlay-master/state');
    expect(overlay.network).toEqual({
      vtep_subnet: '44.128.0.0/20',
      vtep_mac_oui: '70:B3:D5:00:00:00',
      overlays: [
        { name: 'dcos', subnet: '9.0.0.0/8', prefix: 24, enabled: true },
        { name: 'dcos6', subnet6: 'fd01:b::/64', prefix6: 80, enabled: true },
      ],
      vtep_subnet6: 'fd01:a::/64',
    });
    const leaderIp = String(get(sb, '/mesos/master/state').leader)
      .replace(/^master@/, '')
      .replace(/:\d+$/, '');
    const nodes = overlay.agents as Json[];
    // The master first (no bridges), then the agents in registration order, each with the next /24 and VTEP.
    expect(nodes).toHaveLength(3);
    expect(nodes[0]!.ip).toBe(leaderIp);
    expect(nodes[0]!.overlays[0]).not.toHaveProperty('mesos_bridge');
    const first = nodes[1]!.overlays[0];
    expect(first).toEqual({
      info: { name: 'dcos', subnet: '9.0.0.0/8', prefix: 24, enabled: true },
      subnet: '9.0.1.0/24',
      mesos_bridge: { name: 'm-dcos', ip: '9.0.1.0/25' },
      docker_bridge: { name: 'd-dcos', ip: '9.0.1.128/25' },
      backend: {
        vxlan: { vni: 1024, vtep_name: 'vtep1024', vtep_ip: '44.128.0.2/20', vtep_mac: '70:b3:d5:80:00:02', vtep_ip6: 'fd01:a::2/64' },
      },
      state: { status: 'STATUS_OK' },
    });
    expect(nodes[2]!.overlays[0].subnet).toBe('9.0.2.0/24');
    expect(nodes.map((n) => n.overlays[1].info.name)).toEqual(['dcos6', 'dcos6', 'dcos6']);
  });

  it('gives a node that registers again its old subnet (keyed by its IP)', async () => {
    const sb = await boot([agent('a', { cpus: 1, mem: 1024 }, { count: 2 })]);
    const before = get(sb, '/mesos/overlay-master/state').agents as Json[];
    fault(sb, 'master-crash', 'master-1');
    sb.advance(5_000);
    fault(sb, 'master-restore', 'master-1');
    for (let i = 0; i < 120 && sb.request({ method: 'GET', path: '/mesos/overlay-master/state' }).status !== 200; i++) sb.advance(1_000);
    sb.advance(30_000);
    expect(get(sb, '/mesos/overlay-master/state').agents).toEqual(before);
  });

  it("answers each node's own overlay agent: the leader's on /mesos, an agent's through /system/v1/agent", async () => {
    const sb = await boot([agent('a', { cpus: 1, mem: 1024 }, { count: 2 })]);
    const nodes = get(sb, '/mesos/overlay-master/state').agents as Json[];
    expect(get(sb, '/mesos/overlay-agent/overlay')).toEqual({ ...nodes[0], configuration_attempts: 0 });
    const slave = (get(sb, '/mesos/slaves').slaves as Json[])[0]!;
    const ip = /@([\d.]+):/.exec(slave.pid as string)![1];
    const own = get(sb, `/system/v1/agent/${slave.id as string}/overlay-agent/overlay`);
    expect(own).toEqual({ ...nodes.find((n) => n.ip === ip), configuration_attempts: 0 });
    expect(own.overlays[0].mesos_bridge.name).toBe('m-dcos');
    expect(sb.request({ method: 'GET', path: '/system/v1/agent/nope/overlay-agent/overlay' }).status).toBe(404);
  });
});
