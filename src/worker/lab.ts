/**
 * The experiment lab's runs (issue 21), in the worker: the story of a scenario (src/sandbox/story) and a chaos level
 * played with the player's changes (src/sandbox/levels). Each runs in a throwaway sandbox of its own, never the cluster
 * the page has open, so the page may ask for one while its cluster plays.
 */
import { replayStory, type Chapter } from '../sandbox/story/index.ts';
import { runLevel, type Changes, type Level, type RunResult } from '../sandbox/levels/index.ts';

export type LabTask = { kind: 'story'; scenario: unknown; untilMs: number } | { kind: 'level'; level: Level; changes: Changes };

export type LabResult =
  | { kind: 'story'; chapters: Chapter[]; historyHash: string; until: number }
  | { kind: 'level'; result: RunResult }
  | { kind: 'error'; message: string };

export async function runLab(task: LabTask): Promise<LabResult> {
  try {
    if (task.kind === 'story') {
      const story = await replayStory(task.scenario, task.untilMs);
      return { kind: 'story', chapters: story.chapters, historyHash: story.historyHash, until: story.until };
    }
    return { kind: 'level', result: await runLevel(task.level, task.changes) };
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}
