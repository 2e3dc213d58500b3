/**
 * The experiment lab's runs (issue 21), in the worker: the story of a scenario (src/sandbox/story), a chaos level
 * played with the player's changes (src/sandbox/levels), and what-if forks (src/sandbox/forks): the fork made, one
 * variant run (the page runs each variant in a worker of its own) and the reports compared. Each runs in a throwaway sandbox of its
 * own, never the cluster the page has open, so the page may ask for one while its cluster plays. The levels' own data
 * and checks (the shipped levels, a player's changes judged against the whitelist, level links) are worker-side
 * values too: the page asks here.
 */
import { replayStory, type Chapter } from '../sandbox/story/index.ts';
import {
  changesProblem,
  decodeLevel,
  describeGoal,
  encodeLevel,
  LEVELS,
  levelProblem,
  runLevel,
  type Changes,
  type Level,
  type RunResult,
} from '../sandbox/levels/index.ts';
import {
  compareVariants,
  forkScenarios,
  runVariant,
  type Comparison,
  type Variant,
  type VariantReport,
  type VariantScenario,
} from '../sandbox/forks/index.ts';

/** A level as the page shows it: the level, and its goals in words. */
export interface LevelInfo {
  level: Level;
  goals: string[];
}

export type LabTask =
  | { kind: 'story'; scenario: unknown; untilMs: number }
  | { kind: 'level'; level: Level; changes: Changes }
  | { kind: 'variant'; scenario: VariantScenario; untilMs: number; sampleEveryMs: number }
  /** A cluster's scenario forked at `at` into variants (the baseline first when named); nothing is run. */
  | { kind: 'fork'; base: unknown; at: number; variants: Variant[]; baseline?: string }
  /** Variant reports side by side, the first the baseline. */
  | { kind: 'compare'; reports: VariantReport[] }
  /** The shipped levels, easiest first. */
  | { kind: 'levels' }
  /** Why the player's changes are refused (changesProblem), or null; nothing is run. */
  | { kind: 'level-check'; level: Level; changes: unknown }
  /** The level as a link fragment (`l=1.…`). */
  | { kind: 'level-link'; level: Level }
  /** A level link read back (an error says why it is not one). */
  | { kind: 'level-read'; link: string }
  /** Why `level` is not a level this sandbox can run (levelProblem), or null; nothing is run. */
  | { kind: 'level-validate'; level: unknown };

export type LabResult =
  | { kind: 'story'; chapters: Chapter[]; historyHash: string; until: number }
  | { kind: 'level'; result: RunResult }
  | { kind: 'variant'; report: VariantReport }
  | { kind: 'fork'; variants: VariantScenario[] }
  | { kind: 'compare'; comparison: Comparison }
  | { kind: 'levels'; levels: LevelInfo[] }
  | { kind: 'level-check'; problem: string | null }
  | { kind: 'level-link'; link: string }
  | { kind: 'level-read'; level: LevelInfo }
  | { kind: 'level-validate'; problem: string | null }
  | { kind: 'error'; message: string };

const info = (level: Level): LevelInfo => ({ level, goals: level.goals.map(describeGoal) });

export async function runLab(task: LabTask): Promise<LabResult> {
  try {
    switch (task.kind) {
      case 'story': {
        const story = await replayStory(task.scenario, task.untilMs);
        return { kind: 'story', chapters: story.chapters, historyHash: story.historyHash, until: story.until };
      }
      case 'level':
        return { kind: 'level', result: await runLevel(task.level, task.changes) };
      case 'variant':
        return { kind: 'variant', report: await runVariant(task.scenario, task.untilMs, task.sampleEveryMs) };
      case 'fork': {
        const options = task.baseline === undefined ? {} : { baseline: task.baseline };
        return { kind: 'fork', variants: forkScenarios(task.base, task.at, task.variants, options) };
      }
      case 'compare':
        return { kind: 'compare', comparison: compareVariants(task.reports) };
      case 'levels':
        return { kind: 'levels', levels: LEVELS.map(info) };
      case 'level-check':
        return { kind: 'level-check', problem: changesProblem(task.level, task.changes) };
      case 'level-link':
        return { kind: 'level-link', link: await encodeLevel(task.level) };
      case 'level-validate':
        return { kind: 'level-validate', problem: levelProblem(task.level) };
      case 'level-read': {
        const read = await decodeLevel(task.link);
        return read.ok ? { kind: 'level-read', level: info(read.level) } : { kind: 'error', message: read.error };
      }
    }
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}
