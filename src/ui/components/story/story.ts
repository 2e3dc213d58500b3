/**
 * The Story panel's pure parts (issue 21, narrated replay): chapter times as the time bar's axis writes them,
 * which chapter a moment belongs to, stepping, the pace of Play and the highlights as links to the pages.
 */
import type { Chapter, Highlights } from '../../../sandbox/story/types.ts';
import { detailHref, taskHref } from '../../pages/services/services-route.ts';

/** `m:ss`, `h:mm:ss` past an hour: how the story engine writes times in its text (floored to the second). */
export function chapterTime(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** "1:00–1:11", or "1:00" when the chapter is one moment. */
export function chapterSpan(chapter: Pick<Chapter, 'at' | 'until'>): string {
  const from = chapterTime(chapter.at);
  const to = chapterTime(chapter.until);
  return from === to ? from : `${from}–${to}`;
}

/** The chapter the moment `now` is in: the last one begun by then (null: none has begun). */
export function chapterAt(chapters: readonly Pick<Chapter, 'at'>[], now: number): number | null {
  let found: number | null = null;
  chapters.forEach((c, i) => {
    if (c.at <= now) found = i;
  });
  return found;
}

/** The chapter Next goes to from `index` (null: before the first), or null past the last. */
export function nextIndex(count: number, index: number | null): number | null {
  const next = index === null ? 0 : index + 1;
  return next < count ? next : null;
}

/** The chapter Previous goes to from `index`, or null before the first. */
export function previousIndex(index: number | null): number | null {
  return index !== null && index > 0 ? index - 1 : null;
}

/** How long Play stays on a chapter (wall ms), slowest first. */
export const PACES_MS: readonly number[] = [10_000, 6_000, 3_000, 1_500];
export const DEFAULT_PACE = 1;

/** Play one step slower (-1) or faster (+1), within the paces. */
export function paceAfter(pace: number, change: -1 | 1): number {
  return Math.min(PACES_MS.length - 1, Math.max(0, pace + change));
}

/** "6 s a chapter". */
export function paceLabel(pace: number): string {
  const ms = PACES_MS[pace] ?? PACES_MS[DEFAULT_PACE]!;
  return `${(ms / 1000).toLocaleString('en-US')} s a chapter`;
}

export interface HighlightLink {
  kind: 'master' | 'agent' | 'app' | 'task';
  label: string;
  href: string;
}

/** Task chips shown before the rest are counted ("and 7 more tasks"). */
export const MAX_TASK_CHIPS = 4;

/**
 * A chapter's highlights as links: masters and agents to the Nodes page, apps to their service page, tasks to
 * their task page when the chapter is about one app (a task's app cannot be read back from its id in general).
 */
export function highlightLinks(h: Highlights): { links: HighlightLink[]; moreTasks: number } {
  const links: HighlightLink[] = [];
  for (const m of h.masters ?? []) links.push({ kind: 'master', label: m, href: '#/nodes' });
  for (const a of h.agents ?? []) links.push({ kind: 'agent', label: a, href: '#/nodes' });
  for (const app of h.apps ?? []) links.push({ kind: 'app', label: app, href: detailHref(app) });
  const tasks = h.tasks ?? [];
  const app = h.apps?.length === 1 ? h.apps[0] : undefined;
  const shown = app === undefined ? [] : tasks.slice(0, MAX_TASK_CHIPS);
  for (const t of shown) links.push({ kind: 'task', label: shortTaskId(t), href: taskHref(app!, t) });
  return { links, moreTasks: tasks.length - shown.length };
}

/** A Marathon task id without its UUID's tail: `web.3f2a…` reads as `web.3f2a9c1e`. */
export function shortTaskId(id: string): string {
  const dot = id.indexOf('.');
  return dot >= 0 && id.length > dot + 9 ? `${id.slice(0, dot + 9)}…` : id;
}

/** How far the story is told: the cluster's moment, or the end of what it has recorded when it went back in time. */
export function storyUntil(now: number, end: number, lastActionAt: number): number {
  return Math.max(now, end, lastActionAt);
}
