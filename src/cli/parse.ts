/** The command line: a shell-like tokenizer and the `dcos <group> <command> [args] [--flags] [JSON]` parser. */
import type { Flags } from './types.ts';
import { hasOwn, setOwn } from '../common/own.ts';
import { pyStrRepr } from './python.ts';

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

/** Flags that take a value (`--lines 5` as well as `--lines=5`); every other flag is a boolean. */
export const VALUE_FLAGS = new Set([
  'lines',
  // `dcos kafka … --name=<service>` (the SDK packages' commands).
  'name',
  'mesos-id',
  'agent-id',
  'host',
  'app-version',
  'group-version',
  'id',
  'max-count',
  'interval',
  'max-grace-period',
  'output',
  'user',
  'target-dir',
  'proxy-ip',
  'private-ip',
  'config-file',
  'option',
  'component',
  'filter',
  'ssh-config-file',
  'cpu',
  'mem',
  'disk',
  'gpu',
  'run-id',
  'app-id',
  'options',
  'package-version',
  'index',
  // `dcos spark run --submit-args="…" [--env K=V]`.
  'submit-args',
  'env',
  // `dcos auth login --username=… --password=…` and `dcos security org … --description=…` (auth.ts, security.ts).
  'username',
  'password',
  'password-file',
  'provider',
  'private-key',
  'description',
  // `dcos security secrets create --value=…` (security-secrets.ts).
  'value',
]);
/** One-letter forms, as the real commands declare them (`BoolVarP(&quiet, "quiet", "q", …)`). */
const SHORT_FLAGS = new Map([
  ['h', 'help'],
  ['q', 'quiet'],
  // `StringVarP(&output, "output", "o", …)` in every command that has `--output` (the log commands).
  ['o', 'output'],
]);

export interface ParsedLine {
  /** Non-flag words, `dcos` included: `['dcos', 'marathon', 'app', 'show', '/hello']`. */
  words: string[];
  flags: Flags;
  /** Every value a value flag was given, in order (`--filter a:1 --filter b:2`); `flags` keeps the last, as pflag's StringVar. */
  flagLists: Record<string, string[]>;
  body: unknown;
  hasBody: boolean;
  /** Why the line cannot run (unterminated quote, invalid JSON body). */
  error?: string;
  /**
   * The first flag the command does not take, or a flag without its value, in pflag's words
   * (`unknown flag: --bogus`, `unknown shorthand flag: 'x' in -x`, `flag needs an argument: --lines`).
   */
  flagError?: string;
}

/** pflag's `strconv.ParseBool`: the values a boolean flag takes after `=` (a Map: no prototype names). */
const BOOL_VALUES = new Map<string, boolean>([
  ...['1', 't', 'T', 'TRUE', 'true', 'True'].map((v) => [v, true] as const),
  ...['0', 'f', 'F', 'FALSE', 'false', 'False'].map((v) => [v, false] as const),
]);

/**
 * Read a line's words and flags. `flagsOf` names the flags of the command the words select (without
 * `--`; `help` is always allowed, as cobra adds it to every command): the one rule every command's
 * flags go through, with pflag's errors. Without it every flag is taken (for completion and tests).
 */
export function parseLine(input: string, flagsOf?: (words: string[]) => readonly string[]): ParsedLine {
  const { tokens, bodyText, unterminated } = tokenize(input);
  const words: string[] = [];
  const flagTokens: { token: string; next?: string }[] = [];
  let onlyWords = false;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!.value;
    if (onlyWords || !t.startsWith('-') || t === '-') {
      words.push(t);
    } else if (t === '--') {
      onlyWords = true;
    } else {
      // `--lines 5`: the value is the next word, whatever it looks like (as pflag takes it).
      const takesNext = k + 1 < tokens.length && (t.startsWith('--') ? !t.includes('=') && VALUE_FLAGS.has(t.slice(2)) : shortTakesNext(t));
      flagTokens.push(takesNext ? { token: t, next: tokens[++k]!.value } : { token: t });
    }
  }
  const allowed = flagsOf ? new Set([...flagsOf(words.slice(1)), 'help']) : undefined;
  const flags: Flags = {};
  const flagLists: Record<string, string[]> = {};
  let flagError: string | undefined;
  const setValue = (name: string, value: string) => {
    flags[name] = value;
    (flagLists[name] ??= []).push(value);
  };
  for (const f of flagTokens) {
    flagError = readFlag(f.token, f.next, flags, allowed, setValue);
    if (flagError !== undefined) break;
  }
  let error: string | undefined;
  if (unterminated) error = 'unterminated quote';
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
  const parsed: ParsedLine = { words, flags, flagLists, body, hasBody };
  if (error !== undefined) parsed.error = error;
  if (flagError !== undefined) parsed.flagError = flagError;
  return parsed;
}

/** A flag as pflag names it in an error: `-q, --quiet` when it has a one-letter form, else `--json`. */
function shownName(name: string): string {
  const letter = [...SHORT_FLAGS].find(([, long]) => long === name)?.[0];
  return letter ? `-${letter}, --${name}` : `--${name}`;
}

/** Set a boolean flag from its text after `=` (absent: true); a false value leaves it unset. */
function setBool(flags: Flags, name: string, value: string | undefined): string | undefined {
  const v = value === undefined ? true : BOOL_VALUES.get(value);
  if (v === undefined)
    return `invalid argument "${value}" for "${shownName(name)}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`;
  if (v) flags[name] = true;
  else delete flags[name];
  return undefined;
}

/** One flag word (and the word after it, for a value flag) into `flags`; pflag's error if it cannot be. */
function readFlag(
  t: string,
  next: string | undefined,
  flags: Flags,
  allowed: Set<string> | undefined,
  setValue: (name: string, value: string) => void,
): string | undefined {
  const ok = (name: string) => !allowed || allowed.has(name);
  if (t.startsWith('--')) {
    const eq = t.indexOf('=');
    const name = eq < 0 ? t.slice(2) : t.slice(2, eq);
    if (name === '' || name.startsWith('-')) return `bad flag syntax: ${t}`;
    if (!ok(name)) return `unknown flag: --${name}`;
    const value = eq < 0 ? undefined : t.slice(eq + 1);
    if (!VALUE_FLAGS.has(name)) return setBool(flags, name, value);
    if (value === undefined && next === undefined) return `flag needs an argument: ${t}`;
    setValue(name, value ?? next!);
    return undefined;
  }
  // `-qh`: a run of one-letter flags; pflag names the rest of the run from the letter it cannot take.
  const letters = t.slice(1);
  for (let i = 0; i < letters.length; i++) {
    const letter = letters[i]!;
    const name = SHORT_FLAGS.get(letter);
    if (name === undefined || !ok(name)) return `unknown shorthand flag: '${letter}' in -${letters.slice(i)}`;
    if (VALUE_FLAGS.has(name)) {
      // pflag: `-ojson`, `-o=json`, or the next word.
      const attached = letters.slice(i + 1).replace(/^=/, '');
      if (attached === '' && next === undefined) return `flag needs an argument: '${letter}' in -${letters.slice(i)}`;
      setValue(name, attached !== '' ? attached : next!);
      return undefined;
    }
    if (letters[i + 1] === '=') return setBool(flags, name, letters.slice(i + 2));
    flags[name] = true;
  }
  return undefined;
}

/** Whether a run of one-letter flags ends with a value flag that has no value attached (`-o json`, `-qo json`). */
function shortTakesNext(t: string): boolean {
  const letters = t.slice(1);
  for (let i = 0; i < letters.length; i++) {
    const name = SHORT_FLAGS.get(letters[i]!);
    if (name === undefined) return false;
    if (VALUE_FLAGS.has(name)) return i === letters.length - 1;
  }
  return false;
}

/**
 * `key=value` pairs of `dcos marathon app update` (`dcos.jsonitem.parse_json_item`): the value, once one
 * pair of surrounding quotes is dropped, is read as an int, a float, a boolean, a JSON array or object, or
 * kept as text (`null` is None). The errors are the Python CLI's.
 */
export function parseProperties(items: string[]): { body: Record<string, unknown> } | { error: string } {
  const body: Record<string, unknown> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq < 0) return { error: `${pyStrRepr(item)} is not a valid json-item` };
    const key = item.slice(0, eq);
    if (hasOwn(body, key)) return { error: `Key ${pyStrRepr(key)} was specified more than once` };
    setOwn(body, key, jsonItemValue(cleanValue(item.slice(eq + 1))));
  }
  return { body };
}

/** `jsonitem.clean_value`: one pair of surrounding double or single quotes dropped. */
function cleanValue(value: string): string {
  if (value.length > 1 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))))
    return value.slice(1, -1);
  return value;
}

const PY_INT = /^\s*[+-]?\d(_?\d)*\s*$/;
const PY_FLOAT = /^\s*[+-]?((\d(_?\d)*)?\.?\d(_?\d)*([eE][+-]?\d(_?\d)*)?|\d(_?\d)*\.|inf(inity)?|nan)\s*$/i;

/** Python's `float()` of a text: decimal or exponent forms, `inf`/`nan`, blanks around and `_` between digits; undefined when it refuses. */
export function pyFloat(value: string): number | undefined {
  if (!PY_FLOAT.test(value)) return undefined;
  const text = value.trim().replace(/_/g, '').toLowerCase();
  if (/^[+-]?nan$/.test(text)) return NaN;
  if (/^[+-]?inf(inity)?$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return Number(text);
}

/** `jsonitem._find_type`: int, float, boolean, array, object, else the text itself. */
function jsonItemValue(value: string): unknown {
  if (value === 'null') return null;
  if (PY_INT.test(value)) return Number(value.replace(/_/g, ''));
  const float = pyFloat(value);
  if (float !== undefined) return float;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  try {
    const parsed = JSON.parse(value) as unknown;
    if (typeof parsed === 'object' || typeof parsed === 'string') return parsed;
  } catch {
    // Not JSON: the text as typed.
  }
  return value;
}

/**
 * An int flag as pflag reads it (`strconv.ParseInt(s, 0, 64)`: decimal, or `0x`/`0o`/`0b`/leading-0 octal);
 * its error in pflag's words. Absent: `fallback`.
 */
export function intFlag(flags: Flags, name: string, fallback: number): { value: number; changed: boolean } | { error: string } {
  const raw = flags[name];
  if (raw === undefined) return { value: fallback, changed: false };
  const text = raw === true ? '' : raw;
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[1-9][0-9]*|0)$/.exec(text);
  const bad = (why: string) => ({ error: `invalid argument "${text}" for "--${name}" flag: strconv.ParseInt: parsing "${text}": ${why}` });
  if (!m) return bad('invalid syntax');
  const digits = m[2]!;
  const big = /^0[xX]/.test(digits)
    ? BigInt(digits)
    : /^0[bB]/.test(digits)
      ? BigInt(digits)
      : /^0[oO]/.test(digits)
        ? BigInt(`0o${digits.slice(2)}`)
        : digits.length > 1 && digits.startsWith('0')
          ? BigInt(`0o${digits.slice(1)}`)
          : BigInt(digits);
  const value = m[1] === '-' ? -big : big;
  if (value > 9223372036854775807n || value < -9223372036854775808n) return bad('value out of range');
  return { value: Number(value), changed: true };
}
