/**
 * Cron times across daylight-saving changes, as the schedule actor chains them (each next time computed from the
 * previous cron time, JobSpecSchedulerActor.scala:55-66). Unit tests of `nextCronTime` and `fireAt`: the simulated
 * clock starts on 2026-01-01, and `sb.advance` over the ~66 days to March takes minutes of wall time (about 5 s per
 * simulated day for a two-agent cluster), too slow for the suite.
 *
 * What is asserted is croner's behaviour (src/common/metronome/cron.ts; doc §9 #16). Metronome's cron-utils 9.0.0
 * differs, by reading of SingleExecutionTime.java (not run): it would skip the spring-forward day and run a repeated
 * fall-back time twice. The sandbox keeps croner's rules and says so here.
 */
import { describe, expect, it } from 'vitest';
import { SIM_EPOCH_MS } from '../../../src/common/clock.ts';
import { fireAt } from '../../../src/common/metronome/cron.ts';
import type { ScheduleSpec } from '../../../src/common/metronome/job-spec.ts';
import { nextCronTime } from '../../../src/engine/metronome/schedule.ts';

const sim = (iso: string): number => Date.parse(iso) - SIM_EPOCH_MS;
const iso = (ms: number): string => new Date(SIM_EPOCH_MS + ms).toISOString();

function spec(cron: string, timezone: string): ScheduleSpec {
  return { id: 's', cron, timezone, startingDeadlineSeconds: 900, concurrencyPolicy: 'ALLOW', enabled: true };
}

/** `count` cron times chained from `fromIso`, as UTC ISO texts. */
function chain(cron: string, timezone: string, fromIso: string, count: number): string[] {
  const out: string[] = [];
  let t = sim(fromIso);
  for (let i = 0; i < count; i++) {
    const next = nextCronTime(spec(cron, timezone), t);
    if (next === null) throw new Error('no next time');
    out.push(iso(next));
    t = next;
  }
  return out;
}

describe('spring forward (America/New_York, 2026-03-08 02:00 EST → 03:00 EDT)', () => {
  it('`30 2 * * *`: the day without 02:30 runs once at 03:00 EDT (croner: first valid time; cron-utils would skip the day)', () => {
    expect(chain('30 2 * * *', 'America/New_York', '2026-03-06T12:00:00Z', 4)).toEqual([
      '2026-03-07T07:30:00.000Z', // 02:30 EST
      '2026-03-08T07:00:00.000Z', // 03:00 EDT: the gap's first valid time, not 03:30
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
      '2026-03-10T06:30:00.000Z',
    ]);
  });

  it('`0 2 * * *` runs at 03:00 EDT on the gap day, the same instant as `0 3 * * *`', () => {
    const gapDay = chain('0 2 * * *', 'America/New_York', '2026-03-07T12:00:00Z', 1);
    expect(gapDay).toEqual(chain('0 3 * * *', 'America/New_York', '2026-03-07T12:00:00Z', 1));
    expect(gapDay).toEqual(['2026-03-08T07:00:00.000Z']);
  });

  it('an interval cron goes straight from 01:30 EST to 03:00 EDT (the missing hour has no times)', () => {
    expect(chain('*/30 * * * *', 'America/New_York', '2026-03-08T06:10:00Z', 3)).toEqual([
      '2026-03-08T06:30:00.000Z', // 01:30 EST
      '2026-03-08T07:00:00.000Z', // 03:00 EDT
      '2026-03-08T07:30:00.000Z',
    ]);
  });

  it('Europe/Berlin (2026-03-29 02:00 CET → 03:00 CEST): `30 2 * * *` runs at 03:00 CEST that day', () => {
    expect(chain('30 2 * * *', 'Europe/Berlin', '2026-03-27T12:00:00Z', 3)).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
  });
});

describe('fall back (America/New_York, 2026-11-01 02:00 EDT → 01:00 EST)', () => {
  it('`30 1 * * *`: the repeated 01:30 runs once, at the first (EDT) one (croner; cron-utils would run it twice)', () => {
    expect(chain('30 1 * * *', 'America/New_York', '2026-10-30T12:00:00Z', 3)).toEqual([
      '2026-10-31T05:30:00.000Z', // 01:30 EDT
      '2026-11-01T05:30:00.000Z', // 01:30 EDT; the 01:30 EST an hour later does not run
      '2026-11-02T06:30:00.000Z', // 01:30 EST
    ]);
  });

  it('an interval cron runs in both copies of the repeated hour', () => {
    expect(chain('*/30 * * * *', 'America/New_York', '2026-11-01T04:40:00Z', 4)).toEqual([
      '2026-11-01T05:00:00.000Z', // 01:00 EDT
      '2026-11-01T05:30:00.000Z', // 01:30 EDT
      '2026-11-01T06:00:00.000Z', // 01:00 EST
      '2026-11-01T06:30:00.000Z', // 01:30 EST
    ]);
  });

  it('Europe/Berlin (2026-10-25): `30 2 * * *` runs once, at 02:30 CEST', () => {
    expect(chain('30 2 * * *', 'Europe/Berlin', '2026-10-24T12:00:00Z', 2)).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });
});

describe('the timer around a DST change', () => {
  it('a timer set the evening before spring-forward fires at the 03:00 EDT instant, whole seconds away', () => {
    const now = sim('2026-03-07T23:00:00.250Z');
    const next = nextCronTime(spec('30 2 * * *', 'America/New_York'), now)!;
    expect(iso(next)).toBe('2026-03-08T07:00:00.000Z');
    // 7 h 59 min 59.75 s away, floored to whole seconds (Duration.getSeconds): the timer fires 0.75 s early.
    expect(fireAt(next, now) - next).toBe(-750);
  });

  it('UTC has no DST: `30 2 * * *` in UTC keeps 02:30Z on both change days', () => {
    expect(chain('30 2 * * *', 'UTC', '2026-03-07T12:00:00Z', 2)).toEqual(['2026-03-08T02:30:00.000Z', '2026-03-09T02:30:00.000Z']);
    expect(chain('30 1 * * *', 'UTC', '2026-10-31T12:00:00Z', 2)).toEqual(['2026-11-01T01:30:00.000Z', '2026-11-02T01:30:00.000Z']);
  });
});
