/**
 * Metronome's cron dialect (docs/metronome-sources.md §3.2-§3.3, cron-utils 9.0.0) on croner.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cronErrorMessage, fireAt, toCronerPattern, validateCron, validateTimezone } from '../../../src/common/metronome/cron.ts';
import { nextRunAfter } from '../../../src/common/metronome/cron-next.ts';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const next = (expr: string, from: string, tz = 'UTC'): string | null => iso(nextRunAfter(expr, tz, at(from)));
/** The next n runs, each strictly after the previous one (as the scheduler actor chains them). */
const runs = (expr: string, from: string, n: number, tz = 'UTC'): (string | null)[] => {
  const out: (string | null)[] = [];
  let t: number | null = at(from);
  for (let i = 0; i < n && t !== null; i++) {
    t = nextRunAfter(expr, tz, t);
    out.push(iso(t));
  }
  return out;
};

describe('validateCron', () => {
  it('accepts the 5-field dialect, the optional year, names and special characters', () => {
    for (const expr of [
      '* * * * *',
      '*/1 * * * *',
      '0 0 * * *',
      '30 2 1-15/2 JAN-JUN MON-FRI',
      '0 12 * * 7',
      '0 12 * * 0-7',
      '0 12 L * *',
      '0 12 15W * *',
      '0 12 * * 5L',
      '0 12 * * FRIL',
      '0 12 * * 5#2',
      '0 12 * * MON#1',
      '0 0 1 1 * 2030',
      '0 0 1 1 * 2030-2035',
      '5/15 * * * *',
      '  0   0  *  *  *  ',
      '0 0 * * mon',
      '0 0 29 2 *',
      '0 0 30,31 2 *', // a list is never checked by the Feb-30 rule
      '0 0 28-31 2 *',
    ]) {
      expect(validateCron(expr), expr).toBeNull();
    }
  });

  it('rejects what cron-utils with Metronome definition rejects, with the Reads message', () => {
    for (const expr of [
      '',
      '   ',
      '0 0 ? * *',
      '0 0 * * ?',
      '0 0 LW * *',
      '0 0 * * LW',
      '@daily',
      '@hourly',
      '0 0 0 * * *', // Quartz-style seconds first: read as day-of-month 0
      '0 0 0 1 * * 2030', // 7 fields
      '* * * *',
      '60 * * * *',
      '* 24 * * *',
      '* * 0 * *',
      '* * 32 * *',
      '* * * 0 *',
      '* * * 13 *',
      '* * * * 8',
      '* * * * 5#6',
      '* * * * 5#0',
      '5-1 * * * *',
      '*/0 * * * *',
      '*/60 * * * *',
      '1, * * * *',
      '* * * * * -1',
      '0 0 31 2 *',
      '0 0 30 FEB *',
      '0 0 30-31 2 *',
      '0 0 L-3 * *', // cron-utils parses L-n; the sandbox does not (documented in cron.ts)
      '0 0 * * L',
      'a b c d e',
    ]) {
      expect(validateCron(expr), expr).toBe(cronErrorMessage(expr));
    }
  });

  it('reads a 6th field as a year, never as seconds', () => {
    // `0 0 0 * * *` = minute 0, hour 0, day-of-month 0 → day 0 is out of range.
    expect(validateCron('0 0 0 * * *')).toBe('Can not read cron expression "0 0 0 * * *"');
    expect(next('0 0 * * * 2030', '2026-01-01T00:00:00Z')).toBe('2030-01-01T00:00:00.000Z');
  });

  it('prints the cron as a JSON string, quotes and escapes included', () => {
    expect(validateCron('@daily')).toBe('Can not read cron expression "@daily"');
    expect(validateCron('a"b')).toBe('Can not read cron expression "a\\"b"');
  });

  it('keeps the Feb-30 check quirks: ranges exclude their upper bound, lists and steps are not checked', () => {
    expect(validateCron('0 0 30-31 2 *')).not.toBeNull(); // checked as day 30 only
    expect(validateCron('0 0 29-31 2 *')).toBeNull();
    expect(validateCron('0 0 30-30 2 *')).toBeNull(); // empty range → not checked
    expect(validateCron('0 0 31 1-2 *')).toBeNull(); // months [1]: Jan 31 exists
    expect(validateCron('0 0 31 2-3 *')).not.toBeNull(); // months [2] only
    expect(validateCron('0 0 31 4 *')).not.toBeNull();
    expect(validateCron('0 0 31 */2 *')).toBeNull();
    // Accepted but never fires.
    expect(nextRunAfter('0 0 30,31 2 *', 'UTC', at('2026-01-01T00:00:00Z'))).toBeNull();
  });

  it('gives croner the 7-part pattern of the doc (§8)', () => {
    expect(toCronerPattern('*/5 1 * * *')).toBe('0 */5 1 * * * *');
    expect(toCronerPattern('0 12 * * 5L 2030')).toBe('0 0 12 * * 5#L 2030');
    expect(toCronerPattern('0 12 * JAN FRI#2')).toBe('0 0 12 * 1 5#2 *');
    expect(toCronerPattern('5/15 * * * *')).toBe('0 5-59/15 * * * * *');
  });
});

describe('nextRunAfter', () => {
  it('is strictly after the reference and drops milliseconds', () => {
    expect(next('* * * * *', '2026-01-01T12:00:00.000Z')).toBe('2026-01-01T12:01:00.000Z');
    expect(next('* * * * *', '2026-01-01T12:00:59.999Z')).toBe('2026-01-01T12:01:00.000Z');
    expect(next('0 * * * *', '2026-01-01T12:00:00.000Z')).toBe('2026-01-01T13:00:00.000Z');
  });

  it('requires day-of-month AND day-of-week when both are restricted', () => {
    // Friday the 13th: 2026-02-13 and 2026-03-13 are Fridays.
    expect(runs('0 0 13 * 5', '2026-01-01T00:00:00Z', 3)).toEqual([
      '2026-02-13T00:00:00.000Z',
      '2026-03-13T00:00:00.000Z',
      '2026-11-13T00:00:00.000Z',
    ]);
    // `*/1` is not a literal `*`: still AND, and every day matches it.
    expect(next('0 0 */1 * 1', '2026-01-01T00:00:00Z')).toBe('2026-01-05T00:00:00.000Z');
    // A literal `*` in day-of-month leaves day-of-week alone.
    expect(next('0 0 * * 1', '2026-01-01T00:00:00Z')).toBe('2026-01-05T00:00:00.000Z');
    // The 1st that is a Monday: 2026-06-01.
    expect(next('0 0 1 * MON', '2026-01-01T00:00:00Z')).toBe('2026-06-01T00:00:00.000Z');
  });

  it('numbers weekdays 0–7 with Monday = 1 and 7 = 0 = Sunday', () => {
    // 2026-01-01 is a Thursday.
    expect(next('0 0 * * 0', '2026-01-01T00:00:00Z')).toBe('2026-01-04T00:00:00.000Z');
    expect(next('0 0 * * 7', '2026-01-01T00:00:00Z')).toBe('2026-01-04T00:00:00.000Z');
    expect(next('0 0 * * SUN', '2026-01-01T00:00:00Z')).toBe('2026-01-04T00:00:00.000Z');
    expect(next('0 0 * * 1', '2026-01-01T00:00:00Z')).toBe('2026-01-05T00:00:00.000Z');
    expect(next('0 0 * * 6', '2026-01-01T00:00:00Z')).toBe('2026-01-03T00:00:00.000Z');
    expect(runs('0 0 * * 5-7', '2026-01-01T00:00:00Z', 3)).toEqual([
      '2026-01-02T00:00:00.000Z',
      '2026-01-03T00:00:00.000Z',
      '2026-01-04T00:00:00.000Z',
    ]);
  });

  it('supports L, W and #', () => {
    expect(next('0 0 L * *', '2028-02-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(next('0 0 L * *', '2026-02-01T00:00:00Z')).toBe('2026-02-28T00:00:00.000Z');
    // 2026-03-15 is a Sunday → nearest weekday Monday 16th; 2026-08-15 a Saturday → Friday 14th.
    expect(next('0 0 15W 3 *', '2026-01-01T00:00:00Z')).toBe('2026-03-16T00:00:00.000Z');
    expect(next('0 0 15W 8 *', '2026-01-01T00:00:00Z')).toBe('2026-08-14T00:00:00.000Z');
    // Last Friday of January 2026 = 30th; second Friday = 9th; first Monday = 5th.
    expect(next('0 0 * * 5L', '2026-01-01T00:00:00Z')).toBe('2026-01-30T00:00:00.000Z');
    expect(next('0 0 * * 5#2', '2026-01-01T00:00:00Z')).toBe('2026-01-09T00:00:00.000Z');
    expect(next('0 0 * * MON#1', '2026-01-01T00:00:00Z')).toBe('2026-01-05T00:00:00.000Z');
  });

  it('honours the year field and answers null when the years are over', () => {
    expect(next('0 0 1 1 * 2030', '2026-06-01T00:00:00Z')).toBe('2030-01-01T00:00:00.000Z');
    expect(next('0 0 1 1 * 2020', '2026-06-01T00:00:00Z')).toBeNull();
    expect(next('0 0 1 1 * 2020-2025', '2026-06-01T00:00:00Z')).toBeNull();
    // cron-utils gives up more than 100 years ahead.
    expect(next('0 0 1 1 * 2200', '2026-06-01T00:00:00Z')).toBeNull();
    // croner stops at 9999; cron-utils takes bigger years (they never fire within 100 years anyway).
    expect(validateCron('0 0 1 1 * 12000')).toBeNull();
    expect(next('0 0 1 1 * 12000', '2026-06-01T00:00:00Z')).toBeNull();
  });

  it('answers null for a cron Metronome rejects', () => {
    expect(next('@daily', '2026-01-01T00:00:00Z')).toBeNull();
  });

  it('computes in the IANA zone', () => {
    expect(next('0 9 * * *', '2026-01-01T00:00:00Z', 'Europe/Berlin')).toBe('2026-01-01T08:00:00.000Z');
    expect(next('0 9 * * *', '2026-07-01T00:00:00Z', 'Europe/Berlin')).toBe('2026-07-01T07:00:00.000Z');
    expect(next('0 9 * * *', '2026-01-01T00:00:00Z', 'Asia/Kolkata')).toBe('2026-01-01T03:30:00.000Z');
  });

  // DST: the doc (§8, §9 #16) did not trace cron-utils and adopts croner's rules. Reading cron-utils 9.0.0
  // (SingleExecutionTime.java:147-272, hour-by-hour `ZonedDateTime.plus`) suggests it would instead skip the gap day
  // and run a repeated fixed time twice. These tests pin croner's behaviour, the sandbox's documented choice.
  it('spring forward: a fixed time in the gap runs when the clock has jumped (croner), same day', () => {
    // 2026-03-08 in America/New_York: 02:00 EST → 03:00 EDT.
    expect(runs('0 2 * * *', '2026-03-07T12:00:00Z', 3, 'America/New_York')).toEqual([
      '2026-03-08T07:00:00.000Z', // 03:00 EDT (cron-utils, by reading: skipped, next is 03-09 02:00 EDT)
      '2026-03-09T06:00:00.000Z', // 02:00 EDT
      '2026-03-10T06:00:00.000Z',
    ]);
    // An interval job skips the missing hour.
    expect(runs('30 * * * *', '2026-03-08T06:00:00Z', 2, 'America/New_York')).toEqual([
      '2026-03-08T06:30:00.000Z', // 01:30 EST
      '2026-03-08T07:30:00.000Z', // 03:30 EDT
    ]);
  });

  it('fall back: a repeated fixed time runs once (croner), an interval job on both passes', () => {
    // 2026-11-01 in America/New_York: 02:00 EDT → 01:00 EST.
    expect(runs('30 1 * * *', '2026-10-31T12:00:00Z', 2, 'America/New_York')).toEqual([
      '2026-11-01T05:30:00.000Z', // 01:30 EDT (cron-utils, by reading: also 06:30Z, 01:30 EST)
      '2026-11-02T06:30:00.000Z',
    ]);
    expect(runs('30 * * * *', '2026-11-01T04:00:00Z', 3, 'America/New_York')).toEqual([
      '2026-11-01T04:30:00.000Z', // 00:30 EDT
      '2026-11-01T05:30:00.000Z', // 01:30 EDT
      '2026-11-01T06:30:00.000Z', // 01:30 EST
    ]);
  });

  it('is deterministic: same inputs, same answers, whatever the wall clock', () => {
    const a = runs('*/7 3-5 * * MON-FRI', '2026-01-01T00:00:00Z', 20, 'Europe/Paris');
    const b = runs('*/7 3-5 * * MON-FRI', '2026-01-01T00:00:00Z', 20, 'Europe/Paris');
    expect(a).toEqual(b);
    expect(next('0 0 1 1 *', '1990-06-01T00:00:00Z')).toBe('1991-01-01T00:00:00.000Z');
    for (const file of ['cron.ts', 'cron-next.ts']) {
      const src = readFileSync(new URL(`../../../src/common/metronome/${file}`, import.meta.url), 'utf8');
      expect(src).not.toMatch(/Date\.now|new Date\(\)|performance\.now/);
    }
  });
});

describe('validateTimezone', () => {
  it('accepts IANA ids and UTC', () => {
    for (const tz of ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Etc/GMT+5']) {
      expect(validateTimezone(tz), tz).toBeNull();
    }
  });
  it("rejects unknown ids with Metronome's message", () => {
    expect(validateTimezone('Mars/Olympus')).toBe('No time zone found with this id: "Mars/Olympus"');
    expect(validateTimezone('')).toBe('No time zone found with this id: ""');
    expect(validateTimezone('+01:00')).toBe('No time zone found with this id: "+01:00"');
    expect(validateTimezone('utc')).toBe('No time zone found with this id: "utc"');
  });
});

describe('fireAt (the 60 s minimum timer, §3.3)', () => {
  it('fires at the cron time when it is at least 60 s away', () => {
    expect(fireAt(at('2026-01-01T12:05:00Z'), at('2026-01-01T12:00:00Z'))).toBe(at('2026-01-01T12:05:00Z'));
  });
  it('floors to whole seconds from now', () => {
    expect(iso(fireAt(at('2026-01-01T12:05:00.000Z'), at('2026-01-01T12:00:00.400Z')))).toBe('2026-01-01T12:04:59.400Z');
  });
  it('keeps the same lag for every later run when created <60 s before the first cron time', () => {
    // Created 12:00:30 with `* * * * *` → 12:01:30, 12:02:30, … (doc §3.3 a).
    let now = at('2026-01-01T12:00:30Z');
    let scheduled = nextRunAfter('* * * * *', 'UTC', now)!;
    const fired: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      now = fireAt(scheduled, now);
      fired.push(iso(now));
      scheduled = nextRunAfter('* * * * *', 'UTC', scheduled)!;
    }
    expect(fired).toEqual(['2026-01-01T12:01:30.000Z', '2026-01-01T12:02:30.000Z', '2026-01-01T12:03:30.000Z']);
  });
  it('fires 60 s out for a cron time already past', () => {
    expect(fireAt(at('2026-01-01T11:00:00Z'), at('2026-01-01T12:00:00Z'))).toBe(at('2026-01-01T12:01:00Z'));
  });
});
