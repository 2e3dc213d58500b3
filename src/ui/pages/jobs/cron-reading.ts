/**
 * A Metronome cron expression (`minute hour day-of-month month day-of-week [year]`, docs/metronome-sources.md §3.2)
 * in plain words, and its next run times on the simulated clock.
 *
 * Written here rather than taken from `cronstrue`: that package reads a 6-field expression as seconds-first (Metronome's
 * sixth field is the year), and words both day fields as "or" where Metronome requires both ("on the 13th if it is a
 * Friday"); this describer is also a fraction of its size in the page's chunk. Whether an expression is valid is
 * decided by the sandbox's own reader of the dialect (src/common/metronome/cron.ts), so the words never describe an
 * expression Metronome would refuse.
 */
import { toCronerPattern } from '../../../common/metronome/cron.ts';
import { nextRunAfter } from '../../../common/metronome/cron-next.ts';
import { SIM_EPOCH_MS } from '../../../common/clock.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
// Metronome: MON = 1 … SAT = 6, SUN = 7 (and 0).
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const NTH = ['', 'first', 'second', 'third', 'fourth', 'fifth'];

type Field = 'minute' | 'hour' | 'dom' | 'month' | 'dow' | 'year';

/** A token's number: digits, or a month or day name. */
function num(token: string, field: Field): number {
  if (/^\d+$/.test(token)) return Number(token);
  if (field === 'month') return MONTH_NAMES.indexOf(token) + 1;
  const d = DAY_NAMES.indexOf(token);
  return d === 0 ? 7 : d;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "a", "a and b", "a, b and c". */
function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** How one value of a field reads. */
function valueWord(n: number, field: Field): string {
  switch (field) {
    case 'minute':
      return `:${pad(n)}`;
    case 'hour':
      return `${pad(n)}:00`;
    case 'dom':
      return `the ${ordinal(n)}`;
    case 'month':
      return MONTHS[n - 1] ?? String(n);
    case 'dow':
      return DAYS[n % 7] ?? String(n);
    case 'year':
      return String(n);
  }
}

const UNIT: Record<Field, [string, string]> = {
  minute: ['minute', 'minutes'],
  hour: ['hour', 'hours'],
  dom: ['day', 'days'],
  month: ['month', 'months'],
  dow: ['day of the week', 'days of the week'],
  year: ['year', 'years'],
};

const every = (n: number, field: Field): string => (n === 1 ? `every ${UNIT[field][0]}` : `every ${n} ${UNIT[field][1]}`);

/** One comma-separated item of a field in words. */
function itemWords(item: string, field: Field): string {
  if (field === 'dom') {
    if (item === 'L') return 'the last day of the month';
    const w = /^(\d+)W$/.exec(item);
    if (w) return `the weekday nearest the ${ordinal(Number(w[1]))}`;
  }
  if (field === 'dow') {
    const last = /^(\w+)L$/.exec(item);
    if (last) return `the last ${valueWord(num(last[1]!, field), field)} of the month`;
    const hash = /^(\w+)#(\d)$/.exec(item);
    if (hash) return `the ${NTH[Number(hash[2])] ?? hash[2]} ${valueWord(num(hash[1]!, field), field)} of the month`;
  }
  const m = /^(\*|\w+)(?:-(\w+))?(?:\/(\d+))?$/.exec(item);
  if (!m) return item;
  const [, from = '*', to, step] = m;
  const stepN = step === undefined ? undefined : Number(step);
  if (from === '*') return stepN === undefined ? every(1, field) : every(stepN, field);
  const a = num(from, field);
  if (to === undefined) return stepN === undefined ? valueWord(a, field) : `${every(stepN, field)} from ${valueWord(a, field)}`;
  const b = num(to, field);
  const end = field === 'hour' ? `${pad(b)}:59` : valueWord(b, field);
  const through = field === 'minute' || field === 'hour' || field === 'dom' ? 'through' : 'to';
  if (stepN !== undefined) return `${every(stepN, field)} from ${valueWord(a, field)} ${through} ${end}`;
  return `${field === 'minute' ? 'every minute from ' : ''}${valueWord(a, field)} ${through} ${end}`;
}

function fieldWords(text: string, field: Field): string {
  return list(text.split(',').map((i) => itemWords(i, field)));
}

/** Plain numbers only (no names, ranges or steps): the values, else null. */
function literals(text: string): number[] | null {
  const items = text.split(',');
  return items.every((i) => /^\d+$/.test(i)) ? items.map(Number) : null;
}

/** The time of day: "at 02:00" and "at 09:00 and 17:30" (clock times), or a phrase of minutes and hours. */
function timeWords(minute: string, hour: string): { text: string; clock: boolean } {
  const mins = literals(minute);
  const hours = literals(hour);
  if (mins && hours && mins.length * hours.length <= 6) {
    return { text: `at ${list(hours.flatMap((h) => mins.map((m) => `${pad(h)}:${pad(m)}`)))}`, clock: true };
  }
  const onTheHour = mins?.length === 1 && mins[0] === 0;
  if (hour === '*') {
    if (minute === '*') return { text: 'every minute', clock: false };
    if (onTheHour) return { text: 'every hour, on the hour', clock: false };
    if (mins) return { text: `every hour at ${fieldWords(minute, 'minute')}`, clock: false };
    return { text: `${fieldWords(minute, 'minute')}${minute.includes('-') ? ' of every hour' : ''}`, clock: false };
  }
  let hourText: string;
  if (hours)
    hourText =
      hours.length === 1
        ? `from ${pad(hours[0]!)}:00 through ${pad(hours[0]!)}:59`
        : `in the hours ${list(hours.map((h) => `${pad(h)}:00`))}`;
  else hourText = fieldWords(hour, 'hour').replace(/^(\d\d:00 through)/, 'from $1');
  if (minute === '*') return { text: `every minute, ${hourText}`, clock: false };
  if (mins) {
    const at = onTheHour ? 'on the hour' : `at ${fieldWords(minute, 'minute')}`;
    return { text: /^every/.test(hourText) ? `${hourText}, ${at}` : `every hour ${at}, ${hourText}`, clock: false };
  }
  return { text: `${fieldWords(minute, 'minute')}, ${hourText}`, clock: false };
}

/**
 * The days: "on the 1st of the month", "on Monday to Friday"; when both day fields are set, the condition that
 * the second one adds ("if it falls on Friday": Metronome runs only on days that match both, not either as Unix cron).
 */
function dayWords(dom: string, dow: string): { days: string; condition: string } | null {
  if (dom === '*' && dow === '*') return null;
  const weekdays = dow === '*' ? null : fieldWords(dow, 'dow');
  if (dom === '*') return { days: /^every/.test(weekdays!) ? weekdays! : `on ${weekdays}`, condition: '' };
  const words = fieldWords(dom, 'dom');
  const days = /^every/.test(words) ? `${words} of the month` : /month$/.test(words) ? `on ${words}` : `on ${words} of the month`;
  return { days, condition: weekdays ? `, if it ${/^the /.test(weekdays) ? 'is also' : 'falls on'} ${weekdays}` : '' };
}

/** A month or year field after the rest: "in March", "from January to March", "every 3 months". */
function periodWords(text: string, field: 'month' | 'year'): string {
  const words = fieldWords(text, field);
  if (/^every/.test(words)) return words;
  return !text.includes(',') && / to /.test(words) ? `from ${words}` : `in ${words}`;
}

/**
 * The expression in words ("Every day at 02:00", "Every 15 minutes, on Monday to Friday"), or null when Metronome
 * cannot read it. Times are in the schedule's time zone.
 */
export function describeCron(expr: string): string | null {
  if (toCronerPattern(expr) === null) return null;
  const [minute = '*', hour = '*', dom = '*', month = '*', dow = '*', year] = expr.replace(/\s+/g, ' ').trim().toUpperCase().split(' ');
  const time = timeWords(minute, hour);
  const day = dayWords(dom, dow);
  const parts: string[] = [];
  if (time.clock) parts.push(day ? `${day.days} ${time.text}${day.condition}` : `every day ${time.text}`);
  else parts.push(day ? `${time.text}, ${day.days}${day.condition}` : time.text);
  if (month !== '*') parts.push(periodWords(month, 'month'));
  if (year !== undefined && year !== '*') parts.push(periodWords(year, 'year'));
  const sentence = parts.join(', ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** The next `count` cron times after simulated `nowMs`, as simulated ms (fewer if the expression runs out or is invalid). */
export function nextRuns(expr: string, timezone: string, nowMs: number, count = 5): number[] {
  const out: number[] = [];
  let after = SIM_EPOCH_MS + nowMs;
  for (let i = 0; i < count; i++) {
    const next = nextRunAfter(expr, timezone, after);
    if (next === null) break;
    out.push(next - SIM_EPOCH_MS);
    after = next;
  }
  return out;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Simulated ms as a wall date and time in `timezone`: `Thu 1 Jan 2026, 02:00 UTC`; an unknown zone reads in UTC. */
export function wallTime(simMs: number, timezone: string): string {
  let f = formats.get(timezone);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    };
    try {
      f = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: timezone });
    } catch {
      f = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' });
    }
    formats.set(timezone, f);
  }
  return f.format(SIM_EPOCH_MS + simMs);
}
