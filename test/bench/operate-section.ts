/**
 * A simulated day of operating a large cluster: largeScenario's 1,000 agents with 10,000 Marathon tasks (10 apps ×
 * 1,000), one app crashing now and then (mean 1 h a task) and one leaking memory until the OOM killer ends its
 * tasks, so that tasks fail, back off and relaunch all day. Every simulated hour an operator reads: the leading
 * master's journal (its last 1,000 lines), the last 100 lines of every agent's journal, every node's metrics, and the
 * stderr of one crashed task. Reported: the engine's wall time per simulated second, the reads' cost, and the heap
 * (after a full GC) at the first hour and after 24 — logs are derived on read from bounded rings, so the heap must
 * stay flat.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { largeScenario } from '../../src/common/scenario/examples.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { request, round3, type BenchRow, type BenchSection, type Goal } from './harness.ts';

const AGENTS = 1000;
const APPS = 10;
const INSTANCES = 1000;
const TASKS = APPS * INSTANCES;
const HOURS = 24;
const HOUR_MS = 3_600_000;
/** The heap may grow this much from the first hour to the last (ring buffers filling up, V8's own slack). */
const FLAT_GOAL_MIB = 16;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMiB = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

async function deployed(): Promise<{ sandbox: Sandbox; agentIds: string[] }> {
  const sandbox = await createSandbox(largeScenario(AGENTS, 0));
  while (sandbox.request({ method: 'GET', path: '/marathon/v2/apps' }).status !== 200) sandbox.advance(1000);
  for (let i = 0; i < APPS; i++)
    request(sandbox, 'POST', '/marathon/v2/apps', { id: `/day/app-${i}`, cmd: 'sleep 1000000', instances: INSTANCES, cpus: 0.1, mem: 32 });
  request(sandbox, 'PUT', '/sandbox/v1/marathon/apps/day/app-0/behavior', { meanSecondsToCrash: 3600 });
  request(sandbox, 'PUT', '/sandbox/v1/marathon/apps/day/app-1/behavior', {
    usage: { profile: 'leak', cpus: 0.05, memMb: 8, memMbPerMinute: 1 },
  });
  while (sandbox.figures().tasks.running < TASKS * 0.9) {
    if (sandbox.now > 900_000) throw new Error('operate bench: the deployment did not finish');
    sandbox.advance(1000);
  }
  const state = request(sandbox, 'GET', '/mesos/master/state') as { slaves: Array<{ id: string }> };
  return { sandbox, agentIds: state.slaves.map((s) => s.id) };
}

/** What an operator reads in one go; returns the number of requests. */
function operatorReads(sandbox: Sandbox, agentIds: string[]): number {
  const get = (path: string) => sandbox.request({ method: 'GET', path, headers: { Accept: 'text/plain' } });
  get('/system/v1/leader/mesos/logs/v2/component?skip=-1000');
  for (const id of agentIds) get(`/system/v1/agent/${id}/logs/v2/component?skip=-100`);
  for (const id of agentIds) get(`/system/v1/agent/${id}/metrics/v0/node`);
  const failed = (
    request(sandbox, 'GET', '/mesos/master/tasks?order=desc&limit=10000') as { tasks: Array<{ id: string; state: string }> }
  ).tasks.find((t) => t.state === 'TASK_FAILED');
  if (failed) get(`/system/v1/logs/v2/task/${failed.id}/file/stderr`);
  return 2 + agentIds.length * 2 + (failed ? 1 : 0);
}

async function run(log: (line: string) => void): Promise<BenchRow[]> {
  const baseline = heapMiB();
  const { sandbox, agentIds } = await deployed();
  log(`  operate: ${AGENTS} agents, ${sandbox.figures().tasks.running} running tasks; a simulated day, hour by hour`);
  let advanceMs = 0;
  let readMs = 0;
  let reads = 0;
  const heap: number[] = [];
  for (let h = 1; h <= HOURS; h++) {
    const t0 = performance.now();
    sandbox.advance(HOUR_MS);
    const t1 = performance.now();
    reads += operatorReads(sandbox, agentIds);
    readMs += performance.now() - t1;
    advanceMs += t1 - t0;
    heap.push(heapMiB() - baseline);
    if (h % 6 === 0) log(`    hour ${h}: heap ${heap.at(-1)!.toFixed(1)} MiB over the baseline, ${sandbox.eventCount} events`);
  }
  const f = sandbox.figures();
  return [
    {
      name: 'a simulated day',
      agents: AGENTS,
      roles: TASKS,
      wasm_ms: round3(advanceMs / (HOURS * 3600)),
      ts_ms: NaN,
      ratio: NaN,
      extra: {
        read_ms_per_hour: round3(readMs / HOURS),
        reads_per_hour: reads / HOURS,
        heap_first_hour_mib: round3(heap[0]!),
        heap_last_hour_mib: round3(heap.at(-1)!),
        heap_max_mib: round3(Math.max(...heap)),
        events: sandbox.eventCount,
        running_at_end: f.tasks.running,
      },
    },
  ];
}

function goals(rows: BenchRow[]): Goal[] {
  const e = rows[0]!.extra!;
  const growth = (e.heap_last_hour_mib as number) - (e.heap_first_hour_mib as number);
  return [
    {
      text: `the heap stays flat over a simulated day (grows under ${FLAT_GOAL_MIB} MiB from hour 1 to hour ${HOURS})`,
      figure: `${(e.heap_first_hour_mib as number).toFixed(1)} → ${(e.heap_last_hour_mib as number).toFixed(1)} MiB (max ${(e.heap_max_mib as number).toFixed(1)})`,
      met: growth < FLAT_GOAL_MIB,
    },
    {
      text: "an hour's operator reads (every agent's journal tail and metrics, the leader's journal, a crash's stderr) cost under a second",
      figure: `${(e.read_ms_per_hour as number).toFixed(0)} ms for ${String(e.reads_per_hour)} requests`,
      met: (e.read_ms_per_hour as number) < 1000,
    },
  ];
}

function table(rows: BenchRow[]): string[] {
  const r = rows[0]!;
  const e = r.extra!;
  return [
    `engine: ${r.wasm_ms.toFixed(2)} ms wall per simulated second (${String(e.events)} events in the day; ${String(e.running_at_end)} tasks running at the end)`,
    `reads: ${(e.read_ms_per_hour as number).toFixed(0)} ms per simulated hour (${String(e.reads_per_hour)} requests)`,
    `heap over the baseline: hour 1 ${(e.heap_first_hour_mib as number).toFixed(1)} MiB, hour ${HOURS} ${(e.heap_last_hour_mib as number).toFixed(1)} MiB, max ${(e.heap_max_mib as number).toFixed(1)} MiB`,
  ];
}

export const operateSection: BenchSection = {
  title: `Operating a day: ${AGENTS} agents, ${TASKS} tasks, crashes and OOM kills, logs and metrics read hourly`,
  id: 'operate',
  run,
  goals,
  table,
};
