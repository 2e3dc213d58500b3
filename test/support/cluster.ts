/** A small DSL for scenario tests: build a scenario, run it, read the API. */
import { createSandbox, type AllocatorChoice, type Sandbox } from '../../src/sandbox/index.ts';

type Json = Record<string, unknown>;

export function agent(hostname: string, resources: Json, extra: Json = {}): Json {
  return { hostname, resources: { disk: 0, gpus: 0, ...resources }, ...extra };
}

export function framework(name: string, role: string, task: Json, extra: Json = {}): Json {
  return { name, role, task, instances: 'unlimited', tasksPerOffer: 1, refuseSeconds: 5, taskDurationSeconds: null, ...extra };
}

export function scenario(agents: Json[], frameworks: Json[], roles: Json = {}, seed = 1): Json {
  return { seed, cluster: { masters: 1, agents, roles }, frameworks };
}

export async function run(s: Json, seconds: number, allocator: AllocatorChoice = 'wasm'): Promise<Sandbox> {
  const sb = await createSandbox(s, { allocator });
  sb.advance(seconds * 1000);
  return sb;
}

interface StateTask {
  state: string;
  framework_id: string;
  slave_id: string;
  resources: { cpus: number; mem: number };
}
interface StateFramework {
  id: string;
  name: string;
  role: string;
  tasks: StateTask[];
  offered_resources: { cpus: number; mem: number };
  used_resources: { cpus: number; mem: number };
}

export function frameworks(sb: Sandbox): StateFramework[] {
  return (sb.request({ method: 'GET', path: '/mesos/master/state' }).body as { frameworks: StateFramework[] }).frameworks;
}

/** Live (non-terminal) tasks per load framework name (Marathon, always registered, is left out). */
export function taskCounts(sb: Sandbox): Record<string, number> {
  return Object.fromEntries(
    frameworks(sb)
      .filter((f) => f.name !== 'marathon' && f.name !== 'metronome')
      .map((f) => [f.name, f.tasks.length]),
  );
}
