/**
 * The Dashboard's "Component Health": the Components page's units (components/units.ts) counted by
 * health, and the first few worst first (components/limit.ts).
 */
import { worstFirst } from '../components/limit.ts';
import { HEALTH_LABELS, type Health, type UnitRow } from '../components/units.ts';

export const HEALTH_TONES: Record<Health, string> = { healthy: 'ok', starting: 'pending', unhealthy: 'bad' };

export interface ComponentsHealth {
  total: number;
  counts: Array<{ health: Health; label: string; tone: string; count: number }>;
  /** The first few units, unhealthy first, with how many of their nodes are healthy. */
  top: Array<{ id: string; name: string; health: Health; detail: string }>;
}

export function componentsHealth(units: readonly UnitRow[], topCount = 5): ComponentsHealth {
  const counts: Record<Health, number> = { unhealthy: 0, starting: 0, healthy: 0 };
  for (const u of units) counts[u.health]++;
  return {
    total: units.length,
    counts: (Object.keys(counts) as Health[]).map((health) => ({
      health,
      label: HEALTH_LABELS[health],
      tone: HEALTH_TONES[health],
      count: counts[health],
    })),
    top: worstFirst(units, topCount).shown.map((u) => ({
      id: u.id,
      name: u.name,
      health: u.health,
      detail: `${u.counts.healthy}/${u.nodes.length} nodes healthy`,
    })),
  };
}
