import { describe, expect, it } from 'vitest';
import { formatTutorialHash, parseTutorialHash, stripTutorialHash } from '../../src/tutorial/link.ts';
import { progressLabel, reduceProgress, restoreProgress, type ProgressMap } from '../../src/tutorial/progress.ts';
import { textPieces } from '../../src/ui/tutorial/text.ts';
import { CYCLE, NODES } from '../../src/ui/tutorial/visuals/offer-cycle.ts';
import { parsePercent, verdict } from '../../src/ui/tutorial/visuals/drf.ts';
import { routeFromHash } from '../../src/ui/state/routes.ts';

describe('tutorial links', () => {
  it('reads a teacher link and a lesson following a page route', () => {
    expect(parseTutorialHash('#lesson=drf&step=2')).toEqual({ lesson: 'drf', step: 2 });
    expect(parseTutorialHash('#lesson=first-app')).toEqual({ lesson: 'first-app', step: 1 });
    expect(parseTutorialHash('#/services/detail/%2Fweb?lesson=ha&step=3')).toEqual({ lesson: 'ha', step: 3 });
    expect(parseTutorialHash('#/nodes')).toBeNull();
    expect(parseTutorialHash('')).toBeNull();
  });

  it('trusts nothing: bad ids, odd steps, share links', () => {
    expect(parseTutorialHash('#lesson=<script>&step=1')).toBeNull();
    expect(parseTutorialHash('#lesson=drf&step=0')).toEqual({ lesson: 'drf', step: 1 });
    expect(parseTutorialHash('#lesson=drf&step=-4')).toEqual({ lesson: 'drf', step: 1 });
    expect(parseTutorialHash('#lesson=drf&step=5000')).toEqual({ lesson: 'drf', step: 1 });
    expect(parseTutorialHash('#lesson=drf&step=150')).toEqual({ lesson: 'drf', step: 99 });
    expect(parseTutorialHash('#s=1.abc&lesson=drf')).toBeNull();
  });

  it('formats after the route and round-trips; the router sees only the route', () => {
    expect(formatTutorialHash('', { lesson: 'drf', step: 2 })).toBe('#lesson=drf&step=2');
    expect(formatTutorialHash('#/nodes', { lesson: 'drf', step: 2 })).toBe('#/nodes?lesson=drf&step=2');
    expect(formatTutorialHash('#/nodes?lesson=drf&step=2', { lesson: 'drf', step: 3 })).toBe('#/nodes?lesson=drf&step=3');
    expect(formatTutorialHash('#/services?x=1', { lesson: 'ha', step: 1 })).toBe('#/services?x=1&lesson=ha&step=1');
    for (const h of ['#/nodes?lesson=drf&step=4', '#lesson=tour&step=1'])
      expect(parseTutorialHash(formatTutorialHash(h, parseTutorialHash(h)!))).toEqual(parseTutorialHash(h));
    expect(stripTutorialHash('#/nodes?lesson=drf&step=2')).toBe('#/nodes');
    expect(stripTutorialHash('#lesson=drf&step=2')).toBe('');
    expect(stripTutorialHash('#s=1.abc')).toBe('#s=1.abc');
    expect(routeFromHash(stripTutorialHash('#/components?lesson=ha&step=2')).id).toBe('components');
  });
});

describe('tutorial progress', () => {
  const at = 1000;
  it('records the step reached, marks done at the end, and keeps done on restart', () => {
    let p: ProgressMap = {};
    p = reduceProgress(p, { kind: 'reached', lesson: 'drf', step: 1, stepCount: 3, at });
    expect(p['drf']).toEqual({ step: 1, done: false, updatedAt: at });
    const same = reduceProgress(p, { kind: 'reached', lesson: 'drf', step: 1, stepCount: 3, at: at + 1 });
    expect(same).toBe(p);
    p = reduceProgress(p, { kind: 'reached', lesson: 'drf', step: 9, stepCount: 3, at });
    expect(p['drf']).toEqual({ step: 3, done: true, updatedAt: at });
    p = reduceProgress(p, { kind: 'restart', lesson: 'drf', at: at + 5 });
    expect(p['drf']).toEqual({ step: 0, done: true, updatedAt: at + 5 });
    expect(reduceProgress(p, { kind: 'restart', lesson: 'none', at })).toBe(p);
  });

  it('loads stored records and checks them', () => {
    const p = reduceProgress({}, { kind: 'loaded', records: [{ lesson: 'ha', step: 2, done: false, updatedAt: 3 }] });
    expect(p).toEqual({ ha: { step: 2, done: false, updatedAt: 3 } });
    expect(restoreProgress({ lesson: 'ha', step: 2, done: 'yes', updatedAt: 'x' })).toEqual({
      lesson: 'ha',
      step: 2,
      done: false,
      updatedAt: 0,
    });
    expect(restoreProgress({ lesson: 'ha', step: 1.5 })).toBeNull();
    expect(restoreProgress({ step: 1 })).toBeNull();
    expect(restoreProgress(null)).toBeNull();
  });

  it('labels the lesson list', () => {
    expect(progressLabel(undefined, 4)).toBe('Not started');
    expect(progressLabel({ step: 2, done: false, updatedAt: 0 }, 4)).toBe('Step 3 of 4');
    expect(progressLabel({ step: 0, done: true, updatedAt: 0 }, 4)).toBe('Done');
  });
});

describe('tutorial panel helpers', () => {
  it('splits `code` out of lesson text, as text', () => {
    expect(textPieces('Run `dcos node` now')).toEqual([
      { code: false, text: 'Run ' },
      { code: true, text: 'dcos node' },
      { code: false, text: ' now' },
    ]);
    expect(textPieces('<b>x</b>')).toEqual([{ code: false, text: '<b>x</b>' }]);
  });

  it('the offer cycle has twelve steps between known components, ending with the status update to the scheduler', () => {
    expect(CYCLE).toHaveLength(12);
    for (const s of CYCLE) expect(NODES[s.from] && NODES[s.to] && s.from !== s.to).toBeTruthy();
    expect(CYCLE[0]).toMatchObject({ from: 'agent', to: 'master' });
    expect(CYCLE.map((s) => s.kind)).toContain('decline');
    expect(CYCLE[11]).toMatchObject({ from: 'master', to: 'marathon', kind: 'status' });
  });

  it('reads predicted percentages', () => {
    expect(parsePercent('50')).toBe(0.5);
    expect(parsePercent(' 33.3 % ')).toBeCloseTo(0.333);
    expect(parsePercent('101')).toBeNull();
    expect(parsePercent('abc')).toBeNull();
    expect(verdict(0.5, 0.52)).toBe('close');
    expect(verdict(0.5, 0.62)).toBe('near');
    expect(verdict(0.5, 0.8)).toBe('off');
  });
});
