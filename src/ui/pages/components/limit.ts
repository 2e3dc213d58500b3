/** Long node lists (a unit on 1,000 agents) show the worst first and stop at a cap. */
import type { Health } from './units.ts';

export const SHOWN_NODES = 50;

const RANK: Record<Health, number> = { unhealthy: 0, starting: 1, healthy: 2 };

/** The first `cap` items, unhealthy first, then starting, then healthy (stable otherwise), and how many were left out. */
export function worstFirst<T extends { health: Health }>(items: readonly T[], cap = SHOWN_NODES): { shown: T[]; hidden: number } {
  const sorted = items.map((item, i) => ({ item, i })).sort((a, b) => RANK[a.item.health] - RANK[b.item.health] || a.i - b.i);
  return { shown: sorted.slice(0, cap).map((x) => x.item), hidden: Math.max(0, items.length - cap) };
}
