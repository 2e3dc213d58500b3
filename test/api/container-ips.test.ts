/**
 * An IP per container (networking-sources.md §3.3, §3.5): tasks on `dcos` take addresses from their agent's Mesos
 * bridge /25, round robin; `container/bridge` takes `mesos-bridge` addresses; host networking reports the agent's IP.
 * Statuses, Mesos' `container`/`discovery` and Marathon's `ipAddresses` say so.
 */
import { describe, expect, it } from 'vitest';
import { agent } from '../support/cluster.ts';
import { boot, del, deploy, get, mesosTasks, post, tasksOf, waitFor, type Json } from '../support/marathon.ts';
import type { MesosTask } from '../../src/api/shapes/mesos.ts';

const overlayApp = (id: string, instances: number, extra: Json = {}): Json => ({
  id,
  cmd: 'sleep 3600',
  cpus: 0.1,
  mem: 32,
  instances,
  networks: [{ mode: 'container', name: 'dcos' }],
  container: { type: 'MESOS', portMappings: [{ containerPort: 8080, name: 'http', labels: { VIP_0: '/web:80' } }] },
  ...extra,
});

const running = (tasks: MesosTask[]) => tasks.filter((t) => t.state === 'TASK_RUNNING');
const lastIps = (t: MesosTask): string[] =>
  t.statuses.at(-1)!.container_status.network_infos.flatMap((n) => n.ip_addresses.map((a) => a.ip_address));

describe('container IPs', () => {
  it('gives each task on dcos an address of its agent /25, and says so in Mesos and Marathon', async () => {
    const sb = await boot([agent('a', { cpus: 4, mem: 4096 })]);
    deploy(sb, overlayApp('/web', 3));
    waitFor(sb, () => running(mesosTasks(sb, '/web')).length === 3, 30_000);
    const subnet = (get(sb, '/mesos/overlay-master/state').agents as Json[])[1]!.overlays[0].subnet as string;
    const prefix = subnet.replace(/\.0\/24$/, '');
    const tasks = running(mesosTasks(sb, '/web'));
    const ips = tasks.map((t) => lastIps(t)[0]).sort();
    expect(ips).toEqual([`${prefix}.2`, `${prefix}.3`, `${prefix}.4`]);
    const task = tasks[0]!;
    expect(task.statuses.at(-1)!.container_status.network_infos).toEqual([
      { labels: [], ip_addresses: [{ protocol: 'IPv4', ip_address: lastIps(task)[0] }], name: 'dcos' },
    ]);
    expect(task.container).toEqual({
      type: 'MESOS',
      mesos: {},
      network_infos: [{ ip_addresses: [{ protocol: 'IPv4' }], name: 'dcos', labels: {} }],
    });
    expect(task.discovery).toEqual({
      visibility: 'FRAMEWORK',
      name: 'web',
      ports: {
        ports: [
          {
            number: 8080,
            name: 'http',
            protocol: 'tcp',
            labels: {
              labels: [
                { key: 'VIP_0', value: '/web:80' },
                { key: 'network-scope', value: 'container' },
                { key: 'network-name', value: 'dcos' },
              ],
            },
          },
        ],
      },
    });
    const marathonIps = tasksOf(sb, '/web').map((t: Json) => t.ipAddresses[0].ipAddress as string);
    expect(marathonIps.sort()).toEqual(ips);
  });

  it('hands addresses round robin: a freed address is taken again only after the rest', async () => {
    const sb = await boot([agent('a', { cpus: 4, mem: 4096 })]);
    deploy(sb, overlayApp('/web', 2));
    waitFor(sb, () => running(mesosTasks(sb, '/web')).length === 2, 30_000);
    const before = running(mesosTasks(sb, '/web'));
    const killed = before.find((t) => lastIps(t)[0]!.endsWith('.2'))!;
    expect(post(sb, '/marathon/v2/tasks/delete', { ids: [killed.id] }).status).toBe(200);
    waitFor(
      sb,
      () => running(mesosTasks(sb, '/web')).length === 2 && !running(mesosTasks(sb, '/web')).some((t) => t.id === killed.id),
      30_000,
    );
    const replacement = running(mesosTasks(sb, '/web')).find((t) => !before.some((b) => b.id === t.id))!;
    expect(lastIps(replacement)[0]!.endsWith('.4')).toBe(true);
  });

  it('puts container/bridge tasks on mesos-bridge and host tasks on the agent IP', async () => {
    const sb = await boot([agent('a', { cpus: 4, mem: 4096 })]);
    deploy(sb, {
      id: '/bridged',
      cmd: 'sleep 3600',
      cpus: 0.1,
      mem: 32,
      networks: [{ mode: 'container/bridge' }],
      container: { type: 'MESOS', portMappings: [{ containerPort: 80, hostPort: 0 }] },
    });
    deploy(sb, { id: '/plain', cmd: 'sleep 3600', cpus: 0.1, mem: 32 });
    waitFor(sb, () => running(mesosTasks(sb, '/bridged')).length === 1 && running(mesosTasks(sb, '/plain')).length === 1, 30_000);
    const bridged = running(mesosTasks(sb, '/bridged'))[0]!;
    expect(bridged.statuses.at(-1)!.container_status.network_infos[0]).toMatchObject({
      ip_addresses: [{ protocol: 'IPv4', ip_address: '172.31.254.2' }],
      name: 'mesos-bridge',
    });
    const plain = running(mesosTasks(sb, '/plain'))[0]!;
    const agentIp = /@([\d.]+):/.exec((get(sb, '/mesos/slaves').slaves as Json[])[0]!.pid as string)![1]!;
    expect(plain.statuses.at(-1)!.container_status.network_infos).toEqual([{ ip_addresses: [{ protocol: 'IPv4', ip_address: agentIp }] }]);
    expect(plain).not.toHaveProperty('container');
    expect(tasksOf(sb, '/plain')[0]!.ipAddresses).toEqual([{ ipAddress: agentIp, protocol: 'IPv4' }]);
  });

  it('fails a task whose network the agent does not have', async () => {
    const sb = await boot([agent('a', { cpus: 4, mem: 4096 })]);
    deploy(sb, overlayApp('/elsewhere', 1, { networks: [{ mode: 'container', name: 'nope' }] }));
    waitFor(sb, () => mesosTasks(sb, '/elsewhere').some((t) => t.state === 'TASK_FAILED'), 30_000);
    const failed = mesosTasks(sb, '/elsewhere').find((t) => t.state === 'TASK_FAILED')!;
    expect(failed.statuses.map((s) => s.state)).toEqual(['TASK_STAGING', 'TASK_FAILED']);
    expect(del(sb, '/marathon/v2/apps/elsewhere?force=true').status).toBe(200);
  });
});
