/**
 * An IP per container: what the agent's CNI plugins (or Docker) hand a container that joins a network
 * (networking-sources.md §3.3). UCR on the virtual network `dcos`: the agent's Mesos bridge, the lower /25 of its
 * /24, host-local IPAM from .2 to .126, next after the last handed out, wrapping. UCR on `mesos-bridge`:
 * 172.31.254.2 to .254, the same way. Docker on `dcos`: the upper /25, .130 to .254, lowest free; Docker's own
 * bridge: 172.17.0.2 to .254, lowest free (inferred, §5 #11). An address is free again when its task has ended:
 * what is in use is read from the agent's live tasks, so nothing has to be released.
 */
import type { ClusterState, TaskState } from '../core/model.ts';
import type { NetworkAttachment } from './model.ts';
import { nodeIndex, overlayOf } from './overlay.ts';

/** The network Marathon's `container/bridge` mode maps to for UCR (`--mesos_bridge_name`). */
export const MESOS_BRIDGE = 'mesos-bridge';
/** DC/OS's IPv4 virtual network. */
export const DCOS_OVERLAY = 'dcos';
/** Docker's bridge network: Marathon's `container/bridge` for Docker containers. */
export const DOCKER_BRIDGE = 'bridge';

interface Pool {
  /** The first three bytes of the pool's addresses. */
  prefix: string;
  first: number;
  last: number;
  roundRobin: boolean;
}

/** The pool a container on `network` draws from on the agent at `agentIp`; null when the agent has no such network. */
function poolOf(state: ClusterState, agentIp: string, network: NetworkAttachment): Pool | null {
  if (network.name === DCOS_OVERLAY) {
    if (state.network.overlayDisabled) return null;
    const node = nodeIndex(overlayOf(state)).get(agentIp);
    if (!node?.bridges) return null;
    const prefix = `9.${Math.floor(node.index / 256) % 256}.${node.index % 256}`;
    return network.docker ? { prefix, first: 130, last: 254, roundRobin: false } : { prefix, first: 2, last: 126, roundRobin: true };
  }
  if (network.name === MESOS_BRIDGE && !network.docker) return { prefix: '172.31.254', first: 2, last: 254, roundRobin: true };
  if (network.name === DOCKER_BRIDGE && network.docker) return { prefix: '172.17.0', first: 2, last: 254, roundRobin: false };
  return null;
}

export type IpAssignment = { ok: true; ips: string[] } | { ok: false; network: string };

/**
 * The agent's IPAM hands the new container one address on each of its networks; fails (naming the network) when
 * the agent has no such network or its pool is used up.
 */
export function assignContainerIps(state: ClusterState, agentIdx: number, networks: NetworkAttachment[]): IpAssignment {
  const agent = state.agents[agentIdx]!;
  const ips: string[] = [];
  for (const network of networks) {
    const pool = poolOf(state, agent.ip, network);
    const ip = pool && takeAddress(state, agent.ip, agent.taskIds, network.name, pool);
    if (!ip) return { ok: false, network: network.name };
    ips.push(ip);
  }
  return { ok: true, ips };
}

function takeAddress(state: ClusterState, agentIp: string, taskIds: string[], network: string, pool: Pool): string | null {
  const inUse = new Set<number>();
  for (const id of taskIds) {
    for (const ip of state.tasks[id]?.ips ?? []) {
      const cut = ip.lastIndexOf('.');
      if (ip.slice(0, cut) === pool.prefix) inUse.add(Number(ip.slice(cut + 1)));
    }
  }
  const size = pool.last - pool.first + 1;
  const key = `${agentIp} ${network}`;
  const last = pool.roundRobin ? (state.network.lastIp?.[key] ?? pool.first - 1) : pool.first - 1;
  for (let k = 1; k <= size; k++) {
    const host = pool.first + ((last - pool.first + k + size) % size);
    if (inUse.has(host)) continue;
    if (pool.roundRobin) (state.network.lastIp ??= {})[key] = host;
    return `${pool.prefix}.${host}`;
  }
  return null;
}

/** The addresses a task's container answers on: its container IPs, else (host networking) the agent's. */
export function taskAddresses(state: ClusterState, task: TaskState): string[] {
  return task.ips && task.ips.length > 0 ? task.ips : [state.agents[task.agentIdx]!.ip];
}
