/**
 * Metronome's cron dialect (docs/metronome-sources.md §3.2): what it accepts and the croner pattern it means. The next
 * run time (croner itself) is in cron-next.ts, so that reading a scenario's jobs does not bring croner along.
 *
 * Metronome 0.6.70 parses schedules with cron-utils 9.0.0 and this definition (MT:JOBS/model/CronSpec.scala:39-82):
 * `minute hour day-of-month month day-of-week [year]`, no seconds; day-of-week 0–7 with Monday = 1 and 7 read as 0 (Sunday);
 * `#`, `L`, `W` in both day fields, no `?` and no `LW`; day-of-month AND day-of-week when both are not a literal `*`;
 * plus a "Feb 30" check (CronDaysInMonthValidation). We check the grammar ourselves and then hand croner the equivalent
 * 7-part pattern `0 m h dom mon dow year|*` with `domAndDow: true` (croner would otherwise accept `?`, `@daily`, seconds…).
 *
 * Sandbox choices where cron-utils was not matched exactly (each one also in the tests):
 * - Forms cron-utils parses but this grammar rejects: `L-n` in day-of-month, `L` alone in day-of-week, `|` composite crons.
 * - DST (doc §9 #16: croner's documented rules): a fixed time in the spring-forward gap runs when the clock has jumped
 *   (`0 2 * * *` in America/New_York runs at 03:00 EDT that day); a fixed time repeated on fall-back runs once. Reading
 *   cron-utils' SingleExecutionTime (CU:…/model/time/SingleExecutionTime.java:147-272, it walks hour by hour with
 *   `ZonedDateTime.plus`) suggests it **skips** the gap day and runs a repeated fixed time **twice** (derived from reading,
 *   not run).
 * - Years above 9999 (cron-utils takes any non-negative year; croner only 1–9999) make `nextRunAfter` answer null.
 */

/** The 422 text of Metronome's Reads for any cron it cannot read (MT:API/v1/models/package.scala:82-89): the JSON string, quoted. */
export function cronErrorMessage(expr: string): string {
  return `Can not read cron expression ${JSON.stringify(expr)}`;
}

/** The 422 text for a zone id Java does not know (MT:API/v1/models/package.scala:91-99). */
export function timezoneErrorMessage(tz: string): string {
  return `No time zone found with this id: ${JSON.stringify(tz)}`;
}

type FieldName = 'minute' | 'hour' | 'dom' | 'month' | 'dow' | 'year';

interface FieldSpec {
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTH_NAMES: Readonly<Record<string, number>> = {
  JAN: 1,
  FEB: 2,
  MAR: 3,
  APR: 4,
  MAY: 5,
  JUN: 6,
  JUL: 7,
  AUG: 8,
  SEP: 9,
  OCT: 10,
  NOV: 11,
  DEC: 12,
};
// cron-utils withMondayDoWValue(1): MON=1 … SAT=6, SUN=7, and 7 is mapped to 0.
const DAY_NAMES: Readonly<Record<string, number>> = { MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6, SUN: 7 };

// The year has no upper bound in cron-utils (FieldConstraintsBuilder: 0..Integer.MAX_VALUE).
const FIELDS: Readonly<Record<FieldName, FieldSpec>> = {
  minute: { min: 0, max: 59 },
  hour: { min: 0, max: 23 },
  dom: { min: 1, max: 31 },
  month: { min: 1, max: 12, names: MONTH_NAMES },
  dow: { min: 0, max: 7, names: DAY_NAMES },
  year: { min: 0, max: 2_147_483_647 },
};
const ORDER: readonly FieldName[] = ['minute', 'hour', 'dom', 'month', 'dow', 'year'];

/** What the Feb-30 check sees of a field: a single value (`On`), a range (`Between`), or anything else (skipped). */
type Shape = { kind: 'on'; value: number } | { kind: 'between'; from: number; to: number } | { kind: 'other' };

interface Parsed {
  readonly croner: string;
  readonly shape: Shape;
}

const NUMBER = /^\d+$/;

/** A number or (in month/day-of-week) a name, checked against the field's range; null when invalid. */
function value(token: string, spec: FieldSpec): number | null {
  let n: number | undefined;
  if (NUMBER.test(token)) n = Number(token);
  else n = spec.names?.[token];
  if (n === undefined || !Number.isSafeInteger(n) || n < spec.min || n > spec.max) return null;
  return n;
}

function step(token: string, spec: FieldSpec): number | null {
  if (!NUMBER.test(token)) return null;
  const s = Number(token);
  // cron-utils: "Period %s not in range (0, %s]" (ValidationFieldExpressionVisitor.java:169-170).
  return s > 0 && s <= spec.max - spec.min ? s : null;
}

/** One comma-separated item of a field, rewritten for croner, or null when Metronome rejects it. */
function parseItem(item: string, field: FieldName): { croner: string; shape: Shape } | null {
  const spec = FIELDS[field];
  const other = { kind: 'other' } as const;
  if (item === '*') return { croner: '*', shape: other };
  if (field === 'dom') {
    if (item === 'L') return { croner: 'L', shape: { kind: 'on', value: -1 } };
    const w = /^(\d+)W$/.exec(item);
    if (w) {
      const d = value(w[1] ?? '', spec);
      return d === null ? null : { croner: `${d}W`, shape: { kind: 'on', value: d } };
    }
  }
  if (field === 'dow') {
    const last = /^([A-Z0-9]+)L$/.exec(item);
    if (last) {
      const d = value(last[1] ?? '', spec);
      return d === null ? null : { croner: `${d}#L`, shape: other };
    }
    const hash = /^([A-Z0-9]+)#(\d+)$/.exec(item);
    if (hash) {
      const d = value(hash[1] ?? '', spec);
      const nth = Number(hash[2]);
      return d === null || nth < 1 || nth > 5 ? null : { croner: `${d}#${nth}`, shape: other };
    }
  }
  const m = /^(\*|[A-Z0-9]+)(?:-([A-Z0-9]+))?(?:\/([0-9]+))?$/.exec(item);
  if (!m) return null;
  const [, fromTok = '', toTok, stepTok] = m;
  const s = stepTok === undefined ? undefined : step(stepTok, spec);
  if (s === null) return null;
  if (fromTok === '*') {
    // `*/s`; `*-x` is not a range.
    return toTok === undefined && s !== undefined ? { croner: `*/${s}`, shape: other } : null;
  }
  const from = value(fromTok, spec);
  if (from === null) return null;
  if (toTok === undefined) {
    if (s === undefined) return { croner: `${from}`, shape: { kind: 'on', value: from } };
    // `a/s` = from a to the end of the range (croner wants it spelled out).
    return { croner: `${from}-${field === 'year' ? 9999 : spec.max}/${s}`, shape: other };
  }
  const to = value(toTok, spec);
  if (to === null || to < from) return null;
  return {
    croner: s === undefined ? `${from}-${to}` : `${from}-${to}/${s}`,
    shape: s === undefined ? { kind: 'between', from, to } : other,
  };
}

function parseField(text: string, field: FieldName): Parsed | null {
  const items = text.split(',');
  const out: string[] = [];
  let shape: Shape = { kind: 'other' };
  for (const item of items) {
    const p = parseItem(item, field);
    if (!p) return null;
    out.push(p.croner);
    shape = p.shape;
  }
  // A list is cron-utils' `And`: the Feb-30 check skips it.
  return { croner: out.join(','), shape: items.length === 1 ? shape : { kind: 'other' } };
}

function shapeValues(shape: Shape): number[] {
  if (shape.kind === 'on') return [shape.value];
  if (shape.kind === 'between') {
    // Scala `Array.range(from, to)`: the upper bound is excluded (MT:JOBS/model/CronSpec.scala:107).
    const out: number[] = [];
    for (let v = shape.from; v < shape.to; v++) out.push(v);
    return out;
  }
  return [];
}

const MAX_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** CronDaysInMonthValidation (MT:JOBS/model/CronSpec.scala:84-125), quirks included. */
function daysExist(dom: Shape, month: Shape): boolean {
  const days = shapeValues(dom);
  const months = shapeValues(month);
  if (days.length === 0 || months.length === 0) return true;
  return months.some((m) => days.some((d) => d <= (MAX_DAYS[m - 1] ?? 0)));
}

/** The croner pattern for a Metronome cron, or null when Metronome rejects it. */
export function toCronerPattern(expr: string): string | null {
  // cron-utils CronParser.parse: whitespace runs collapse, ends trimmed, upper-cased; a field ending in ',' is an error.
  const normal = expr.replace(/\s+/g, ' ').trim().toUpperCase();
  if (normal === '') return null;
  const parts = normal.split(' ');
  if (parts.length !== 5 && parts.length !== 6) return null;
  const parsed: Parsed[] = [];
  for (const [i, part] of parts.entries()) {
    const p = parseField(part, ORDER[i] ?? 'year');
    if (!p) return null;
    parsed.push(p);
  }
  const [minute, hour, dom, month, dow, year] = parsed;
  if (!minute || !hour || !dom || !month || !dow) return null;
  if (!daysExist(dom.shape, month.shape)) return null;
  return `0 ${minute.croner} ${hour.croner} ${dom.croner} ${month.croner} ${dow.croner} ${year ? year.croner : '*'}`;
}

/** null when Metronome accepts the cron, else its 422 message (§2.3; the Feb-30 constraint text is swallowed by the Reads). */
export function validateCron(expr: string): string | null {
  return toCronerPattern(expr) === null ? cronErrorMessage(expr) : null;
}

const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

/**
 * null when `tz` is a zone id Metronome accepts (Java's `ZoneId.getAvailableZoneIds`, case-sensitive), else its message.
 * Approximated with Intl: offsets such as `+01:00` are refused, and a name Intl knows only in another case (`utc`) too.
 * A lower-cased alias that Intl canonicalises to another name (`us/eastern`) still slips through.
 */
export function validateTimezone(tz: string): string | null {
  if (!ZONE_NAME.test(tz)) return timezoneErrorMessage(tz);
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return timezoneErrorMessage(tz);
  }
  if (resolved !== tz && resolved.toLowerCase() === tz.toLowerCase()) return timezoneErrorMessage(tz);
  return null;
}

/** The shortest delay the scheduler actor uses, in seconds (MT:JOBS/jobspec/impl/JobSpecSchedulerActor.scala:65). */
export const MIN_SCHEDULE_DELAY_S = 60;

/**
 * When the scheduler actor fires for a cron time `nextMs` computed at `nowMs`: now + max(whole seconds until next, 60) s
 * (`Duration.between(now, next).getSeconds`, i.e. floored; JobSpecSchedulerActor.scala:55-66).
 */
export function fireAt(nextMs: number, nowMs: number): number {
  const seconds = Math.floor((nextMs - nowMs) / 1000);
  return nowMs + Math.max(seconds, MIN_SCHEDULE_DELAY_S) * 1000;
}
