/**
 * Tutorial progress in IndexedDB: one record per lesson (lesson id → step, done, updatedAt).
 * Failures are PersistErrors for the UI to show, as for clusters; a record that does not read
 * back is skipped (the lesson then starts from its first step).
 */
import { restoreProgress, type LessonProgress } from '../tutorial/progress.ts';
import { TUTORIAL, isSuperseded, type SandboxDb } from './db.ts';
import { PersistError, toPersistError, type PersistStage } from './errors.ts';

export type StoredProgress = { lesson: string } & LessonProgress;

export class TutorialRepository {
  readonly #db: SandboxDb;

  constructor(db: SandboxDb) {
    this.#db = db;
  }

  /** Every lesson's progress that reads back. */
  all(): Promise<StoredProgress[]> {
    return this.#run('read', async () => {
      const raw: unknown[] = await this.#db.getAll(TUTORIAL);
      return raw.map(restoreProgress).filter((p): p is StoredProgress => p !== null);
    });
  }

  put(progress: StoredProgress): Promise<void> {
    return this.#run('write', async () => {
      await this.#db.put(TUTORIAL, { lesson: progress.lesson, step: progress.step, done: progress.done, updatedAt: progress.updatedAt });
    });
  }

  async #run<T>(stage: PersistStage, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (err) {
      if (isSuperseded(this.#db) && !(err instanceof PersistError)) throw new PersistError('version', undefined, { cause: err });
      throw toPersistError(err, stage);
    }
  }
}
