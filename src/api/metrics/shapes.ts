/**
 * dcos-metrics' v0 API as DC/OS 1.12+ serves it through Telegraf's `dcos_metrics` output (dcos/telegraf
 * plugins/outputs/dcos_metrics; the CLI's reading of it: dcos/dcos-core-cli pkg/metrics/types.go).
 */

export interface MetricsDatapoint {
  name: string;
  value: number;
  /** `bytes`, `percent`, `count` for node metrics; empty for container metrics (Telegraf's translator sets none). */
  unit: string;
  /** RFC 3339, seconds: when Telegraf collected it. */
  timestamp: string;
  tags?: Record<string, string>;
}

export interface NodeDimensions {
  mesos_id: string;
  cluster_id: string;
  hostname: string;
}

export interface NodeMetrics {
  datapoints: MetricsDatapoint[];
  dimensions: NodeDimensions;
}

export interface ContainerDimensions extends NodeDimensions {
  container_id: string;
  framework_name: string;
  task_name: string;
  /** The task's labels, and the tags Telegraf adds (DCOS_SERVICE_NAME for a Marathon app, fault domain). */
  labels: Record<string, string>;
}

export interface ContainerMetrics {
  datapoints: MetricsDatapoint[];
  dimensions: ContainerDimensions;
}

/** Mesos' `/metrics/snapshot`: every key a number. */
export type MetricsSnapshot = Record<string, number>;
