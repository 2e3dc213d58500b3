/**
 * Storage failures as typed, user-facing errors. Every failure in src/persist becomes a PersistError
 * whose `kind` the UI switches on and whose `message` can be shown as is; `cause` keeps the original.
 */

export type PersistErrorKind =
  /** The origin's storage is full (QuotaExceededError). */
  | 'quota'
  /** The browser refuses storage: private mode, site data blocked, no IndexedDB. */
  | 'denied'
  /** An upgrade waits for another tab that holds an older version of the database. */
  | 'blocked'
  /** The database was written by a newer version of the app (or a newer tab took it over). */
  | 'version'
  /** A stored cluster cannot be read back (bad JSON shape or an invalid scenario). */
  | 'corrupt'
  /** The cluster is gone (deleted in another tab, say). */
  | 'missing'
  | 'unknown';

const MESSAGES: Record<PersistErrorKind, string> = {
  quota:
    "The browser's storage for this site is full, so the cluster was not saved. Delete clusters you no longer need, or keep this one as a share link.",
  denied:
    'This browser does not let the page store data (private browsing, or site data blocked in its settings). The cluster runs, but it is not saved when the tab closes.',
  blocked:
    'Another tab with an older version of the sandbox holds the saved clusters. Close or reload the other sandbox tabs, then reload this one.',
  version: 'The saved clusters were written by a newer version of the sandbox. Reload the page to get that version.',
  corrupt: 'A saved cluster cannot be read back.',
  missing: 'This cluster is no longer saved (it was deleted, perhaps in another tab).',
  unknown: 'Saving or loading failed.',
};

export class PersistError extends Error {
  readonly kind: PersistErrorKind;

  constructor(kind: PersistErrorKind, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${MESSAGES[kind]} (${detail})` : MESSAGES[kind], options);
    this.name = 'PersistError';
    this.kind = kind;
  }
}

/** Where the failure happened: the same DOMException name means different things on open and on write. */
export type PersistStage = 'open' | 'read' | 'write';

/** Any thrown value (DOMException, idb error, our own) → PersistError. Idempotent. */
export function toPersistError(err: unknown, stage: PersistStage): PersistError {
  if (err instanceof PersistError) return err;
  const name = errorName(err);
  const detail = err instanceof Error || isDomException(err) ? `${name}: ${(err as Error).message}` : String(err);
  switch (name) {
    case 'QuotaExceededError':
    case 'NS_ERROR_DOM_QUOTA_REACHED':
      return new PersistError('quota', undefined, { cause: err });
    case 'SecurityError':
      return new PersistError('denied', undefined, { cause: err });
    case 'InvalidStateError':
      // On open: Firefox's private mode; later: the connection was closed under us.
      return new PersistError(stage === 'open' ? 'denied' : 'unknown', detail, { cause: err });
    case 'VersionError':
      return new PersistError('version', undefined, { cause: err });
    default:
      return new PersistError('unknown', detail, { cause: err });
  }
}

function isDomException(err: unknown): err is DOMException {
  return typeof DOMException !== 'undefined' && err instanceof DOMException;
}

function errorName(err: unknown): string {
  if (err && typeof err === 'object' && 'name' in err && typeof err.name === 'string') return err.name;
  return '';
}
