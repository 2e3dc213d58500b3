/** Tab completion: command words, flags, and ids from a snapshot the caller keeps. */
import { tokenize } from './parse.ts';
import { childWords, COMMANDS, findCommand, isGroup } from './registry.ts';
import { findTool, TOOLS } from './tools/index.ts';
import type { ArgKind, KnownIds } from './types.ts';

export interface Completion {
  /** The word being completed spans `line.slice(start)` (completion is at the end of the line). */
  start: number;
  /** Full replacements for that word, sorted. */
  candidates: string[];
  /** The longest prefix all candidates share (what a single Tab may insert). */
  common: string;
}

function idsOf(kind: ArgKind, known: KnownIds): string[] {
  switch (kind) {
    case 'app':
      return known.appIds ?? [];
    case 'task':
      return known.taskIds ?? [];
    case 'node':
      return [...(known.hostnames ?? []), ...(known.nodeIds ?? [])];
    case 'deployment':
      return known.deploymentIds ?? [];
    case 'pod':
      return known.podIds ?? [];
    case 'group':
      return known.groupIds ?? [];
    case 'job':
      return known.jobIds ?? [];
    case 'text':
      return [];
  }
}

function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let p = words[0]!;
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Matches `current`; Marathon ids also match without their leading slash (`hel` → `/hello`). */
const fits = (candidate: string, current: string) =>
  candidate.startsWith(current) || (candidate.startsWith('/') && candidate.slice(1).startsWith(current));

export function completions(line: string, known: KnownIds = {}): Completion {
  const none = { start: line.length, candidates: [], common: '' };
  const { tokens, bodyText } = tokenize(line);
  if (bodyText !== undefined) return none;
  const last = tokens[tokens.length - 1];
  const atWordEnd = last !== undefined && (last.open || last.end === line.length);
  const current = atWordEnd ? last.value : '';
  const start = atWordEnd ? last.start : line.length;
  const before = (atWordEnd ? tokens.slice(0, -1) : tokens).map((t) => t.value);

  let pool: string[];
  if (before.length === 0) {
    pool = ['dcos', ...TOOLS.map((t) => t.name)];
  } else if (findTool(before[0]!)) {
    pool = findTool(before[0]!)!.words;
  } else if (before[0] !== 'dcos') {
    return none;
  } else {
    const words = before.slice(1).filter((w) => !w.startsWith('-'));
    const spec = findCommand(words);
    const exact = spec && spec.path.length === words.length ? spec : undefined;
    if (current.startsWith('-')) {
      const flags = spec?.flags ?? [];
      pool = [...flags.map((f) => `--${f}`), '--help'];
    } else if (words[0] === 'help') {
      pool = childWords(words.slice(1)).filter((w) => w !== 'help');
    } else if (isGroup(words)) {
      pool = [...childWords(words), ...(exact?.args?.[0] ? idsOf(exact.args[0], known) : [])];
    } else if (spec) {
      const kind = spec.args?.[words.length - spec.path.length];
      pool = kind ? idsOf(kind, known) : [];
    } else {
      pool = [];
    }
  }
  const candidates = [...new Set(pool.filter((c) => fits(c, current)))].sort();
  return { start, candidates, common: commonPrefix(candidates) };
}

/** Every command line the CLI knows (the sandbox tools last), for a help panel or a fuzzy finder. */
export const commandLines = (): string[] => [...COMMANDS.map((c) => ['dcos', ...c.path].join(' ')), ...TOOLS.map((t) => t.name)];
