/**
 * The Package Repositories tab's logic that needs no page: the search (name or URL, as DC/OS' RepositoryList
 * filters), each repository's priority (its place in Cosmos' list: 0 is the highest) and the Add form's checks.
 */
import type { PackageRepositoryJson } from '../../../api/shapes/cosmos.ts';

export interface RepositoryRow extends PackageRepositoryJson {
  /** The index in Cosmos' list: packages of a lower one win when several repositories have a version. */
  priority: number;
}

/** The rows that match `search` (case-insensitive, in the name or the URL), in priority order. */
export function repositoryRows(repositories: readonly PackageRepositoryJson[], search: string): RepositoryRow[] {
  const needle = search.trim().toLowerCase();
  return repositories
    .map((r, priority) => ({ name: r.name, uri: r.uri, priority }))
    .filter((r) => needle === '' || r.name.toLowerCase().includes(needle) || r.uri.toLowerCase().includes(needle));
}

export interface AddRepositoryDraft {
  name: string;
  uri: string;
  /** The Priority field as typed: empty for the lowest. */
  priority: string;
}

export type AddRepositoryCheck =
  { ok: true; name: string; uri: string; index: number | undefined } | { ok: false; field: keyof AddRepositoryDraft; message: string };

/** What the Priority field accepts with `count` repositories listed. */
export function priorityHint(count: number): string {
  return `Must be a positive integer between 0 and ${count} representing its priority. 0 is the highest and an empty field denotes the lowest priority.`;
}

/** The form's checks before anything is sent; Cosmos checks the rest (a URL it cannot read, a name already used). */
export function checkAddRepository(draft: AddRepositoryDraft, count: number): AddRepositoryCheck {
  const name = draft.name.trim();
  const uri = draft.uri.trim();
  if (name === '') return { ok: false, field: 'name', message: 'Repository Name is required.' };
  if (uri === '') return { ok: false, field: 'uri', message: 'URL is required.' };
  const priority = draft.priority.trim();
  if (priority === '') return { ok: true, name, uri, index: undefined };
  const index = /^\d+$/.test(priority) ? Number(priority) : NaN;
  if (!Number.isSafeInteger(index) || index > count) return { ok: false, field: 'priority', message: priorityHint(count) };
  return { ok: true, name, uri, index };
}
