/**
 * The frame's figures (view.ts): used and offered apart, who answers for them, and exact leader
 * facts during a failover (issue items 5 and 6).
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, type ClusterFrame, type Sandbox } from '../../src/sandbox/index.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';

function crashLeader(sb: Sandbox): number {
  const leader = sb.frame().ha.leader!;
  const target = sb.layout().masters[leader]!.hostname;
  const res = sb.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'master-crash', target } });
  expect(res.status).toBe(202);
  return leader;
}

/** Frames every 100 simulated ms for `ms`. */
function frames(sb: Sandbox, ms: number): ClusterFrame[] {
  const out: ClusterFrame[] = [];
  for (let t = 0; t < ms; t += 100) {
    sb.advance(100);
    out.push(sb.frame());
  }
  return out;
}

describe('frame: used and offered', () => {
  it('allocated is used + offered, and used is what the tasks hold', async () => {
    const sb = await createSandbox(defaultScenario);
    let sawOffer = false;
    for (const f of frames(sb, 40_000)) {
      for (let s = 0; s < 4; s++) {
        expect(f.used[s]! + f.offered[s]!).toBeCloseTo(f.allocated[s]!, 6);
        expect(f.used[s]!).toBeGreaterThanOrEqual(0);
      }
      if (f.offersOutstanding > 0) {
        sawOffer = true;
        expect(f.offered.some((x) => x > 0)).toBe(true);
      } else expect(f.offered).toEqual([0, 0, 0, 0]);
      for (const r of f.roles) expect(r.usedShare).toBeLessThanOrEqual(r.share + 1e-9);
    }
    expect(sawOffer).toBe(true);
    // The same figures the master's state.json gives per agent.
    const state = sb.request({ method: 'GET', path: '/mesos/master/state' }).body as {
      slaves: Array<{ used_resources: { cpus: number; mem: number }; offered_resources: { cpus: number; mem: number } }>;
    };
    const f = sb.frame();
    const sum = (k: 'used_resources' | 'offered_resources', r: 'cpus' | 'mem') => state.slaves.reduce((a, s) => a + s[k][r], 0);
    expect(f.used[0]).toBeCloseTo(sum('used_resources', 'cpus'), 6);
    expect(f.used[1]).toBeCloseTo(sum('used_resources', 'mem'), 6);
    expect(f.offered[0]).toBeCloseTo(sum('offered_resources', 'cpus'), 6);
  });

  it('an outstanding offer moves allocated and the DRF share, not used or the share in use', async () => {
    const sb = await createSandbox(defaultScenario);
    sb.advance(60_000);
    const fs = frames(sb, 20_000);
    const withOffer = fs.find((f) => f.offered[2]! > 0 && f.roles.some((r) => r.share > r.usedShare + 0.05));
    expect(withOffer).toBeDefined();
    const i = fs.indexOf(withOffer!);
    const before = fs[i - 1]!;
    // The offer is seen in allocated; used stays where tasks put it.
    expect(withOffer!.allocated[2]).toBeGreaterThan(withOffer!.used[2]!);
    expect(Math.abs(withOffer!.used[2]! - before.used[2]!)).toBeLessThan(withOffer!.offered[2]!);
  });
});

describe('frame: who answers, and the leader facts, through a failover', () => {
  it('none while no master leads, reregistering just after the election, then leader; lost-at times are exact', async () => {
    const sb = await createSandbox(defaultScenario);
    sb.advance(30_000);
    expect(sb.frame().answers).toBe('leader');
    expect(sb.frame().ha.leaderLostAt).toBeNull();
    const marathonWas = sb.frame().ha.marathonLeader;
    const old = crashLeader(sb);
    const crashAt = sb.now;
    const fs = frames(sb, 20_000);
    const leaderless = fs.filter((f) => f.ha.leader === null);
    expect(leaderless.length).toBeGreaterThan(50); // ~10 s of session timeout
    for (const f of leaderless) {
      expect(f.answers).toBe('none');
      expect(f.ha.leaderLostAt).toBe(crashAt);
      if (marathonWas === old) {
        expect(f.ha.marathonLeader).toBeNull();
        expect(f.ha.marathonLostAt).toBe(crashAt);
      }
    }
    const firstLed = fs.findIndex((f) => f.ha.leader !== null);
    expect(firstLed).toBeGreaterThan(0);
    const elected = fs[firstLed]!;
    expect(elected.ha.leaderLostAt).toBeNull();
    expect(elected.ha.electedAt).toBeGreaterThan(crashAt);
    // Just elected: its agents are not back yet, so it does not answer for the figures.
    expect(elected.answers).toBe('reregistering');
    // Whenever a leader answers, its totals are the cluster's, never zeros.
    const answered = fs.filter((f) => f.answers === 'leader');
    expect(answered.length).toBeGreaterThan(0);
    for (const f of answered) expect(f.total[0]).toBeGreaterThan(0);
    const last = fs[fs.length - 1]!;
    expect(last.answers).toBe('leader');
    if (marathonWas === old) {
      expect(last.ha.marathonLeader).not.toBeNull();
      expect(last.ha.marathonLostAt).toBeNull();
      expect(last.ha.marathonElectedAt).toBeGreaterThan(crashAt);
    }
  });
});
