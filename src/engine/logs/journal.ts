/**
 * A node's systemd journal, derived when read from what the cluster already keeps (agents, tasks live and
 * completed with their status histories, the notable-event ring, Marathon's deployments): no line is stored,
 * so memory does not grow with time, and reading draws nothing from the simulation's random stream. Every source
 * is bounded (MAX_COMPLETED_TASKS_PER_FRAMEWORK, MAX_NOTABLE_EVENTS), and so is the journal.
 */
import type { ClusterState } from '../core/model.ts';
import type { JournalEntry, LazyEntry, NodeRef } from './entry.ts';
import { hash32 } from './format.ts';
import { marathonLines } from './marathon-lines.ts';
import { agentMesosLines, masterMesosLines } from './mesos-lines.ts';

export interface NodeIdentity {
  hostname: string;
  /** journald's `_BOOT_ID` and the seqnum id of its cursors. */
  bootId: string;
  machineId: string;
}

export function nodeIdentity(state: ClusterState, node: NodeRef): NodeIdentity {
  const name = node.kind === 'master' ? state.masters[node.idx]!.hostname : state.agents[node.idx]!.hostname;
  const boot = node.kind === 'master' ? state.masters[node.idx]!.boot : 0;
  const hex = (seed: string) => [0, 1, 2, 3].map((i) => hash32(`${i}:${seed}`).toString(16).padStart(8, '0')).join('');
  return {
    hostname: name,
    bootId: hex(`boot:${state.clusterName}:${name}:${boot}`),
    machineId: hex(`machine:${state.clusterName}:${name}`),
  };
}

/** Every entry of the node's journal, oldest first (ties keep source order: the sort is stable). */
export function nodeJournal(state: ClusterState, node: NodeRef): JournalEntry[] {
  const entries: LazyEntry[] =
    node.kind === 'master' ? [...masterMesosLines(state, node.idx), ...marathonLines(state, node.idx)] : agentMesosLines(state, node.idx);
  entries.sort((a, b) => a.at - b.at);
  for (let k = 0; k < entries.length; k++) entries[k]!.seq = k + 1;
  return entries;
}
