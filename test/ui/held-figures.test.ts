/**
 * The Dashboard during a failover (issue item 5) and the chart series (item 6): while no leader
 * answers, the frame shown and the chart points carry the last known figures, marked as held;
 * the points keep used and offered apart.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, type ClusterFrame } from '../../src/sandbox/index.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { appendPoint, heldFigures, heldSpans, holdReasonText, pointOf, type HistoryPoint } from '../../src/ui/state/history.ts';

async function failoverFrames(): Promise<ClusterFrame[]> {
  const sb = await createSandbox(defaultScenario);
  sb.advance(30_000);
  const out: ClusterFrame[] = [sb.frame()];
  const target = sb.layout().masters[sb.frame().ha.leader!]!.hostname;
  expect(sb.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'master-crash', target } }).status).toBe(202);
  for (let t = 0; t < 20_000; t += 100) {
    sb.advance(100);
    out.push(sb.frame());
  }
  return out;
}

describe('heldFigures', () => {
  it('passes a frame a leader answers for, and remembers it', async () => {
    const sb = await createSandbox(defaultScenario);
    sb.advance(20_000);
    const f = sb.frame();
    expect(heldFigures(f, null)).toEqual({ shown: f, known: f, held: null });
  });

  it('shows the last known figures with the live HA view while no master leads', async () => {
    const sb = await createSandbox(defaultScenario);
    sb.advance(30_000);
    const known = sb.frame();
    const target = sb.layout().masters[known.ha.leader!]!.hostname;
    sb.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'master-crash', target } });
    sb.advance(2_000);
    const now = sb.frame();
    expect(now.answers).toBe('none');
    expect(now.total).toEqual([0, 0, 0, 0]); // nobody answers: what the frame itself says
    const { shown, held } = heldFigures(now, known);
    expect(held).toEqual({ at: known.now, reason: 'none' });
    expect(shown.now).toBe(now.now);
    expect(shown.ha).toBe(now.ha);
    expect(shown.ha.leader).toBeNull();
    expect(shown.total).toEqual(known.total);
    expect(shown.used).toEqual(known.used);
    expect(shown.frameworks).toBe(known.frameworks);
    expect(shown.tasks).toBe(known.tasks);
    expect(shown.roles.map((r) => r.role)).toEqual(known.roles.map((r) => r.role));
    // Offers are known to be gone: the leader that stopped leading rescinded them.
    expect(shown.offered).toEqual([0, 0, 0, 0]);
    expect(shown.offersOutstanding).toBe(0);
    expect(shown.allocated).toEqual(known.used);
    for (const r of shown.roles) expect(r.share).toBe(r.usedShare);
  });

  it('shows the frame as it is when nothing was known yet, or what was known is later (a trip back)', async () => {
    const sb = await createSandbox(defaultScenario);
    sb.advance(200);
    const boot = sb.frame();
    expect(boot.answers).not.toBe('leader');
    expect(heldFigures(boot, null)).toEqual({ shown: boot, known: null, held: null });
    const later = { ...boot, now: boot.now + 10_000, answers: 'leader' as const };
    expect(heldFigures(boot, later).held).toBeNull();
  });

  it('through a leader crash, the points never plunge to zero and the held ones are marked', async () => {
    const fs = await failoverFrames();
    let known: ClusterFrame | null = null;
    let history: HistoryPoint[] = [];
    const reasons = new Set<string>();
    for (const f of fs) {
      const r = heldFigures(f, known);
      known = r.known;
      if (r.held) reasons.add(r.held.reason);
      history = appendPoint(history, pointOf(r.shown, r.held !== null));
      if (f.ha.leader === null) expect(r.held?.reason).toBe('none');
    }
    expect(reasons).toEqual(new Set(['none', 'reregistering']));
    for (const p of history) {
      expect(p.total[0]).toBeGreaterThan(0);
      expect(p.used[0]).toBeGreaterThan(0);
    }
    const spans = heldSpans(history);
    expect(spans).toHaveLength(1);
    const [from, to] = spans[0]!;
    expect(to - from).toBeGreaterThan(9_000);
    expect(history.filter((p) => p.held).every((p) => p.t >= from && p.t < to)).toBe(true);
  });
});

describe('chart points', () => {
  it('keep used, offered and both share series apart', async () => {
    const sb = await createSandbox(defaultScenario);
    sb.advance(60_000);
    const f = sb.frame();
    const p = pointOf(f);
    expect(p.used).toEqual(f.used);
    expect(p.offered).toEqual(f.offered);
    expect(p.held).toBeUndefined();
    for (const r of f.roles) {
      expect(p.shares[r.role]).toBe(r.share);
      expect(p.usedShares[r.role]).toBe(r.usedShare);
    }
    expect(pointOf(f, true).held).toBe(true);
  });

  it('the share in use does not spike when a role is offered a whole agent', async () => {
    const sb = await createSandbox(defaultScenario);
    sb.advance(30_000);
    let maxJumpUsed = 0;
    let maxJumpDrf = 0;
    let prev: HistoryPoint | null = null;
    for (let t = 0; t < 60_000; t += 100) {
      sb.advance(100);
      const p = pointOf(sb.frame());
      if (prev) {
        for (const role of Object.keys(p.usedShares)) {
          if (prev.usedShares[role] === undefined) continue;
          maxJumpUsed = Math.max(maxJumpUsed, Math.abs(p.usedShares[role]! - prev.usedShares[role]!));
          maxJumpDrf = Math.max(maxJumpDrf, Math.abs(p.shares[role]! - prev.shares[role]!));
        }
      }
      prev = p;
    }
    expect(maxJumpDrf).toBeGreaterThan(0.2); // the DRF share jumps with offers…
    expect(maxJumpUsed).toBeLessThan(maxJumpDrf / 2); // …the share in use does not
  });
});

describe('heldSpans', () => {
  const pt = (t: number, held = false): HistoryPoint => ({
    t,
    allocated: [0, 0, 0, 0],
    used: [0, 0, 0, 0],
    offered: [0, 0, 0, 0],
    total: [1, 1, 1, 1],
    shares: {},
    usedShares: {},
    tasks: { staging: 0, starting: 0, running: 0, finished: 0, failed: 0, killed: 0, lost: 0 },
    ...(held ? { held } : {}),
  });
  it('runs from the first held point to the next answered one, or the end', () => {
    expect(heldSpans([pt(0), pt(1)])).toEqual([]);
    expect(heldSpans([pt(0), pt(1, true), pt(2, true), pt(3), pt(4, true)])).toEqual([
      [1, 3],
      [4, 4],
    ]);
  });
  it('says why', () => {
    expect(holdReasonText('none')).toBe('no leading master');
    expect(holdReasonText('reregistering')).toMatch(/re-registering/);
  });
});
