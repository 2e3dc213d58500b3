/**
 * The real CLI's plain table: upper-case headers, no borders, each column as wide as its widest cell
 * and followed by two spaces (trailing blanks trimmed). A cell may hold several lines (`\n`), as the
 * deployment table's APP and ACTION do. Columns are left-aligned unless told otherwise.
 */
export type Align = 'l' | 'r';

export interface TableOptions {
  align?: Partial<Record<string, Align>>;
}

export const EMPTY_ENTRY = '---';

export function renderTable(headers: string[], rows: unknown[][], options: TableOptions = {}): string {
  const head = headers.map((h) => h.toUpperCase());
  const cells = rows.map((row) => head.map((_, c) => cellText(row[c]).split('\n')));
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => Math.max(...row[c]!.map((l) => l.length)))));
  const aligns = head.map((h) => options.align?.[h] ?? 'l');
  const line = (parts: string[]) =>
    parts
      .map((p, c) => (aligns[c] === 'r' ? p.padStart(widths[c]!) : p.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  const out = [line(head)];
  for (const row of cells) {
    const height = Math.max(...row.map((lines) => lines.length));
    for (let k = 0; k < height; k++) out.push(line(row.map((lines) => lines[k] ?? '')));
  }
  return out.join('\n') + '\n';
}

/** How Python's `str()` shows a value (the real CLI's marathon tables): True/False, numbers as is. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return EMPTY_ENTRY;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** Shorten to `width` characters on a word boundary with `...`, like Python's `textwrap.shorten`. */
export function shorten(text: string, width: number): string {
  const collapsed = text.split(/\s+/).filter(Boolean).join(' ');
  if (collapsed.length <= width) return collapsed;
  const words = collapsed.split(' ');
  let out = '';
  for (const w of words) {
    const next = out ? `${out} ${w}` : w;
    if (next.length + 3 > width) break;
    out = next;
  }
  return `${out}...`;
}

/**
 * dcos-cli's Go table (`cli.NewTable`: olekukonko/tablewriter without borders or lines): a space,
 * then each cell padded by a space either side, and a closing space. Headers are centred (the odd
 * space to the right); numeric cells are right-aligned and the rest left-aligned. Blanks are kept.
 */
export function renderGoTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const centre = (s: string, w: number) => {
    const gap = w - s.length;
    const left = Math.floor(gap / 2);
    return ' '.repeat(left) + s + ' '.repeat(gap - left);
  };
  const numeric = (s: string) => /^[-+]?\d+(\.\d+)?$/.test(s);
  const line = (cells: string[]) => ` ${cells.map((c) => ` ${c} `).join('')} \n`;
  let out = line(headers.map((h, c) => centre(h, widths[c]!)));
  for (const r of rows)
    out += line(headers.map((_, c) => (numeric(r[c] ?? '') ? (r[c] ?? '').padStart(widths[c]!) : (r[c] ?? '').padEnd(widths[c]!))));
  return out;
}

/** Go's `%.<digits>f`: like `toFixed`, but an exact tie rounds to even (`%.0f` of 0.5 is "0"). */
export function goFixed(x: number, digits: number): string {
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
