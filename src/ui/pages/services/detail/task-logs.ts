/**
 * The task page's Logs tab, the parts that need no page: reading dcos-log's task file answers (server-sent events,
 * each line's end offset as its id: the cursor to read on from), keeping a bounded tail of lines, and the Find box's
 * matches and stepping (DC/OS' LogView "Find", with next and previous).
 */

/** Task sandbox files dcos-log serves (DC/OS' task Logs tab switches between them). */
export const LOG_FILES = ['stdout', 'stderr'] as const;
export type LogFile = (typeof LOG_FILES)[number];

/** The most lines the view keeps: the oldest go first. */
export const MAX_LOG_LINES = 2000;

/** What one read brought: its lines and the byte offset to read on from (null: no line, the cursor stays). */
export interface FileChunk {
  lines: string[];
  cursor: number | null;
}

/**
 * dcos-log's `text/event-stream` answer for a file: `id: <end offset>` and `data: {"fields":{"MESSAGE":…},…}` per line.
 * Malformed events are skipped.
 */
export function parseFileEvents(body: string): FileChunk {
  const lines: string[] = [];
  let cursor: number | null = null;
  for (const event of body.split('\n\n')) {
    if (event.trim() === '') continue;
    let id: number | null = null;
    let data: string | null = null;
    for (const row of event.split('\n')) {
      if (row.startsWith('id: ')) id = Number(row.slice(4));
      else if (row.startsWith('data: ')) data = row.slice(6);
    }
    if (data === null || id === null || !Number.isFinite(id)) continue;
    try {
      const entry = JSON.parse(data) as { fields?: { MESSAGE?: unknown } };
      const message = entry.fields?.MESSAGE;
      if (typeof message !== 'string') continue;
      lines.push(message);
      cursor = id;
    } catch {
      continue;
    }
  }
  return { lines, cursor };
}

/** The agent's path for a task file, from the 303's Location (its query dropped: each read sets its own). */
export function fileBase(location: string | undefined): string | null {
  if (!location || !location.startsWith('/system/v1/agent/')) return null;
  return location.split('?')[0]!;
}

/** `lines` followed by `more`, only the last `max` kept; `dropped`: how many went off the top. */
export function appendBounded(
  lines: readonly string[],
  more: readonly string[],
  max = MAX_LOG_LINES,
): { lines: string[]; dropped: number } {
  const all = more.length === 0 ? [...lines] : [...lines, ...more];
  const dropped = Math.max(0, all.length - max);
  return { lines: dropped > 0 ? all.slice(dropped) : all, dropped };
}

/** One match of the Find box: line index and the match's [start, end) in it. */
export interface LogMatch {
  line: number;
  start: number;
  end: number;
}

/** Every match of `query` (case-insensitive, literal text, not overlapping), in reading order. Empty query: none. */
export function findMatches(lines: readonly string[], query: string, limit = 10_000): LogMatch[] {
  const q = query.toLowerCase();
  const found: LogMatch[] = [];
  if (q === '') return found;
  for (let i = 0; i < lines.length && found.length < limit; i++) {
    const text = lines[i]!.toLowerCase();
    let at = text.indexOf(q);
    while (at >= 0 && found.length < limit) {
      found.push({ line: i, start: at, end: at + q.length });
      at = text.indexOf(q, at + q.length);
    }
  }
  return found;
}

/** The next (+1) or previous (−1) match, wrapping around; -1 when there is none. From none (-1): the first, or the last going back. */
export function stepMatch(current: number, count: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0 || current >= count) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}

/**
 * Which match stays current after the lines changed (new lines read, old ones dropped): the one at the same
 * place, shifted by the lines dropped; else the first at or after it; -1 with no match.
 */
export function keepMatch(previous: LogMatch | undefined, dropped: number, matches: readonly LogMatch[]): number {
  if (matches.length === 0) return -1;
  if (!previous) return -1;
  const line = previous.line - dropped;
  const same = matches.findIndex((m) => m.line === line && m.start === previous.start);
  if (same >= 0) return same;
  const after = matches.findIndex((m) => m.line >= line);
  return after >= 0 ? after : matches.length - 1;
}

/** A line cut into plain text and marked matches (`current`: the match the Find box is on). */
export interface LineSegment {
  text: string;
  mark: boolean;
  current: boolean;
}

/** `text` as segments: the matches of line `line` marked. `matches` is in reading order. */
export function segmentLine(text: string, line: number, matches: readonly LogMatch[], current: number): LineSegment[] {
  const own: Array<{ m: LogMatch; index: number }> = [];
  // Matches are sorted by line: find this line's by binary search, then walk.
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matches[mid]!.line < line) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < matches.length && matches[i]!.line === line; i++) own.push({ m: matches[i]!, index: i });
  if (own.length === 0) return [{ text, mark: false, current: false }];
  const segments: LineSegment[] = [];
  let at = 0;
  for (const { m, index } of own) {
    if (m.start > at) segments.push({ text: text.slice(at, m.start), mark: false, current: false });
    segments.push({ text: text.slice(m.start, m.end), mark: true, current: index === current });
    at = m.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), mark: false, current: false });
  return segments;
}
