/**
 * Go's `time.ParseDuration`, which the real CLI's duration flags use: a sequence of decimal
 * numbers each with a unit (`ns`, `us`/`µs`, `ms`, `s`, `m`, `h`), e.g. `300ms`, `1.5h`, `2h45m`;
 * `0` alone is allowed. Returns milliseconds, or null when the text is not a duration.
 */
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(text: string): number | null {
  if (text === '0' || text === '+0' || text === '-0') return 0;
  const body = text.replace(/^[+]/, '');
  if (body === '' || body.startsWith('-')) return null;
  const part = /(\d+\.?\d*|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let ms = 0;
  let at = 0;
  while (at < body.length) {
    part.lastIndex = at;
    const m = part.exec(body);
    if (!m) return null;
    ms += Number(m[1]) * UNIT_MS[m[2]!]!;
    at = part.lastIndex;
  }
  return ms;
}
