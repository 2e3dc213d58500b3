/**
 * Go 1.15's `time.ParseDuration`, which the real CLI's duration flags use: an optional sign, then a sequence
 * of decimal numbers each with a unit (`ns`, `us`/`µs`, `ms`, `s`, `m`, `h`), e.g. `300ms`, `-1.5h`, `2h45m`;
 * `0` alone needs no unit. Nanoseconds, or Go's error text.
 */
const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

const MAX_NS = 2 ** 63 - 1;

export function parseDuration(text: string): { ns: number } | { error: string } {
  const quoted = JSON.stringify(text);
  const invalid = { error: `time: invalid duration ${quoted}` };
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  if (s === '0') return { ns: 0 };
  if (s === '') return invalid;
  let total = 0;
  const part = /^(\d*)(\.(\d*))?/;
  while (s !== '') {
    if (!/^[0-9.]/.test(s)) return invalid;
    const m = part.exec(s)!;
    const whole = m[1]!;
    const fraction = m[3] ?? '';
    if (whole === '' && fraction === '') return invalid;
    s = s.slice(m[0].length);
    const unitLength = /^[^0-9.]*/.exec(s)![0].length;
    if (unitLength === 0) return { error: `time: missing unit in duration ${quoted}` };
    const unit = s.slice(0, unitLength);
    s = s.slice(unitLength);
    const scale = UNIT_NS[unit];
    if (scale === undefined) return { error: `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}` };
    total += Number(`${whole || '0'}.${fraction || '0'}`) * scale;
    if (total > MAX_NS) return invalid;
  }
  return { ns: Math.round(negative ? -total : total) };
}
