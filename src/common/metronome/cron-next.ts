/**
 * The next run time of a Metronome cron (docs/metronome-sources.md §3.3), on croner 11 with the pattern cron.ts makes:
 * `domAndDow` for cron-utils' day-field intersection, the schedule's IANA zone through Intl (UTC-like zones as a fixed
 * offset, several times faster), parsed crons memoized.
 */
import { Cron } from 'croner';
import { toCronerPattern } from './cron.ts';

const MS_PER_YEAR = 365.2425 * 24 * 3600 * 1000;

/**
 * The next cron time strictly after `afterMs` (epoch ms) in the IANA zone `timezone`, or null if there is none
 * (the cron is invalid, never fires again, or — like cron-utils, which gives up more than 100 years ahead,
 * CU:SingleExecutionTime.java:139 — only fires more than ~100 years later).
 */
export function nextRunAfter(expr: string, timezone: string, afterMs: number): number | null {
  const job = cronOf(expr, timezone);
  if (job === null) return null;
  // With an explicit reference croner never reads the clock's answer; it is exclusive and strips milliseconds.
  const next = job.nextRun(new Date(afterMs));
  if (next === null) return null;
  const ms = next.getTime();
  return ms - afterMs > 100 * MS_PER_YEAR ? null : ms;
}

/** Zones that are UTC all year: croner's fixed offset is several times faster than its zone lookups. */
const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'Etc/Universal', 'Etc/Zulu', 'Etc/GMT', 'GMT', 'UCT', 'Universal', 'Zulu']);

/** Parsed crons by zone and expression: a pure memo (a cron's next time depends only on them), cleared when large. */
const parsed = new Map<string, Cron | null>();
const MAX_PARSED = 20_000;

function cronOf(expr: string, timezone: string): Cron | null {
  const key = `${timezone} ${expr}`;
  let job = parsed.get(key);
  if (job !== undefined) return job;
  job = parse(expr, timezone);
  if (parsed.size >= MAX_PARSED) parsed.clear();
  parsed.set(key, job);
  return job;
}

function parse(expr: string, timezone: string): Cron | null {
  const pattern = toCronerPattern(expr);
  if (pattern === null) return null;
  const zone = UTC_ZONES.has(timezone) ? { utcOffset: 0 } : { timezone };
  try {
    return new Cron(pattern, { ...zone, domAndDow: true, mode: '7-part', paused: true });
  } catch {
    return null; // year outside croner's 1–9999
  }
}
