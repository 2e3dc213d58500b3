/**
 * Mesos-DNS's records in a running cluster, read through `/mesos_dns/v1/…`: a name appears only after the next 30 s
 * reload and goes after the task is killed and the next reload.
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { boot, del, deploy, get, tasksOf, waitFor, type Json } from '../../support/marathon.ts';
import type { MesosDnsAxfr, MesosDnsEnumeration } from '../../../src/api/shapes/dns.ts';
import { mesosDnsHash } from '../../../src/common/hash/z-base-32.ts';

const AGENTS = [{ hostname: 'a', count: 2, resources: { cpus: 4, mem: 8192, disk: 0, gpus: 0 } }];
const axfr = (sb: Sandbox): MesosDnsAxfr => get(sb, '/mesos_dns/v1/axfr') as MesosDnsAxfr;
const enumerate = (sb: Sandbox): MesosDnsEnumeration => get(sb, '/mesos_dns/v1/enumerate') as MesosDnsEnumeration;
const running = (sb: Sandbox, id: string): Json[] => tasksOf(sb, id).filter((t) => t.state === 'TASK_RUNNING');

/** Run until the app's tasks run, then to just after the next reload of the leader's Mesos-DNS. */
function untilRunningAndLoaded(sb: Sandbox, id: string, count: number): void {
  waitFor(sb, () => running(sb, id).length === count, 60_000);
  const serial = axfr(sb).Serial;
  waitFor(sb, () => axfr(sb).Serial !== serial, 31_000);
}

describe('Mesos-DNS records', () => {
  it('names an app in a group both ways, with SRV records for its ports', async () => {
    const sb = await boot(AGENTS);
    deploy(sb, {
      id: '/grp/app',
      cmd: 'sleep 1000',
      cpus: 0.1,
      mem: 32,
      instances: 1,
      portDefinitions: [{ port: 0, name: 'http', protocol: 'tcp' }],
    });
    untilRunningAndLoaded(sb, '/grp/app', 1);
    const [task] = running(sb, '/grp/app');
    const { As, SRVs } = axfr(sb).Records;
    const agentIp = task!.ipAddresses[0].ipAddress as string;
    const port = task!.ports[0] as number;
    const tail = (task!.slaveId as string).split('-').pop()!.toLowerCase();
    const hash = mesosDnsHash(task!.id as string);

    expect(As['app.grp.marathon.mesos.']).toEqual([agentIp]);
    expect(As['app-grp.marathon.mesos.']).toEqual([agentIp]);
    expect(As[`app-grp-${hash}-${tail}.marathon.mesos.`]).toEqual([agentIp]);
    expect(As[`app.grp-${hash}-${tail}.marathon.mesos.`]).toEqual([agentIp]);
    expect(As['app-grp.marathon.slave.mesos.']).toEqual([agentIp]);
    // Discovery ports: target the canonical name under F.mesos.
    expect(SRVs['_app-grp._tcp.marathon.mesos.']).toEqual([`app-grp-${hash}-${tail}.marathon.mesos.:${port}`]);
    expect(SRVs['_http._app-grp._tcp.marathon.mesos.']).toEqual([`app-grp-${hash}-${tail}.marathon.mesos.:${port}`]);
    expect(SRVs['_app-grp._udp.marathon.mesos.']).toBeUndefined();
    // Resource ports: only under .slave for a task with DiscoveryInfo, tcp and udp.
    expect(SRVs['_app-grp._tcp.marathon.slave.mesos.']).toEqual([`app-grp-${hash}-${tail}.marathon.slave.mesos.:${port}`]);
    expect(SRVs['_app-grp._udp.marathon.slave.mesos.']).toEqual([`app-grp-${hash}-${tail}.marathon.slave.mesos.:${port}`]);

    const marathon = enumerate(sb).frameworks!.find((f) => f.name === 'marathon')!;
    expect(marathon.tasks).toHaveLength(1);
    expect(marathon.tasks[0]).toMatchObject({ name: 'app.grp', id: task!.id });
    expect(marathon.tasks[0]!.records.slice(0, 2)).toEqual([
      { name: 'app.grp.marathon.mesos.', host: agentIp, rtype: 'A' },
      { name: `app.grp-${hash}-${tail}.marathon.mesos.`, host: agentIp, rtype: 'A' },
    ]);
  });

  it('has the frameworks, the agents, the leader and the masters', async () => {
    const sb = await boot(AGENTS, {
      frameworks: [
        {
          name: 'Load_Gen',
          role: 'load',
          task: { cpus: 0.1, mem: 32, disk: 0, gpus: 0, ports: 1 },
          instances: 1,
          tasksPerOffer: 1,
          refuseSeconds: 5,
          taskDurationSeconds: 100_000,
        },
      ],
    });
    sb.advance(31_000);
    const state = get(sb, '/mesos/master/state');
    const leaderIp = state.leader_info.address.ip as string;
    const { As, SRVs } = axfr(sb).Records;
    const marathonPid = (state.frameworks as Json[]).find((f) => f.name === 'marathon')!.pid as string;
    expect(As['marathon.mesos.']).toEqual([marathonPid.split('@')[1]!.split(':')[0]]);
    expect(SRVs['_framework._tcp.marathon.mesos.']).toEqual([`marathon.mesos.:${marathonPid.split(':').pop()}`]);
    expect(As['load-gen.mesos.']).toEqual([leaderIp]);
    expect(As['slave.mesos.']).toEqual((state.slaves as Json[]).map((s) => s.pid.split('@')[1].split(':')[0]));
    expect(SRVs['_slave._tcp.mesos.']).toEqual(['slave.mesos.:5051']);
    expect(As['leader.mesos.']).toEqual([leaderIp]);
    expect(As['master.mesos.']).toEqual([leaderIp]);
    expect(As['master0.mesos.']).toEqual([leaderIp]);
    expect(As['ns1.mesos.']).toEqual([leaderIp]);
    expect(SRVs['_leader._tcp.mesos.']).toEqual(['leader.mesos.:5050']);
    expect(SRVs['_leader._udp.mesos.']).toEqual(['leader.mesos.:5050']);
    // A task without DiscoveryInfo: its ports also under F.mesos.
    const load = enumerate(sb).frameworks!.find((f) => f.name === 'Load_Gen')!;
    expect(load.tasks).toHaveLength(1);
    const srvNames = load.tasks[0]!.records.filter((r) => r.rtype === 'SRV').map((r) => r.name);
    expect(srvNames.filter((n) => !n.includes('.slave.'))).toHaveLength(2);
    expect(srvNames.filter((n) => n.includes('.slave.'))).toHaveLength(2);
  });

  it('shows a task from the next reload after it runs, until the next reload after it is killed', async () => {
    const sb = await boot(AGENTS);
    deploy(sb, { id: '/web', cmd: 'sleep 1000', cpus: 0.1, mem: 32, instances: 1 });
    waitFor(sb, () => running(sb, '/web').length === 1, 60_000);
    const serial = axfr(sb).Serial;
    const hasName = (): boolean => axfr(sb).Records.As['web.marathon.mesos.'] !== undefined;
    // Until the leader's Mesos-DNS reloads, the name is not there yet.
    expect(hasName()).toBe(false);
    const waited = waitFor(sb, hasName, 31_000);
    expect(waited).toBeLessThanOrEqual(30_100);
    expect(axfr(sb).Serial).toBeGreaterThan(serial);

    const [task] = running(sb, '/web');
    expect(del(sb, `/marathon/v2/apps/web/tasks/${task!.id}?scale=true`).status).toBe(200);
    waitFor(sb, () => running(sb, '/web').length === 0, 10_000);
    const gone = waitFor(sb, () => !hasName(), 31_000);
    expect(gone).toBeLessThanOrEqual(30_100);
  });
});
