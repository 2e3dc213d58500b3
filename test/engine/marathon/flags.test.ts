/**
 * Marathon runs with the flags DC/OS starts it with (dcos/dcos packages/marathon), unless the scenario names
 * others: /v2/info reports them, and they act (decline filters, offers per instance, ports, roles, networks).
 */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/sandbox/index.ts';
import { validateScenario } from '../../../src/common/scenario/validate.ts';
import { ScenarioError } from '../../../src/common/scenario/reader.ts';
import { agent, scenario } from '../../support/cluster.ts';
import { boot, deploy, untilBooted, type Json } from '../../support/marathon.ts';

const info = async (marathon?: Json) => {
  const s = { ...scenario([agent('a1', { cpus: 4, mem: 4096 })], []), ...(marathon ? { marathon } : {}) };
  const sb = await createSandbox(s);
  untilBooted(sb);
  return { sb, config: (sb.request({ method: 'GET', path: '/marathon/v2/info' }).body as Json).marathon_config as Json };
};

describe("Marathon's flags", () => {
  it("a scenario without a marathon section runs DC/OS's Marathon", async () => {
    const { config } = await info();
    expect(config).toMatchObject({
      mesos_role: 'slave_public',
      decline_offer_duration: 300_000,
      max_instances_per_offer: 100,
      task_reservation_timeout: 1_800_000,
      task_launch_timeout: 86_400_000,
      local_port_min: 10_000,
      local_port_max: 20_000,
      default_network_name: 'dcos',
      min_revive_offers_interval: 5000,
      mesos_user: 'root',
      features: ['vips', 'task_killing', 'external_volumes', 'gpu_resources'],
      access_control_allow_origin: null,
    });
    expect(config).not.toHaveProperty('default_accepted_resource_roles');
    // InfoResource writes these three objects and the leader's identity, nothing else.
    const body = (await info()).sb.request({ method: 'GET', path: '/marathon/v2/info' }).body as Json;
    expect(Object.keys(body).sort()).toEqual([
      'buildref',
      'elected',
      'frameworkId',
      'http_config',
      'leader',
      'marathon_config',
      'name',
      'version',
      'zookeeper_config',
    ]);
  });

  it('a scenario overrides them, and /v2/info says so', async () => {
    const { config, sb } = await info({
      role: '*',
      flags: { decline_offer_duration: 120_000, local_port_min: 12_000, default_network_name: null },
    });
    expect(config).toMatchObject({ mesos_role: '*', decline_offer_duration: 120_000, local_port_min: 12_000, default_network_name: null });
    sb.request({ method: 'POST', path: '/marathon/v2/apps', body: { id: '/a', cmd: 'run x', cpus: 0.1, mem: 16 } });
    const app = (sb.request({ method: 'GET', path: '/marathon/v2/apps/a' }).body as Json).app;
    expect(app.portDefinitions[0].port).toBe(12_000);
    const nameless = sb.request({
      method: 'POST',
      path: '/marathon/v2/apps',
      body: { id: '/b', cmd: 'run x', networks: [{ mode: 'container' }] },
    });
    expect(nameless.status).toBe(422);
  });

  it('declined offers stay filtered for decline_offer_duration', async () => {
    for (const [flags, seconds] of [
      [{}, 300],
      [{ decline_offer_duration: 120_000 }, 120],
    ] as const) {
      const sb = await boot([agent('a1', { cpus: 4, mem: 4096 })], { marathon: { flags } });
      // Marathon declines what it does not use while an app still waits for more than the cluster has.
      deploy(sb, { id: '/big', cmd: 'run x', instances: 2, cpus: 3, mem: 16 });
      sb.advance(20_000);
      const cluster = sb.snapshot().cluster;
      const decline = cluster.agents[0]!.filters.find(
        (f) => f.frameworkId === cluster.marathon.frameworkId && f.expiresAt - sb.now > 60_000,
      );
      expect(decline, `filters with ${JSON.stringify(flags)}`).toBeDefined();
      expect(decline!.expiresAt - sb.now).toBeGreaterThan((seconds - 20) * 1000);
      expect(decline!.expiresAt - sb.now).toBeLessThanOrEqual(seconds * 1000);
    }
  });

  it('a scenario with a bad flag is refused with the field and the reason', () => {
    const bad = (flags: Json) => () => validateScenario({ ...scenario([agent('a1', { cpus: 1, mem: 1 })], []), marathon: { flags } });
    expect(bad({ decline_offer_duration: -1 })).toThrow(new ScenarioError('marathon.flags.decline_offer_duration', 'must be at least 0'));
    expect(bad({ local_port_min: 30_000 })).toThrow(/marathon\.flags\.local_port_max: must be at least local_port_min \(30000\)/);
    expect(bad({ accepted_resource_roles_default_behavior: 'some' })).toThrow(/must be one of any, unreserved, reserved/);
    expect(bad({ no_such_flag: 1 })).toThrow(/marathon\.flags\.no_such_flag: unknown field/);
    expect(bad({ features: ['vips', 'warp_drive'] })).toThrow(/marathon\.flags\.features\[1\]: must be one of/);
    expect(bad({ default_network_name: 'Not_A_Name' })).toThrow(/marathon\.flags\.default_network_name: must match a network name/);
    expect(bad({ max_instances_per_offer: 0 })).toThrow(/marathon\.flags\.max_instances_per_offer: must be at least 1/);
    expect(bad({ mesos_bridge_name: 'two words' })).toThrow(/marathon\.flags\.mesos_bridge_name: must match a name/);
  });

  it('every flag a scenario may set is read back as given', () => {
    const flags = {
      accepted_resource_roles_default_behavior: 'reserved',
      decline_offer_duration: 1000,
      default_network_name: 'overlay-1',
      features: ['vips', 'secrets'],
      local_port_max: 10_100,
      local_port_min: 10_050,
      max_instances_per_offer: 7,
      mesos_bridge_name: 'br0',
      min_revive_offers_interval: 100,
      task_launch_confirm_timeout: 2,
      task_launch_timeout: 3,
      task_reservation_timeout: 4,
    };
    const valid = validateScenario({ ...scenario([agent('a1', { cpus: 1, mem: 1 })], []), marathon: { flags } });
    expect(valid.marathon.flags).toEqual(flags);
    expect(
      validateScenario({ ...scenario([agent('a1', { cpus: 1, mem: 1 })], []), marathon: { flags: { default_network_name: null } } })
        .marathon.flags,
    ).toEqual({
      default_network_name: null,
    });
  });
});
