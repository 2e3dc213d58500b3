/**
 * Cluster-wide resource usage from dcos-metrics, the parts that need no page: one agent's Telegraf collection read
 * from its Prometheus exposition (`/system/v1/agent/<id>/metrics/prometheus`: every container of the agent in one
 * answer, where the v0 API needs a request per container), each task's CPU rate between two collections, the
 * cluster's sums and the tasks that use the most.
 */

/** One container in one collection. */
export interface ContainerReading {
  containerId: string;
  taskName: string;
  /** The framework's name (`marathon`, `metronome`, an SDK service's). */
  serviceName: string;
  /** `cpus_user_time_secs + cpus_system_time_secs`: a counter since the container started. */
  cpuSeconds: number;
  cpuLimit: number;
  memBytes: number;
  memLimitBytes: number;
}

/** One agent's collection. */
export interface AgentReading {
  agentId: string;
  /** Simulated ms of the collection (`system_uptime`: seconds on the simulated clock). */
  t: number;
  containers: ContainerReading[];
}

/** A task's usage: CPU as a rate between two collections of its agent (null until there are two). */
export interface TaskUsage {
  containerId: string;
  agentId: string;
  taskName: string;
  serviceName: string;
  cpus: number | null;
  cpuLimit: number;
  memBytes: number;
  memLimitBytes: number;
}

/** The Prometheus families read; the rest of the exposition is skipped unparsed. */
const CONTAINER_FIELDS = {
  cpus_user_time_secs: 'user',
  cpus_system_time_secs: 'system',
  cpus_limit: 'cpuLimit',
  mem_total_bytes: 'memBytes',
  mem_limit_bytes: 'memLimitBytes',
} as const;
type ContainerField = (typeof CONTAINER_FIELDS)[keyof typeof CONTAINER_FIELDS];

/** A sample line's labels (`{a="x",b="y\"z"}`), unescaped. */
export function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    labels[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

/** An agent's collection in its exposition text; null when it has no `system_uptime` (not Telegraf's answer). */
export function parseAgentText(agentId: string, text: string): AgentReading | null {
  let uptime: number | undefined;
  const byId = new Map<string, ContainerReading & { user: number; system: number }>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const brace = line.indexOf('{');
    const space = line.lastIndexOf(' ');
    const family = line.slice(0, brace >= 0 && brace < space ? brace : space);
    const value = Number(line.slice(space + 1));
    if (family === 'system_uptime') {
      uptime = value;
      continue;
    }
    const field: ContainerField | undefined = CONTAINER_FIELDS[family as keyof typeof CONTAINER_FIELDS];
    if (!field || brace < 0 || !Number.isFinite(value)) continue;
    const labels = parseLabels(line.slice(brace, space));
    const id = labels['container_id'];
    if (!id) continue;
    let c = byId.get(id);
    if (!c) {
      c = {
        containerId: id,
        taskName: labels['task_name'] ?? id,
        serviceName: labels['service_name'] ?? '',
        cpuSeconds: 0,
        cpuLimit: 0,
        memBytes: 0,
        memLimitBytes: 0,
        user: 0,
        system: 0,
      };
      byId.set(id, c);
    }
    c[field] = value;
  }
  if (uptime === undefined || !Number.isFinite(uptime)) return null;
  const containers = [...byId.values()].map(({ user, system, ...c }) => ({ ...c, cpuSeconds: user + system }));
  return { agentId, t: uptime * 1000, containers };
}

/**
 * The tasks of an agent's collection, each CPU the seconds it used since the previous collection over the time
 * between them; null without a previous collection of the container at an earlier time (a trip back in time reads
 * an earlier collection: no rate).
 */
export function taskUsages(current: AgentReading, previous: AgentReading | undefined): TaskUsage[] {
  const dt = previous ? (current.t - previous.t) / 1000 : 0;
  const before = dt > 0 ? new Map(previous!.containers.map((c) => [c.containerId, c.cpuSeconds])) : undefined;
  return current.containers.map((c) => {
    const was = before?.get(c.containerId);
    const cpus = was !== undefined && c.cpuSeconds >= was ? Math.min(c.cpuLimit || Infinity, (c.cpuSeconds - was) / dt) : null;
    return {
      containerId: c.containerId,
      agentId: current.agentId,
      taskName: c.taskName,
      serviceName: c.serviceName,
      cpus,
      cpuLimit: c.cpuLimit,
      memBytes: c.memBytes,
      memLimitBytes: c.memLimitBytes,
    };
  });
}

/** The cluster's usage at one collection. */
export interface UsageSample {
  t: number;
  /** CPUs used, summed over the tasks with a rate; null when none has one yet. */
  cpus: number | null;
  /** Memory used by tasks, MiB (as the allocation figures count it). */
  memMb: number;
  tasks: number;
}

const MIB = 1024 * 1024;

/** The sums over every task read at `t`. */
export function clusterUsage(tasks: readonly TaskUsage[], t: number): UsageSample {
  let cpus = 0;
  let rated = 0;
  let mem = 0;
  for (const task of tasks) {
    mem += task.memBytes;
    if (task.cpus !== null) {
      cpus += task.cpus;
      rated += 1;
    }
  }
  return { t, cpus: rated > 0 ? cpus : null, memMb: mem / MIB, tasks: tasks.length };
}

export type TopBy = 'mem' | 'cpu';

/** What a task uses of its limit by `by`, 0..1 (0 with no limit or no rate yet). */
export function shareOf(task: TaskUsage, by: TopBy): number {
  if (by === 'mem') return task.memLimitBytes > 0 ? Math.min(1, task.memBytes / task.memLimitBytes) : 0;
  return task.cpus !== null && task.cpuLimit > 0 ? Math.min(1, task.cpus / task.cpuLimit) : 0;
}

function before(a: TaskUsage, b: TaskUsage, by: TopBy): boolean {
  const [x, y] = by === 'mem' ? [a.memBytes, b.memBytes] : [a.cpus ?? -1, b.cpus ?? -1];
  if (x !== y) return x > y;
  const [p, q] = by === 'mem' ? [a.cpus ?? -1, b.cpus ?? -1] : [a.memBytes, b.memBytes];
  if (p !== q) return p > q;
  return a.containerId < b.containerId;
}

/** The `n` tasks using the most of `by` (ties: the other resource, then the container id), in one pass. */
export function topTasks(tasks: Iterable<TaskUsage>, by: TopBy, n: number): TaskUsage[] {
  const top: TaskUsage[] = [];
  for (const task of tasks) {
    if (top.length === n && !before(task, top[n - 1]!, by)) continue;
    let i = top.length;
    while (i > 0 && before(task, top[i - 1]!, by)) i -= 1;
    top.splice(i, 0, task);
    if (top.length > n) top.pop();
  }
  return top;
}

/** Marathon's app (or pod) of a task: its id up to `.instance-` (or the first dot), underscores back to slashes. */
export function marathonAppId(taskId: string): string {
  const at = taskId.indexOf('.instance-');
  const prefix = at >= 0 ? taskId.slice(0, at) : taskId.split('.')[0]!;
  return `/${prefix.replaceAll('_', '/')}`;
}

/** The value at `t` of a series sorted by time: the last point at or before it (undefined before the first). */
export function valueAt<P extends { t: number }>(points: readonly P[], t: number): P | undefined {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? points[lo - 1] : undefined;
}
