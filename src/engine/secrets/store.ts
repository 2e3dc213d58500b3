/**
 * Enterprise DC/OS's secret store `default` (PLATFORM.md G.3; docs/secrets.md): secrets by hierarchical path
 * (`db/password`, `dev/web/tls-key`), each a value given as JSON (`{"value"}`) or as a file (a body of
 * `application/octet-stream`). A cluster that never stored a secret has none (`ClusterState.secrets` absent). The
 * store draws nothing from the RNG and schedules no event; values live only here, never in a task, an app or a log.
 */

export type SecretKind = 'value' | 'file';

export interface StoredSecret {
  value: string;
  kind: SecretKind;
  description?: string;
  author?: string;
}

export interface SecretsState {
  /** Path (no leading or trailing slash) → secret. */
  secrets: Record<string, StoredSecret>;
}

/** The only store Enterprise DC/OS ships (`default`). */
export const DEFAULT_STORE = 'default';

/**
 * A secret path as dcos-ui's secret form accepts it (plugins/secrets/components/SecretFormModal.tsx): letters,
 * digits, dashes, underscores and slashes, no slash at either end, and (inferred) no empty segment.
 */
export function secretPathProblem(path: string): string | null {
  if (path === '') return 'The secret path is empty.';
  if (path.startsWith('/') || path.endsWith('/')) return 'Invalid syntax. Cannot use slashes at the beginning or end.';
  if (!/^[A-Za-z0-9_/-]+$/.test(path)) return 'Alphanumerical, dashes, underscores and slashes are allowed.';
  if (path.includes('//')) return 'Invalid syntax. A path segment cannot be empty.';
  return null;
}

const EMPTY: SecretsState = { secrets: {} };

export function secretsOf(state: { secrets?: SecretsState }): SecretsState {
  return state.secrets ?? EMPTY;
}

export function writableSecrets(state: { secrets?: SecretsState }): SecretsState {
  state.secrets ??= { secrets: {} };
  return state.secrets;
}

/** Whether a secret is stored at exactly `path`. */
export const hasSecret = (state: { secrets?: SecretsState }, path: string): boolean => Object.hasOwn(secretsOf(state).secrets, path);

/** The paths under `prefix` (`''`: all), relative to it, sorted. */
export function secretPathsUnder(state: { secrets?: SecretsState }, prefix: string): string[] {
  const base = prefix === '' ? '' : `${prefix}/`;
  return Object.keys(secretsOf(state).secrets)
    .filter((path) => path.startsWith(base))
    .map((path) => path.slice(base.length))
    .sort();
}
