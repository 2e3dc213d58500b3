/** #/forks (set up a comparison from the open cluster) and #/forks/f=1.… (a comparison from a link). */
import { isComparisonLink } from '../../../share/comparison-link.ts';

export type ForksRoute = { kind: 'new' } | { kind: 'link'; link: string };

export function forksRouteOf(hash: string): ForksRoute {
  const rest = hash.replace(/^#\/?forks\/?/, '');
  return isComparisonLink(rest) ? { kind: 'link', link: rest } : { kind: 'new' };
}

export const forksHref = (link: string | null): string => (link === null ? '#/forks' : `#/forks/${link}`);
