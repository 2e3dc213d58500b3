/**
 * Secret paths as the DC/OS UI's secrets plugin handles them: the New Secret form's checks and messages
 * (SecretFormModal.tsx), the API's URL of a path (each segment encoded on its own), the page's hash
 * (`#/secrets`, `#/secrets/detail/<encoded path>`) and the table's filter and order (SecretsPage, SecretsTablePathColumn).
 */

export const SECRETS_API = '/secrets/v1/secret/default';

export const REQUIRED = 'This field is required.';
export const SLASH_AT_END = 'Invalid syntax. Cannot use slashes at the beginning or end.';
export const BAD_CHARACTERS = 'Alphanumerical, dashes, underscores and slashes are allowed.';

/** The form's message for a path, in the order the DC/OS UI checks (required, the ends, the characters); null when fine. */
export function secretPathError(path: string): string | null {
  if (path === '') return REQUIRED;
  if (path.startsWith('/') || path.endsWith('/')) return SLASH_AT_END;
  if (!/^(\/?[a-zA-Z0-9_-])+$/.test(path)) return BAD_CHARACTERS;
  return null;
}

/** `db/password` → `/secrets/v1/secret/default/db/password`: every segment URL-encoded, the slashes between kept. */
export function secretUrl(path: string): string {
  return `${SECRETS_API}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

export const LIST_URL = `${SECRETS_API}/?list=true`;

export type SecretsView = { kind: 'list' } | { kind: 'detail'; path: string };

export function secretHref(path: string): string {
  return `#/secrets/detail/${encodeURIComponent(path)}`;
}

export const SECRETS_HREF = '#/secrets';

/** The view a hash names; a detail hash whose path does not decode falls back to the list. */
export function parseSecretsHash(hash: string): SecretsView {
  const [, part, encoded] = hash.replace(/^#\/?/, '').split('?')[0]!.split('/');
  if (part !== 'detail' || !encoded) return { kind: 'list' };
  try {
    return { kind: 'detail', path: decodeURIComponent(encoded) };
  } catch {
    return { kind: 'list' };
  }
}

/** The paths containing the filter's text (as the DC/OS UI filters: a plain substring), sorted without regard to case. */
export function visibleSecrets(paths: readonly string[], filter: string): string[] {
  const needle = filter.trim();
  return paths
    .filter((p) => p.includes(needle))
    .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()) || (a < b ? -1 : a > b ? 1 : 0));
}
