/** Helpers for the IndexedDB tests: a fresh database per test, deleted afterwards. */
import { deleteDB } from 'idb';
import { openSandboxDb, type SandboxDb } from '../../src/persist/db.ts';

let counter = 0;

export function uniqueDbName(what: string): string {
  return `test-${what}-${Date.now()}-${counter++}`;
}

/** Runs `body` with a database name; deletes the database afterwards (connections must be closed by then). */
export async function withDbName(what: string, body: (name: string) => Promise<void>): Promise<void> {
  const name = uniqueDbName(what);
  try {
    await body(name);
  } finally {
    await deleteDB(name);
  }
}

/** Runs `body` with an open database of the current version; closes and deletes it afterwards. */
export async function withDb(what: string, body: (db: SandboxDb, name: string) => Promise<void>): Promise<void> {
  await withDbName(what, async (name) => {
    const db = await openSandboxDb(name);
    try {
      await body(db, name);
    } finally {
      db.close();
    }
  });
}

/** Rejects the test with a clear message when `promise` resolves instead. */
export async function rejection(promise: Promise<unknown>, what: string): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error(`${what}: expected a rejection`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
