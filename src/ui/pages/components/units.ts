/**
 * The Components page's data: each DC/OS system unit with its health on each node, as the
 * frame's `ha` view and agent standings tell it (the units of the masters' boot order, then the
 * agents' Mesos agent unit). A unit is as healthy as its worst node.
 */
import { AGENT_STATUS, type AgentInfo, type ClusterFrame, type ClusterLayout } from '../../../common/view-types.ts';
import type { MasterUnit, UnitState } from '../../../common/units.ts';

export type Health = 'healthy' | 'starting' | 'unhealthy';

export const HEALTH_LABELS: Record<Health, string> = { healthy: 'Healthy', starting: 'Starting', unhealthy: 'Unhealthy' };

export interface UnitNode {
  hostname: string;
  ip: string;
  role: 'master' | 'agent' | 'public agent';
  health: Health;
  /** What the node says about the unit, e.g. "waiting for ZooKeeper", "unreachable". */
  detail: string;
}

export interface UnitRow {
  id: string;
  name: string;
  health: Health;
  nodes: UnitNode[];
  /** Nodes per health. */
  counts: Record<Health, number>;
}

const MASTER_UNIT_NAMES: ReadonlyArray<{ unit: MasterUnit; id: string; name: string; needs: string }> = [
  { unit: 'exhibitor', id: 'dcos-exhibitor', name: 'Exhibitor', needs: '' },
  // DC/OS has no unit of its own for ZooKeeper: Exhibitor runs it. Shown apart, as the quorum depends on it.
  { unit: 'zookeeper', id: 'dcos-exhibitor/zookeeper', name: 'ZooKeeper', needs: 'Exhibitor' },
  { unit: 'mesos-master', id: 'dcos-mesos-master', name: 'Mesos Master', needs: 'ZooKeeper' },
  { unit: 'mesos-dns', id: 'dcos-mesos-dns', name: 'Mesos DNS', needs: 'a leading Mesos master' },
  { unit: 'marathon', id: 'dcos-marathon', name: 'Marathon', needs: 'ZooKeeper' },
  { unit: 'metronome', id: 'dcos-metronome', name: 'DC/OS Jobs (Metronome)', needs: 'leader.mesos' },
  { unit: 'adminrouter', id: 'dcos-adminrouter', name: 'Admin Router', needs: 'Mesos DNS' },
];

/** The health of a master's unit, and a word on it. */
export function masterUnitHealth(state: UnitState, needs: string): { health: Health; detail: string } {
  switch (state) {
    case 'up':
      return { health: 'healthy', detail: 'running' };
    case 'starting':
      return { health: 'starting', detail: 'starting' };
    case 'waiting':
      return { health: 'starting', detail: needs ? `waiting for ${needs}` : 'waiting' };
    case 'down':
      return { health: 'unhealthy', detail: 'host down' };
  }
}

/** The health of an agent's Mesos agent unit from its standing (one of AGENT_STATUS, by code). */
export function agentUnitHealth(code: number | undefined): { health: Health; detail: string } {
  const status = code === undefined ? undefined : AGENT_STATUS[code];
  switch (status) {
    case undefined:
      return { health: 'starting', detail: 'no report yet' };
    case 'down':
      return { health: 'unhealthy', detail: 'host down' };
    case 'unreachable':
      return { health: 'unhealthy', detail: 'unreachable from the leader' };
    case 'disconnected':
      return { health: 'unhealthy', detail: 'disconnected from the leader' };
    case 'registering':
      return { health: 'starting', detail: 'registering with a leader' };
    default:
      return { health: 'healthy', detail: status };
  }
}

function worst(nodes: ReadonlyArray<{ health: Health }>): Health {
  if (nodes.some((n) => n.health === 'unhealthy')) return 'unhealthy';
  if (nodes.some((n) => n.health === 'starting')) return 'starting';
  return 'healthy';
}

function rowOf(id: string, name: string, nodes: UnitNode[]): UnitRow {
  const counts: Record<Health, number> = { healthy: 0, starting: 0, unhealthy: 0 };
  for (const n of nodes) counts[n.health]++;
  return { id, name, health: worst(nodes), nodes, counts };
}

function agentNodes(agents: readonly AgentInfo[], indexes: readonly number[], status: Uint8Array | undefined): UnitNode[] {
  return indexes.map((i) => {
    const a = agents[i]!;
    return { hostname: a.hostname, ip: a.ip, role: a.public ? 'public agent' : 'agent', ...agentUnitHealth(status?.[i]) };
  });
}

/** Every unit of the cluster with its nodes; no frame yet: every unit is starting. */
export function unitRows(layout: ClusterLayout, frame: ClusterFrame | null): UnitRow[] {
  const rows = MASTER_UNIT_NAMES.map(({ unit, id, name, needs }) =>
    rowOf(
      id,
      name,
      layout.masters.map((m, i): UnitNode => {
        const state = frame?.ha.masters[i]?.units[unit] ?? 'waiting';
        return { hostname: m.hostname, ip: m.ip, role: 'master', ...masterUnitHealth(state, needs) };
      }),
    ),
  );
  const priv = layout.agents.flatMap((a, i) => (a.public ? [] : [i]));
  const pub = layout.agents.flatMap((a, i) => (a.public ? [i] : []));
  if (priv.length > 0) rows.push(rowOf('dcos-mesos-slave', 'Mesos Agent', agentNodes(layout.agents, priv, frame?.agentStatus)));
  if (pub.length > 0) rows.push(rowOf('dcos-mesos-slave-public', 'Mesos Agent Public', agentNodes(layout.agents, pub, frame?.agentStatus)));
  return rows;
}

/** The same health, by node: each node's units and its own health (its worst unit). */
export interface NodeRow {
  hostname: string;
  ip: string;
  role: UnitNode['role'];
  health: Health;
  units: Array<{ id: string; name: string; health: Health; detail: string }>;
}

export function nodeRows(units: readonly UnitRow[]): NodeRow[] {
  const byHost = new Map<string, NodeRow>();
  for (const u of units) {
    for (const n of u.nodes) {
      let row = byHost.get(n.hostname);
      if (!row) {
        row = { hostname: n.hostname, ip: n.ip, role: n.role, health: 'healthy', units: [] };
        byHost.set(n.hostname, row);
      }
      row.units.push({ id: u.id, name: u.name, health: n.health, detail: n.detail });
    }
  }
  const rows = [...byHost.values()];
  for (const r of rows) r.health = worst(r.units);
  return rows;
}
