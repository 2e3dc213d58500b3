import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PACE,
  MAX_TASK_CHIPS,
  PACES_MS,
  chapterAt,
  chapterSpan,
  chapterTime,
  highlightLinks,
  nextIndex,
  paceAfter,
  paceLabel,
  previousIndex,
  shortTaskId,
  storyUntil,
} from '../../src/ui/components/story/story.ts';
import { storyTime } from '../../src/sandbox/story/index.ts';

describe('story panel: times', () => {
  it('writes times as the story engine does (m:ss, h:mm:ss past an hour, floored)', () => {
    for (const ms of [0, 999, 1_000, 59_999, 60_000, 71_500, 3_599_999, 3_600_000, 3_661_000, 36_000_000]) {
      expect(chapterTime(ms)).toBe(storyTime(ms));
    }
    expect(chapterTime(71_900)).toBe('1:11');
    expect(chapterTime(3_661_000)).toBe('1:01:01');
    expect(chapterTime(-5)).toBe('0:00');
  });

  it('spans a chapter from its first to its last beat, one time when they share a second', () => {
    expect(chapterSpan({ at: 60_000, until: 71_200 })).toBe('1:00–1:11');
    expect(chapterSpan({ at: 60_000, until: 60_400 })).toBe('1:00');
  });
});

describe('story panel: navigation', () => {
  const chapters = [{ at: 0 }, { at: 0 }, { at: 60_000 }, { at: 95_000 }];

  it('finds the chapter a moment is in: the last begun by then', () => {
    expect(chapterAt(chapters, 0)).toBe(1);
    expect(chapterAt(chapters, 59_999)).toBe(1);
    expect(chapterAt(chapters, 60_000)).toBe(2);
    expect(chapterAt(chapters, 130_000)).toBe(3);
    expect(chapterAt([{ at: 5_000 }], 1_000)).toBeNull();
    expect(chapterAt([], 1_000)).toBeNull();
  });

  it('steps forward and back within the chapters', () => {
    expect(nextIndex(4, null)).toBe(0);
    expect(nextIndex(4, 2)).toBe(3);
    expect(nextIndex(4, 3)).toBeNull();
    expect(nextIndex(0, null)).toBeNull();
    expect(previousIndex(null)).toBeNull();
    expect(previousIndex(0)).toBeNull();
    expect(previousIndex(3)).toBe(2);
  });

  it('tells the story up to the latest moment recorded, not only to now after going back', () => {
    expect(storyUntil(130_000, 130_000, 60_000)).toBe(130_000);
    expect(storyUntil(20_000, 130_000, 60_000)).toBe(130_000);
    expect(storyUntil(20_000, 20_000, 90_000)).toBe(90_000);
  });
});

describe('story panel: pace', () => {
  it('goes slower and faster within the paces, slowest first', () => {
    expect(PACES_MS.every((ms, i) => i === 0 || ms < PACES_MS[i - 1]!)).toBe(true);
    expect(paceAfter(0, -1)).toBe(0);
    expect(paceAfter(0, 1)).toBe(1);
    expect(paceAfter(PACES_MS.length - 1, 1)).toBe(PACES_MS.length - 1);
    expect(paceLabel(DEFAULT_PACE)).toBe(`${PACES_MS[DEFAULT_PACE]! / 1000} s a chapter`);
    expect(paceLabel(PACES_MS.length - 1)).toBe('1.5 s a chapter');
  });
});

describe('story panel: highlights', () => {
  it('links masters and agents to Nodes, apps to their service page', () => {
    const { links, moreTasks } = highlightLinks({ masters: ['master-1'], agents: ['a1'], apps: ['/prod/web', '/db'] });
    expect(links).toEqual([
      { kind: 'master', label: 'master-1', href: '#/nodes' },
      { kind: 'agent', label: 'a1', href: '#/nodes' },
      { kind: 'app', label: '/prod/web', href: '#/services/detail/%2Fprod%2Fweb' },
      { kind: 'app', label: '/db', href: '#/services/detail/%2Fdb' },
    ]);
    expect(moreTasks).toBe(0);
  });

  it('links tasks to their page when the chapter is about one app, and counts the rest', () => {
    const tasks = Array.from({ length: MAX_TASK_CHIPS + 2 }, (_, i) => `web.0000000${i}-aaaa-bbbb`);
    const { links, moreTasks } = highlightLinks({ apps: ['/web'], tasks });
    const taskLinks = links.filter((l) => l.kind === 'task');
    expect(taskLinks).toHaveLength(MAX_TASK_CHIPS);
    expect(taskLinks[0]).toEqual({
      kind: 'task',
      label: 'web.00000000…',
      href: `#/services/detail/%2Fweb/tasks/${encodeURIComponent(tasks[0]!)}/details`,
    });
    expect(moreTasks).toBe(2);
  });

  it('only counts tasks when the chapter is about several apps or none', () => {
    expect(highlightLinks({ apps: ['/a', '/b'], tasks: ['a.1', 'b.1'] })).toMatchObject({ moreTasks: 2 });
    expect(highlightLinks({ tasks: ['x.1'] })).toEqual({ links: [], moreTasks: 1 });
    expect(highlightLinks({})).toEqual({ links: [], moreTasks: 0 });
  });

  it("shortens a task id after its UUID's first part only when there is more", () => {
    expect(shortTaskId('web.3f2a9c1e-1111-2222')).toBe('web.3f2a9c1e…');
    expect(shortTaskId('web.3f2a')).toBe('web.3f2a');
    expect(shortTaskId('no-dot-id')).toBe('no-dot-id');
  });
});
