/**
 * Tutorial links: `#lesson=drf&step=2` opens lesson `drf` at its second step (steps count from 1).
 * While a lesson runs, the page's own route stays in front and the lesson follows it:
 * `#/services?lesson=drf&step=2`. Share links (`#s=1.…`) are a different thing and never parsed here.
 * Nothing from a link is trusted: the id must look like an id, the step like a small number.
 */

export interface TutorialLink {
  lesson: string;
  /** 1-based, as in the link; at least 1. */
  step: number;
}

const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const MAX_STEP = 99;
/** `lesson=…` (and `step=…`) at the start of the fragment or after `?` or `&`, to its end. */
const PART = /(^#?|[?&])(lesson=[^#]*)$/;

/** The lesson and step a fragment asks for, or null (no lesson, a share link, a malformed id). */
export function parseTutorialHash(hash: string): TutorialLink | null {
  if (hash.replace(/^#/, '').startsWith('s=')) return null;
  const m = PART.exec(hash);
  if (!m) return null;
  const params = new URLSearchParams(m[2]);
  const lesson = params.get('lesson') ?? '';
  if (!ID.test(lesson)) return null;
  const raw = params.get('step');
  const n = raw !== null && /^\d{1,3}$/.test(raw) ? Number(raw) : 1;
  return { lesson, step: Math.min(MAX_STEP, Math.max(1, n)) };
}

/** The fragment without its lesson part: what the page router reads (`#/services?lesson=x` → `#/services`). */
export function stripTutorialHash(hash: string): string {
  if (hash.replace(/^#/, '').startsWith('s=')) return hash;
  const m = PART.exec(hash);
  if (!m) return hash;
  const rest = hash.slice(0, m.index);
  return rest === '' || rest === '#' ? '' : rest;
}

/** The fragment for `link` on the page `routeHash` (`#/nodes`, or '' for the default page). */
export function formatTutorialHash(routeHash: string, link: TutorialLink): string {
  const route = stripTutorialHash(routeHash);
  const part = `lesson=${encodeURIComponent(link.lesson)}&step=${Math.max(1, Math.floor(link.step))}`;
  if (route === '' || route === '#') return `#${part}`;
  return `${route}${route.includes('?') ? '&' : '?'}${part}`;
}
