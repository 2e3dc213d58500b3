/**
 * Tutorial progress in IndexedDB: one record per lesson (lesson id → step, done, updatedAt).
 * Failures are PersistErrors for the UI to show, as for clusters; a record that does not read
 * back is skipped (the lesson then starts from its first step).
 */
import { restoreProgress, type LessonProgress } from '../tutorial/progress.ts';
import { TUTORIAL, runOnDb, type SandboxDb } from './db.ts';

export type StoredProgress = { lesson: string } & LessonProgress;

export class TutorialRepository {
  readonly #db: SandboxDb;

  constructor(db: SandboxDb) {
    this.#db = db;
  }

  /** Every lesson's progress that reads back. */
  all(): Promise<StoredProgress[]> {
    return runOnDb(this.#db, 'read', async () => {
      const raw: unknown[] = await this.#db.getAll(TUTORIAL);
      return raw.map(restoreProgress).filter((p): p is StoredProgress => p !== null);
    });
  }

  put(progress: StoredProgress): Promise<void> {
    return runOnDb(this.#db, 'write', async () => {
      await this.#db.put(TUTORIAL, { lesson: progress.lesson, step: progress.step, done: progress.done, updatedAt: progress.updatedAt });
    });
  }
}
