/**
 * Constraint matching, Wasm kernel and TypeScript twin side by side on the same inputs: every
 * pending instance group (one app each: UNIQUE hostname, MAX_PER rack 2 or GROUP_BY zone, LIKE on
 * the disk attribute, with up to 20 instances already placed) against every agent. The time is
 * what Marathon pays per batch once the input is interned: matcher.match, i.e. for Wasm packing
 * the input into linear memory, the call, and copying the answer out (the match bitset). The
 * Debug view's variant, which also answers the first failing constraint of every pair (a matrix
 * 8 times larger than the bitset), is timed the same way and reported under the table. Interning
 * (strings → MatchInput) is done once, outside the timed loop, and reported separately too.
 *
 * BenchRow keeps the second dimension in `roles`: here it is the number of pending groups, which
 * the table and --json print as `pending` (the section's `dimension`).
 */
import { matchingAgents, type ConstraintMatcher, type MatchInput, type MatchOutput } from '../../src/kernels/constraints/contract.ts';
import { internMatch } from '../../src/kernels/constraints/pack.ts';
import type { AgentSpec, MarathonConstraint, MatchRequest, PendingSpec } from '../../src/kernels/constraints/parse.ts';
import { tsMatcher } from '../../src/kernels/constraints/twin.ts';
import { loadWasmMatcher } from '../../src/kernels/constraints/wasm.ts';
import { mulberry32 } from '../kernels/random-cluster.ts';
import { round3, time, type BenchRow, type BenchSection } from './harness.ts';

const SIZES: [agents: number, pending: number][] = [
  [1000, 100],
  [10000, 1000],
];
const GOAL_MS = 20;
const GOAL_RATIO = 3;
const DISKS = ['ssd', 'hdd', 'nvme'];
const LIKES = ['ssd|nvme', 'ssd', 'hdd|ssd'];
const pad = (i: number) => String(i).padStart(5, '0');

export function batch(nAgents: number, nPending: number): MatchRequest {
  const random = mulberry32(nAgents * 31 + nPending);
  const agents: AgentSpec[] = Array.from({ length: nAgents }, (_, a) => {
    const attributes: Record<string, string | number> = {
      rack: `rack-${Math.floor(a / 100)}`,
      zone: `zone-${a % 3}`,
      gen: 1 + (a % 4) / 2,
    };
    if (random() > 0.05) attributes.disk = DISKS[Math.floor(random() * DISKS.length)]!; // 5% lack a disk type
    return { hostname: `agent-${pad(a)}.dc1.example.com`, attributes };
  });
  const pending: PendingSpec[] = Array.from({ length: nPending }, (_, g) => {
    const constraints: MarathonConstraint[] = [
      ['hostname', 'UNIQUE'],
      g % 2 === 0 ? ['rack', 'MAX_PER', '2'] : ['zone', 'GROUP_BY', '3'],
      ['disk', 'LIKE', LIKES[g % LIKES.length]!],
    ];
    const placed = Array.from({ length: Math.floor(random() * 21) }, () => Math.floor(random() * nAgents));
    return { constraints, placed };
  });
  return { agents, pending };
}

function matchingAgentsShare(out: MatchOutput): number {
  let n = 0;
  for (let g = 0; g < out.nPending; g++) n += matchingAgents(out, g).length;
  return n / (out.nPending * out.nAgents);
}

function sameAnswer(a: MatchOutput, b: MatchOutput): boolean {
  const [x, y] = [a.firstFailing ?? new Int8Array(0), b.firstFailing ?? new Int8Array(0)];
  return (
    a.match.length === b.match.length && a.match.every((v, i) => v === b.match[i]) && x.length === y.length && x.every((v, i) => v === y[i])
  );
}

/** The Debug-view variant's timings, measured alongside the rows. */
const debugRuns: { agents: number; pending: number; wasmMs: number; ratio: number }[] = [];
const notes = [
  'Each group: UNIQUE hostname; MAX_PER rack 2 (even groups) or GROUP_BY zone (odd); LIKE disk. 100 agents per rack, 3 zones, 5% of agents lack `disk`.',
  'The twin checks every (group, agent) pair. The kernel visits only the agents each constraint rejects (agents are bucketed by value once per batch),',
  'and value-only constraints that recur (LIKE, UNLIKE, IS, CLUSTER with a value) get a reject mask, applied 8 agents at a time.',
];

export const constraintSection: BenchSection & { dimension: string } = {
  title: 'Constraint matching: pending instance groups × agents, 3 constraints each (median ms per batch, packing and read-back included)',
  dimension: 'pending',
  async run(log) {
    const wasm: ConstraintMatcher = await loadWasmMatcher();
    const rows: BenchRow[] = [];
    for (const [agents, pending] of SIZES) {
      const request = batch(agents, pending);
      let input: MatchInput = internMatch(request);
      const interning = time(() => (input = internMatch(request)), { warmup: 1, minReps: 3, maxReps: 9, budgetMs: 1000 });
      const debug = { firstFailing: true };
      if (!sameAnswer(wasm.match(input, debug), tsMatcher.match(input, debug)))
        throw new Error(`the matchers disagree at ${agents} agents × ${pending} pending`);
      const matched = wasm.match(input);
      const share = matchingAgentsShare(matched);
      const timed = (run: (m: ConstraintMatcher) => MatchOutput): [wasm: number, ts: number] => {
        const w = time(() => run(wasm), { warmup: 5, minReps: 15, maxReps: 101, budgetMs: 1500 });
        const t = time(() => run(tsMatcher), { warmup: 1, minReps: 3, maxReps: 15, budgetMs: 4000 });
        return [round3(w.medianMs), round3(t.medianMs)];
      };
      const [wasmMs, tsMs] = timed((m) => m.match(input));
      const [debugWasm, debugTs] = timed((m) => m.match(input, debug));
      log(
        `  ${agents} × ${pending}: wasm ${wasmMs.toFixed(3)} ms, ts ${tsMs.toFixed(1)} ms; with first-failing: wasm ${debugWasm.toFixed(3)} ms, ts ${debugTs.toFixed(1)} ms; interning ${interning.medianMs.toFixed(1)} ms`,
      );
      rows.push({ name: 'constraint-match', agents, roles: pending, wasm_ms: wasmMs, ts_ms: tsMs, ratio: round3(tsMs / wasmMs) });
      debugRuns.push({ agents, pending, wasmMs: debugWasm, ratio: debugTs / debugWasm });
      notes.push(
        `At ${agents} × ${pending}: with first-failing indices (Debug view) wasm ${debugWasm.toFixed(3)} ms, ts ${debugTs.toFixed(1)} ms (${(debugTs / debugWasm).toFixed(1)}×); ` +
          `interning ${interning.medianMs.toFixed(1)} ms (once per batch, not timed); ${(share * 100).toFixed(1)}% of pairs match.`,
      );
    }
    return rows;
  },
  goals(rows) {
    const big = rows.find((r) => r.agents === 10000 && r.roles === 1000);
    const bigDebug = debugRuns.find((r) => r.agents === 10000 && r.pending === 1000);
    const worst = rows.reduce((m, r) => (r.ratio < m.ratio ? r : m), rows[0]!);
    const worstDebug = debugRuns.reduce((m, r) => Math.min(m, r.ratio), Infinity);
    return [
      {
        text: `Wasm ≤ ${GOAL_MS} ms per batch at 10,000 agents × 1,000 pending groups`,
        figure: big ? `${big.wasm_ms.toFixed(2)} ms` : 'not measured',
        met: big !== undefined && big.wasm_ms <= GOAL_MS,
      },
      {
        text: `The same with first-failing indices (Debug view)`,
        figure: bigDebug ? `${bigDebug.wasmMs.toFixed(2)} ms` : 'not measured',
        met: bigDebug !== undefined && bigDebug.wasmMs <= GOAL_MS,
      },
      {
        text: `Wasm ≥ ${GOAL_RATIO}× faster than the twin, every configuration`,
        figure: `lowest ${worst.ratio.toFixed(1)}× (${worst.agents} × ${worst.roles}), ${worstDebug.toFixed(1)}× with first-failing`,
        met: worst.ratio >= GOAL_RATIO && worstDebug >= GOAL_RATIO,
      },
    ];
  },
  notes,
};
