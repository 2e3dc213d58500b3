/**
 * Jobs at scale: 10,000 Metronome jobs on schedules, in largeScenario's cluster of 1,000 agents. Measured:
 * - creating 1,000 through `POST /service/metronome/v1/jobs` (Metronome's validation, the cron read, the first timer),
 *   and booting a cluster whose scenario holds the 10,000 (the recorded writes of 10,000 POSTs would pass 2 MB);
 * - `GET /v1/jobs` with the Jobs page's embeds (every job's next run time, its history summary);
 * - one next cron time (croner, in the schedule's zone), what each fire pays, over 10,000 different crons;
 * - five simulated minutes of the whole engine without jobs, with the jobs spread over the hour (about 170 runs a
 *   minute, `m * * * *`), and with every job every minute (10,000 runs a minute, the worst case), side by side.
 * Each run's task takes 20 s, so runs overlap the way a busy cluster's do.
 */
import { largeScenario } from '../../src/common/scenario/examples.ts';
import { Cron } from 'croner';
import { nextRunAfter } from '../../src/common/metronome/cron-next.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { request, round3, time, type BenchRow, type BenchSection, type Goal } from './harness.ts';

const AGENTS = 1000;
const JOBS = 10_000;
const SIM_MS = 300_000;
/** A fire, its run's placement and its task's life should leave the engine at least this much faster than real time. */
const SPEEDUP_GOAL = 10;
/** The Jobs page polls the list every few seconds: it should answer well within one frame budget of a poll. */
const LIST_GOAL_MS = 250;

/** The cluster, with `cron(i)` for each of JOBS jobs present at boot (a script of 10,000 POSTs would pass the 2 MB of recorded writes). */
async function booted(cron?: (i: number) => string): Promise<Sandbox> {
  const scenario = largeScenario(AGENTS, 0);
  if (cron) scenario.metronome = { jobs: Array.from({ length: JOBS }, (_, i) => job(`bench.job-${i}`, cron(i))), behavior: {} };
  const sandbox = await createSandbox(scenario);
  while (sandbox.request({ method: 'GET', path: '/service/metronome/v1/jobs' }).status !== 200) sandbox.advance(1000);
  sandbox.advance(5000);
  return sandbox;
}

const job = (id: string, cron: string) => ({
  id,
  run: { cpus: 0.1, mem: 32, disk: 0, cmd: 'sleep 20' },
  schedules: [{ id: 'every', cron }],
});

/** POSTED jobs through the API, as the UI and the CLI create them (validation, the cron read, the first timer). */
const POSTED = 1000;

function createJobs(sandbox: Sandbox): number {
  const t0 = performance.now();
  for (let i = 0; i < POSTED; i++) request(sandbox, 'POST', '/service/metronome/v1/jobs', job(`posted.job-${i}`, `${i % 60} * * * *`));
  return performance.now() - t0;
}

function simulate(sandbox: Sandbox): number {
  const t0 = performance.now();
  sandbox.advance(SIM_MS);
  return performance.now() - t0;
}

const runs = (sandbox: Sandbox): number =>
  (
    request(sandbox, 'GET', '/service/metronome/v1/jobs?embed=historySummary') as Array<{ historySummary: { successCount: number } }>
  ).reduce((n, j) => n + j.historySummary.successCount, 0);

const row = (name: string, ms: number, extra: Record<string, number | string>): BenchRow => ({
  name,
  agents: AGENTS,
  roles: JOBS,
  wasm_ms: round3(ms),
  ts_ms: NaN,
  ratio: NaN,
  extra,
});

async function run(log: (line: string) => void): Promise<BenchRow[]> {
  const quiet = await booted();
  const createMs = createJobs(await booted());
  const t0 = performance.now();
  const spread = await booted((i) => `${i % 60} * * * *`);
  const bootMs = performance.now() - t0;
  const every = await booted(() => '* * * * *');
  log(`  metronome: clusters with ${JOBS} jobs booted`);

  const list = time(() => request(spread, 'GET', '/service/metronome/v1/jobs?embed=activeRuns&embed=schedules&embed=historySummary'), {
    warmup: 1,
    minReps: 3,
    maxReps: 10,
    budgetMs: 10_000,
  });
  const crons = Array.from({ length: JOBS }, (_, i) => `${i % 60} ${i % 24} * * ${i % 7}`);
  const zones = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata'];
  const t1 = performance.now();
  crons.forEach((c, i) => nextRunAfter(c, zones[i % zones.length]!, 1_767_225_600_000 + i * 60_000));
  const nextMs = (performance.now() - t1) / JOBS;
  // The same computations as the engine first made them: each cron parsed again, every zone looked up through Intl.
  const t2 = performance.now();
  crons.forEach((c, i) =>
    new Cron(`0 ${c} *`, { timezone: zones[i % zones.length]!, domAndDow: true, mode: '7-part', paused: true }).nextRun(
      new Date(1_767_225_600_000 + i * 60_000),
    ),
  );
  const unmemoizedMs = (performance.now() - t2) / JOBS;

  // Half a simulated minute each, untimed, so that no cluster pays the JIT's warm-up for the others.
  for (const sandbox of [quiet, spread, every]) sandbox.advance(30_000);
  const quietMs = simulate(quiet);
  const spreadMs = simulate(spread);
  const everyMs = simulate(every);
  log(`  metronome: ${SIM_MS / 60_000} simulated minutes three times`);
  return [
    row(`create ${POSTED} jobs (POST /v1/jobs)`, createMs, { per_job_ms: round3(createMs / POSTED) }),
    row(`boot with ${JOBS} jobs in the scenario`, bootMs, { jobs: JOBS }),
    row('GET /v1/jobs with the Jobs page embeds', list.medianMs, { jobs: JOBS }),
    row('one next cron time (croner, with zone)', nextMs, { crons: JOBS, speedup_vs_parsed_each_call: round3(unmemoizedMs / nextMs) }),
    row('one next cron time, parsed each call', unmemoizedMs, { crons: JOBS }),
    row('5 min, no jobs', quietMs, { sim_speedup: round3(SIM_MS / quietMs) }),
    row('5 min, jobs spread over the hour', spreadMs, {
      sim_speedup: round3(SIM_MS / spreadMs),
      runs_succeeded: runs(spread),
      cost_ratio: round3(spreadMs / quietMs),
    }),
    row('5 min, every job every minute', everyMs, {
      sim_speedup: round3(SIM_MS / everyMs),
      runs_succeeded: runs(every),
      cost_ratio: round3(everyMs / quietMs),
    }),
  ];
}

function table(rows: BenchRow[]): string[] {
  const head = ['measure', 'ms', 'figures'];
  const cells = rows.map((r) => [
    r.name,
    r.wasm_ms < 1 ? r.wasm_ms.toFixed(4) : r.wasm_ms.toFixed(1),
    Object.entries(r.extra ?? {})
      .map(([k, v]) => `${k} ${String(v)}`)
      .join(', '),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((cell) => cell[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 1 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('   ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('   '), ...cells.map(line)];
}

function goals(rows: BenchRow[]): Goal[] {
  const [, , list, , , , spread, every] = rows;
  return [
    {
      text: `the Jobs page's list of ${JOBS} jobs under ${LIST_GOAL_MS} ms`,
      figure: `${list!.wasm_ms.toFixed(1)} ms`,
      met: list!.wasm_ms < LIST_GOAL_MS,
    },
    {
      text: `${JOBS} jobs spread over the hour: the engine still runs ${SPEEDUP_GOAL}× faster than real time`,
      figure: `${String(spread!.extra!.sim_speedup)}×`,
      met: Number(spread!.extra!.sim_speedup) >= SPEEDUP_GOAL,
    },
    {
      text: `${JOBS} jobs every minute (worst case): still faster than real time`,
      figure: `${String(every!.extra!.sim_speedup)}×`,
      met: Number(every!.extra!.sim_speedup) >= 1,
    },
  ];
}

export const metronomeSection: BenchSection = {
  title: `Jobs at scale: ${JOBS} Metronome jobs on schedules, ${AGENTS} agents`,
  id: 'metronome',
  run,
  goals,
  table,
};
