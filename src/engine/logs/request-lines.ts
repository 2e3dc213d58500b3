/**
 * What a task's stdout shows of the traffic that reached it (the request generator, src/engine/traffic): one
 * access-log line per request it answered, in the Common Log Format, from the client's node, for the seconds each
 * client still keeps (its last two minutes: SERIES_SECONDS). Derived when read, like every log line. At most
 * MAX_LINES_PER_SECOND lines per client and second are written: the sandbox's bound (inferred); a real log has
 * every request.
 */
import { SIM_EPOCH_MS } from '../../common/clock.ts';
import type { ClusterState, TaskState } from '../core/model.ts';
import type { TrafficClient } from '../traffic/model.ts';
import { idOf } from './format.ts';

const MAX_LINES_PER_SECOND = 20;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** The Common Log Format's time: `[06/Dec/2026:15:04:05 +0000]`. */
function clfTime(atMs: number): string {
  const d = new Date(SIM_EPOCH_MS + Math.floor(atMs));
  const date = `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}`;
  return `[${date}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000]`;
}

function nodeIp(state: ClusterState, hostname: string): string {
  return (state.agents.find((a) => a.hostname === hostname) ?? state.masters.find((m) => m.hostname === hostname))?.ip ?? hostname;
}

export interface TimedLine {
  at: number;
  line: string;
}

function clientLines(state: ClusterState, task: TaskState, client: TrafficClient, from: number, until: number): TimedLine[] {
  const addresses = Object.entries(client.backends)
    .filter(([, tally]) => tally.taskId === task.id)
    .map(([address]) => address);
  if (addresses.length === 0) return [];
  const ip = nodeIp(state, client.from);
  const bytes = idOf(`body:${task.id}`, 200, 4000);
  const out: TimedLine[] = [];
  for (const second of client.series) {
    if (second.at < from || second.at >= until) continue;
    const answered = addresses.reduce((n, a) => n + (second.byBackend[a] ?? 0) - (second.failedByBackend[a] ?? 0), 0);
    const lines = Math.min(answered, MAX_LINES_PER_SECOND);
    for (let k = 0; k < lines; k++) {
      const at = second.at + Math.floor((k * 1000) / lines);
      out.push({ at, line: `${ip} - - ${clfTime(at)} "GET / HTTP/1.1" 200 ${bytes}` });
    }
  }
  return out;
}

/** The task's request lines while it ran, oldest first. */
export function requestLines(state: ClusterState, task: TaskState): TimedLine[] {
  const running = task.statuses.find((s) => s.state === 'TASK_RUNNING');
  if (!running || !state.traffic) return [];
  const end = task.statuses.find((s) => s.timestamp >= running.timestamp && s.state !== 'TASK_RUNNING' && s.state !== 'TASK_STARTING');
  const until = end?.timestamp ?? Infinity;
  return state.traffic.clients.flatMap((c) => clientLines(state, task, c, running.timestamp, until)).sort((a, b) => a.at - b.at);
}
