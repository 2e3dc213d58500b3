/**
 * Who can talk to whom: a message crosses from one host to another when both hosts are up and no
 * partition has them on opposite sides. Hosts are named by hostname (masters and agents alike).
 */
import type { ClusterState } from '../core/model.ts';
import type { Partition } from './model.ts';

/** Each partition's sides as sets, built once per partition object (partitions never change in place). */
const sideSets = new WeakMap<Partition, [Set<string>, Set<string>]>();

function setsOf(p: Partition): [Set<string>, Set<string>] {
  let sets = sideSets.get(p);
  if (!sets) {
    sets = [new Set(p.sides[0]), new Set(p.sides[1])];
    sideSets.set(p, sets);
  }
  return sets;
}

/** No partition separates the two hosts (whether they are up is not asked). */
export function linked(state: ClusterState, a: string, b: string): boolean {
  if (a === b) return true;
  for (const p of state.network.partitions) {
    const [x, y] = setsOf(p);
    if ((x.has(a) && y.has(b)) || (y.has(a) && x.has(b))) return false;
  }
  return true;
}

/** Master `i` and master `j` can exchange messages. */
export function mastersTalk(state: ClusterState, i: number, j: number): boolean {
  const a = state.masters[i]!;
  const b = state.masters[j]!;
  return a.up && b.up && linked(state, a.hostname, b.hostname);
}

/** Agent `agentIdx` and master `masterIdx` can exchange messages (the agent process up, the master host up). */
export function agentTalksTo(state: ClusterState, agentIdx: number, masterIdx: number): boolean {
  const agent = state.agents[agentIdx]!;
  const master = state.masters[masterIdx]!;
  return agent.up && master.up && linked(state, agent.hostname, master.hostname);
}

/** The host named `hostname`: a master, a live agent (a decommissioned one is no host), or nothing. */
export function hostOf(state: ClusterState, hostname: string): { kind: 'master' | 'agent'; index: number } | null {
  const m = state.masters.findIndex((x) => x.hostname === hostname);
  if (m >= 0) return { kind: 'master', index: m };
  const a = state.agents.findIndex((x) => x.hostname === hostname && !x.gone);
  return a >= 0 ? { kind: 'agent', index: a } : null;
}
