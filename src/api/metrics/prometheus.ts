/**
 * An agent's metrics in Prometheus' text format, as Telegraf's `prometheus_client` output serves them on port 61091
 * (dcos/dcos gen/dcos-config.yaml `[[outputs.prometheus_client]] listen = ":61091"`): one `<measurement>_<field>`
 * family per Telegraf field, tags as labels. Node families use the names of Telegraf's own inputs (cpu, mem, swap,
 * disk, net, processes, system), which translator.go maps to dcos-metrics' names; containers carry `container_id`,
 * `service_name` (the framework) and `task_name`. Admin Router does not proxy port 61091: the sandbox path is its own.
 */
import type { AgentState, ClusterState } from '../../engine/core/model.ts';
import { frameworkById } from '../../engine/mesos/frameworks.ts';
import { containerValues } from './containers.ts';
import { nodeValues } from './node.ts';
import { containersOf } from './sample.ts';

/** dcos-metrics' node names back to the Telegraf families they came from (translator.go). */
const NODE_FAMILIES: Record<string, string> = {
  'cpu.user': 'cpu_usage_user',
  'cpu.system': 'cpu_usage_system',
  'cpu.idle': 'cpu_usage_idle',
  'cpu.wait': 'cpu_usage_iowait',
  'filesystem.capacity.total': 'disk_total',
  'filesystem.capacity.used': 'disk_used',
  'filesystem.capacity.free': 'disk_free',
  'filesystem.inode.total': 'disk_inodes_total',
  'filesystem.inode.used': 'disk_inodes_used',
  'filesystem.inode.free': 'disk_inodes_free',
  'load.1min': 'system_load1',
  'load.5min': 'system_load5',
  'load.15min': 'system_load15',
  'memory.total': 'mem_total',
  'memory.free': 'mem_free',
  'memory.buffers': 'mem_buffered',
  'memory.cached': 'mem_cached',
  'swap.total': 'swap_total',
  'swap.free': 'swap_free',
  'swap.used': 'swap_used',
  'network.in': 'net_bytes_recv',
  'network.out': 'net_bytes_sent',
  'network.in.packets': 'net_packets_recv',
  'network.out.packets': 'net_packets_sent',
  'network.in.dropped': 'net_drop_in',
  'network.out.dropped': 'net_drop_out',
  'network.in.errors': 'net_err_in',
  'network.out.errors': 'net_err_out',
  'process.count': 'processes_total',
  'system.uptime': 'system_uptime',
};

const escape = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function labels(tags: Record<string, string>): string {
  const keys = Object.keys(tags).sort();
  return keys.length === 0 ? '' : `{${keys.map((k) => `${k}="${escape(tags[k]!)}"`).join(',')}}`;
}

/** The exposition text at the last collection `at`: families in name order, each with its `# TYPE` line. */
export function prometheusText(state: ClusterState, agent: AgentState, at: number): string {
  const families = new Map<string, string[]>();
  const add = (family: string, tags: Record<string, string>, value: number) => {
    const lines = families.get(family) ?? [];
    lines.push(`${family}${labels(tags)} ${value}`);
    families.set(family, lines);
  };
  for (const [name, value, , tags] of nodeValues(state, agent, at)) {
    const family = NODE_FAMILIES[name];
    if (family) add(family, name.startsWith('cpu.') ? { cpu: 'cpu-total' } : (tags ?? {}), value);
  }
  for (const c of containersOf(state, agent, at)) {
    const tags = { container_id: c.containerId, service_name: frameworkById(state, c.task.frameworkId).name, task_name: c.task.name };
    for (const [name, value] of containerValues(c)) add(name.replace('.', '_'), tags, value);
  }
  const out: string[] = [];
  for (const family of [...families.keys()].sort()) out.push(`# TYPE ${family} untyped`, ...families.get(family)!);
  return `${out.join('\n')}\n`;
}
