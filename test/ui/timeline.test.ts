import { describe, expect, it } from 'vitest';
import {
  axisEnd,
  happeningMarkersOf,
  keyTarget,
  markersOf,
  MIN_SPAN_MS,
  timeAt,
  timeScale,
} from '../../src/ui/components/timeline/timeline.ts';
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
});
