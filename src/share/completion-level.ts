/**
 * Completion codes for won chaos levels (docs/completion-codes.md): the claim a won run makes, and its check by
 * playing the level again. The level's own checks and the run are the worker's (src/sandbox/levels), reached behind
 * `LevelDriver` (a lab worker of its own in the page, the runner itself in tests), so this module stays on the main
 * thread's side and only awaits. What must hold, in order:
 *
 *  1. the level: a shipped one by id, unchanged since (same hash); or the one the code carries, a valid level
 *     (`levelProblem`) whose hash and id are the claimed ones;
 *  2. the level's whitelist allows the changes (`changesProblem`);
 *  3. played with the changes, the level is won, at the claimed moment;
 *  4. the run's history hash is the claimed one.
 *
 * The first thing that differs is the answer's reason.
 */
import type { RunResult } from '../sandbox/levels/runner.ts';
import type { Changes, Level } from '../sandbox/levels/types.ts';
import { stableHash } from './completion-bytes.ts';
import type { LevelClaim } from './completion-code.ts';

/** The level's checks and its run; every call may cross to a worker. */
export interface LevelDriver {
  /** The shipped levels of this version. */
  levels(): Promise<readonly Level[]>;
  /** Why `raw` is not a level this sandbox can run, or null. */
  levelProblem(raw: unknown): Promise<string | null>;
  /** Why the level's whitelist refuses `changes`, or null. */
  changesProblem(level: Level, changes: unknown): Promise<string | null>;
  run(level: Level, changes: Changes): Promise<RunResult>;
}

export type LevelVerdict = { ok: true; level: Level; finishedAt: number } | { ok: false; reason: string; level?: Level };

/** A level's identity in a code: 16 hex digits of SHA-1 over its canonical JSON. */
export const levelHash = (level: unknown): string => stableHash(level);

/** m:ss (with milliseconds when between seconds), as the Levels page tells moments. */
function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const rest = ms % 1000;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}${rest ? `.${String(rest).padStart(3, '0')}` : ''}`;
}

/**
 * The claim of a run just played: null unless it was won. A shipped level is named by its id; any other (opened
 * from a link) is carried whole, so a verifier needs nothing but the code.
 */
export function levelClaim(level: Level, shipped: boolean, changes: Changes, result: RunResult): LevelClaim | null {
  if (!result.won) return null;
  return {
    kind: 'level',
    id: level.id,
    levelHash: levelHash(level),
    ...(shipped ? {} : { level }),
    changes,
    finishedAt: result.at,
    historyHash: result.historyHash,
  };
}

export async function verifyLevelCompletion(claim: LevelClaim, driver: LevelDriver): Promise<LevelVerdict> {
  const found = await levelOf(claim, driver);
  if (typeof found === 'string') return { ok: false, reason: found };
  const level = found;
  const fail = (reason: string): LevelVerdict => ({ ok: false, level, reason });
  const refused = await driver.changesProblem(level, claim.changes);
  if (refused) return fail(`The level does not allow the code's changes: ${refused}.`);
  const result = await driver.run(level, claim.changes as Changes);
  if ('refused' in result) return fail(`The level does not allow the code's changes: ${result.violation.text}.`);
  if (!result.won) return fail(`The changes do not win: the run is lost at ${clock(result.at)}: ${result.violation.text}.`);
  if (result.at !== claim.finishedAt)
    return fail(`The run is won at ${clock(result.at)}, not at the claimed ${clock(claim.finishedAt)}: the code was altered.`);
  if (result.historyHash !== claim.historyHash)
    return fail(
      'The history differs: the changes win, but the run does not end in the history the code claims: the code was altered or made with another version of the sandbox.',
    );
  return { ok: true, level, finishedAt: result.at };
}

/** The claim's level, or why there is none to play. */
async function levelOf(claim: LevelClaim, driver: LevelDriver): Promise<Level | string> {
  if (claim.level !== undefined) {
    const problem = await driver.levelProblem(claim.level);
    if (problem) return `The level in the code is not one this sandbox can run: ${problem}.`;
    const level = claim.level as Level;
    if (level.id !== claim.id || levelHash(level) !== claim.levelHash)
      return `The level in the code is not the one the code was made from (“${level.title}”): the code was altered.`;
    return level;
  }
  const level = (await driver.levels()).find((l) => l.id === claim.id);
  if (!level) return `There is no level “${claim.id}” in this version of the sandbox.`;
  if (levelHash(level) !== claim.levelHash)
    return `The code was made from another version of “${level.title}”: the level changed since (another version of the sandbox), or the code was altered.`;
  return level;
}
