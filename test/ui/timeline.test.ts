import { describe, expect, it } from 'vitest';
import {
  axisEnd,
  happeningMarkersOf,
  jobsSummary,
  keyTarget,
  markersOf,
  MAX_TOOLTIP_LINES,
  MIN_SPAN_MS,
  PRIORITY,
  timeAt,
  timeScale,
  tooltipOf,
  viewEnd,
} from '../../src/ui/components/timeline/timeline.ts';
import type { JobMark } from '../../src/api/shapes/sandbox.ts';
import { forkQuestion } from '../../src/ui/state/cluster.svelte.ts';

describe('time bar helpers', () => {
  it('scales 0…end onto the width, never less than a minute', () => {
    expect(timeScale(600_000, 600)(300_000)).toBe(300);
    expect(timeScale(0, 600).domain()).toEqual([0, MIN_SPAN_MS]);
    expect(timeScale(1000, 0).range()).toEqual([0, 1]);
  });

  it('turns a pointer position into a time within what was reached', () => {
    const s = timeScale(600_000, 600);
    expect(timeAt(s, 123.456, 600_000)).toBe(123_500);
    expect(timeAt(s, -20, 600_000)).toBe(0);
    expect(timeAt(s, 900, 600_000)).toBe(600_000);
    expect(timeAt(timeScale(10_000, 600), 500, 10_000)).toBe(10_000); // past the end on a minimum-span axis
  });

  it('ends the axis at the latest time reached or the last action beyond it', () => {
    expect(axisEnd(50_000, [])).toBe(50_000);
    expect(axisEnd(50_000, [{ at: 20_000, method: 'POST', path: '/x' }])).toBe(50_000);
    expect(
      axisEnd(50_000, [
        { at: 20_000, method: 'POST', path: '/x' },
        { at: 90_000, method: 'PUT', path: '/y' },
      ]),
    ).toBe(90_000);
  });

  it('steps ten seconds per arrow key', () => {
    expect(keyTarget('ArrowLeft', 25_000, 60_000)).toBe(15_000);
    expect(keyTarget('ArrowLeft', 4000, 60_000)).toBe(0);
    expect(keyTarget('ArrowRight', 55_000, 60_000)).toBe(65_000);
    expect(keyTarget('Home', 5000, 60_000)).toBe(0);
    expect(keyTarget('End', 5000, 60_000)).toBe(60_000);
    expect(keyTarget('a', 5000, 60_000)).toBeNull();
  });

  it('marks actions, merges close ones and keeps the most notable kind', () => {
    const s = timeScale(1_000_000, 1000);
    const actions = [
      { at: 10_000, method: 'POST', path: '/marathon/v2/apps' },
      { at: 11_000, method: 'POST', path: '/sandbox/v1/faults' },
      { at: 500_000, method: 'DELETE', path: '/marathon/v2/queue/web/delay' },
    ];
    const events = [
      { at: 10_000, kind: 'deployment' as const, label: 'Deploy /web' },
      { at: 11_000, kind: 'failure' as const, label: 'agent-crash a1' },
    ];
    const markers = markersOf(actions, events, s, 200_000);
    expect(markers).toHaveLength(2);
    expect(markers[0]).toMatchObject({ x: 10, at: 10_000, kind: 'failure', ahead: false });
    expect(markers[0]!.lines).toEqual(['0:10 POST /marathon/v2/apps (Deploy /web)', '0:11 POST /sandbox/v1/faults (agent-crash a1)']);
    expect(markers[1]).toMatchObject({ kind: 'action', ahead: true, lines: ['8:20 DELETE /marathon/v2/queue/web/delay'] });
  });

  it('asks before a fork in plain words', () => {
    expect(forkQuestion(1)).toBe('Acting now drops 1 later action. Continue?');
    expect(forkQuestion(3)).toBe('Acting now drops 3 later actions. Continue?');
  });

  it("draws the cluster's own events, merged when close, the most notable kind winning", () => {
    const scale = timeScale(600_000, 600);
    const markers = happeningMarkersOf(
      [
        { at: 20_000, kind: 'deployment', label: 'Deployed /web' },
        { at: 21_000, kind: 'failure', label: '/web: task failed on a1' },
        { at: 300_000, kind: 'recovery', label: 'Agent a1 re-registered' },
      ],
      scale,
      100_000,
    );
    expect(markers.map((m) => [m.x, m.kind, m.ahead])).toEqual([
      [20, 'failure', false],
      [300, 'recovery', true],
    ]);
    expect(markers[0]!.lines).toEqual(['0:20 Deployed /web', '0:21 /web: task failed on a1']);
  });

  it("draws past the latest time reached by the jobs' look-ahead, and still scrubs only up to it", () => {
    expect(viewEnd(600_000, 600_000, 0)).toBe(600_000);
    expect(viewEnd(600_000, 600_000, 300_000)).toBe(900_000);
    expect(viewEnd(600_000, 200_000, 300_000)).toBe(900_000); // gone back: from the latest time reached
    expect(viewEnd(600_000, 650_000, 300_000)).toBe(950_000); // frames ahead of the last fetch
    const s = timeScale(viewEnd(600_000, 600_000, 300_000), 900);
    expect(s(600_000)).toBe(600);
    expect(timeAt(s, 800, 600_000)).toBe(600_000);
    expect(timeAt(s, 300, 600_000)).toBe(300_000);
  });

  it("ranks the jobs' kinds among the cluster's for merged ticks", () => {
    const order = Object.entries(PRIORITY)
      .sort((a, b) => b[1] - a[1])
      .map(([kind]) => kind);
    expect(order).toEqual([
      'failure',
      'leader',
      'job-failure',
      'recovery',
      'deployment',
      'job-success',
      'config',
      'job-upcoming',
      'action',
    ]);
  });

  it("draws the jobs' runs in the happenings' row, merged by time, the scheduled ones ahead", () => {
    const scale = timeScale(600_000, 600);
    const jobs: JobMark[] = [
      { at: 60_000, kind: 'job-success', label: 'Job a: run 1 succeeded' },
      { at: 120_000, kind: 'job-failure', label: 'Job b: run 2 failed' },
      { at: 121_000, kind: 'job-success', label: 'Job a: run 3 succeeded' },
      { at: 180_000, kind: 'job-upcoming', label: 'Job a: scheduled 00:03 UTC' },
    ];
    const happenings = [
      { at: 20_000, kind: 'deployment' as const, label: 'Deployed /web' },
      { at: 120_000, kind: 'recovery' as const, label: 'Agent a1 re-registered' },
      { at: 400_000, kind: 'leader' as const, label: 'Metronome on m2 leads' },
    ];
    const markers = happeningMarkersOf(happenings, scale, 150_000, jobs);
    expect(markers.map((m) => [m.x, m.kind, m.ahead])).toEqual([
      [20, 'deployment', false],
      [60, 'job-success', false],
      [120, 'job-failure', false],
      [180, 'job-upcoming', true],
      [400, 'leader', true],
    ]);
    expect(markers[2]!.lines).toEqual(['2:00 Agent a1 re-registered', '2:00 Job b: run 2 failed', '2:01 Job a: run 3 succeeded']);
    expect(markers[3]!.lines).toEqual(['3:00 Job a: scheduled 00:03 UTC']);
    expect(happeningMarkersOf([], scale, 0, jobs).map((m) => m.kind)).toEqual(['job-success', 'job-failure', 'job-upcoming']);
  });

  it('caps a tooltip and says how many lines it left out', () => {
    expect(tooltipOf(['a', 'b'])).toBe('a\nb');
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i}`);
    const text = tooltipOf(lines).split('\n');
    expect(text).toHaveLength(MAX_TOOLTIP_LINES);
    expect(text.at(-1)).toBe(`… and ${30 - MAX_TOOLTIP_LINES + 1} more`);
  });

  it("sums up the jobs' marks for screen readers", () => {
    expect(jobsSummary([], 0)).toBe('');
    const jobs: JobMark[] = [
      { at: 60_000, kind: 'job-success', label: 'Job a: run 1 succeeded' },
      { at: 70_000, kind: 'job-failure', label: 'Job b: run 2 failed' },
      { at: 125_000, kind: 'job-upcoming', label: 'Job a: scheduled 00:02 UTC' },
    ];
    expect(jobsSummary(jobs, 100_000)).toBe('Job runs on the time bar: 1 succeeded, 1 failed; next: Job a: scheduled 00:02 UTC (at 2:05)');
    expect(jobsSummary(jobs.slice(0, 2), 100_000)).toBe('Job runs on the time bar: 1 succeeded, 1 failed.');
  });
});
