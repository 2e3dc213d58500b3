import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.ts';
import { decodeScenarioLink } from '../../src/share/link.ts';
import { generateCase } from './generate.ts';
import { fuzzRun, resolveFault, type FuzzOptions, type FuzzResult } from './run-one.ts';

/**
 * Small runs so a few hundred fit in ~30 s on two cores: fewer agents and apps, a 5-minute fault
 * phase and 8 minutes to recover (ping timeouts, the reconciliation at 600 s, backoff). `npm run fuzz`
 * runs the full-size cases.
 */
const SMALL: FuzzOptions = { maxAgents: 8, maxApps: 4, maxFaults: 8, faultPhaseMs: 300_000, recoveryMs: 480_000 };
const RUNS = 200;
/** A regression's case as it was found, before the fuzzer added bursts and hostile requests. */
const AS_FOUND: FuzzOptions = { burstShare: 0, hostileShare: 0, maxChurns: 0 };
const FIRST_SEED = 10_000;

describe('fuzz', () => {
  it(`${RUNS} seeded runs keep every invariant and recover`, async () => {
    const failures: string[] = [];
    let faults = 0;
    for (let seed = FIRST_SEED; seed < FIRST_SEED + RUNS; seed++) {
      const r = await fuzzRun(seed, SMALL);
      faults += r.faults;
      if (!r.ok) failures.push(`seed ${seed}: ${r.reason}\n  ${r.link}`);
    }
    expect(failures).toEqual([]);
    expect(faults).toBeGreaterThan(RUNS); // the runs did inject faults
  }, 120_000);

  it('a failing run reports its seed, the unmet liveness and a link to its scenario with the faults', async () => {
    // Without time to recover after the heal, some run soon has an app that is not back yet.
    let failed: Extract<FuzzResult, { ok: false }> | undefined;
    for (let seed = FIRST_SEED; seed < FIRST_SEED + 30 && !failed; seed++) {
      const r = await fuzzRun(seed, { ...SMALL, recoveryMs: 0 });
      if (!r.ok) failed = r;
    }
    expect(failed).toBeDefined();
    expect(failed!.reason).toMatch(/^liveness at 300000 ms: \/\S+ runs \d+ of \d+ instances/);
    const decoded = await decodeScenarioLink(failed!.link);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.at).toBe(300_000);
    expect(decoded.scenario.seed).toBe(failed!.seed);
    expect(decoded.scenario.script.some((a) => a.request.path === '/sandbox/v1/faults')).toBe(true);
  });

  it('bursts put several writes at one millisecond, and hostile requests among them', () => {
    let bursts = 0;
    let hostile = 0;
    for (let seed = FIRST_SEED; seed < FIRST_SEED + RUNS; seed++) {
      const { faults } = generateCase(seed, SMALL);
      bursts += faults.filter((f, i) => i > 0 && faults[i - 1]!.at === f.at).length;
      hostile += faults.filter((f) => f.body.kind === 'hostile').length;
    }
    expect(bursts).toBeGreaterThan(RUNS / 4);
    expect(hostile).toBeGreaterThan(RUNS / 4);
  });

  it('a faulted run, exported and re-created, replays to the same history', async () => {
    const c = generateCase(FIRST_SEED + 2, SMALL);
    expect(c.faults.length).toBeGreaterThan(2);
    const live = await createSandbox(c.scenario, { checkInvariants: true });
    for (const fault of c.faults) {
      live.advance(fault.at - live.now);
      const req = resolveFault(live, fault.body);
      if (req) live.request(req);
    }
    live.advance(60_000);
    const exported = live.scenario();
    expect(exported.script.filter((a) => a.request.path === '/sandbox/v1/faults').length).toBeGreaterThan(2);
    const replay = await createSandbox(JSON.parse(JSON.stringify(exported)) as unknown, { checkInvariants: true });
    replay.advance(live.now);
    expect(replay.historyHash()).toBe(live.historyHash());
  });

  it('regression, seed 1495: health checks resume when an instance is back from an unreachable agent', async () => {
    // The instances' agent was lost before their first check; back Running, they were never checked again and the deployment waited forever.
    const r = await fuzzRun(1495, AS_FOUND);
    expect(r.ok ? 'ok' : r.reason).toBe('ok');
  });

  it('regression, seed 100126: an instance back after being replaced is only killed while its app is over its target', async () => {
    // The deployment scaled the replacements away once the instances came back; reconciliation then killed those too: 5 of 10 left, for good.
    const r = await fuzzRun(100126, AS_FOUND);
    expect(r.ok ? 'ok' : r.reason).toBe('ok');
  });
});
