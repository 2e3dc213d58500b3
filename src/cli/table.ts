/**
 * The two table styles dcos-core-cli 2.2 prints. Its Go commands use dcos-cli's `cli.NewTable`
 * (olekukonko/tablewriter 0.0.4 without borders: `renderGoTable`); the marathon commands it still hands to
 * its Python CLI use PrettyTable 0.7.2 without borders (`dcoscli/tables.py`: `renderPyTable`).
 */

/** The empty cell both CLIs print for a missing value. */
export const EMPTY_ENTRY = '---';

// tablewriter's `decimal` pattern; its `percent` pattern can never match, so "12.50%" stays left-aligned.
const DECIMAL = /^-?(?:\d{1,3}(?:,\d{3})*|\d+)(?:\.\d+)?$/;

const width = (s: string) => [...s].length;
const padRight = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));
const padLeft = (s: string, w: number) => ' '.repeat(Math.max(0, w - width(s))) + s;

/** tablewriter's `Pad`: centred, the odd space on the right. */
function centre(s: string, w: number): string {
  const gap = w - width(s);
  if (gap <= 0) return s;
  const left = Math.floor(gap / 2);
  return ' '.repeat(left) + s + ' '.repeat(gap - left);
}

/** tablewriter's `Title`: `_` (and a `.` not between digits) become spaces, trimmed, upper-cased. */
function goTitle(name: string): string {
  const chars = [...name];
  const numOrSpace = (c: string | undefined) => c !== undefined && /[0-9 ]/.test(c);
  const out = chars.map((c, i) => {
    if (c === '_') return ' ';
    if (c === '.' && ((i !== 0 && !numOrSpace(chars[i - 1])) || (i !== chars.length - 1 && !numOrSpace(chars[i + 1])))) return ' ';
    return c;
  });
  const trimmed = out.join('').trim();
  return (trimmed === '' && name !== '' ? ' ' : trimmed).toUpperCase();
}

export interface GoTableOptions {
  /** `table.SetAlignment(tablewriter.ALIGN_LEFT)`: every cell left-aligned, numbers too. */
  alignLeft?: boolean;
}

/**
 * dcos-cli's Go table: one space, then each cell with a space either side, then a closing space (blanks
 * kept). Headers are centred; cells are right-aligned when they look like a number, else left-aligned. A
 * cell may hold several lines; a shorter cell is filled with two spaces per missing line, as tablewriter does.
 */
export function renderGoTable(headers: string[], rows: string[][], options: GoTableOptions = {}): string {
  const cells = rows.map((row) => headers.map((_, c) => (row[c] ?? '').split('\n')));
  const widths = headers.map((h, c) => Math.max(width(h), ...cells.map((row) => Math.max(...row[c]!.map(width)))));
  const line = (parts: string[]) => ` ${parts.map((p) => ` ${p} `).join('')} \n`;
  let out = line(headers.map((h, c) => centre(goTitle(h), widths[c]!)));
  for (const row of cells) {
    const height = Math.max(1, ...row.map((lines) => lines.length));
    for (let k = 0; k < height; k++) {
      out += line(
        row.map((lines, c) => {
          const text = lines[k] ?? '  ';
          const right = !options.alignLeft && DECIMAL.test(text.trim());
          return right ? padLeft(text, widths[c]!) : padRight(text, widths[c]!);
        }),
      );
    }
  }
  return out;
}

export type PyAlign = 'l' | 'r' | 'c';

export interface PyTableOptions {
  /** Column alignments (`tb.align[...]`); PrettyTable centres a column unless told otherwise. */
  align?: Partial<Record<string, PyAlign>>;
  /** The column the rows are sorted by (`sortby=`). */
  sortBy?: string;
}

/** PrettyTable's `_justify`: centring puts the odd space right for odd-length text, left for even, as `str.center`. */
function justify(text: string, w: number, align: PyAlign): string {
  const excess = w - width(text);
  if (align === 'l') return text + ' '.repeat(Math.max(0, excess));
  if (align === 'r') return ' '.repeat(Math.max(0, excess)) + text;
  const half = Math.floor(excess / 2);
  if (excess > 0 && excess % 2 === 1)
    return width(text) % 2 === 1 ? ' '.repeat(half) + text + ' '.repeat(half + 1) : ' '.repeat(half + 1) + text + ' '.repeat(half);
  return ' '.repeat(Math.max(0, half)) + text + ' '.repeat(Math.max(0, half));
}

/** Python's ordering of lists of strings: element by element, by code point. */
function compareRows(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = [...a[i]!].map((c) => c.codePointAt(0)!);
    const y = [...b[i]!].map((c) => c.codePointAt(0)!);
    for (let k = 0; k < Math.min(x.length, y.length); k++) if (x[k] !== y[k]) return x[k]! - y[k]!;
    if (x.length !== y.length) return x.length - y.length;
  }
  return a.length - b.length;
}

/**
 * dcoscli's PrettyTable (`tables.truncate_table`): no border, no padding on the left and two spaces after
 * every column, the last one too (the lines keep their trailing blanks). Rows sorted by `sortBy` (ties by
 * the whole row, as Python compares lists). No rows: the empty string, and the CLI prints nothing at all.
 * Each line ends with a newline, as `print` adds one after the table.
 */
export function renderPyTable(headers: string[], rows: string[][], options: PyTableOptions = {}): string {
  if (rows.length === 0) return '';
  const names = headers.map((h) => h.toUpperCase());
  const key = options.sortBy === undefined ? -1 : names.indexOf(options.sortBy);
  const sorted = key < 0 ? rows : [...rows].sort((a, b) => compareRows([a[key]!, ...a], [b[key]!, ...b]));
  const cells = sorted.map((row) => names.map((_, c) => (row[c] ?? '').split('\n')));
  const widths = names.map((n, c) => Math.max(width(n), ...cells.map((row) => Math.max(...row[c]!.map(width)))));
  const aligns = names.map((n) => options.align?.[n] ?? 'c');
  const line = (parts: string[]) => parts.map((p, c) => `${justify(p, widths[c]!, aligns[c]!)}  `).join('');
  const out = [line(names)];
  for (const row of cells) {
    const height = Math.max(...row.map((lines) => lines.length));
    for (let k = 0; k < height; k++) out.push(line(row.map((lines) => lines[k] ?? '')));
  }
  return out.join('\n') + '\n';
}

/** Go's `%.<digits>f`: like `toFixed`, but an exact tie rounds to even (`%.0f` of 0.5 is "0"). */
export function goFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const fixed = x.toFixed(digits);
  const exact = Math.abs(x).toFixed(100);
  const point = exact.indexOf('.');
  const rest = exact.slice(point + 1 + digits);
  if (!/^50*$/.test(rest)) return fixed;
  // A tie: toFixed rounded away from zero; go back down when the kept last digit would be odd.
  const magnitude = (Math.trunc(Math.abs(x) * 10 ** digits) / 10 ** digits).toFixed(digits);
  const down = x < 0 ? `-${magnitude}` : magnitude;
  const lastDigit = Number(down[down.length - 1]);
  return lastDigit % 2 === 0 ? down : fixed;
}
