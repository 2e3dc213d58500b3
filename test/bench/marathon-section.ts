/**
 * Marathon placing 10,000 instances of one app across 1,000 agents, the whole engine running:
 * POST /marathon/v2/apps, then the simulation advances until the deployment is done. Reported
 * in simulated time (POST → all 10,000 tasks TASK_RUNNING, and → the deployment gone) and in
 * wall time (ms of CPU to simulate it: the POST and the advance calls, nothing else), once with
 * the Wasm matcher and once with the TypeScript twin. The two runs must have the same history.
 *
 * The cluster is largeScenario's: 1,000 agents of 16 cpus / 64 GiB on 20 racks (attribute
 * `rack`), Marathon on role '*', no load frameworks. The app asks 0.1 cpus and 32 MiB, so
 * without constraints an offer holds 160 instances; MAX_PER hostname 10 spreads them over
 * every agent; GROUP_BY rack 20 asks for all 20 racks.
 */
import type { ConstraintMatcher, MatchInput, MatchOptions } from '../../src/kernels/constraints/contract.ts';
import { tsMatcher } from '../../src/kernels/constraints/twin.ts';
import { loadWasmMatcher } from '../../src/kernels/constraints/wasm.ts';
import { loadWasmAllocator } from '../../src/kernels/allocator/wasm.ts';
import { largeScenario } from '../../src/common/scenario/examples.ts';
import { validateScenario } from '../../src/common/scenario/validate.ts';
import { Simulation } from '../../src/engine/simulation.ts';
import { createRouter } from '../../src/api/router.ts';
import type { ApiRequest, ApiResponse } from '../../src/api/types.ts';
import { API_SERVICES, SUBSYSTEMS } from '../../src/sandbox/components.ts';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { round3, type BenchRow, type BenchSection, type Goal } from './harness.ts';

const AGENTS = 1000;
const INSTANCES = 10_000;
/** The deployment at scale: one app of this many instances on this many agents, Wasm only, one run each. */
const BIG_AGENTS = 10_000;
const BIG_INSTANCES = 100_000;
/** Instances placed (running) per wall second at scale: kube-scheduler's published floor at 5,000 nodes is ~700 pods/s. */
const BIG_GOAL_PER_S = 20_000;
const APP_ID = '/bench';
const REPS = 3;
/** Simulated ms to give up after: a deployment that has not finished by then is reported as such. */
const GIVE_UP_MS = 120_000;
/** The cluster boots before the POST (leaders elected, every agent registered, Marathon subscribed), in steps of this many ms. */
const BOOT_STEP_MS = 100;
const BOOT_LIMIT_MS = 60_000;

const APPS: { label: string; constraints: string[][] }[] = [
  { label: 'none', constraints: [] },
  { label: 'hostname MAX_PER 10', constraints: [['hostname', 'MAX_PER', '10']] },
  { label: 'rack GROUP_BY 20', constraints: [['rack', 'GROUP_BY', '20']] },
];

/** A full collection before each timed run, so one run does not pay for the previous run's garbage. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** The matcher with a stopwatch: calls, cells asked (groups × agents) and ms inside match(). */
class TimedMatcher implements ConstraintMatcher {
  calls = 0;
  cells = 0;
  ms = 0;
  constructor(readonly inner: ConstraintMatcher) {}
  get name() {
    return this.inner.name;
  }
  match(input: MatchInput, options?: MatchOptions) {
    const t0 = performance.now();
    const out = this.inner.match(input, options);
    this.ms += performance.now() - t0;
    this.calls++;
    this.cells += input.nPending * input.nAgents;
    return out;
  }
}

interface Run {
  /** Simulated ms from the POST until the last task reached TASK_RUNNING, and until the deployment was gone. */
  runningMs: number;
  deployedMs: number;
  running: number;
  wallMs: number;
  matcherCalls: number;
  matcherCells: number;
  matcherMs: number;
  events: number;
  hash: string;
}

const route = createRouter(API_SERVICES);

/** The API call the sandbox would make, straight to the simulation (the bench reads its state afterwards). */
function request(sim: Simulation, req: ApiRequest): ApiResponse {
  sim.record(`${sim.now} api ${req.method} ${req.path} ${JSON.stringify(req.body)}`);
  return route({ state: sim.state, ctx: sim.context }, req);
}

function booted(sim: Simulation): boolean {
  const { state } = sim;
  return (
    state.masters.some((m) => m.marathon === 'leader') &&
    state.agents.every((a) => a.registered) &&
    state.frameworks.every((f) => f.registered)
  );
}

async function place(constraints: string[][], matcher: ConstraintMatcher, agents = AGENTS, instances = INSTANCES): Promise<Run> {
  const timed = new TimedMatcher(matcher);
  const sim = new Simulation(validateScenario(largeScenario(agents, 0)), SUBSYSTEMS, {
    allocator: await loadWasmAllocator(),
    matcher: timed,
  });
  while (!booted(sim)) {
    if (sim.now > BOOT_LIMIT_MS) throw new Error('the cluster did not boot within a minute');
    sim.runUntil(sim.now + BOOT_STEP_MS);
  }
  collectGarbage();
  const start = sim.now;
  const events0 = sim.eventCount;
  const t0 = performance.now();
  const posted = request(sim, {
    method: 'POST',
    path: '/marathon/v2/apps',
    body: { id: APP_ID, cmd: 'sleep 1000000', instances, cpus: 0.1, mem: 32, constraints },
  });
  const deploymentId = (posted.body as { deployments?: { id: string }[] }).deployments?.[0]?.id;
  if (posted.status !== 201 || deploymentId === undefined)
    throw new Error(`POST ${APP_ID} answered ${posted.status}: ${JSON.stringify(posted.body)}`);
  const m = sim.state.marathon;
  // 1 ms steps: the deployment's end is exact, and a step with no event costs next to nothing.
  while (m.deployments.some((d) => d.id === deploymentId) && sim.now - start < GIVE_UP_MS) sim.runUntil(sim.now + 1);
  const wallMs = performance.now() - t0;
  let running = 0;
  let lastRunning = start;
  for (const id in sim.state.tasks) {
    const task = sim.state.tasks[id]!;
    if (task.frameworkId !== m.frameworkId || task.state !== 'TASK_RUNNING') continue;
    running++;
    const at = task.statuses.find((s) => s.state === 'TASK_RUNNING')?.timestamp ?? start;
    lastRunning = Math.max(lastRunning, at);
  }
  return {
    runningMs: lastRunning - start,
    deployedMs: sim.now - start,
    running,
    wallMs,
    matcherCalls: timed.calls,
    matcherCells: timed.cells,
    matcherMs: timed.ms,
    events: sim.eventCount - events0,
    hash: sim.historyHash,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** What the goals check besides the rows: every run finished with every task running, the same history with either matcher. */
const checks: { label: string; allRunning: boolean; sameHistory: boolean }[] = [];
/** The deployments at scale: instances running per wall second (POST to deployment done), per constraint. */
const big: { label: string; running: number; wallMs: number; deployedMs: number; matcherCalls: number }[] = [];
const BIG_APPS: { label: string; constraints: string[][] }[] = [
  { label: 'none', constraints: [] },
  { label: 'hostname MAX_PER 10', constraints: [['hostname', 'MAX_PER', '10']] },
  { label: 'rack GROUP_BY 20', constraints: [['rack', 'GROUP_BY', '20']] },
];
const notes = [
  `Cluster: largeScenario(${AGENTS}, 0): 16 cpus / 64 GiB agents on 20 racks, Marathon role '*', no load frameworks; the app asks 0.1 cpus, 32 MiB.`,
  'sim ms: simulated time from the POST until every task is TASK_RUNNING (running) and until the deployment is gone (deployed).',
  `wall ms: median of ${REPS} runs of the POST plus the advance calls up to the deployment's end (engine, API and matcher), per matcher.`,
  'matcher: batch calls during the run, and the ms inside match() only (interning the batch not included), Wasm / TS.',
];

export const marathonSection: BenchSection & { dimension: string } = {
  title: `Marathon placement: one app, ${INSTANCES.toLocaleString('en-US')} instances on ${AGENTS.toLocaleString('en-US')} agents, from POST to deployment done (simulated and wall time)`,
  dimension: 'instances',
  async run(log) {
    const wasm = await loadWasmMatcher();
    await place([], wasm); // warm-up: module loading and JIT
    const rows: BenchRow[] = [];
    for (const app of APPS) {
      const w: Run[] = [];
      const t: Run[] = [];
      for (let rep = 0; rep < REPS; rep++) {
        // Alternate which matcher goes first.
        if (rep % 2 === 0) w.push(await place(app.constraints, wasm));
        t.push(await place(app.constraints, tsMatcher));
        if (rep % 2 === 1) w.push(await place(app.constraints, wasm));
      }
      const first = w[0]!;
      const all = [...w, ...t];
      checks.push({
        label: app.label,
        allRunning: all.every((r) => r.running === INSTANCES && r.deployedMs < GIVE_UP_MS),
        sameHistory: all.every((r) => r.hash === first.hash),
      });
      const wasmMs = median(w.map((r) => r.wallMs));
      const tsMs = median(t.map((r) => r.wallMs));
      const matcherWasm = median(w.map((r) => r.matcherMs));
      const matcherTs = median(t.map((r) => r.matcherMs));
      log(
        `  constraints ${app.label}: sim ${first.runningMs} ms to all running, ${first.deployedMs} ms to deployed (${first.running} running); ` +
          `wall wasm ${wasmMs.toFixed(0)} ms, ts ${tsMs.toFixed(0)} ms; matcher ${first.matcherCalls} calls, wasm ${matcherWasm.toFixed(1)} ms, ts ${matcherTs.toFixed(1)} ms`,
      );
      if (first.matcherCalls > 0) {
        notes.push(
          `${app.label}: ${first.matcherCalls} matcher calls (${first.matcherCells.toLocaleString('en-US')} group × agent cells) take ${((matcherWasm / wasmMs) * 100).toFixed(1)}% of the wall time with Wasm, ` +
            `${((matcherTs / tsMs) * 100).toFixed(1)}% with the twin: the rest of the engine sets the pace.`,
        );
      }
      rows.push({
        name: 'marathon-placement',
        agents: AGENTS,
        roles: INSTANCES,
        wasm_ms: round3(wasmMs),
        ts_ms: round3(tsMs),
        ratio: round3(tsMs / wasmMs),
        extra: {
          constraints: app.label,
          sim_running_ms: first.runningMs,
          sim_deployed_ms: first.deployedMs,
          tasks_running: first.running,
          events: first.events,
          matcher_calls: first.matcherCalls,
          matcher_cells: first.matcherCells,
          matcher_wasm_ms: round3(matcherWasm),
          matcher_ts_ms: round3(matcherTs),
        },
      });
    }
    for (const app of BIG_APPS) {
      collectGarbage();
      const r = await place(app.constraints, wasm, BIG_AGENTS, BIG_INSTANCES);
      big.push({ label: app.label, running: r.running, wallMs: r.wallMs, deployedMs: r.deployedMs, matcherCalls: r.matcherCalls });
      log(
        `  at scale, constraints ${app.label}: ${r.running} running, deployed after ${r.deployedMs} simulated ms, ` +
          `${(r.wallMs / 1000).toFixed(2)} s wall (${Math.round(r.running / (r.wallMs / 1000))} instances/s), ${r.matcherCalls} matcher calls`,
      );
      notes.push(
        `At scale (${BIG_AGENTS.toLocaleString('en-US')} agents, one app of ${BIG_INSTANCES.toLocaleString('en-US')}), ${app.label}: ` +
          `${r.running.toLocaleString('en-US')} running in ${(r.wallMs / 1000).toFixed(2)} s wall, ${Math.round(r.running / (r.wallMs / 1000)).toLocaleString('en-US')} instances/s ` +
          `(${(r.deployedMs / 1000).toFixed(1)} simulated s; Wasm matcher, one run, the cluster booted beforehand).`,
      );
    }
    return rows;
  },
  table(rows) {
    const head = [
      'constraints',
      'sim ms running',
      'sim ms deployed',
      'wall ms wasm',
      'wall ms ts',
      'ts / wasm',
      'matcher calls',
      'matcher ms wasm / ts',
    ];
    const cells = rows.map((r) => {
      const x = r.extra ?? {};
      return [
        String(x.constraints),
        String(x.sim_running_ms),
        String(x.sim_deployed_ms),
        r.wasm_ms.toFixed(0),
        r.ts_ms.toFixed(0),
        `${r.ratio.toFixed(2)}×`,
        String(x.matcher_calls),
        `${Number(x.matcher_wasm_ms).toFixed(1)} / ${Number(x.matcher_ts_ms).toFixed(1)}`,
      ];
    });
    const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
    const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   ');
    return [line(head), widths.map((w) => '-'.repeat(w)).join('   '), ...cells.map(line)];
  },
  goals(rows): Goal[] {
    const bad = checks.filter((c) => !c.allRunning).map((c) => c.label);
    const diverged = checks.filter((c) => !c.sameHistory).map((c) => c.label);
    const slowest = rows.reduce((m, r) => Math.max(m, r.wasm_ms, r.ts_ms), 0);
    return [
      {
        text: `Every run ends with ${INSTANCES.toLocaleString('en-US')} tasks TASK_RUNNING and the deployment done`,
        figure: bad.length ? `not for: ${bad.join(', ')}` : `${checks.length} apps × ${REPS * 2} runs`,
        met: bad.length === 0 && checks.length === APPS.length,
      },
      {
        text: 'Same history with the Wasm matcher and the TS twin (history hash)',
        figure: diverged.length ? `differs for: ${diverged.join(', ')}` : 'identical',
        met: diverged.length === 0 && checks.length === APPS.length,
      },
      ...BIG_APPS.map((app): Goal => {
        const r = big.find((b) => b.label === app.label);
        const perS = r ? r.running / (r.wallMs / 1000) : 0;
        return {
          text: `At scale, ${app.label}: ${BIG_INSTANCES.toLocaleString('en-US')} instances on ${BIG_AGENTS.toLocaleString('en-US')} agents at ≥ ${BIG_GOAL_PER_S.toLocaleString('en-US')} instances per wall second`,
          figure: r
            ? `${Math.round(perS).toLocaleString('en-US')}/s (${r.running.toLocaleString('en-US')} running in ${(r.wallMs / 1000).toFixed(2)} s)`
            : 'not measured',
          met: r !== undefined && r.running === BIG_INSTANCES && perS >= BIG_GOAL_PER_S,
        };
      }),
      {
        text: 'Simulating the placement takes under 60 s of wall time',
        figure: `slowest ${(slowest / 1000).toFixed(2)} s`,
        met: slowest < 60_000,
      },
    ];
  },
  notes,
};
