/**
 * Pure helpers of the fault panel: how its picture of the cluster is laid out (the partitions'
 * sides, masters, agents grouped by rack or zone and collapsed when there are many), how a
 * selection becomes a partition's two sides, and what a lasso catches.
 */
import { AGENT_STATUS, type AgentInfo, type AgentStatus, type HaView } from '../../../common/view-types.ts';

/** More agents than this, and each group is one tile with counts instead of a tile per agent. */
export const MAX_AGENT_TILES = 40;

export interface AgentGroup {
  key: string;
  /** Agent indexes, in layout order. */
  agents: number[];
}

export interface Island {
  /** Every host on this side of the cuts. */
  hosts: string[];
  /** Master indexes. */
  masters: number[];
  groups: AgentGroup[];
}

export interface MapLayout {
  islands: Island[];
  /** Groups are drawn as one tile each (too many agents for a tile per agent). */
  collapsed: boolean;
}

/** An agent's group: its rack, else its zone, else public / private. */
export function agentGroupKey(agent: AgentInfo): string {
  const rack = agent.attributes['rack'];
  if (rack !== undefined) return `rack ${rack}`;
  const zone = agent.attributes['zone'];
  if (zone !== undefined) return `zone ${zone}`;
  return agent.public ? 'public' : 'private';
}

/**
 * Hosts that the partitions treat alike (the same side of every cut), in order of first
 * appearance: one island when there is no partition.
 */
export function islandKeys(hosts: readonly string[], partitions: HaView['partitions']): string[] {
  const sets = partitions.map(([a, b]) => [new Set(a), new Set(b)] as const);
  return hosts.map((h) => sets.map(([a, b]) => (a.has(h) ? 'a' : b.has(h) ? 'b' : '-')).join(''));
}

export function mapLayout(
  masters: readonly string[],
  agents: readonly AgentInfo[],
  partitions: HaView['partitions'],
  maxTiles = MAX_AGENT_TILES,
): MapLayout {
  const hosts = [...masters, ...agents.map((a) => a.hostname)];
  const keys = islandKeys(hosts, partitions);
  const islands = new Map<string, Island>();
  const islandOf = (key: string): Island => {
    let island = islands.get(key);
    if (!island) {
      island = { hosts: [], masters: [], groups: [] };
      islands.set(key, island);
    }
    return island;
  };
  masters.forEach((host, i) => {
    const island = islandOf(keys[i]!);
    island.hosts.push(host);
    island.masters.push(i);
  });
  agents.forEach((agent, i) => {
    const island = islandOf(keys[masters.length + i]!);
    island.hosts.push(agent.hostname);
    const key = agentGroupKey(agent);
    let group = island.groups.find((g) => g.key === key);
    if (!group) island.groups.push((group = { key, agents: [] }));
    group.agents.push(i);
  });
  return { islands: [...islands.values()], collapsed: agents.length > maxTiles };
}

/** A partition between the selected hosts and all the others, or null when either side would be empty. */
export function sidesOf(selected: ReadonlySet<string>, all: readonly string[]): [string[], string[]] | null {
  const a = all.filter((h) => selected.has(h));
  const b = all.filter((h) => !selected.has(h));
  return a.length > 0 && b.length > 0 ? [a, b] : null;
}

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The rectangle between two corners, whichever way the drag went. */
export function rectBetween(x0: number, y0: number, x1: number, y1: number): Rect {
  return { left: Math.min(x0, x1), top: Math.min(y0, y1), right: Math.max(x0, x1), bottom: Math.max(y0, y1) };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** The selection after a click (toggle one tile's hosts) or a lasso (`add`: keep what was selected). */
export function toggled(selected: ReadonlySet<string>, hosts: readonly string[]): Set<string> {
  const next = new Set(selected);
  const all = hosts.every((h) => next.has(h));
  for (const h of hosts) {
    if (all) next.delete(h);
    else next.add(h);
  }
  return next;
}

export function lassoed(selected: ReadonlySet<string>, hosts: readonly string[], add: boolean): Set<string> {
  const next = add ? new Set(selected) : new Set<string>();
  for (const h of hosts) next.add(h);
  return next;
}

/** How many of the agents stand in each status. */
export function statusCounts(agents: readonly number[], status: Uint8Array | undefined): Record<AgentStatus, number> {
  const counts = Object.fromEntries(AGENT_STATUS.map((s) => [s, 0])) as Record<AgentStatus, number>;
  for (const i of agents) {
    const s = AGENT_STATUS[status?.[i] ?? 0] ?? 'registering';
    counts[s]++;
  }
  return counts;
}

/** An agent's status word by code (registering before the first frame). */
export function agentStatusOf(status: Uint8Array | undefined, i: number): AgentStatus {
  return AGENT_STATUS[status?.[i] ?? 0] ?? 'registering';
}
