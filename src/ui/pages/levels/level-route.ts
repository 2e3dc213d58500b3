/** `#/levels`, `#/levels/<id>` (a shipped level), `#/levels/l=1.…` (a level from a link) and `#/levels/new` (the editor). */

export type LevelRoute = { kind: 'list' } | { kind: 'level'; id: string } | { kind: 'link'; link: string } | { kind: 'new' };

export function levelRouteOf(hash: string): LevelRoute {
  const rest = hash.replace(/^#\/?levels\/?/, '');
  if (rest === hash || rest === '') return { kind: 'list' };
  const part = rest.split('?')[0]!;
  if (part.startsWith('l=')) return { kind: 'link', link: part };
  if (part === 'new') return { kind: 'new' };
  let id = part.split('/')[0]!;
  try {
    id = decodeURIComponent(id);
  } catch {
    // a malformed escape: the id as written (no level has it)
  }
  return id === '' ? { kind: 'list' } : { kind: 'level', id };
}

export const levelHref = (id: string): string => `#/levels/${encodeURIComponent(id)}`;

/** The page's address for a level link's fragment (`l=1.…`): the level page reads it back. */
export const levelLinkHref = (base: string, link: string): string => `${base.split('#')[0]}#/levels/${link}`;

export const NEW_LEVEL_HREF = '#/levels/new';
