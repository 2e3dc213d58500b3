/**
 * Beats into chapters. Beats of one thread (the HA story, one agent, one app, the roles) close in
 * time share a chapter; a consequence (tasks, re-registrations, a new allocation) joins the chapter
 * of the cause open at that moment (an agent marked unreachable, a master crash). In a chapter,
 * beats of one merge key are one sentence (ten tasks launched in a second: one sentence), with
 * its time as the time bar writes it.
 */
import type { Beat, Chapter, Highlights, NarrateOptions } from './types.ts';
import { storyTime } from './time.ts';

/** How far apart (ms) beats of one thread may be and share a chapter, by thread kind. */
export const DEFAULT_GAPS: Record<string, number> = {
  ha: 30_000,
  network: 5_000,
  agent: 10_000,
  app: 10_000,
  framework: 5_000,
  roles: 10_000,
  faults: 3_000,
};

/** A consequence joins a cause's chapter whose last beat is at most this long before it. */
export const EFFECT_JOIN_MS = 5_000;

const DEFAULT_MAX_SPAN_MS = 120_000;

/** The HA story's first chapter, when it starts this early, is the cluster's boot. */
const BOOT_MS = 10_000;

interface Draft {
  thread: string;
  at: number;
  lastAt: number;
  beats: Beat[];
}

function threadKind(thread: string): string {
  const colon = thread.indexOf(':');
  return colon < 0 ? thread : thread.slice(0, colon);
}

function isCause(thread: string): boolean {
  const kind = threadKind(thread);
  return kind === 'ha' || kind === 'network' || kind === 'agent' || kind === 'faults' || kind === 'roles';
}

export function narrate(beats: readonly Beat[], options: NarrateOptions = {}): Chapter[] {
  const gaps = { ...DEFAULT_GAPS, ...options.gaps };
  const maxSpan = options.maxSpanMs ?? DEFAULT_MAX_SPAN_MS;
  const gapOf = (thread: string): number => gaps[threadKind(thread)] ?? 10_000;
  const drafts: Draft[] = [];
  const open = new Map<string, Draft>();
  const fits = (d: Draft, b: Beat, gap: number): boolean => b.at - d.lastAt <= gap && b.at - d.at <= maxSpan;
  for (const beat of [...beats].sort((a, b) => a.at - b.at)) {
    let draft = open.get(beat.thread);
    if (draft && !fits(draft, beat, gapOf(beat.thread))) draft = undefined;
    if (!draft && beat.effect) draft = [...drafts].reverse().find((d) => isCause(d.thread) && fits(d, beat, EFFECT_JOIN_MS));
    if (!draft) {
      draft = { thread: beat.thread, at: beat.at, lastAt: beat.at, beats: [] };
      drafts.push(draft);
    }
    open.set(beat.thread, draft);
    draft.beats.push(beat);
    draft.lastAt = Math.max(draft.lastAt, beat.at);
  }
  return drafts.map(chapterOf);
}

function chapterOf(draft: Draft): Chapter {
  const groups = new Map<string, Beat[]>();
  for (const b of draft.beats) {
    const group = groups.get(b.merge);
    if (group) group.push(b);
    else groups.set(b.merge, [b]);
  }
  const sentences = [...groups.values()].map((group) => {
    const first = group[0]!;
    const from = storyTime(first.at);
    const to = storyTime(group[group.length - 1]!.at);
    const when = from === to ? `at ${from}` : `from ${from} to ${to}`;
    return `${first.render(group.map((b) => b.item))} ${when}`;
  });
  return {
    at: draft.at,
    until: draft.lastAt,
    title: draft.thread === 'ha' && draft.at < BOOT_MS ? 'The cluster boots' : capital(draft.beats[0]!.title),
    text: `${capital(sentences.join('; '))}.`,
    highlights: union(draft.beats.map((b) => b.highlights)),
  };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function union(all: readonly Highlights[]): Highlights {
  const out: Highlights = {};
  for (const key of ['agents', 'tasks', 'apps', 'masters'] as const) {
    const values = [...new Set(all.flatMap((h) => h[key] ?? []))].sort();
    if (values.length > 0) out[key] = values;
  }
  return out;
}
