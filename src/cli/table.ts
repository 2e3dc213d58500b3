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
