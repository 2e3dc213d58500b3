/**
 * `/containers/{id}`: a container's cgroup usage as Telegraf's `dcos_containers` input names it (dcos/telegraf
 * plugins/inputs/dcos_containers/README.md: `cpus.*`, `mem.*`, `disk.*`, `net.*`), each measurement's fields in name
 * order and tagged with the container id (plugins/outputs/dcos_metrics/translator.go `containerMetricsMessage`).
 */
import type { ClusterState } from '../../engine/core/model.ts';
import { frameworkById } from '../../engine/mesos/frameworks.ts';
import type { AgentState } from '../../engine/core/model.ts';
import type { ContainerMetrics, MetricsDatapoint } from './shapes.ts';
import { clusterIdOf, MB, rfc3339, type ContainerSample } from './sample.ts';

/** CFS enforces the CPU limit per 100 ms period (Mesos' cgroups cpu isolator, `cpu.cfs_period_us`). */
const CFS_PERIODS_PER_SECOND = 10;
/** (inferred) Shares of CPU time in user mode, and of memory that is resident rather than page cache. */
const USER_SHARE = 0.8;
const RSS_SHARE = 0.85;

/** [name, value] in the order Telegraf's translator emits them. */
export function containerValues({ usage }: ContainerSample): Array<[string, number]> {
  const { limits, sample } = usage;
  const memBytes = Math.round(sample.memMb * MB);
  const rss = Math.round(memBytes * RSS_SHARE);
  const rxPackets = Math.floor(sample.rxBytes / 800);
  const txPackets = Math.floor(sample.txBytes / 800);
  return [
    ['cpus.limit', limits.cpus],
    ['cpus.nr_periods', Math.floor(sample.seconds * CFS_PERIODS_PER_SECOND)],
    ['cpus.nr_throttled', Math.floor(sample.throttledWallSeconds * CFS_PERIODS_PER_SECOND)],
    ['cpus.system_time_secs', round3(sample.cpuSeconds * (1 - USER_SHARE))],
    ['cpus.throttled_time_secs', round3(sample.throttledSeconds)],
    ['cpus.user_time_secs', round3(sample.cpuSeconds * USER_SHARE)],
    ['mem.cache_bytes', memBytes - rss],
    ['mem.limit_bytes', Math.round(limits.mem * MB)],
    ['mem.rss_bytes', rss],
    ['mem.total_bytes', memBytes],
    ['disk.limit_bytes', Math.round(limits.disk * MB)],
    ['disk.used_bytes', Math.round(sample.diskMb * MB)],
    ['net.rx_bytes', sample.rxBytes],
    ['net.rx_dropped', 0],
    ['net.rx_errors', 0],
    ['net.rx_packets', rxPackets],
    ['net.tx_bytes', sample.txBytes],
    ['net.tx_dropped', 0],
    ['net.tx_errors', 0],
    ['net.tx_packets', txPackets],
  ];
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export function containerMetrics(state: ClusterState, agent: AgentState, container: ContainerSample, at: number): ContainerMetrics {
  const timestamp = rfc3339(at);
  const tags = { container_id: container.containerId };
  const datapoints: MetricsDatapoint[] = containerValues(container).map(([name, value]) => ({ name, value, unit: '', timestamp, tags }));
  const { task } = container;
  return {
    datapoints,
    dimensions: {
      mesos_id: agent.id,
      cluster_id: clusterIdOf(state),
      hostname: agent.ip,
      container_id: container.containerId,
      framework_name: frameworkById(state, task.frameworkId).name,
      task_name: task.name,
      labels: {},
    },
  };
}
