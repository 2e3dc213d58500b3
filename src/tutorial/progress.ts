/**
 * Tutorial progress as plain data: lesson id → how far the reader got. A reducer changes it and
 * `restoreProgress` reads a stored record back (anything odd is dropped, never trusted).
 */

export interface LessonProgress {
  /** 0-based index of the current step; equals the lesson's step count once it is done. */
  step: number;
  done: boolean;
  /** Wall-clock ms of the last change. */
  updatedAt: number;
}

export type ProgressMap = Readonly<Record<string, LessonProgress>>;

export type ProgressAction =
  /** The reader is on step `step` (0-based) of a lesson of `stepCount` steps. */
  | { kind: 'reached'; lesson: string; step: number; stepCount: number; at: number }
  /** Back to the first step; a lesson once finished stays marked done. */
  | { kind: 'restart'; lesson: string; at: number }
  /** Records read from storage replace what is known for their lessons. */
  | { kind: 'loaded'; records: ReadonlyArray<{ lesson: string } & LessonProgress> };

export function reduceProgress(map: ProgressMap, action: ProgressAction): ProgressMap {
  switch (action.kind) {
    case 'reached': {
      const step = Math.max(0, Math.min(action.stepCount, Math.floor(action.step)));
      const before = map[action.lesson];
      const done = (before?.done ?? false) || step >= action.stepCount;
      if (before && before.step === step && before.done === done) return map;
      return { ...map, [action.lesson]: { step, done, updatedAt: action.at } };
    }
    case 'restart': {
      const before = map[action.lesson];
      if (!before) return map;
      return { ...map, [action.lesson]: { step: 0, done: before.done, updatedAt: action.at } };
    }
    case 'loaded': {
      if (action.records.length === 0) return map;
      const next: Record<string, LessonProgress> = { ...map };
      for (const r of action.records) next[r.lesson] = { step: r.step, done: r.done, updatedAt: r.updatedAt };
      return next;
    }
  }
}

/** A stored record, checked; null when it is not one. */
export function restoreProgress(raw: unknown): ({ lesson: string } & LessonProgress) | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  if (typeof r['lesson'] !== 'string' || r['lesson'] === '') return null;
  const step = r['step'];
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step > 999) return null;
  const updatedAt = typeof r['updatedAt'] === 'number' && Number.isFinite(r['updatedAt']) ? r['updatedAt'] : 0;
  return { lesson: r['lesson'], step, done: r['done'] === true, updatedAt };
}

/** "3 of 5 steps", "Done", "Not started": the lesson list's label. */
export function progressLabel(p: LessonProgress | undefined, stepCount: number): string {
  if (p?.done) return 'Done';
  if (!p || p.step === 0) return 'Not started';
  return `Step ${Math.min(p.step + 1, stepCount)} of ${stepCount}`;
}
