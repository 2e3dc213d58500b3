/** Marathon path ids: `/prod/web`. (`state/PathId.scala`) */
export const ID_SEGMENT = /^(?:(?:(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])\.)*(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])|\.|\.\.)$/;
export const ID_SEGMENT_TEXT = '^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])|(\\.|\\.\\.)$';
export const RESERVED_LAST: ReadonlySet<string> = new Set(['restart', 'tasks', 'versions', '.', '..']);
/** `PathId.reservedKeywords`' rule, word for word. */
export const RESERVED_TEXT = 'must not end with any of the following reserved keywords: restart, tasks, versions, ., ..';

/** Resolve `.`/`..` and make absolute against `base` (default root). Trailing `/` is ignored. */
export function normalizePath(id: string, base = '/'): string {
  const start = id.startsWith('/') ? [] : base.split('/').filter(Boolean);
  const parts = [...start];
  for (const seg of id.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

/** The first problem with an id as written, or undefined. */
export function pathIdProblem(id: string): string | undefined {
  const segments = id.split('/').filter(Boolean);
  if (segments.length === 0) return 'Path must contain at least one path element';
  for (const seg of segments) {
    if (!ID_SEGMENT.test(seg)) return `must fully match regular expression '${ID_SEGMENT_TEXT}'`;
  }
  if (RESERVED_LAST.has(segments[segments.length - 1]!)) return RESERVED_TEXT;
  return undefined;
}

export function parentOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

/** Marathon names tasks with the app id reversed: `/group/app` → `app.group`. */
export function toHostname(path: string): string {
  return path.split('/').filter(Boolean).reverse().join('.');
}
