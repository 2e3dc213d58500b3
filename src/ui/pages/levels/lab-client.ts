/**
 * The Levels page's handle on the lab (src/worker/lab.ts): a sandbox worker of its own, started on first use, never
 * the worker of the open cluster, so a level playing leaves that cluster playing and the page's thread only waits.
 * The shipped levels, the whitelist check and level links are worker-side values: they are asked for here too.
 */
import { SandboxBridge, type LabResult, type LabTask } from '../../../worker/bridge.ts';
import type { LevelInfo } from '../../../worker/lab.ts';
import type { Changes, Level } from '../../../sandbox/levels/types.ts';
import type { RunResult } from '../../../sandbox/levels/runner.ts';

type Answer<K extends LabResult['kind']> = Extract<LabResult, { kind: K }>;

export class LabClient {
  #bridge: SandboxBridge | null = null;
  #levels: Promise<LevelInfo[]> | null = null;

  async #ask<K extends LabResult['kind']>(task: LabTask, kind: K): Promise<Answer<K>> {
    this.#bridge ??= new SandboxBridge();
    const answer = await this.#bridge.lab(task);
    if (answer.kind === 'error') throw new Error(answer.message);
    if (answer.kind !== kind) throw new Error(`the lab answered ${answer.kind} to ${task.kind}`);
    return answer as Answer<K>;
  }

  /** The shipped levels, asked for once. */
  levels(): Promise<LevelInfo[]> {
    this.#levels ??= this.#ask({ kind: 'levels' }, 'levels').then((a) => a.levels);
    this.#levels.catch(() => (this.#levels = null));
    return this.#levels;
  }

  /** Why these changes are refused by the level, or null. */
  async problem(level: Level, changes: unknown): Promise<string | null> {
    return (await this.#ask({ kind: 'level-check', level, changes }, 'level-check')).problem;
  }

  /** Why `raw` is not a level this sandbox can run, or null. */
  async validate(raw: unknown): Promise<string | null> {
    return (await this.#ask({ kind: 'level-validate', level: raw }, 'level-validate')).problem;
  }

  async link(level: Level): Promise<string> {
    return (await this.#ask({ kind: 'level-link', level }, 'level-link')).link;
  }

  async read(link: string): Promise<LevelInfo> {
    return (await this.#ask({ kind: 'level-read', link }, 'level-read')).level;
  }

  async run(level: Level, changes: Changes): Promise<RunResult> {
    return (await this.#ask({ kind: 'level', level, changes }, 'level')).result;
  }

  dispose(): void {
    this.#bridge?.terminate();
    this.#bridge = null;
    this.#levels = null;
  }
}

/** Levels won in this browser, by id (a level from a link counts under its id too). */
const WON_KEY = 'dcos-sandbox.levels.won';

export function wonLevels(store: Pick<Storage, 'getItem'> | null = safeStorage()): Set<string> {
  try {
    const list = JSON.parse(store?.getItem(WON_KEY) ?? '[]') as unknown;
    return new Set(Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function markWon(id: string, store: Pick<Storage, 'getItem' | 'setItem'> | null = safeStorage()): void {
  const won = wonLevels(store);
  won.add(id);
  try {
    store?.setItem(WON_KEY, JSON.stringify([...won]));
  } catch {
    // storage full or refused: the win is shown, not kept
  }
}

function safeStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
