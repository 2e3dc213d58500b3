/**
 * The networking parts of a task in `/mesos/master/state` (networking-sources.md §3.5): each status's
 * `container_status.network_infos` (what the agent reports: the container's IPs, or the agent's IP for host
 * networking, ME:src/slave/slave.cpp:6266-6287), and the `container` and `discovery` Marathon put in its TaskInfo
 * (MA:src/main/scala/mesosphere/mesos/TaskBuilder.scala:133-205).
 */
import type { ClusterState, TaskState } from '../../engine/core/model.ts';
import { discoveryOf } from '../../engine/dns/discovery.ts';
import type { MesosContainer, MesosDiscovery, MesosNetworkInfo } from '../shapes/mesos.ts';

const IPV4 = 'IPv4';

/** What the agent reports in a status after the container started: the same for every such status of the task. */
export function statusNetworkInfos(state: ClusterState, task: TaskState): MesosNetworkInfo[] {
  const networks = task.networks ?? [];
  const ips = task.ips ?? [];
  if (networks.length === 0 || ips.length === 0)
    return [{ ip_addresses: [{ protocol: IPV4, ip_address: state.agents[task.agentIdx]!.ip }] }];
  return networks.map((network, i) => ({
    labels: [],
    ip_addresses: [{ protocol: IPV4, ip_address: ips[i] ?? '' }],
    ...(network.docker && network.name === 'bridge' ? {} : { name: network.name }),
  }));
}

/** The TaskInfo's ContainerInfo for a task on container networks; absent for host networking. */
export function containerJson(task: TaskState): MesosContainer | undefined {
  const networks = task.networks ?? [];
  if (networks.length === 0) return undefined;
  const docker = networks.some((n) => n.docker);
  if (docker) {
    const bridged = networks.some((n) => n.name === 'bridge');
    return {
      type: 'DOCKER',
      docker: { network: bridged ? 'BRIDGE' : 'USER' },
      ...(bridged ? {} : { network_infos: networks.map((n) => ({ name: n.name })) }),
    };
  }
  return {
    type: 'MESOS',
    mesos: {},
    network_infos: networks.map((n) => ({ ip_addresses: [{ protocol: IPV4 }], name: n.name, labels: {} })),
  };
}

/** The DiscoveryInfo Marathon gives its tasks; absent for other frameworks' tasks. */
export function discoveryJson(state: ClusterState, task: TaskState): MesosDiscovery | undefined {
  const discovery = discoveryOf(state, task);
  if (!discovery) return undefined;
  return {
    visibility: 'FRAMEWORK',
    name: discovery.name,
    ports: {
      ports: discovery.ports.map((p) => {
        const labels = Object.entries(p.labels).map(([key, value]) => ({ key, value }));
        return {
          number: p.number,
          ...(p.name !== '' ? { name: p.name } : {}),
          protocol: p.protocol,
          ...(labels.length > 0 ? { labels: { labels } } : {}),
        };
      }),
    },
  };
}
