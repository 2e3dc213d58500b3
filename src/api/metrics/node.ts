/**
 * `/node`: the agent machine as Telegraf's system inputs see it, under the names its `dcos_metrics` output gives
 * (dcos/telegraf plugins/outputs/dcos_metrics/translator.go): `cpu.*` (percent), `filesystem.*` (tag `path`),
 * `load.*`, `memory.*`, `swap.*`, `network.*` (tag `interface`), `process.count`, `system.uptime`. The machine is
 * what Mesos would have probed to offer the agent's resources (apache/mesos src/slave/containerizer/containerizer.cpp:
 * memory less 1 GB, disk less 5 GB); its use is the sum of its containers' and a fixed share for DC/OS itself.
 */
import type { AgentState, ClusterState } from '../../engine/core/model.ts';
import { containerValues } from './containers.ts';
import type { MetricsDatapoint, NodeMetrics } from './shapes.ts';
import { clusterIdOf, containersOf, MB, rfc3339 } from './sample.ts';

/** Mesos leaves this much of the machine out of the agent's resources (containerizer.cpp). */
const UNOFFERED_MEM_MB = 1024;
const UNOFFERED_DISK_MB = 5 * 1024;
/** (inferred) What the OS and DC/OS' own units use on an agent: memory, root filesystem, processes. */
export const SYSTEM_MEM_MB = 512;
export const SYSTEM_DISK_MB = 2048;
const SYSTEM_PROCESSES = 180;
/** (inferred) Bytes per inode of an ext4/xfs root filesystem made with defaults. */
const BYTES_PER_INODE = 16_384;

/** The agent's resources summed over its pools: CPUs, memory and disk in MB. */
export function agentTotals(agent: AgentState): { cpus: number; mem: number; disk: number } {
  let cpus = 0;
  let mem = 0;
  let disk = 0;
  for (const pool of agent.pools) {
    cpus += pool.total[0];
    mem += pool.total[1];
    disk += pool.total[2] + (pool.disks ?? []).reduce((sum, d) => sum + d.size, 0);
  }
  return { cpus, mem, disk };
}

/** [name, value, unit, tags] of the node's datapoints. */
export function nodeValues(state: ClusterState, agent: AgentState, at: number): Array<[string, number, string, Record<string, string>?]> {
  const totals = agentTotals(agent);
  const sum = new Map<string, number>();
  const containers = containersOf(state, agent, at);
  for (const c of containers) for (const [name, value] of containerValues(c)) sum.set(name, (sum.get(name) ?? 0) + value);
  const of = (name: string): number => sum.get(name) ?? 0;
  const cpusUsed = containers.reduce((s, c) => s + c.usage.sample.cpus, 0);
  const busy = totals.cpus > 0 ? Math.min(100, (100 * cpusUsed) / totals.cpus) : 0;
  const memTotal = (totals.mem + UNOFFERED_MEM_MB) * MB;
  const memUsed = of('mem.total_bytes') + SYSTEM_MEM_MB * MB;
  const fsTotal = (totals.disk + UNOFFERED_DISK_MB) * MB;
  const fsUsed = of('disk.used_bytes') + SYSTEM_DISK_MB * MB;
  const inodes = Math.floor(fsTotal / BYTES_PER_INODE);
  const inodesUsed = Math.min(inodes, Math.floor(fsUsed / BYTES_PER_INODE));
  const root = { path: '/' };
  const eth0 = { interface: 'eth0' };
  const load = round2(cpusUsed);
  return [
    ['cpu.total', round2(busy), 'percent'],
    ['cpu.user', round2(busy * 0.8), 'percent'],
    ['cpu.system', round2(busy * 0.2), 'percent'],
    ['cpu.idle', round2(100 - busy), 'percent'],
    ['cpu.wait', 0, 'percent'],
    ['filesystem.capacity.total', fsTotal, 'bytes', root],
    ['filesystem.capacity.used', fsUsed, 'bytes', root],
    ['filesystem.capacity.free', Math.max(0, fsTotal - fsUsed), 'bytes', root],
    ['filesystem.inode.total', inodes, 'count', root],
    ['filesystem.inode.used', inodesUsed, 'count', root],
    ['filesystem.inode.free', inodes - inodesUsed, 'count', root],
    ['load.1min', load, 'count'],
    ['load.5min', load, 'count'],
    ['load.15min', load, 'count'],
    ['memory.total', memTotal, 'bytes'],
    ['memory.free', Math.max(0, memTotal - memUsed), 'bytes'],
    ['memory.buffers', 0, 'bytes'],
    ['memory.cached', of('mem.cache_bytes'), 'bytes'],
    ['swap.total', 0, 'bytes'],
    ['swap.free', 0, 'bytes'],
    ['swap.used', 0, 'bytes'],
    ['network.in', of('net.rx_bytes'), 'bytes', eth0],
    ['network.out', of('net.tx_bytes'), 'bytes', eth0],
    ['network.in.packets', of('net.rx_packets'), 'count', eth0],
    ['network.out.packets', of('net.tx_packets'), 'count', eth0],
    ['network.in.dropped', 0, 'count', eth0],
    ['network.out.dropped', 0, 'count', eth0],
    ['network.in.errors', 0, 'count', eth0],
    ['network.out.errors', 0, 'count', eth0],
    ['process.count', SYSTEM_PROCESSES + containers.length * 2, 'count'],
    ['system.uptime', Math.floor(at / 1000), 'count'],
  ];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function nodeMetrics(state: ClusterState, agent: AgentState, at: number): NodeMetrics {
  const timestamp = rfc3339(at);
  const datapoints: MetricsDatapoint[] = nodeValues(state, agent, at).map(([name, value, unit, tags]) =>
    tags ? { name, value, unit, timestamp, tags } : { name, value, unit, timestamp },
  );
  return { datapoints, dimensions: { mesos_id: agent.id, cluster_id: clusterIdOf(state), hostname: agent.ip } };
}
