/**
 * Metrics on read: the usage model costs the engine nothing per simulated second (usage is a pure function of each
 * task's id, start and limits), so what a metrics poller pays is the reads themselves. In largeScenario's cluster of
 * 1,000 agents with 10,000 Marathon tasks (10 apps × 1,000, 0.1 cpus / 32 MiB), the same SIM_S simulated seconds are
 * advanced one second at a time three ways: without reads; reading every container once a simulated second (per
 * agent `GET …/metrics/v0/containers`, then `GET …/containers/{id}` for each); and reading every node
 * (`GET …/metrics/v0/node`) once a simulated second. The histories must stay equal: reads draw and schedule nothing.
 */
import { largeScenario } from '../../src/common/scenario/examples.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { request, round3, type BenchRow, type BenchSection, type Goal } from './harness.ts';

const AGENTS = 1000;
const APPS = 10;
const INSTANCES = 1000;
const TASKS = APPS * INSTANCES;
const SIM_S = 20;
/** A sweep of every container of the cluster should fit in this much wall time (a dashboard refresh). */
const SWEEP_GOAL_MS = 250;
/** A sweep of every node likewise. */
const NODE_SWEEP_GOAL_MS = 250;

async function deployed(): Promise<{ sandbox: Sandbox; agentIds: string[] }> {
  const sandbox = await createSandbox(largeScenario(AGENTS, 0));
  while (sandbox.request({ method: 'GET', path: '/marathon/v2/apps' }).status !== 200) sandbox.advance(1000);
  for (let i = 0; i < APPS; i++)
    request(sandbox, 'POST', '/marathon/v2/apps', {
      id: `/bench/app-${i}`,
      cmd: 'sleep 1000000',
      instances: INSTANCES,
      cpus: 0.1,
      mem: 32,
    });
  while (sandbox.figures().tasks.running < TASKS) {
    if (sandbox.now > 900_000) throw new Error('metrics bench: the deployment did not finish');
    sandbox.advance(1000);
  }
  // One collection after every task runs, so that every container is listed.
  sandbox.advance(60_000);
  const state = request(sandbox, 'GET', '/mesos/master/state') as { slaves: Array<{ id: string }> };
  return { sandbox, agentIds: state.slaves.map((s) => s.id) };
}

function sweepContainers(sandbox: Sandbox, agentIds: string[]): number {
  let read = 0;
  for (const id of agentIds) {
    const containers = request(sandbox, 'GET', `/system/v1/agent/${id}/metrics/v0/containers`) as string[];
    for (const c of containers) {
      request(sandbox, 'GET', `/system/v1/agent/${id}/metrics/v0/containers/${c}`);
      read++;
    }
  }
  return read;
}

function sweepNodes(sandbox: Sandbox, agentIds: string[]): number {
  for (const id of agentIds) request(sandbox, 'GET', `/system/v1/agent/${id}/metrics/v0/node`);
  return agentIds.length;
}

interface Run {
  wallMs: number;
  readMs: number;
  reads: number;
  hash: string;
}

/** SIM_S simulated seconds, one at a time, with `sweep` after each (timed apart from the advance). */
function advance(sandbox: Sandbox, sweep: (() => number) | null): Run {
  let readMs = 0;
  let reads = 0;
  const t0 = performance.now();
  for (let s = 0; s < SIM_S; s++) {
    sandbox.advance(1000);
    if (!sweep) continue;
    const r0 = performance.now();
    reads += sweep();
    readMs += performance.now() - r0;
  }
  return { wallMs: performance.now() - t0, readMs, reads, hash: sandbox.historyHash() };
}

const row = (name: string, r: Run, extra: Record<string, number | string> = {}): BenchRow => ({
  name,
  agents: AGENTS,
  roles: TASKS,
  wasm_ms: round3(r.wallMs / SIM_S),
  ts_ms: NaN,
  ratio: NaN,
  extra: { sim_s: SIM_S, wall_ms: round3(r.wallMs), read_ms_per_sim_s: round3(r.readMs / SIM_S), reads: r.reads, ...extra },
});

async function run(log: (line: string) => void): Promise<BenchRow[]> {
  const [quiet, containers, nodes] = [await deployed(), await deployed(), await deployed()];
  log(`  metrics: three clusters of ${AGENTS} agents with ${TASKS} running tasks`);
  const none = advance(quiet.sandbox, null);
  const withContainers = advance(containers.sandbox, () => sweepContainers(containers.sandbox, containers.agentIds));
  const withNodes = advance(nodes.sandbox, () => sweepNodes(nodes.sandbox, nodes.agentIds));
  const same = (r: Run) => (r.hash === none.hash ? 'same' : 'DIFFERENT');
  return [
    row('advance, no reads', none),
    row('advance + every container each sim s', withContainers, { history: same(withContainers) }),
    row('advance + every node each sim s', withNodes, { history: same(withNodes) }),
  ];
}

function goals(rows: BenchRow[]): Goal[] {
  const [none, containers, nodes] = rows as [BenchRow, BenchRow, BenchRow];
  const sweep = containers.extra!.read_ms_per_sim_s as number;
  const nodeSweep = nodes.extra!.read_ms_per_sim_s as number;
  const advanceOnly = (r: BenchRow) => r.wasm_ms - (r.extra!.read_ms_per_sim_s as number);
  return [
    {
      text: `reading all ${TASKS} containers once takes under ${SWEEP_GOAL_MS} ms`,
      figure: `${sweep.toFixed(1)} ms a sweep (${((sweep * 1000) / TASKS).toFixed(1)} µs a container)`,
      met: sweep < SWEEP_GOAL_MS,
    },
    {
      text: `reading all ${AGENTS} nodes once takes under ${NODE_SWEEP_GOAL_MS} ms`,
      figure: `${nodeSweep.toFixed(1)} ms a sweep`,
      met: nodeSweep < NODE_SWEEP_GOAL_MS,
    },
    {
      text: 'reads leave the history as it was and the engine no slower',
      figure: `history ${String(containers.extra!.history)}/${String(nodes.extra!.history)}; advance ${none.wasm_ms.toFixed(2)} ms a sim s without reads, ${advanceOnly(containers).toFixed(2)} / ${advanceOnly(nodes).toFixed(2)} ms with`,
      met: containers.extra!.history === 'same' && nodes.extra!.history === 'same',
    },
  ];
}

function table(rows: BenchRow[]): string[] {
  const head = ['case', 'wall ms / sim s', 'reads ms / sim s', 'reads / sim s'];
  const cells = rows.map((r) => [
    r.name,
    r.wasm_ms.toFixed(2),
    (r.extra!.read_ms_per_sim_s as number).toFixed(2),
    String((r.extra!.reads as number) / SIM_S),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('   '), ...cells.map(line)];
}

export const metricsSection: BenchSection = {
  title: `Metrics on read: ${AGENTS} agents, ${TASKS} tasks, ${SIM_S} simulated s one second at a time`,
  id: 'metrics',
  run,
  goals,
  table,
};
