/**
 * Mesos' own allocator benchmarks, `DeclineOffers` and `SuppressOffers` of apache/mesos
 * src/tests/hierarchical_allocator_benchmarks.cpp, run through the engine's whole allocation
 * cycle instead of the bare kernel: runAllocation (filter expiry, packing, kernel, offers and
 * their history-hash lines, offers.deliver events) over every agent as onAllocateBatch runs it,
 * then declineOffer of every offer with an effectively infinite filter (refuse_seconds = a year).
 * One cycle = that allocation plus those declines.
 *
 * The workload is Mesos': agents of cpus:24;mem:4096;disk:4096;ports:[31000-32000], each already
 * running a task of 16 cpus / 2014 mem / 1024 disk / 16 port ranges for one framework; every
 * framework is in role '*'. Each round offers what is left of every agent (8 cpus / 2082 mem /
 * 3072 disk / the remaining ports) to one framework, which declines it with a year-long filter:
 * the next round has to skip one more framework per agent, so the filters pile up (agents × rounds).
 *
 * The state is built from a scenario with buildCluster, every agent and framework then marked
 * registered (Marathon, frameworks[0], stays unregistered: the allocator leaves it out). The
 * engine's context is a minimal one: record() feeds a real HistoryHash, schedule() discards the
 * events (the status updates of the placed tasks, the offers' delivery), and the seeded Rng draws
 * the agent orders. The same state is built twice, once per kernel; the history hashes after the
 * same number of rounds must be equal.
 */
import type { AllocationInput, AllocatorKernel } from '../../src/kernels/allocator/contract.ts';
import { tsAllocator } from '../../src/kernels/allocator/twin.ts';
import { loadWasmAllocator } from '../../src/kernels/allocator/wasm.ts';
import { tsMatcher } from '../../src/kernels/constraints/twin.ts';
import { validateScenario } from '../../src/common/scenario/validate.ts';
import type { PortRanges } from '../../src/common/scenario/types.ts';
import { buildCluster } from '../../src/engine/core/build.ts';
import type { SimContext } from '../../src/engine/core/events.ts';
import { HistoryHash } from '../../src/engine/core/history-hash.ts';
import type { ClusterState } from '../../src/engine/core/model.ts';
import { Rng } from '../../src/engine/core/rng.ts';
import { declineOffer, runAllocation, suppress } from '../../src/engine/mesos/master.ts';
import { acceptOffer } from '../../src/engine/mesos/accept.ts';
import { round3, type BenchRow, type BenchSection, type Goal } from './harness.ts';

const SEED = 2016;
/** Mesos clamps refuse_seconds to a year: the benchmark's "infinite" filter. */
const YEAR_SECONDS = 365 * 24 * 3600;
/** Simulated ms between cycles (the batch allocation interval); filters never expire within the run. */
const INTERVAL_MS = 1000;

/** The grid: agents × frameworks. */
const GRID: Array<[number, number]> = [
  [1000, 10],
  [1000, 100],
  [1000, 1000],
  [10000, 100],
  [10000, 1000],
];
/** Rounds are min(2F, MAX_ROUNDS), fewer when a kernel's rounds together pass its budget (wall ms per configuration and case). */
const MAX_ROUNDS = 40;
const WASM_BUDGET_MS = 4000;
const TS_BUDGET_MS = 4000;
/** Mesos' published figures, ms per cycle (DeclineOffers, 10,000 agents × 1,000 frameworks). */
const MESOS_MS: Record<string, number> = { 'DeclineOffers 10000x1000': 1060 };
const GOAL_SPEEDUP = 100;
const GOAL_FLAT = 1.5;

type CaseName = 'DeclineOffers' | 'SuppressOffers';
const CASES: CaseName[] = ['DeclineOffers', 'SuppressOffers'];

/** Mesos' `fragment(createRange(31000, 32000), 16)`: 16 ranges spread over the agent's ports (single ports here). */
const TASK_PORTS: PortRanges = Array.from({ length: 16 }, (_, k) => [31000 + 64 * k, 31000 + 64 * k] as [number, number]);

/** The kernel with a stopwatch: ms inside allocate() (for Wasm: packing into linear memory, the call, the read-back). */
class TimedKernel implements AllocatorKernel {
  ms = 0;
  constructor(readonly inner: AllocatorKernel) {}
  get name() {
    return this.inner.name;
  }
  allocate(input: AllocationInput) {
    const t0 = performance.now();
    const out = this.inner.allocate(input);
    this.ms += performance.now() - t0;
    return out;
  }
}

interface Bench {
  state: ClusterState;
  ctx: SimContext & { now: number };
  rng: Rng;
  hash: HistoryHash;
  /** Tasks placed per framework: how DRF spread the agents (Mesos assigns agent i to framework i % F). */
  spread: [number, number];
}

function scenario(agents: number, frameworks: number) {
  return validateScenario({
    seed: SEED,
    cluster: {
      name: 'mesos-bench',
      masters: 1,
      allocationIntervalMs: INTERVAL_MS,
      agents: [
        {
          hostname: 'agent',
          public: false,
          count: agents,
          resources: { cpus: 24, mem: 4096, disk: 4096, gpus: 0, ports: [[31000, 32000]] },
          attributes: {},
          reservations: {},
        },
      ],
      roles: {},
    },
    frameworks: Array.from({ length: frameworks }, (_, i) => ({
      name: `framework-${i}`,
      role: '*',
      task: { cpus: 16, mem: 2014, disk: 1024, gpus: 0, ports: 16 },
      instances: 1,
      tasksPerOffer: 1,
      refuseSeconds: YEAR_SECONDS,
      taskDurationSeconds: null,
    })),
    marathon: { role: '*', defaultAcceptedResourceRoles: null, apps: [], behavior: {} },
    script: [],
  });
}

/** A cluster of `agents` with `frameworks` subscribed, each agent running one task placed through the engine. */
function build(agents: number, frameworks: number, kernel: AllocatorKernel): Bench {
  const rng = Rng.fromSeed(SEED);
  const hash = new HistoryHash();
  const state = buildCluster(scenario(agents, frameworks), rng);
  const ctx = {
    now: 0,
    schedule: () => {},
    triggerAllocation: () => {},
    record: (text: string) => hash.add(text),
    randomInt: (min: number, max: number) => rng.int(min, max),
    random: () => rng.next(),
    randomUuid: () => rng.uuid(),
    matcher: tsMatcher,
  };
  for (const agent of state.agents) {
    agent.registered = true;
    agent.registeredAt = 0;
    agent.disconnected = false;
    agent.disconnectedAt = null;
  }
  for (const fw of state.frameworks.slice(1)) {
    fw.registered = true;
    fw.registeredAt = 0;
    fw.suppressedRoles = [];
  }
  // The running tasks, placed the engine's way: one allocation run over every agent (DRF hands
  // each agent to the framework with the lowest share, so the agents spread over the frameworks
  // about as Mesos' i % F does), then every offer accepted with a LAUNCH of the task's size.
  const all = state.agents.map((_, i) => i);
  const offers = runAllocation(ctx, state, kernel, rng, all);
  if (offers.length !== agents) throw new Error(`placement: ${offers.length} offers for ${agents} agents`);
  for (const offer of offers)
    acceptOffer(
      ctx,
      state,
      offer.id,
      [{ name: 'mesos-bench', portions: [{ pool: 0, scalars: [16, 2014, 1024, 0], ports: TASK_PORTS }] }],
      0,
    );
  const placed = state.frameworks.slice(1).map((f) => f.launched);
  return { state, ctx, rng, hash, spread: [Math.min(...placed), Math.max(...placed)] };
}

interface Rounds {
  /** Wall ms of each cycle. */
  ms: number[];
  /** Wall ms of each cycle inside kernel.allocate. */
  kernelMs: number[];
  /** History hash after each round. */
  hashes: string[];
  offers: number[];
  filters: number;
}

/** Up to `rounds` cycles, fewer once they together pass `budgetMs`. */
function runRounds(b: Bench, kind: CaseName, inner: AllocatorKernel, rounds: number, budgetMs: number): Rounds {
  const all = b.state.agents.map((_, i) => i);
  const kernel = new TimedKernel(inner);
  const out: Rounds = { ms: [], kernelMs: [], hashes: [], offers: [], filters: 0 };
  let spent = 0;
  for (let r = 0; r < rounds && (r === 0 || spent < budgetMs); r++) {
    b.ctx.now += INTERVAL_MS;
    kernel.ms = 0;
    const t0 = performance.now();
    const offers = runAllocation(b.ctx, b.state, kernel, b.rng, all);
    for (const offer of offers) declineOffer(b.ctx, b.state, offer.id, YEAR_SECONDS);
    const dt = performance.now() - t0;
    // SuppressOffers: after the first round every framework suppresses (not timed: it is one flag each).
    if (kind === 'SuppressOffers' && r === 0) for (const fw of b.state.frameworks.slice(1)) suppress(fw);
    out.ms.push(dt);
    out.kernelMs.push(kernel.ms);
    out.hashes.push(b.hash.hex);
    out.offers.push(offers.length);
    spent += dt;
  }
  out.filters = b.state.agents.reduce((n, agent) => n + agent.filters.length, 0);
  return out;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

const notes: string[] = [];
/** Per row: whether the Wasm and TS histories matched after the rounds both ran. */
const agreement: Array<{ label: string; same: boolean }> = [];

export const mesosSection: BenchSection & { dimension: string } = {
  id: 'mesos',
  title:
    "Mesos' allocator benchmarks (DeclineOffers, SuppressOffers) through the engine's whole allocation cycle: runAllocation over every agent + a decline of every offer (mean ms per cycle)",
  dimension: 'frameworks',
  async run(log) {
    const wasm = await loadWasmAllocator();
    // Warm-up: module loading and JIT of the engine's path, both kernels.
    for (const k of [wasm, tsAllocator]) runRounds(build(200, 10, k), 'DeclineOffers', k, 5, 1000);
    const rows: BenchRow[] = [];
    for (const kind of CASES) {
      for (const [agents, frameworks] of GRID) {
        const label = `${kind} ${agents}x${frameworks}`;
        const wanted = Math.min(2 * frameworks, MAX_ROUNDS);
        const bw = build(agents, frameworks, wasm);
        const w = runRounds(bw, kind, wasm, wanted, WASM_BUDGET_MS);
        const bt = build(agents, frameworks, tsAllocator);
        const t = runRounds(bt, kind, tsAllocator, w.ms.length, TS_BUDGET_MS);
        const n = t.ms.length;
        const same = t.hashes[n - 1] === w.hashes[n - 1];
        agreement.push({ label, same });
        // Compare means over the rounds both ran.
        const wasmMs = mean(w.ms);
        const wasmMsCommon = mean(w.ms.slice(0, n));
        const tsMs = mean(t.ms);
        const mesosMs = MESOS_MS[label];
        const pairs = agents * frameworks;
        log(
          `  ${label}: wasm ${wasmMs.toFixed(2)} ms/cycle over ${w.ms.length} rounds, ts ${tsMs.toFixed(2)} ms over ${n}; ` +
            `offers/round ${w.offers[0]}…${w.offers.at(-1)}, filters ${w.filters}; hashes ${same ? 'equal' : 'DIFFER'}; ` +
            `tasks per framework ${bw.spread[0]}–${bw.spread[1]}`,
        );
        rows.push({
          name: `mesos-${kind === 'DeclineOffers' ? 'decline' : 'suppress'}-offers`,
          agents,
          roles: frameworks,
          wasm_ms: round3(wasmMs),
          ts_ms: round3(tsMs),
          ratio: round3(tsMs / wasmMsCommon),
          extra: {
            case: kind,
            rounds_wasm: w.ms.length,
            rounds_ts: n,
            rounds_wanted: wanted,
            ...(mesosMs !== undefined ? { mesos_ms: mesosMs, speedup_vs_mesos: round3(mesosMs / wasmMs) } : {}),
            ns_per_pair: round3((wasmMs * 1e6) / pairs),
            kernel_wasm_ms: round3(mean(w.kernelMs)),
            kernel_ts_ms: round3(mean(t.kernelMs)),
            ts_ns_per_pair: round3((tsMs * 1e6) / pairs),
            first_cycle_wasm_ms: round3(w.ms[0]!),
            last_cycle_wasm_ms: round3(w.ms.at(-1)!),
            offers_first_round: w.offers[0]!,
            filters_at_end: w.filters,
            tasks_per_framework: `${bw.spread[0]}-${bw.spread[1]}`,
            same_history: same ? 'yes' : 'NO',
          },
        });
      }
    }
    return rows;
  },
  table(rows) {
    const head = [
      'case',
      'agents',
      'frameworks',
      'rounds w/ts',
      'wasm ms',
      'ts ms',
      'ts / wasm',
      'kernel ms w/ts',
      'ns/pair',
      'mesos ms',
      'vs mesos',
      'same hash',
    ];
    const cells = rows.map((r) => {
      const x = r.extra ?? {};
      const mesos = x.mesos_ms;
      return [
        String(x.case),
        String(r.agents),
        String(r.roles),
        `${x.rounds_wasm}/${x.rounds_ts} of ${x.rounds_wanted}`,
        r.wasm_ms.toFixed(2),
        r.ts_ms.toFixed(2),
        `${r.ratio.toFixed(1)}×`,
        `${Number(x.kernel_wasm_ms).toFixed(2)} / ${Number(x.kernel_ts_ms).toFixed(2)}`,
        Number(x.ns_per_pair).toFixed(2),
        mesos === undefined ? '' : String(mesos),
        mesos === undefined ? '' : `${Number(x.speedup_vs_mesos).toFixed(1)}×`,
        String(x.same_history),
      ];
    });
    const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
    const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   ');
    return [line(head), widths.map((w) => '-'.repeat(w)).join('   '), ...cells.map(line)];
  },
  goals(rows): Goal[] {
    const goals: Goal[] = [];
    const withMesos = rows.filter((r) => r.extra?.mesos_ms !== undefined);
    const slowest = withMesos.reduce<BenchRow | undefined>(
      (m, r) => (m === undefined || Number(r.extra!.speedup_vs_mesos) < Number(m.extra!.speedup_vs_mesos) ? r : m),
      undefined,
    );
    goals.push({
      text: `Wasm ≥ ${GOAL_SPEEDUP}× faster than Mesos' published cycle, every row with a Mesos figure`,
      figure: slowest
        ? `lowest ${Number(slowest.extra!.speedup_vs_mesos).toFixed(1)}× (${slowest.extra!.case} ${slowest.agents} × ${slowest.roles}: ${slowest.wasm_ms.toFixed(1)} ms vs ${slowest.extra!.mesos_ms} ms)`
        : 'no row with a Mesos figure',
      met: slowest !== undefined && withMesos.every((r) => Number(r.extra!.speedup_vs_mesos) >= GOAL_SPEEDUP),
    });
    for (const agents of [10000, 1000]) {
      const at = (f: number) => rows.find((r) => r.extra?.case === 'DeclineOffers' && r.agents === agents && r.roles === f);
      const a = at(100);
      const b = at(1000);
      const growth = a && b ? Number(b.extra!.ns_per_pair) / Number(a.extra!.ns_per_pair) : NaN;
      goals.push({
        text: `Flat cost per agent × framework pair (DeclineOffers, ${agents.toLocaleString('en-US')} agents): ns_per_pair at F=1000 ≤ ${GOAL_FLAT} × at F=100`,
        figure:
          a && b
            ? `${Number(b.extra!.ns_per_pair).toFixed(2)} vs ${Number(a.extra!.ns_per_pair).toFixed(2)} ns (${growth.toFixed(2)}×)`
            : 'not measured',
        met: growth <= GOAL_FLAT,
      });
    }
    const differ = agreement.filter((a) => !a.same).map((a) => a.label);
    goals.push({
      text: 'Same offers with the Wasm kernel and the TS twin (history hash after the rounds both ran)',
      figure: differ.length ? `differ: ${differ.join(', ')}` : `identical in ${agreement.length} rows`,
      met: differ.length === 0 && agreement.length > 0,
    });
    return goals;
  },
  notes: [
    "Workload: Mesos' DeclineOffers (hierarchical_allocator_benchmarks.cpp): agents cpus:24;mem:4096;disk:4096;ports:[31000-32000], each running",
    "one task of 16 cpus / 2014 mem / 1024 disk / 16 ports for one framework (placed by one engine allocation run + acceptOffer), frameworks in role '*'.",
    'A cycle: runAllocation over every agent (as onAllocateBatch), then declineOffer of every offer with refuse_seconds = 1 year (filters pile up).',
    'SuppressOffers: the same, and after the first round every framework suppresses (later cycles make no offers).',
    `Rounds: min(2F, ${MAX_ROUNDS}), cut when a kernel's rounds pass ${WASM_BUDGET_MS / 1000} s (Wasm) / ${TS_BUDGET_MS / 1000} s (twin); the twin runs at most as many as Wasm.`,
    'kernel ms: the part of the cycle inside kernel.allocate (Wasm: packing into linear memory, call, read-back); the rest is the engine (packing the run, offers, declines, filters, hashing).',
    'wasm/ts ms: mean per cycle over the rounds each ran (ts / wasm compares the rounds both ran); ns/pair = wasm ms × 1e6 / (agents × frameworks).',
    "Mesos' figure (1060 ms, 10,000 × 1,000) is its published DeclineOffers cycle; the machines differ, so the comparison is indicative.",
    ...notes,
  ],
};
