/** HA test helpers: a three- (or five-) master cluster with Marathon, and readers of the HA view. */
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import type { HaView } from '../../../src/common/view-types.ts';
import { agent } from '../../support/cluster.ts';
import { untilBooted, type Json } from '../../support/marathon.ts';

export interface HaOptions {
  masters?: number;
  agents?: Json[];
  apps?: Json[];
  maxAgentPingTimeouts?: number;
  roles?: Json;
  seed?: number;
}

/** Six agents over two zones and three racks. */
export const ZONED_AGENTS = [1, 2, 3, 4, 5, 6].map((i) =>
  agent(`a${i}`, { cpus: 4, mem: 4096, disk: 1024 }, { attributes: { zone: i <= 3 ? 'z1' : 'z2', rack: `r${((i - 1) % 3) + 1}` } }),
);

export function haScenario(opts: HaOptions = {}): Json {
  return {
    seed: opts.seed ?? 7,
    cluster: {
      masters: opts.masters ?? 3,
      agents: opts.agents ?? ZONED_AGENTS,
      roles: opts.roles ?? {},
      maxAgentPingTimeouts: opts.maxAgentPingTimeouts ?? 5,
    },
    frameworks: [],
    marathon: { role: '*', apps: opts.apps ?? [] },
  };
}

export async function haCluster(opts: HaOptions = {}): Promise<Sandbox> {
  const sb = await createSandbox(haScenario(opts), { allocator: 'ts', matcher: 'ts' });
  untilBooted(sb);
  return sb;
}

export const ha = (sb: Sandbox): HaView => sb.frame().ha;

export function hostOfMaster(sb: Sandbox, index: number | null): string {
  if (index === null) throw new Error('no such master');
  return sb.layout().masters[index]!.hostname;
}

export function faultBody(sb: Sandbox, body: Json): { status: number; body: Json } {
  return sb.request({ method: 'POST', path: '/sandbox/v1/faults', body }) as { status: number; body: Json };
}

/** Live Mesos task id → state, read from the task list of /mesos/master/tasks. */
export function taskStates(sb: Sandbox): Map<string, string> {
  const body = sb.request({ method: 'GET', path: '/mesos/master/tasks?limit=100000' }).body as {
    tasks: Array<{ id: string; state: string }>;
  };
  return new Map(body.tasks.map((t) => [t.id, t.state]));
}

/** Advance `ms` in steps of `stepMs`, calling `check` after each step. */
export function watch(sb: Sandbox, ms: number, stepMs: number, check: () => void): void {
  for (let t = 0; t < ms; t += stepMs) {
    sb.advance(stepMs);
    check();
  }
}

/** Advance (100 ms steps, at most `maxMs`) until `done`; returns the simulated ms waited. */
export function until(sb: Sandbox, done: () => boolean, maxMs: number): number {
  const start = sb.now;
  while (!done()) {
    if (sb.now - start > maxMs) throw new Error(`condition not met within ${maxMs} ms`);
    sb.advance(100);
  }
  return sb.now - start;
}
