/**
 * Reads every agent's dcos-metrics collection once per simulated minute (Telegraf collects once a minute: reading
 * more often brings nothing new). One request per agent, a few in flight at a time: the worker answers each in well
 * under a millisecond, and the page parses one agent's answer between two awaits, so a sweep of 1,000 agents never
 * holds the main thread for long.
 */
import type { ApiRequest, ApiResponse } from '../../../api/types.ts';
import { clusterUsage, parseAgentText, taskUsages, type AgentReading, type TaskUsage, type UsageSample } from './usage-metrics.ts';

export type Requester = (req: ApiRequest) => Promise<ApiResponse>;

export interface Sweep {
  sample: UsageSample;
  tasks: TaskUsage[];
  /** Agents that did not answer with a collection (down, or gone since the layout was read). */
  missing: number;
}

/** Points the charts keep: an hour of Telegraf's minutes. */
export const MAX_SAMPLES = 60;

export const metricsPath = (agentId: string): string => `/system/v1/agent/${encodeURIComponent(agentId)}/metrics/prometheus`;

export class UsageFeed {
  readonly #request: Requester;
  readonly #concurrency: number;
  /** Each agent's last collection, for the CPU rates of the next. */
  #previous = new Map<string, AgentReading>();

  constructor(request: Requester, concurrency = 4) {
    this.#request = request;
    this.#concurrency = concurrency;
  }

  /** Every agent's collection; null when none answered. */
  async sweep(agentIds: readonly string[]): Promise<Sweep | null> {
    const readings: Array<AgentReading | null> = new Array<AgentReading | null>(agentIds.length).fill(null);
    let next = 0;
    const reader = async (): Promise<void> => {
      while (next < agentIds.length) {
        const i = next++;
        const id = agentIds[i]!;
        const res = await this.#request({ method: 'GET', path: metricsPath(id) });
        readings[i] = res.status === 200 && typeof res.body === 'string' ? parseAgentText(id, res.body) : null;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, agentIds.length) }, reader));
    const tasks: TaskUsage[] = [];
    const kept = new Map<string, AgentReading>();
    let t = -Infinity;
    for (const reading of readings) {
      if (!reading) continue;
      for (const task of taskUsages(reading, this.#previous.get(reading.agentId))) tasks.push(task);
      kept.set(reading.agentId, reading);
      t = Math.max(t, reading.t);
    }
    this.#previous = kept;
    if (kept.size === 0) return null;
    return { sample: clusterUsage(tasks, t), tasks, missing: agentIds.length - kept.size };
  }
}

/** The series after a sample: appended when later, unchanged when of the same minute, alone after a trip back. */
export function pushUsage(series: readonly UsageSample[], sample: UsageSample, max = MAX_SAMPLES): readonly UsageSample[] {
  const last = series.at(-1);
  if (last && sample.t === last.t) return series;
  if (last && sample.t < last.t) return [sample];
  const next = [...series, sample];
  return next.length > max ? next.slice(next.length - max) : next;
}
