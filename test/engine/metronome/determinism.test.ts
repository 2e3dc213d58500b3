/**
 * Determinism with jobs on a schedule: same scenario and calls give the same history; snapshots (through JSON) and
 * replays of the script go on exactly as the original; a cluster saved before Metronome existed gets it on resume.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, resumeSandbox, type Sandbox, type SandboxOptions, type SandboxSnapshot } from '../../../src/sandbox/index.ts';
import { activeRuns, createJob, fault, history, jobsScenario, mt, SANDBOX_OPTS, sleepJob, startRun, until, type Json } from './support.ts';
import { untilMetronomeLeads } from '../../api/metronome/support.ts';

const MIN = 60_000;

/** Two scheduled jobs at boot: one every minute, one every 3 min that fails half the time and retries for 2 min. */
const JOBS: Json = {
  jobs: [
    { ...sleepJob('tick', 20), schedules: [{ id: 'minutely', cron: '* * * * *' }] },
    {
      ...sleepJob('flaky', 15, { restart: { policy: 'ON_FAILURE', activeDeadlineSeconds: 120 } }),
      schedules: [{ id: 'every3', cron: '*/3 * * * *', concurrencyPolicy: 'FORBID' }],
    },
  ],
  behavior: { flaky: { failureRate: 0.5 } },
};

const scenario = (seed = 11): Json => jobsScenario({ masters: 3, seed, metronome: JOBS });

/** The API calls every run of this file makes, at the same simulated times. */
function calls(sb: Sandbox): Array<[number, () => void]> {
  return [
    [90_000, () => createJob(sb, sleepJob('manual', 40))],
    [95_000, () => startRun(sb, 'manual')],
    [5 * MIN, () => sb.request({ method: 'PUT', path: '/sandbox/v1/metronome/jobs/tick/behavior', body: { failureRate: 0.3 } })],
    [7 * MIN, () => fault(sb, { kind: 'master-crash', target: leaderHost(sb) })],
    [7 * MIN + 30_000, () => fault(sb, { kind: 'agent-crash', target: 'a1' })],
  ];
}

/** Make the calls (and `extra` steps, e.g. snapshots or reads) in time order, then run to 15 min. */
function play(sb: Sandbox, extra: Array<[number, () => void]> = []): void {
  // A stable sort: at one time the calls come first, then the extra steps.
  const steps = [...calls(sb), ...extra].sort((a, b) => a[0] - b[0]);
  for (const [at, act] of steps) {
    if (sb.now < at) sb.advance(at - sb.now);
    act();
  }
  if (sb.now < 15 * MIN) sb.advance(15 * MIN - sb.now);
}

function leaderHost(sb: Sandbox): string {
  const ip = ((mt.get(sb, '/leader').body as Json).leader as string).split(':')[0];
  return sb.layout().masters.find((m) => m.ip === ip)!.hostname;
}

const jobsAnswer = (sb: Sandbox) => sb.request({ method: 'GET', path: '/service/metronome/v1/jobs?embed=history&embed=activeRuns' });

async function played(seed = 11, options: SandboxOptions = SANDBOX_OPTS): Promise<Sandbox> {
  const sb = await createSandbox(scenario(seed), options);
  play(sb);
  return sb;
}

describe('Metronome determinism', () => {
  it('the same scenario and calls give the same history, and jobs did run on their schedules', async () => {
    const a = await played();
    const b = await played();
    expect(b.historyHash()).toBe(a.historyHash());
    expect(b.eventCount).toBe(a.eventCount);
    expect(jobsAnswer(b)).toEqual(jobsAnswer(a));
    // Not vacuous: runs fired, some failed, and the failover happened.
    const tick = history(a, 'tick');
    expect(tick.successCount + tick.failureCount).toBeGreaterThanOrEqual(8);
    expect(history(a, 'flaky').successCount + history(a, 'flaky').failureCount).toBeGreaterThanOrEqual(2);
    expect(history(a, 'manual').successCount).toBe(1);
  });

  it('reading the API (jobs, runs, queue, schedules, leader) changes nothing', async () => {
    const quiet = await played();
    const reader = await createSandbox(scenario(), SANDBOX_OPTS);
    const reads: Array<[number, () => void]> = [];
    for (let t = 0; t < 15 * MIN; t += 7_000)
      reads.push([
        t,
        () => {
          for (const path of ['/v1/jobs?embed=activeRuns,history,historySummary', '/v1/queue', '/leader', '/v1/jobs/tick/runs'])
            mt.get(reader, path);
          mt.get(reader, '/v1/jobs/flaky/schedules');
          reader.request({ method: 'GET', path: '/sandbox/v1/metronome/jobs/flaky/behavior' });
        },
      ]);
    play(reader, reads);
    expect(reader.historyHash()).toBe(quiet.historyHash());
  });

  it('another seed gives another history', async () => {
    const a = await played(11);
    const b = await played(12);
    expect(b.historyHash()).not.toBe(a.historyHash());
  });

  it('the Wasm kernels and the TypeScript twins agree', async () => {
    const ts = await played(11, SANDBOX_OPTS);
    const wasm = await played(11, { allocator: 'wasm', matcher: 'wasm' });
    expect(wasm.historyHash()).toBe(ts.historyHash());
  });

  it('snapshots taken at any moment resume (through JSON) to the same history; so does a replay of the script', async () => {
    const live = await createSandbox(scenario(), SANDBOX_OPTS);
    const snapshots: SandboxSnapshot[] = [];
    // Mid-run, on a cron minute, just after the crash of the Metronome leader's master, during the outage, and late.
    const at = [2 * MIN + 10_000, 4 * MIN, 7 * MIN + 1, 7 * MIN + 10_000, 11 * MIN + 333];
    play(
      live,
      at.map((t) => [t, () => snapshots.push(JSON.parse(JSON.stringify(live.snapshot())) as SandboxSnapshot)]),
    );
    expect(Object.values(snapshots[0]!.cluster.metronome.jobs).some((j) => j.runs.length > 0)).toBe(true);
    expect(snapshots[2]!.cluster.masters.some((m) => m.metronome === 'leader')).toBe(false);

    const script = JSON.parse(JSON.stringify(live.scenario())) as unknown;
    for (const snapshot of snapshots) {
      const resumed = await resumeSandbox(script, snapshot, SANDBOX_OPTS);
      resumed.advance(live.now - resumed.now);
      expect(resumed.historyHash()).toBe(live.historyHash());
      expect(jobsAnswer(resumed)).toEqual(jobsAnswer(live));
    }
    const replay = await createSandbox(script, SANDBOX_OPTS);
    replay.advance(live.now);
    expect(replay.historyHash()).toBe(live.historyHash());

    // And the cluster the calls of `play` make is the one this test made.
    const again = await played();
    expect(again.historyHash()).toBe(live.historyHash());
  });
});

/** A snapshot as a cluster saved before Metronome existed would have it: no `metronome` anywhere. */
function beforeMetronome(snapshot: SandboxSnapshot): SandboxSnapshot {
  const old = JSON.parse(JSON.stringify(snapshot)) as Json;
  const cluster = old.cluster as Json;
  const fwId = cluster.metronome.frameworkId as string;
  delete cluster.metronome;
  cluster.frameworks = (cluster.frameworks as Json[]).filter((f) => f.id !== fwId);
  for (const agent of cluster.agents as Json[]) agent.filters = (agent.filters as Json[]).filter((f) => f.frameworkId !== fwId);
  for (const m of cluster.masters as Json[]) {
    delete m.metronome;
    delete m.units.metronome;
  }
  for (const key of Object.keys(cluster.ha as Json)) if (key.startsWith('metronome')) delete cluster.ha[key];
  const zk = cluster.zk as Json;
  zk.sessions = (zk.sessions as Json[]).filter((z) => z.client !== 'metronome');
  zk.znodes = (zk.znodes as Json[]).filter((z) => z.group !== 'metronome');
  // What Mesos-DNS last loaded from the master's state.
  for (const server of cluster.mesosDns.servers as Json[])
    if (server.load) server.load.frameworks = (server.load.frameworks as Json[]).filter((f) => f.name !== 'metronome');
  cluster.notable = (cluster.notable as Json[]).filter((e) => !/metronome/i.test(e.label as string));
  old.pending = (old.pending as Json[]).filter((p) => !JSON.stringify(p.event).includes('metronome'));
  return old as unknown as SandboxSnapshot;
}

describe('a cluster saved before Metronome', () => {
  it('saved while running an app: resumes with the app untouched, then Metronome leads and runs jobs', async () => {
    const app = { id: '/web', cmd: 'sleep 100000', instances: 2, cpus: 0.5, mem: 64 };
    const live = await createSandbox(jobsScenario({ masters: 3 }), SANDBOX_OPTS);
    live.advance(10_000);
    expect(live.request({ method: 'POST', path: '/marathon/v2/apps', body: app }).status).toBe(201);
    live.advance(30_000);
    const old = beforeMetronome(live.snapshot());
    expect(JSON.stringify(old)).not.toMatch(/metronome/i);
    const sb = await resumeSandbox(live.scenario(), old, SANDBOX_OPTS);
    const running = () =>
      (sb.request({ method: 'GET', path: '/marathon/v2/apps/web/tasks' }).body as Json).tasks.map((t: Json) => [t.id, t.state]);
    const before = running();
    expect(before).toHaveLength(2);
    expect(mt.get(sb, '/v1/jobs').status).toBe(503);
    untilMetronomeLeads(sb);
    createJob(sb, sleepJob('late', 5, { cpus: 2 }));
    startRun(sb, 'late');
    until(sb, () => activeRuns(sb, 'late').length === 0, 60_000);
    expect(history(sb, 'late').successCount).toBe(1);
    expect(running()).toEqual(before);
  });

  async function oldSnapshot(): Promise<SandboxSnapshot> {
    const sb = await createSandbox(jobsScenario({ masters: 3 }), SANDBOX_OPTS);
    // Mesos is electing its leader; no Metronome process has started yet.
    sb.advance(1_250);
    const snapshot = sb.snapshot();
    expect(snapshot.cluster.masters.every((m) => m.units.metronome === 'waiting')).toBe(true);
    const old = beforeMetronome(snapshot);
    expect(JSON.stringify(old)).not.toMatch(/metronome/i);
    return old;
  }

  it('resumes, starts Metronome on its masters, and runs jobs', async () => {
    const old = await oldSnapshot();
    const sb = await resumeSandbox(jobsScenario({ masters: 3 }), old, SANDBOX_OPTS);
    expect(mt.get(sb, '/v1/jobs').status).toBe(503);
    untilMetronomeLeads(sb);
    expect(sb.frame().ha.masters.filter((m) => m.metronome === 'leader')).toHaveLength(1);
    expect(sb.frame().ha.masters.filter((m) => m.metronome === 'standby')).toHaveLength(2);
    createJob(sb, { ...sleepJob('late', 5), schedules: [{ id: 'm', cron: '* * * * *' }] });
    startRun(sb, 'late');
    until(sb, () => activeRuns(sb, 'late').length === 0, 60_000);
    sb.advance(3 * MIN);
    expect(history(sb, 'late').successCount).toBeGreaterThanOrEqual(3);
  });

  it('resumes deterministically, and its own snapshots resume like any other', async () => {
    const old = await oldSnapshot();
    const a = await resumeSandbox(jobsScenario({ masters: 3 }), structuredClone(old), SANDBOX_OPTS);
    const b = await resumeSandbox(jobsScenario({ masters: 3 }), structuredClone(old), SANDBOX_OPTS);
    untilMetronomeLeads(a);
    createJob(a, { ...sleepJob('late', 5), schedules: [{ id: 'm', cron: '* * * * *' }] });
    const at = a.now;
    b.advance(at - b.now);
    createJob(b, { ...sleepJob('late', 5), schedules: [{ id: 'm', cron: '* * * * *' }] });
    a.advance(2 * MIN);
    const mid = JSON.parse(JSON.stringify(a.snapshot())) as SandboxSnapshot;
    expect(mid.cluster.metronome.unstarted).toBeUndefined();
    a.advance(3 * MIN);
    b.advance(a.now - b.now);
    expect(b.historyHash()).toBe(a.historyHash());
    const c = await resumeSandbox(a.scenario(), mid, SANDBOX_OPTS);
    c.advance(a.now - c.now);
    expect(c.historyHash()).toBe(a.historyHash());
    expect(jobsAnswer(c)).toEqual(jobsAnswer(a));
  });
});
