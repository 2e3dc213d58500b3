/** The command line: a shell-like tokenizer and the `dcos <group> <command> [args] [--flags] [JSON]` parser. */
import type { Flags } from './types.ts';

export interface Token {
  /** The word after quote removal and escapes. */
  value: string;
  /** Offset of the token's first character in the input. */
  start: number;
  /** Offset just past its last character. */
  end: number;
  /** True when the input ended inside a quote (only while typing). */
  open?: boolean;
}

export interface Tokenized {
  tokens: Token[];
  /** Text from the first `{` or `[` that starts a word: a pasted JSON body. */
  bodyText?: string;
  bodyStart?: number;
  /** The input ends inside quotes. */
  unterminated: boolean;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Split a line the way a POSIX shell does for simple words: single quotes are literal, double quotes
 * allow `\"`, `\\`, `\$` and `` \` `` escapes, a backslash outside quotes escapes the next character
 * (a backslash-newline is a line continuation). A `{` or `[` at the start of a word begins a JSON body
 * that runs to the end of the input.
 */
export function tokenize(input: string): Tokenized {
  const tokens: Token[] = [];
  let i = 0;
  let unterminated = false;
  while (i < input.length) {
    while (i < input.length && isSpace(input[i]!)) i++;
    if (i >= input.length) break;
    const c = input[i]!;
    if (c === '{' || c === '[') return { tokens, bodyText: input.slice(i), bodyStart: i, unterminated };
    const start = i;
    let value = '';
    let open = false;
    while (i < input.length && !isSpace(input[i]!)) {
      const ch = input[i]!;
      if (ch === "'") {
        const close = input.indexOf("'", i + 1);
        if (close < 0) {
          value += input.slice(i + 1);
          i = input.length;
          open = true;
        } else {
          value += input.slice(i + 1, close);
          i = close + 1;
        }
      } else if (ch === '"') {
        i++;
        let closed = false;
        while (i < input.length) {
          const d = input[i]!;
          if (d === '"') {
            closed = true;
            i++;
            break;
          }
          if (d === '\\' && i + 1 < input.length && '"\\$`\n'.includes(input[i + 1]!)) {
            if (input[i + 1] !== '\n') value += input[i + 1];
            i += 2;
            continue;
          }
          value += d;
          i++;
        }
        if (!closed) open = true;
      } else if (ch === '\\') {
        if (i + 1 < input.length) {
          if (input[i + 1] !== '\n') value += input[i + 1];
          i += 2;
        } else {
          i++;
        }
      } else {
        value += ch;
        i++;
      }
    }
    if (open) unterminated = true;
    tokens.push(open ? { value, start, end: i, open } : { value, start, end: i });
  }
  return { tokens, unterminated };
}

/** Flags that take a value (`--lines 5` as well as `--lines=5`). */
export const VALUE_FLAGS = new Set([
  'lines',
  'field',
  'mesos-id',
  'host',
  'app-version',
  'max-count',
  'max-grace-period',
  'timeout',
  'cpu',
  'mem',
  'disk',
  'gpu',
]);
const SHORT_FLAGS: Record<string, string> = { h: 'help', q: 'quiet' };

export interface ParsedLine {
  /** Non-flag words, `dcos` included: `['dcos', 'marathon', 'app', 'show', '/hello']`. */
  words: string[];
  flags: Flags;
  body: unknown;
  hasBody: boolean;
  /** Why the line cannot run (unterminated quote, invalid JSON body, unknown short flag). */
  error?: string;
}

export function parseLine(input: string): ParsedLine {
  const { tokens, bodyText, unterminated } = tokenize(input);
  const words: string[] = [];
  const flags: Flags = {};
  let error: string | undefined;
  if (unterminated) error = 'unterminated quote';
  let onlyWords = false;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!.value;
    if (onlyWords || !t.startsWith('-') || t === '-') {
      words.push(t);
    } else if (t === '--') {
      onlyWords = true;
    } else if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const name = eq < 0 ? t.slice(2) : t.slice(2, eq);
      if (eq >= 0) flags[name] = t.slice(eq + 1);
      else if (VALUE_FLAGS.has(name) && k + 1 < tokens.length) flags[name] = tokens[++k]!.value;
      else flags[name] = true;
    } else {
      for (const letter of t.slice(1)) {
        const long = SHORT_FLAGS[letter];
        if (long) flags[long] = true;
        else error ??= `unknown shorthand flag: '${letter}' in ${t}`;
      }
    }
  }
  let body: unknown;
  let hasBody = false;
  if (bodyText !== undefined) {
    try {
      body = JSON.parse(bodyText);
      hasBody = true;
    } catch (e) {
      error ??= `invalid JSON: ${(e as Error).message}`;
    }
  }
  return error === undefined ? { words, flags, body, hasBody } : { words, flags, body, hasBody, error };
}

/**
 * `key=value` pairs of `dcos marathon app update`: the value is read as JSON when it parses
 * (`instances=3`, `env='{"A":"1"}'`), else taken as a string (`cmd=sleep`).
 */
export function parseProperties(items: string[]): { body: Record<string, unknown> } | { error: string } {
  const body: Record<string, unknown> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) return { error: `Error: Unable to parse '${item}' as a key=value pair` };
    const key = item.slice(0, eq);
    const raw = item.slice(eq + 1);
    if (key in body) return { error: `Error: Key '${key}' was specified more than once` };
    body[key] = parseOrKeep(raw);
  }
  return { body };
}

/** A property's value as JSON when it parses (`true`, `3`, `[1]`), else the text as typed. */
function parseOrKeep(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
