/**
 * The terminal panel's logic without the DOM: the scrollback, the command history, what a Tab does
 * to the line, and which key presses belong to the panel. `Terminal.svelte` holds these in runes.
 */
import type { Completion } from '../../../cli/index.ts';
import type { CliResult } from '../../../cli/index.ts';

export type EntryKind = 'command' | 'stdout' | 'stderr' | 'info';

/** One block of the scrollback; `text` is always shown as text, never as HTML. */
export interface Entry {
  id: number;
  kind: EntryKind;
  text: string;
}

/** How many blocks the scrollback keeps (the oldest go first). */
export const MAX_ENTRIES = 500;

export const WELCOME =
  'Type `dcos help` for the commands, Tab to complete, ↑/↓ for history, `clear` to clear the screen. Shift+Enter starts a new line (for a pasted JSON body).';

let nextId = 1;
export const entry = (kind: EntryKind, text: string): Entry => ({ id: nextId++, kind, text });

/** `entries` with `more` appended, keeping the newest `max`. Returns a new array. */
export function appendEntries(entries: readonly Entry[], more: readonly Entry[], max = MAX_ENTRIES): Entry[] {
  const all = [...entries, ...more];
  return all.length > max ? all.slice(all.length - max) : all;
}

/** The command as echoed: `$ ` before the first line, `> ` before each continuation line. */
export const echo = (line: string): string =>
  line
    .split('\n')
    .map((l, i) => (i === 0 ? `$ ${l}` : `> ${l}`))
    .join('\n');

/** The blocks a finished command adds: its echo, then stdout and stderr (without trailing newlines). */
export function resultEntries(line: string, result: CliResult): Entry[] {
  const out: Entry[] = [entry('command', echo(line))];
  const stdout = result.stdout.replace(/\n+$/, '');
  const stderr = result.stderr.replace(/\n+$/, '');
  if (stdout) out.push(entry('stdout', stdout));
  if (stderr) out.push(entry('stderr', stderr));
  else if (result.exitCode !== 0) out.push(entry('stderr', `exit status ${result.exitCode}`));
  return out;
}

/** What Enter does with a line: nothing, clear the screen, or run it. */
export function classifyLine(line: string): 'empty' | 'clear' | 'run' {
  const t = line.trim();
  if (t === '') return 'empty';
  return t === 'clear' ? 'clear' : 'run';
}

/**
 * Shell-style history: ↑ walks back from the newest line, ↓ walks forward and finally returns the
 * line that was being typed before the walk started. Duplicate neighbours and blank lines are not kept.
 */
export class CommandHistory {
  readonly #items: string[] = [];
  readonly #max: number;
  #index = 0;
  #draft = '';

  constructor(max = 200) {
    this.#max = max;
  }

  get items(): readonly string[] {
    return this.#items;
  }

  push(line: string): void {
    if (line.trim() !== '' && this.#items[this.#items.length - 1] !== line) {
      this.#items.push(line);
      if (this.#items.length > this.#max) this.#items.shift();
    }
    this.#index = this.#items.length;
    this.#draft = '';
  }

  /** The older line to show, or null at the oldest (or with no history). */
  up(current: string): string | null {
    if (this.#index === 0) return null;
    if (this.#index === this.#items.length) this.#draft = current;
    this.#index--;
    return this.#items[this.#index] ?? null;
  }

  /** The newer line to show, the draft after the newest, or null when not walking the history. */
  down(): string | null {
    if (this.#index >= this.#items.length) return null;
    this.#index++;
    return this.#index === this.#items.length ? this.#draft : (this.#items[this.#index] ?? null);
  }
}

/** ↑ recalls history only from the first line of a multi-line input, ↓ only from the last. */
export const caretOnFirstLine = (value: string, caret: number): boolean => !value.slice(0, caret).includes('\n');
export const caretOnLastLine = (value: string, caret: number): boolean => !value.slice(caret).includes('\n');

/** A word as it must be typed: quoted when it holds spaces, quotes, backslashes or a leading `{`/`[`. */
export const shellWord = (word: string): string =>
  /^[^\s'"\\]+$/.test(word) && !/^[{[]/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;

export interface TabResult {
  /** The new input value (unchanged when there is nothing to insert). */
  value: string;
  /** Where the caret goes. */
  caret: number;
  /** Candidates to list under the prompt (several matches), else empty. */
  listed: string[];
}

/**
 * Apply a completion of `before` (the text up to the caret; `after` is the rest): one candidate
 * replaces the word and adds a space; several insert their common prefix when it is longer than
 * the word typed, and are listed.
 */
export function applyCompletion(before: string, after: string, c: Completion): TabResult {
  const unchanged = { value: before + after, caret: before.length, listed: [] };
  if (c.candidates.length === 0) return unchanged;
  const head = before.slice(0, c.start);
  if (c.candidates.length === 1) {
    const inserted = `${head}${shellWord(c.candidates[0]!)} `;
    return { value: inserted + after, caret: inserted.length, listed: [] };
  }
  const typed = before.slice(c.start).replace(/^["']/, '');
  const grows = c.common.length > typed.length && shellWord(c.common) === c.common;
  const inserted = grows ? head + c.common : before;
  return { value: inserted + after, caret: inserted.length, listed: c.candidates };
}

/** How many listed candidates are shown under the prompt. */
export const MAX_LISTED = 60;

/** The candidates to show, and how many more there are. */
export const listing = (candidates: readonly string[], max = MAX_LISTED): { shown: readonly string[]; more: number } =>
  candidates.length > max ? { shown: candidates.slice(0, max), more: candidates.length - max } : { shown: candidates, more: 0 };

/** The backtick toggles the panel unless focus is in something that takes text. */
export function isToggleKey(key: string, mods: { altKey: boolean; ctrlKey: boolean; metaKey: boolean }, inTextField: boolean): boolean {
  return key === '`' && !mods.altKey && !mods.ctrlKey && !mods.metaKey && !inTextField;
}
