/**
 * Installing an SDK package to its deploy plan's COMPLETE on a 100-agent cluster (largeScenario: 16 cpus / 64 GiB
 * agents in 20 racks, Marathon on role '*', no load frameworks): `POST /package/install` with the package's defaults,
 * then `advance(1000)` until `GET /service/<name>/v1/plans/deploy` answers 200. What is paid is the whole engine
 * through the API: Marathon launching the scheduler, the framework subscribing, every offer cycle and the plan's
 * RESERVE/CREATE/LAUNCH accepts, polled once a simulated second. Each package runs once per kernel (Wasm and the
 * TypeScript twin), side by side; their histories must be equal.
 */
import { largeScenario } from '../../src/common/scenario/examples.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import type { BenchRow, BenchSection, Goal } from './harness.ts';

const AGENTS = 100;
const PACKAGES = ['kafka', 'cassandra', 'hdfs', 'elastic'] as const;
const BOOT_LIMIT_MS = 120_000;
const DEPLOY_LIMIT_MS = 1_800_000;
/** Goal: a default install reaches COMPLETE within this much wall time (the tutorial waits for it). */
const GOAL_WALL_MS = 2000;

interface Run {
  simMs: number;
  wallMs: number;
  hash: string;
}

async function install(pkg: string, kernel: 'wasm' | 'ts'): Promise<Run> {
  const sandbox = await createSandbox(largeScenario(AGENTS, 0), kernel === 'ts' ? { allocator: 'ts', matcher: 'ts' } : {});
  while (sandbox.request({ method: 'GET', path: '/marathon/v2/apps' }).status !== 200) {
    if (sandbox.now > BOOT_LIMIT_MS) throw new Error('Marathon did not come up');
    sandbox.advance(1000);
  }
  const t0 = performance.now();
  const start = sandbox.now;
  const res = sandbox.request({ method: 'POST', path: '/package/install', body: { packageName: pkg } });
  if (res.status !== 200) throw new Error(`install ${pkg} answered ${res.status}: ${JSON.stringify(res.body)}`);
  while (sandbox.request({ method: 'GET', path: `/service/${pkg}/v1/plans/deploy` }).status !== 200) {
    if (sandbox.now - start > DEPLOY_LIMIT_MS) throw new Error(`${pkg}: deploy plan not COMPLETE after ${DEPLOY_LIMIT_MS / 1000} s`);
    sandbox.advance(1000);
  }
  return { simMs: sandbox.now - start, wallMs: performance.now() - t0, hash: sandbox.historyHash() };
}

export const sdkSection: BenchSection & { dimension: string } = {
  id: 'sdk',
  title: `SDK packages: install to deploy COMPLETE on ${AGENTS} agents (defaults; whole engine through the API)`,
  dimension: 'sim s',
  async run(log) {
    const rows: BenchRow[] = [];
    // Warm-up (not kept): the first install of a process pays the JIT.
    await install('kafka', 'wasm');
    await install('kafka', 'ts');
    for (const pkg of PACKAGES) {
      const wasm = await install(pkg, 'wasm');
      const ts = await install(pkg, 'ts');
      if (wasm.hash !== ts.hash || wasm.simMs !== ts.simMs) throw new Error(`${pkg}: the kernels' histories differ`);
      log(
        `  ${pkg}: COMPLETE after ${wasm.simMs / 1000} simulated s; wall ${wasm.wallMs.toFixed(0)} ms (Wasm), ${ts.wallMs.toFixed(0)} ms (TS)`,
      );
      rows.push({
        name: pkg,
        agents: AGENTS,
        roles: wasm.simMs / 1000,
        wasm_ms: wasm.wallMs,
        ts_ms: ts.wallMs,
        ratio: ts.wallMs / wasm.wallMs,
        extra: { sim_s: wasm.simMs / 1000 },
      });
    }
    return rows;
  },
  goals(rows): Goal[] {
    const slowest = Math.max(...rows.map((r) => r.wasm_ms));
    return [
      {
        text: `every default install reaches COMPLETE within ${GOAL_WALL_MS} ms of wall time (Wasm)`,
        figure: `slowest ${slowest.toFixed(0)} ms`,
        met: slowest <= GOAL_WALL_MS,
      },
    ];
  },
  table(rows) {
    const head = ['package', 'sim s', 'wasm ms', 'ts ms', 'ts / wasm'];
    const cells = rows.map((r) => [r.name, String(r.roles), r.wasm_ms.toFixed(0), r.ts_ms.toFixed(0), `${r.ratio.toFixed(1)}×`]);
    const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
    const line = (row: string[]) => row.map((cell, c) => cell.padStart(widths[c]!)).join('   ');
    return [line(head), widths.map((w) => '-'.repeat(w)).join('   '), ...cells.map(line)];
  },
};
