import { describe, expect, it } from 'vitest';
import { formatClock, formatMemPair, timeTicks } from '../../src/ui/format.ts';
import { gridGeometry, MAX_TILE, MIN_TILE, tileAt, tileOrigin } from '../../src/ui/pages/nodes/geometry.ts';
import { sortedIndexes } from '../../src/ui/pages/nodes/sort.ts';
import { appendPoint, heldSpans, thinned, type HistoryPoint } from '../../src/ui/state/history.ts';
import { routeFromHash } from '../../src/ui/state/routes.ts';
import type { AgentInfo } from '../../src/common/view-types.ts';

const point = (t: number): HistoryPoint => ({
  t,
  allocated: [0, 0, 0, 0],
  used: [0, 0, 0, 0],
  offered: [0, 0, 0, 0],
  total: [1, 1, 1, 1],
  shares: {},
  usedShares: {},
  tasks: { staging: 0, starting: 0, running: 0, finished: 0, failed: 0, killed: 0, lost: 0 },
});

describe('format', () => {
  it('shows simulated time as d HH:MM:SS.s', () => {
    expect(formatClock(0)).toBe('0d 00:00:00.0');
    expect(formatClock(3_723_456)).toBe('0d 01:02:03.4');
    expect(formatClock(90_061_000)).toBe('1d 01:01:01.0');
  });

  it('puts time ticks on round steps', () => {
    expect(timeTicks(0, 600_000, 5)).toEqual([0, 120_000, 240_000, 360_000, 480_000, 600_000]);
    expect(timeTicks(1500, 4200, 5)).toEqual([2000, 3000, 4000]);
  });

  it('shows memory pairs in the unit of the total', () => {
    expect(formatMemPair(5120, 16384)).toBe('5 / 16 GiB');
    expect(formatMemPair(0, 512)).toBe('0 / 512 MiB');
  });
});

describe('history', () => {
  it('is bounded but keeps its whole span, replaces a point at the same time and restarts when time goes back', () => {
    let h: HistoryPoint[] = [];
    for (let t = 0; t < 10; t++) h = appendPoint(h, point(t), 4);
    expect(h.map((p) => p.t)).toEqual([0, 7, 8, 9]);
    const before = h;
    h = appendPoint(h, point(9), 4);
    expect(h.map((p) => p.t)).toEqual([0, 7, 8, 9]);
    expect(h).not.toBe(before);
    expect(appendPoint(h, point(2), 4).map((p) => p.t)).toEqual([2]);
  });
});

describe('history thinning', () => {
  it('spreads the points kept evenly over the span and keeps the bounds of held stretches', () => {
    const points = Array.from({ length: 101 }, (_, t) => ({ ...point(t * 1000), ...(t >= 33 && t <= 36 ? { held: true } : {}) }));
    const kept = thinned(points, 11);
    expect(kept[0]!.t).toBe(0);
    expect(kept.at(-1)!.t).toBe(100_000);
    expect(heldSpans(kept)).toEqual(heldSpans(points));
    const gaps = kept.slice(1).map((p, i) => p.t - kept[i]!.t);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(10_000);
    expect(kept.length).toBeLessThanOrEqual(11 + 4);
  });
});

describe('node grid geometry', () => {
  it('uses big tiles for a small cluster and small ones for 10,000 agents', () => {
    expect(gridGeometry(14, 1100, 600).tile).toBe(MAX_TILE);
    const g = gridGeometry(10_000, 1100, 600);
    expect(g.tile).toBeGreaterThanOrEqual(MIN_TILE);
    expect(g.cols * g.rows).toBeGreaterThanOrEqual(10_000);
    expect(g.width).toBeLessThanOrEqual(1100);
  });

  it('finds the tile under a point and nothing in the gaps', () => {
    const g = gridGeometry(1000, 1000, 600);
    for (const i of [0, 1, g.cols, 999]) {
      const [x, y] = tileOrigin(g, i);
      expect(tileAt(g, 1000, x + 1, y + 1)).toBe(i);
    }
    const [x0] = tileOrigin(g, 0);
    expect(tileAt(g, 1000, x0 + g.tile + g.gap / 2 + 0.1, 1)).toBe(-1);
    expect(tileAt(g, 1000, -1, 0)).toBe(-1);
    expect(tileAt(g, 10, 0, g.height)).toBe(-1);
  });
});

describe('node table sort', () => {
  const agent = (hostname: string, cpus: number): AgentInfo => ({
    id: hostname,
    hostname,
    ip: '10.0.0.1',
    public: false,
    total: [cpus, 1024, 0, 0],
    attributes: {},
    reservedRoles: [],
  });
  const agents = [agent('a-10', 4), agent('a-2', 8), agent('a-1', 4)];

  it('sorts hostnames naturally and allocation by fraction', () => {
    expect(Array.from(sortedIndexes(agents, undefined, undefined, { key: 'hostname', descending: false }))).toEqual([2, 1, 0]);
    const allocated = new Float64Array([1, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0]);
    expect(Array.from(sortedIndexes(agents, allocated, undefined, { key: 'cpus', descending: true }))).toEqual([2, 1, 0]);
  });
});

describe('routes', () => {
  it('reads the page from the hash and falls back to the dashboard', () => {
    expect(routeFromHash('#/nodes').id).toBe('nodes');
    expect(routeFromHash('#/nodes?x=1').id).toBe('nodes');
    expect(routeFromHash('').id).toBe('dashboard');
    expect(routeFromHash('#/nope').id).toBe('dashboard');
  });
});
