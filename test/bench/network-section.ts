/**
 * Discovery and load balancing at 1,000 agents and 10,000 tasks: 10 apps of 1,000 instances on the virtual network
 * `dcos`, each port with a VIP label, in largeScenario's cluster. Measured on the state the deployment reached:
 * - one Mesos-DNS reload (what each master pays every 30 s): reading the leader's state and generating its records;
 * - the load balancers' view after a task changed (every task read again: the VIP table with its 10,000 backends), and
 *   at a later moment with the tasks unchanged (each backend through its agent's last poll);
 * - dcos-dns's zone after a task changed (every name of every running task);
 * - ten simulated minutes of the whole engine without and with a traffic client at 1,000 requests a second through a
 *   VIP, side by side in one run (the steady cluster alone is nearly idle: the client's cost is most of the second).
 * A reload reads a fresh state copy (its cost taken off); the views after a change are rebuilt in full each rep.
 */
import { largeScenario } from '../../src/common/scenario/examples.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { restoreState } from '../../src/engine/core/saved-state.ts';
import type { ClusterState } from '../../src/engine/core/model.ts';
import { readLoad } from '../../src/engine/dns/read-state.ts';
import { generateRecords } from '../../src/engine/dns/generate.ts';
import { vipsAt } from '../../src/engine/dcos-net/vips.ts';
import { dcosDnsRecords } from '../../src/engine/dcos-net/dns-zone.ts';
import { request, round3, time, type BenchRow, type BenchSection, type Goal } from './harness.ts';

const AGENTS = 1000;
const APPS = 10;
const INSTANCES = 1000;
const SIM_MS = 600_000;
const RPS = 1000;
/** A reload within a tenth of the refresh interval, and an LB update within a tenth of the poll interval. */
const RELOAD_GOAL_MS = 3000;
const LB_GOAL_MS = 200;
/** Ten simulated minutes of traffic in six seconds of wall time at most. */
const TRAFFIC_GOAL = 100;

async function deployed(log: (line: string) => void): Promise<Sandbox> {
  const sandbox = await createSandbox(largeScenario(AGENTS, 0));
  while (sandbox.request({ method: 'GET', path: '/marathon/v2/apps' }).status !== 200) sandbox.advance(1000);
  for (let i = 0; i < APPS; i++) {
    request(sandbox, 'POST', '/marathon/v2/apps', {
      id: `/bench/app-${i}`,
      cmd: 'sleep 1000000',
      instances: INSTANCES,
      cpus: 0.1,
      mem: 32,
      networks: [{ mode: 'container', name: 'dcos' }],
      container: { type: 'MESOS', portMappings: [{ containerPort: 8080, name: 'http', labels: { VIP_0: `/bench/app-${i}:80` } }] },
    });
  }
  const start = sandbox.now;
  while (sandbox.figures().tasks.running < APPS * INSTANCES) {
    if (sandbox.now - start > 600_000) throw new Error('the deployment did not finish in 600 simulated s');
    sandbox.advance(1000);
  }
  sandbox.advance(35_000);
  log(`  network: ${APPS * INSTANCES} tasks running on the overlay after ${(sandbox.now - start) / 1000} simulated s`);
  return sandbox;
}

const stateOf = (sandbox: Sandbox): ClusterState => restoreState(sandbox.snapshot().cluster);

const row = (name: string, ms: number, extra: Record<string, number | string>): BenchRow => ({
  name,
  agents: AGENTS,
  roles: APPS * INSTANCES,
  wasm_ms: round3(ms),
  ts_ms: NaN,
  ratio: NaN,
  extra,
});

async function run(log: (line: string) => void): Promise<BenchRow[]> {
  const sandbox = await deployed(log);
  const now = sandbox.now;
  const opts = { warmup: 1, minReps: 3, maxReps: 10, budgetMs: 20_000 };

  let records = 0;
  const reload = time(() => {
    const state = stateOf(sandbox);
    records = generateRecords(readLoad(state, 0, now)).as.size;
  }, opts);
  const copy = time(() => stateOf(sandbox), opts);

  // After a change of the tasks the balancers' view and dcos-dns's zone are read again from every task. The state is
  // a warm one (each task's DiscoveryInfo already read, as in the running engine); each rep marks one more task
  // transition, which is what makes them read again.
  const warm = stateOf(sandbox);
  vipsAt(warm, now);
  dcosDnsRecords(warm, now);
  const aTransition = () => (warm.taskStateCounts.TASK_RUNNING = (warm.taskStateCounts.TASK_RUNNING ?? 0) + 1);
  let backends = 0;
  const lbRebuild = time(() => {
    aTransition();
    backends = vipsAt(warm, now).reduce((n, v) => n + v.backends.length, 0);
  }, opts);
  let names = 0;
  const zoneRebuild = time(() => {
    aTransition();
    names = dcosDnsRecords(warm, now).size;
  }, opts);
  // With the tasks unchanged, a later moment only runs each backend through its agent's last poll.
  const state = stateOf(sandbox);
  vipsAt(state, now);
  let at = now;
  const lbMoment = time(() => {
    at += 1;
    vipsAt(state, at);
  }, opts);

  const twin = await deployed(() => {});
  const t0 = performance.now();
  sandbox.advance(SIM_MS);
  const quietMs = performance.now() - t0;
  request(twin, 'POST', '/sandbox/v1/traffic', { name: 'bench', target: 'benchapp-0.marathon.l4lb.thisdcos.directory:80', rps: RPS });
  const t1 = performance.now();
  twin.advance(SIM_MS);
  const busyMs = performance.now() - t1;
  const client = (request(twin, 'GET', '/sandbox/v1/traffic') as { clients: Array<{ totals: { ok: number; requests: number } }> })
    .clients[0]!;

  return [
    row('Mesos-DNS reload', reload.medianMs - copy.medianMs, { records, state_copy_ms: round3(copy.medianMs) }),
    row('LB view after a task change', lbRebuild.medianMs, { vips: vipsAt(state, at).length, backends }),
    row('LB view, tasks unchanged', lbMoment.medianMs, { backends }),
    row('dcos-dns zone after a task change', zoneRebuild.medianMs, { names }),
    row('10 min, no traffic', quietMs, { sim_speedup: round3(SIM_MS / quietMs) }),
    row(`10 min, ${RPS} req/s via a VIP`, busyMs, {
      sim_speedup: round3(SIM_MS / busyMs),
      requests: client.totals.requests,
      ok: client.totals.ok,
      cost_ratio: round3(busyMs / quietMs),
    }),
  ];
}

function table(rows: BenchRow[]): string[] {
  const head = ['measure', 'ms', 'figures'];
  const cells = rows.map((r) => [
    r.name,
    r.wasm_ms.toFixed(1),
    Object.entries(r.extra ?? {})
      .map(([k, v]) => `${k} ${String(v)}`)
      .join(', '),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((cell) => cell[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 1 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('   ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('   '), ...cells.map(line)];
}

function goals(rows: BenchRow[]): Goal[] {
  const [reload, lb, , , quiet, busy] = rows;
  return [
    {
      text: `a Mesos-DNS reload under ${RELOAD_GOAL_MS} ms (a tenth of its 30 s refresh)`,
      figure: `${reload!.wasm_ms.toFixed(1)} ms`,
      met: reload!.wasm_ms < RELOAD_GOAL_MS,
    },
    {
      text: `the balancers' view after a task change under ${LB_GOAL_MS} ms (a tenth of the 2 s poll)`,
      figure: `${lb!.wasm_ms.toFixed(1)} ms`,
      met: lb!.wasm_ms < LB_GOAL_MS,
    },
    {
      text: `with ${RPS} req/s through a VIP of 1,000 backends, the engine still runs ${TRAFFIC_GOAL}× faster than real time`,
      figure: `${String(busy!.extra!.sim_speedup)}× (${String(quiet!.extra!.sim_speedup)}× without the client)`,
      met: Number(busy!.extra!.sim_speedup) >= TRAFFIC_GOAL,
    },
  ];
}

export const networkSection: BenchSection = {
  title: `Discovery and load balancing: ${AGENTS} agents, ${APPS * INSTANCES} tasks on the overlay with VIPs`,
  id: 'network',
  run,
  goals,
  table,
};
