/**
 * Shared bench plumbing: a section produces rows and goal verdicts; timings are medians after
 * a warm-up. Sections are listed in run.ts (allocator, constraint matching, Marathon placement,
 * Mesos' allocator benchmarks through the engine, simulated time).
 */
import type { Sandbox } from '../../src/sandbox/index.ts';

/** One measured configuration, as printed with --json (one object per line). */
export interface BenchRow {
  name: string;
  agents: number;
  roles: number;
  wasm_ms: number;
  /** NaN when the section does not run the twin (--json prints null). */
  ts_ms: number;
  /** ts_ms / wasm_ms: how many times faster the Wasm kernel is. */
  ratio: number;
  /** Section-specific figures, added to the row's --json object. */
  extra?: Record<string, number | string | number[]>;
}

export interface Goal {
  text: string;
  figure: string;
  met: boolean;
}

export interface BenchSection {
  title: string;
  /** When set, each --json row starts with `"section": id`. */
  id?: string;
  /** Measures every configuration; `log` reports progress on stderr. */
  run(log: (line: string) => void): Promise<BenchRow[]>;
  goals(rows: BenchRow[]): Goal[];
  /** Extra lines printed under the table. */
  notes?: string[];
  /** The section's own table (lines); the generic agents × roles table when absent. */
  table?(rows: BenchRow[]): string[];
}

export interface Timing {
  medianMs: number;
  reps: number;
}

/**
 * Median wall time of `fn` after `warmup` untimed calls: at least `minReps` timed calls, more
 * (up to `maxReps`) while the timed calls together stay under `budgetMs`.
 */
export function time(
  fn: () => void,
  { warmup, minReps, maxReps, budgetMs }: { warmup: number; minReps: number; maxReps: number; budgetMs: number },
): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  let spent = 0;
  while (samples.length < minReps || (samples.length < maxReps && spent < budgetMs)) {
    const t0 = performance.now();
    fn();
    const dt = performance.now() - t0;
    samples.push(dt);
    spent += dt;
  }
  samples.sort((a, b) => a - b);
  const mid = samples.length >> 1;
  const medianMs = samples.length % 2 ? samples[mid]! : (samples[mid - 1]! + samples[mid]!) / 2;
  return { medianMs, reps: samples.length };
}

export const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** One request to a sandbox; anything but a success stops the bench with the answer. */
export function request(sandbox: Sandbox, method: 'POST' | 'GET' | 'PUT', path: string, body?: unknown): unknown {
  const answer = sandbox.request({ method, path, body });
  if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}
