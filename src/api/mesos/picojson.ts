/**
 * stout's `JSON::parse` (picojson 1.3.0 underneath) for the JSON Mesos reads out of a form field: where it stops on
 * bad input and what it says then, `syntax error at line <n> near: <rest of that line>`
 * (MS:3rdparty/stout/include/stout/json.hpp:978-1037; picojson.h:524-583, 648-800, 905-924). It accepts what
 * picojson accepts (leading zeros, `1.`), nests at most 200 deep (STOUT_JSON_MAX_DEPTH), and a duplicate key keeps
 * its last value. Objects are read into null-prototype records, so any key is safe.
 */
export type StoutJson = null | boolean | number | string | StoutJson[] | { [key: string]: StoutJson };

const MAX_DEPTH = 200;

class Input {
  pos = 0;
  line = 1;
  /** A number too large for a double (picojson throws, stout answers `Value out of range`). */
  overflow = false;
  #last = -1;
  #ungot = false;
  constructor(readonly text: string) {}

  getc(): number {
    if (this.#ungot) {
      this.#ungot = false;
      return this.#last;
    }
    if (this.pos >= this.text.length) return (this.#last = -1);
    if (this.#last === 10) this.line++;
    this.#last = this.text.charCodeAt(this.pos++);
    return this.#last;
  }
  ungetc(): void {
    if (this.#last !== -1) this.#ungot = true;
  }
  skipWs(): void {
    for (;;) {
      const ch = this.getc();
      if (ch !== 32 && ch !== 9 && ch !== 10 && ch !== 13) return this.ungetc();
    }
  }
  expect(c: string): boolean {
    this.skipWs();
    if (this.getc() !== c.charCodeAt(0)) {
      this.ungetc();
      return false;
    }
    return true;
  }
  match(pattern: string): boolean {
    for (const c of pattern) if (this.getc() !== c.charCodeAt(0)) return (this.ungetc(), false);
    return true;
  }
  /** Where the next getc reads (an ungot character counts as not read). */
  get cursor(): number {
    return this.#ungot ? this.pos - 1 : this.pos;
  }
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function quadHex(input: Input): number {
  let value = 0;
  for (let i = 0; i < 4; i++) {
    const ch = input.getc();
    if (ch === -1) return -1;
    const digit = Number.parseInt(String.fromCharCode(ch), 16);
    if (Number.isNaN(digit)) return (input.ungetc(), -1);
    value = value * 16 + digit;
  }
  return value;
}

function parseString(input: Input): string | undefined {
  let out = '';
  for (;;) {
    let ch = input.getc();
    if (ch < 32) return (input.ungetc(), undefined);
    if (ch === 34) return out;
    if (ch !== 92) {
      out += String.fromCharCode(ch);
      continue;
    }
    if ((ch = input.getc()) === -1) return undefined;
    const c = String.fromCharCode(ch);
    if (c in ESCAPES) out += ESCAPES[c];
    else if (c === 'u') {
      let code = quadHex(input);
      if (code === -1 || (code >= 0xdc00 && code <= 0xdfff)) return undefined;
      if (code >= 0xd800 && code <= 0xdbff) {
        if (input.getc() !== 92 || input.getc() !== 117) return (input.ungetc(), undefined);
        const low = quadHex(input);
        if (!(low >= 0xdc00 && low <= 0xdfff)) return undefined;
        code = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
      }
      out += String.fromCodePoint(code);
    } else return undefined;
  }
}

/** A value, or undefined where picojson gives up (the input then stands where it stopped). */
function parseValue(input: Input, depth: number): StoutJson | undefined {
  input.skipWs();
  const ch = input.getc();
  const c = String.fromCharCode(ch);
  if (c === 'n') return input.match('ull') ? null : undefined;
  if (c === 'f') return input.match('alse') ? false : undefined;
  if (c === 't') return input.match('rue') ? true : undefined;
  if (c === '"') return parseString(input);
  if (c === '[' || c === '{') {
    if (depth <= 0) return undefined;
    return c === '[' ? parseArray(input, depth - 1) : parseObject(input, depth - 1);
  }
  if ((ch >= 48 && ch <= 57) || c === '-') {
    input.ungetc();
    let text = '';
    for (;;) {
      const d = input.getc();
      if ((d >= 48 && d <= 57) || d === 43 || d === 45 || d === 101 || d === 69 || d === 46) text += String.fromCharCode(d);
      else {
        input.ungetc();
        break;
      }
    }
    // strtod must take all of it: sign, digits, an optional fraction and exponent.
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
    const n = Number(text);
    if (!Number.isFinite(n)) input.overflow = true;
    return n;
  }
  input.ungetc();
  return undefined;
}

function parseArray(input: Input, depth: number): StoutJson[] | undefined {
  const out: StoutJson[] = [];
  if (input.expect(']')) return out;
  do {
    const v = parseValue(input, depth);
    if (v === undefined) return undefined;
    out.push(v);
  } while (input.expect(','));
  return input.expect(']') ? out : undefined;
}

function parseObject(input: Input, depth: number): { [key: string]: StoutJson } | undefined {
  const out = Object.create(null) as { [key: string]: StoutJson };
  if (input.expect('}')) return out;
  do {
    if (!input.expect('"')) return undefined;
    const key = parseString(input);
    if (key === undefined || !input.expect(':')) return undefined;
    const v = parseValue(input, depth);
    if (v === undefined) return undefined;
    out[key] = v;
  } while (input.expect(','));
  return input.expect('}') ? out : undefined;
}

/** `JSON::parse(text)`: the value, or stout's error text. */
export function stoutParse(text: string): { ok: true; value: StoutJson } | { ok: false; error: string } {
  const input = new Input(text);
  const value = parseValue(input, MAX_DEPTH);
  if (value === undefined) {
    let rest = '';
    for (let ch = input.getc(); ch !== -1 && ch !== 10; ch = input.getc()) if (ch >= 32) rest += String.fromCharCode(ch);
    return { ok: false, error: `syntax error at line ${input.line} near: ${rest}` };
  }
  if (input.overflow) return { ok: false, error: 'Value out of range' };
  let end = text.length;
  while (end > 0 && ' \t\n\r'.includes(text[end - 1]!)) end--;
  if (input.cursor < end)
    return { ok: false, error: `Parsed JSON included non-whitespace trailing characters: ${text.slice(input.cursor, end)}` };
  return { ok: true, value };
}

/** What kind of stout JSON value this is. */
export function jsonKind(v: StoutJson): 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : (typeof v as 'boolean' | 'number' | 'string');
}
