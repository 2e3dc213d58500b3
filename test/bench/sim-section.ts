/**
 * Simulated time against wall time: how fast the whole engine runs a steady cluster. A sandbox
 * (createSandbox, Wasm kernels) boots largeScenario's cluster (16 cpus / 64 GiB agents, Marathon on
 * role '*', no load frameworks), Marathon gets its apps through the API (POST /marathon/v2/apps,
 * 0.1 cpus / 32 MiB instances) and the simulation advances until every task is TASK_RUNNING.
 * Then `sandbox.advance(duration)` alone is timed: sim_s / wall_s is the speed-up over real time.
 *
 * "with churn": the same apps, but each task crashes after an exponential time of mean
 * CHURN_MEAN_S (PUT /sandbox/v1/marathon/apps/{id}/behavior meanSecondsToCrash) and Marathon
 * relaunches it (backoff 1 s, factor 1: the backoff stays flat, so the churn stays steady).
 */
import { largeScenario } from '../../src/common/scenario/examples.ts';
import { createSandbox, type Sandbox, type Scenario } from '../../src/sandbox/index.ts';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { round3, type BenchRow, type BenchSection, type Goal } from './harness.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A simulated day holds its memory when its last hour's heap is within this of its first hour's. */
const DAY_GROWTH_LIMIT = 1.05;
/** Simulated ms allowed for the deployment before the timed advance. */
const DEPLOY_LIMIT_MS = 600_000;
const BOOT_LIMIT_MS = 120_000;
/** Mean seconds a task runs before it crashes, in the churn cases. */
const CHURN_MEAN_S = 600;
/** Wall-time cap of the whole big case (boot + deployment): past it, it is dropped and said so. */
const BIG_DEPLOY_WALL_LIMIT_MS = 60_000;

interface Case {
  label: string;
  /** marathon: apps posted to Marathon; synthetic: SYNTHETIC_FRAMEWORKS load frameworks of the scenario, one role each. */
  load: 'marathon' | 'synthetic';
  agents: number;
  apps: number;
  instances: number;
  churn: boolean;
  simMs: number;
  goal: number;
  /** After the timed advance, go on to a whole simulated day, taking the heap every hour (not timed). */
  memoryDay?: boolean;
}

const CASES: Case[] = [
  { label: 'steady hour', load: 'marathon', agents: 1000, apps: 10, instances: 1000, churn: false, simMs: HOUR_MS, goal: 3600 },
  { label: 'hour with churn', load: 'marathon', agents: 1000, apps: 10, instances: 1000, churn: true, simMs: HOUR_MS, goal: 600 },
  {
    label: 'hour with churn, synthetic',
    load: 'synthetic',
    agents: 1000,
    apps: 10,
    instances: 1000,
    churn: true,
    simMs: HOUR_MS,
    goal: 600,
  },
  // The big cluster simulates ten minutes: an hour of it (a minute of wall time or more on a busy machine) would not fit in the bench's budget.
  {
    label: 'big: 600 s, not an hour',
    load: 'marathon',
    agents: 10000,
    apps: 10,
    instances: 10000,
    churn: false,
    simMs: 600_000,
    goal: 100,
    memoryDay: true,
  },
];

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const heapMb = (): number => round3(process.memoryUsage().heapUsed / 2 ** 20);

function post(sandbox: Sandbox, method: 'POST' | 'PUT', path: string, body: unknown): void {
  const answer = sandbox.request({ method, path, body });
  if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

interface Measured {
  deploySimMs: number;
  deployWallMs: number;
  wallMs: number;
  events: number;
  runningBefore: number;
  runningAfter: number;
  failed: number;
  finished: number;
  /** Marathon deployments still open after the timed advance (a churning app's scale-up never completes). */
  deploymentsOpen: number;
  /** The heap after a full GC, before and after the timed advance (MiB): what the worker would hold. */
  heapMbBefore: number;
  heapMbAfter: number;
  /** With memoryDay: the heap after a full GC at the end of each simulated hour of the day. */
  heapMbByHour?: number[];
}

/**
 * The synthetic churn: `apps` load frameworks on roles churn-0 … churn-9, queues never empty, tasks
 * sized so that the cluster holds exactly `apps × instances` of them (1.6 cpus of 16 each: 10 per
 * agent for 10 × 1,000 on 1,000 agents), each finishing after CHURN_MEAN_S and replaced.
 */
function scenarioOf(c: Case): Scenario {
  const scenario = largeScenario(c.agents, 0);
  if (c.load === 'marathon') return scenario;
  const perAgent = (c.apps * c.instances) / c.agents;
  scenario.frameworks = Array.from({ length: c.apps }, (_, i) => ({
    name: `churn-${i}`,
    role: `churn-${i}`,
    task: { cpus: 16 / perAgent, mem: 32, disk: 0, gpus: 0, ports: 0 },
    instances: 'unlimited' as const,
    tasksPerOffer: perAgent,
    refuseSeconds: 5,
    taskDurationSeconds: CHURN_MEAN_S,
  }));
  return scenario;
}

async function measure(c: Case, log: (line: string) => void): Promise<Measured | string> {
  const tasks = c.apps * c.instances;
  const t0 = performance.now();
  const sandbox = await createSandbox(scenarioOf(c));
  // Boot: Marathon answers once it leads; the agents register meanwhile.
  while (sandbox.request({ method: 'GET', path: '/marathon/v2/apps' }).status !== 200) {
    if (sandbox.now > BOOT_LIMIT_MS) throw new Error('Marathon did not come up');
    sandbox.advance(1000);
  }
  const start = sandbox.now;
  for (let i = 0; i < c.apps && c.load === 'marathon'; i++) {
    const id = `/bench/app-${i}`;
    post(sandbox, 'POST', '/marathon/v2/apps', {
      id,
      cmd: 'sleep 1000000',
      instances: c.instances,
      cpus: 0.1,
      mem: 32,
      backoffSeconds: 1,
      backoffFactor: 1,
    });
    if (c.churn) post(sandbox, 'PUT', `/sandbox/v1/marathon/apps${id}/behavior`, { meanSecondsToCrash: CHURN_MEAN_S });
  }
  let running: number;
  // Churn never leaves every task running at once: the deployment counts as done at 99%.
  const wanted = c.churn ? Math.floor(tasks * 0.99) : tasks;
  while ((running = sandbox.figures().tasks.running) < wanted) {
    if (sandbox.now - start > DEPLOY_LIMIT_MS)
      throw new Error(`${c.label}: ${running} of ${tasks} running after ${DEPLOY_LIMIT_MS / 1000} s`);
    if (performance.now() - t0 > BIG_DEPLOY_WALL_LIMIT_MS && c.agents > 1000)
      return `deployment too slow: ${running} of ${tasks} running after ${((sandbox.now - start) / 1000).toFixed(0)} simulated s, ${((performance.now() - t0) / 1000).toFixed(0)} s wall`;
    sandbox.advance(1000);
  }
  const deploySimMs = sandbox.now - start;
  const deployWallMs = performance.now() - t0;
  log(
    `  ${c.label}: ${running} running after ${deploySimMs / 1000} simulated s (boot + deployment: ${(deployWallMs / 1000).toFixed(1)} s wall)`,
  );
  const { failed: failed0, finished: finished0 } = sandbox.figures().tasks;
  const events0 = sandbox.eventCount;
  collectGarbage();
  const heapMbBefore = heapMb();
  const t1 = performance.now();
  sandbox.advance(c.simMs);
  const wallMs = performance.now() - t1;
  collectGarbage();
  const heapMbAfter = heapMb();
  const after = sandbox.figures().tasks;
  const measured: Measured = {
    deploySimMs,
    deployWallMs,
    wallMs,
    events: sandbox.eventCount - events0,
    runningBefore: running,
    runningAfter: after.running,
    failed: after.failed - failed0,
    finished: after.finished - finished0,
    deploymentsOpen: (sandbox.request({ method: 'GET', path: '/marathon/v2/deployments' }).body as unknown[]).length,
    heapMbBefore,
    heapMbAfter,
  };
  if (c.memoryDay) measured.heapMbByHour = heapOverADay(sandbox, c.simMs);
  return measured;
}

/** The rest of a simulated day (`done` ms of it already run), hour by hour: the heap after a full GC at each hour's end. */
function heapOverADay(sandbox: Sandbox, done: number): number[] {
  const heaps: number[] = [];
  for (let at = done; at < DAY_MS; at = Math.min(DAY_MS, at + HOUR_MS)) {
    const step = Math.min(HOUR_MS - (at % HOUR_MS), DAY_MS - at);
    sandbox.advance(step);
    if ((at + step) % HOUR_MS === 0) {
      collectGarbage();
      heaps.push(heapMb());
    }
  }
  return heaps;
}

const notes: string[] = [];

function dayGoal(c: Case, rows: BenchRow[]): Goal {
  const hours = rows.find((row) => row.extra?.case === c.label)?.extra?.heap_mb_by_hour as number[] | undefined;
  const text = `${c.label}: no memory growth over a simulated day (heap at the last hour ≤ ${DAY_GROWTH_LIMIT} × the first)`;
  if (!hours || hours.length < 2) return { text, figure: 'not measured', met: false };
  const [first, last] = [hours[0]!, hours.at(-1)!];
  return {
    text,
    figure: `${first.toFixed(0)} MiB after hour 1, ${last.toFixed(0)} MiB after hour ${hours.length}, most ${Math.max(...hours).toFixed(0)} MiB`,
    met: last <= first * DAY_GROWTH_LIMIT,
  };
}

export const simSection: BenchSection & { dimension: string; id: string } = {
  id: 'sim',
  title: 'Simulated time: a steady Marathon cluster advanced through sandbox.advance, Wasm kernels (simulated s per wall s)',
  dimension: 'tasks',
  async run(log) {
    const rows: BenchRow[] = [];
    for (const c of CASES) {
      const tasks = c.apps * c.instances;
      const m = await measure(c, log);
      if (typeof m === 'string') {
        notes.push(`${c.label} (${c.agents} agents, ${tasks} tasks) not measured: ${m}.`);
        log(`  ${c.label}: ${m}`);
        continue;
      }
      const simS = c.simMs / 1000;
      const wallS = m.wallMs / 1000;
      log(
        `  ${c.label}: ${simS} simulated s in ${wallS.toFixed(2)} s wall (${(simS / wallS).toFixed(0)}×), ${m.events} events, ` +
          `running ${m.runningBefore} → ${m.runningAfter}, ${m.failed} failed`,
      );
      rows.push({
        name: 'simulated-time',
        agents: c.agents,
        roles: tasks,
        wasm_ms: round3(m.wallMs),
        ts_ms: NaN,
        ratio: NaN,
        extra: {
          case: c.label,
          sim_s: simS,
          wall_s: round3(wallS),
          speedup: round3(simS / wallS),
          goal_speedup: c.goal,
          events: m.events,
          events_per_s: Math.round(m.events / wallS),
          running_before: m.runningBefore,
          running_after: m.runningAfter,
          tasks_failed: m.failed,
          tasks_finished: m.finished,
          deployments_open: m.deploymentsOpen,
          deploy_sim_s: m.deploySimMs / 1000,
          boot_deploy_wall_s: round3(m.deployWallMs / 1000),
          heap_mb_before: m.heapMbBefore,
          heap_mb_after: m.heapMbAfter,
          ...(m.heapMbByHour ? { heap_mb_by_hour: m.heapMbByHour } : {}),
        },
      });
    }
    return rows;
  },
  table(rows) {
    const head = [
      'case',
      'agents',
      'tasks',
      'sim s',
      'wall s',
      'speed-up',
      'goal',
      'events',
      'running before → after',
      'failed / finished',
      'deployments open',
      'heap MiB before → after',
    ];
    const cells = rows.map((r) => {
      const x = r.extra ?? {};
      return [
        String(x.case),
        String(r.agents),
        String(r.roles),
        String(x.sim_s),
        Number(x.wall_s).toFixed(2),
        `${Number(x.speedup).toFixed(0)}×`,
        `≥ ${x.goal_speedup}×`,
        String(x.events),
        `${x.running_before} → ${x.running_after}`,
        `${x.tasks_failed} / ${x.tasks_finished}`,
        String(x.deployments_open),
        `${Number(x.heap_mb_before).toFixed(0)} → ${Number(x.heap_mb_after).toFixed(0)}`,
      ];
    });
    const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
    const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   ');
    return [line(head), widths.map((w) => '-'.repeat(w)).join('   '), ...cells.map(line)];
  },
  goals(rows): Goal[] {
    return CASES.map((c) => {
      const r = rows.find((row) => row.extra?.case === c.label);
      const speedup = r ? Number(r.extra!.speedup) : NaN;
      const extra = c.label === 'steady hour' ? ' (an hour in ≤ 1 s wall)' : '';
      return {
        text: `${c.label}, ${c.agents.toLocaleString('en-US')} agents / ${(c.apps * c.instances).toLocaleString('en-US')} tasks: ≥ ${c.goal}× real time${extra}`,
        figure: r ? `${speedup.toFixed(0)}× (${Number(r.extra!.sim_s)} s in ${Number(r.extra!.wall_s).toFixed(2)} s)` : 'not measured',
        met: speedup >= c.goal,
      };
    }).concat(CASES.filter((c) => c.memoryDay).map((c) => dayGoal(c, rows)));
  },
  notes: [
    `Cluster: largeScenario(agents, 0); ${CASES[0]!.apps} apps of 0.1 cpus / 32 MiB posted after the boot; wall s times sandbox.advance(sim) alone, after every task runs.`,
    `Churn (Marathon): meanSecondsToCrash ${CHURN_MEAN_S} s per task (behavior API, set right after each POST), backoff 1 s × 1; done at 99% running.`,
    `Churn (synthetic): ${CASES[0]!.apps} load frameworks on ${CASES[0]!.apps} roles, unlimited queues, tasks of 1.6 cpus (10 per agent) finishing after ${CHURN_MEAN_S} s.`,
    'The big case times 600 s, not an hour, to stay within the time budget; then (untimed) it runs on to a whole simulated day, taking the heap after a full GC at every hour.',
    'heap: the Node heap after a full GC, before and after the timed advance (the sandbox is what it holds): growth there is growth the worker would have.',
    ...notes,
  ],
};
