/**
 * dcos-core-cli 2.2's metrics client (`pkg/metrics/client.go`, `types.go`): the agent's dcos-metrics API through
 * Admin Router. `Node` wants a 200; `Task` and `App` read 204 as "none" (nil); any other answer is `HTTP <n> error`.
 */
import type { ContainerMetrics, MetricsDatapoint, NodeMetrics } from '../../api/metrics/shapes.ts';
import { goError } from '../format.ts';
import { goFixed } from '../table.ts';
import type { RequestFn } from '../types.ts';

async function fetchMetrics<T>(request: RequestFn, path: string, noContent: boolean): Promise<T | null> {
  const res = await request({ method: 'GET', path });
  if (res.status === 200) return res.body as T;
  if (noContent && res.status === 204) return null;
  throw goError(`HTTP ${res.status} error`);
}

export const nodeMetricsOf = async (request: RequestFn, agentId: string): Promise<NodeMetrics> =>
  (await fetchMetrics<NodeMetrics>(request, `/system/v1/agent/${agentId}/metrics/v0/node`, false))!;

export const taskMetricsOf = (request: RequestFn, agentId: string, containerId: string): Promise<ContainerMetrics | null> =>
  fetchMetrics<ContainerMetrics>(request, `/system/v1/agent/${agentId}/metrics/v0/containers/${containerId}`, true);

export const appMetricsOf = (request: RequestFn, agentId: string, containerId: string): Promise<ContainerMetrics | null> =>
  fetchMetrics<ContainerMetrics>(request, `/system/v1/agent/${agentId}/metrics/v0/containers/${containerId}/app`, true);

/** A datapoint decoded into the CLI's `metrics.Datapoint` and encoded again: its fields in order, tags (a map) sorted, omitted when empty. */
export function goDatapoint(d: MetricsDatapoint): Record<string, unknown> {
  const tags =
    d.tags && Object.keys(d.tags).length > 0 ? Object.fromEntries(Object.entries(d.tags).sort(([a], [b]) => (a < b ? -1 : 1))) : undefined;
  return { name: d.name, value: d.value, unit: d.unit ?? '', timestamp: d.timestamp, tags };
}

/** `fmt.Sprintf("%.2fGiB", bytes/math.Pow(10, 9))`: the CLI divides by 10^9 and calls it GiB. */
export const gib = (bytes: number): string => `${goFixed(bytes / 1e9, 2)}GiB`;

/** `fmt.Sprintf("%.2f%%", x)`. */
export const percent = (x: number): string => `${goFixed(x, 2)}%`;
