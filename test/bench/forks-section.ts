/**
 * What-if forks (docs/what-if-forks.md): a 4-way comparison of the default cluster, forked at 2:00 and run to a
 * simulated hour (sampled every simulated minute), the variants one after the other in this thread, then all four at
 * once in Node worker threads (one per variant, as the page runs one Web Worker per variant). Each worker registers
 * tsx's loader and loads this same file. Reported: the wall time of each way, and
 * whether the reports of both ways are identical (a parallel run must not change a history).
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ApiRequest } from '../../src/api/types.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import {
  compareVariants,
  forkScenarios,
  runVariant,
  type Variant,
  type VariantReport,
  type VariantScenario,
} from '../../src/sandbox/forks/index.ts';
import { round3, type BenchRow, type BenchSection, type Goal } from './harness.ts';

/** After the boot deployments (the /prod group's ends at 1:07): an app's PUT then needs no force. */
export const FORK_AT = 120_000;
export const UNTIL = 3_600_000;
export const SAMPLE_EVERY = 60_000;
export const BASELINE = 'as is';

interface Job {
  forksBench: true;
  variant: VariantScenario;
}

const api = defaultScenario.marathon.apps.find((a) => (a as { id?: unknown }).id === '/prod/api') as Record<string, unknown>;

/** The three changes compared with the cluster as is (the browser section runs the same ones). */
export function benchVariants(): Variant[] {
  const unique: ApiRequest = { method: 'PUT', path: '/marathon/v2/apps/prod/api', body: { ...api, constraints: [['hostname', 'UNIQUE']] } };
  return [
    { name: 'weight 3 on analytics', writes: [{ method: 'PUT', path: '/mesos/weights', body: [{ role: 'analytics', weight: 3 }] }] },
    { name: '/prod/api UNIQUE hostname', writes: [unique] },
    { name: 'private-1 removed', writes: [{ method: 'DELETE', path: '/sandbox/v1/agents/private-1' }] },
  ];
}

function variants(): VariantScenario[] {
  return forkScenarios(defaultScenario, FORK_AT, benchVariants(), { baseline: BASELINE });
}

const run = (v: VariantScenario): Promise<VariantReport> => runVariant(v, UNTIL, SAMPLE_EVERY);

/** One variant in a worker thread of its own (this file, run as the worker). */
function inWorker(variant: VariantScenario): Promise<{ report: VariantReport; runMs: number }> {
  return new Promise((resolve, reject) => {
    // tsx's loader does not reach worker threads by itself: the worker registers it (tsx/esm/api), then loads this file.
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: { forksBench: true, variant } satisfies Job });
    worker.once('message', (done: { report: VariantReport; runMs: number }) => {
      resolve(done);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

if (!isMainThread && (workerData as Partial<Job> | null)?.forksBench) {
  const job = workerData as Job;
  const t0 = performance.now();
  const report = await run(job.variant);
  parentPort?.postMessage({ report, runMs: performance.now() - t0 });
}

let parallelProblem: string | null = null;

export const forksSection: BenchSection = {
  title: 'What-if forks: a 4-way comparison of the default cluster over a simulated hour, one after the other and in worker threads',
  id: 'forks',
  async run(log) {
    const forks = variants();
    const t0 = performance.now();
    const sequential: VariantReport[] = [];
    for (const v of forks) sequential.push(await run(v));
    const sequentialMs = performance.now() - t0;
    log(`  one after the other: ${sequentialMs.toFixed(0)} ms`);
    const events = sequential.reduce((n, r) => n + r.events, 0);
    const extra = { variants: forks.length, simulated_ms: UNTIL, events, cores: availableParallelism() };
    const rows: BenchRow[] = [
      { name: 'sequential', agents: 14, roles: 4, wasm_ms: round3(sequentialMs), ts_ms: Number.NaN, ratio: Number.NaN, extra },
    ];
    try {
      const t1 = performance.now();
      const parallel = await Promise.all(forks.map(inWorker));
      const parallelMs = performance.now() - t1;
      const slowestRunMs = round3(Math.max(...parallel.map((p) => p.runMs)));
      log(
        `  in ${forks.length} worker threads: ${parallelMs.toFixed(0)} ms (the slowest run alone, once loaded: ${slowestRunMs.toFixed(0)} ms)`,
      );
      const same = JSON.stringify(parallel.map((p) => p.report)) === JSON.stringify(sequential) ? 1 : 0;
      rows.push({
        name: 'parallel',
        agents: 14,
        roles: 4,
        wasm_ms: round3(parallelMs),
        ts_ms: Number.NaN,
        ratio: Number.NaN,
        extra: { ...extra, same, slowest_run_ms: slowestRunMs },
      });
    } catch (e) {
      parallelProblem = e instanceof Error ? e.message : String(e);
      log(`  worker threads failed: ${parallelProblem}`);
    }
    for (const line of compareVariants(sequential).summary) log(`  ${line}`);
    return rows;
  },
  table(rows) {
    return rows.map((r) => {
      const run =
        r.extra?.slowest_run_ms === undefined ? '' : `, slowest worker's run once loaded ${Number(r.extra.slowest_run_ms).toFixed(0)} ms`;
      return `${r.name.padEnd(10)} ${r.wasm_ms.toFixed(0).padStart(7)} ms wall  (${String(r.extra?.variants)} variants, ${String(r.extra?.events)} events${run})`;
    });
  },
  goals(rows): Goal[] {
    const seq = rows.find((r) => r.name === 'sequential');
    const par = rows.find((r) => r.name === 'parallel');
    if (!seq || !par) return [{ text: 'the variants run in worker threads', figure: parallelProblem ?? 'not run', met: false }];
    return [
      {
        text: 'reports from worker threads identical to those run one after the other',
        figure: par.extra?.same === 1 ? 'identical' : 'DIFFERENT',
        met: par.extra?.same === 1,
      },
      {
        text: `in parallel faster than one after the other (${String(par.extra?.cores)} cores)`,
        figure: `${par.wasm_ms.toFixed(0)} ms vs ${seq.wasm_ms.toFixed(0)} ms (${(seq.wasm_ms / par.wasm_ms).toFixed(2)}×)`,
        met: par.wasm_ms < seq.wasm_ms,
      },
    ];
  },
};
