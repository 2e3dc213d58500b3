/** Pure helpers of the Clusters page: rows from the stored list, and name checks before a write. */
import { MAX_NAME_LENGTH, type ClusterList } from '../../../persist/index.ts';

/** A stored cluster as the page lists it (no scenario: that can be large, and the page never needs it). */
export interface ClusterRow {
  id: string;
  name: string;
  /** Simulated ms reached. */
  at: number;
  /** Wall-clock ms of the last save. */
  updatedAt: number;
}

export interface CorruptRow {
  id: string;
  /** The stored name, or the id when there is none. */
  label: string;
  error: string;
}

export function rowsOf(list: ClusterList): { clusters: ClusterRow[]; corrupt: CorruptRow[] } {
  return {
    clusters: list.clusters.map(({ id, name, at, updatedAt }) => ({ id, name, at, updatedAt })),
    corrupt: list.corrupt.map(({ id, name, error }) => ({ id, label: name ?? id, error: error.message })),
  };
}

/** Why `name` cannot name a cluster, or null when it can (the repository collapses inner spaces). */
export function nameProblem(name: string): string | null {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (!clean) return 'A cluster needs a name.';
  if (clean.length > MAX_NAME_LENGTH) return `At most ${MAX_NAME_LENGTH} characters (this one has ${clean.length}).`;
  return null;
}

/** Any thrown value as a sentence for the page. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** What the Delete dialog asks about. */
export interface DeleteTarget {
  id: string;
  name: string;
  /** A record that does not read back (its name may be its id). */
  corrupt: boolean;
  /** The cluster this tab works on: deleting it is refused until another one is open. */
  current: boolean;
  /** Another tab works on it: that tab stops saving when it is deleted. */
  elsewhere: boolean;
}
