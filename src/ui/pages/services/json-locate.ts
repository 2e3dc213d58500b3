/**
 * Where things are in a JSON text: a small parser that records the line of every value under its
 * Marathon path (`/cpus`, `/constraints(0)`, `/healthChecks(0)/path`), so the API's validation
 * errors can be pinned to the line that holds the offending field; and a syntax error's line and
 * column when the text is not JSON at all.
 */

export type JsonLocation =
  { ok: true; value: unknown; lines: Map<string, number> } | { ok: false; message: string; line: number; column: number };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

export function locateJson(text: string): JsonLocation {
  const lines = new Map<string, number>();
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineAt = (pos: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  let pos = 0;
  const ws = (): void => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos]!)) pos++;
  };
  const fail = (what: string): never => {
    throw new JsonSyntaxError(
      pos >= text.length ? `Unexpected end of input: expected ${what}` : `Unexpected '${text[pos]}': expected ${what}`,
      pos,
    );
  };
  const child = (path: string, key: string): string => (path === '/' ? `/${key}` : `${path}/${key}`);

  function value(path: string, line: number): unknown {
    ws();
    if (!lines.has(path)) lines.set(path, line);
    const c = text[pos];
    if (c === '{') return object(path);
    if (c === '[') return array(path);
    if (c === '"') return string();
    LITERAL.lastIndex = pos;
    const m = LITERAL.exec(text);
    if (!m) return fail('a value');
    pos += m[0].length;
    return JSON.parse(m[0]) as unknown;
  }
  function string(): string {
    STRING.lastIndex = pos;
    const m = STRING.exec(text);
    if (!m) return fail('a closed string');
    pos += m[0].length;
    return JSON.parse(m[0]) as string;
  }
  function object(path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    pos++;
    ws();
    if (text[pos] === '}') return (pos++, out);
    for (;;) {
      ws();
      if (text[pos] !== '"') fail('a field name in double quotes');
      const keyLine = lineAt(pos);
      const key = string();
      ws();
      if (text[pos] !== ':') fail("':'");
      pos++;
      out[key] = value(child(path, key), keyLine);
      ws();
      if (text[pos] === ',') pos++;
      else if (text[pos] === '}') return (pos++, out);
      else fail("',' or '}'");
    }
  }
  function array(path: string): unknown[] {
    const out: unknown[] = [];
    pos++;
    ws();
    if (text[pos] === ']') return (pos++, out);
    for (;;) {
      ws();
      out.push(value(`${path}(${out.length})`, lineAt(pos)));
      ws();
      if (text[pos] === ',') pos++;
      else if (text[pos] === ']') return (pos++, out);
      else fail("',' or ']'");
    }
  }

  try {
    ws();
    const result = value('/', lineAt(pos));
    ws();
    if (pos < text.length) fail('the end of the text');
    return { ok: true, value: result, lines };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const line = lineAt(e.pos);
    return { ok: false, message: e.message, line, column: e.pos - lineStarts[line - 1]! + 1 };
  }
}

/** `/a[0]/b`, `/a/0/b` and `/a(0)/b` all become Marathon's `/a(0)/b`. */
export function normalizeErrorPath(path: string): string {
  const p = path.trim() === '' ? '/' : path.trim();
  const out = p.replace(/\[(\d+)\]/g, '($1)').replace(/\/(\d+)(?=\/|$)/g, '($1)');
  return out.startsWith('/') ? out : `/${out}`;
}

/** The parent of a Marathon path: `/a(0)/b` → `/a(0)` → `/a` → `/`. */
export function parentPath(path: string): string {
  const idx = /\(\d+\)$/.exec(path);
  if (idx) return path.slice(0, idx.index) || '/';
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

/** The line of `path`, or of its nearest ancestor that is present (a missing field points at its object). */
export function lineOfPath(lines: ReadonlyMap<string, number>, path: string): { line: number; exact: boolean } {
  let p = normalizeErrorPath(path);
  const exact = lines.get(p);
  if (exact !== undefined) return { line: exact, exact: true };
  while (p !== '/') {
    p = parentPath(p);
    const line = lines.get(p);
    if (line !== undefined) return { line, exact: false };
  }
  return { line: lines.get('/') ?? 1, exact: false };
}

export interface ErrorMark {
  line: number;
  /** False when the path itself is missing and the mark sits on its nearest ancestor. */
  exact: boolean;
  path: string;
  messages: string[];
}

/** API error details pinned to lines of the text they were about; one mark per path, by line. */
export function markErrors(
  lines: ReadonlyMap<string, number>,
  details: ReadonlyArray<{ path: string; errors: readonly string[] }>,
  describe: (e: string) => string = (e) => e,
): ErrorMark[] {
  const byPath = new Map<string, ErrorMark>();
  for (const d of details) {
    const path = normalizeErrorPath(d.path);
    const mark = byPath.get(path) ?? { ...lineOfPath(lines, path), path, messages: [] };
    mark.messages.push(...d.errors.map(describe));
    byPath.set(path, mark);
  }
  return [...byPath.values()].sort((a, b) => a.line - b.line);
}
