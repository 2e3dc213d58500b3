/**
 * The systemd units DC/OS diagnostics reports, per node, from the sandbox's model. Each unit's
 * `name` and `description` are the two halves of its systemd `Description=` ("Mesos Master: DC/OS
 * Mesos Master Service"), as dcos-diagnostics splits them. Health: 0 healthy, 1 unhealthy.
 *
 * ZooKeeper is no unit of its own in DC/OS: Exhibitor (dcos-exhibitor.service) runs it. The
 * sandbox models the two separately, so dcos-exhibitor.service is healthy when Exhibitor runs (as
 * systemd sees it), and its `output` says what ZooKeeper is doing; the ensemble itself is
 * Exhibitor's cluster status (/exhibitor/exhibitor/v1/cluster/status).
 */
import type { MasterUnit } from '../../common/units.ts';
import type { AgentState, ClusterState, MasterState } from '../../engine/core/model.ts';
import { zookeeperOf } from '../mesos/masters.ts';
import type { HealthNodeRole, UnitHealth } from '../shapes/system.ts';

export interface UnitInfo {
  id: string;
  name: string;
  description: string;
}

/** A unit on one node, and its health there. */
export interface NodeUnit extends UnitInfo {
  health: UnitHealth;
  output: string;
}

export interface HealthNode {
  ip: string;
  hostname: string;
  role: HealthNodeRole;
  units: NodeUnit[];
}

/** The master units in DC/OS' names, in the engine's boot order (ZooKeeper folded into Exhibitor). */
const MASTER_UNIT_INFO: Array<[MasterUnit, UnitInfo]> = [
  ['exhibitor', { id: 'dcos-exhibitor.service', name: 'Exhibitor', description: 'Zookeeper Supervisor Service' }],
  ['mesos-master', { id: 'dcos-mesos-master.service', name: 'Mesos Master', description: 'DC/OS Mesos Master Service' }],
  ['mesos-dns', { id: 'dcos-mesos-dns.service', name: 'Mesos DNS', description: 'DNS based Service Discovery' }],
  ['marathon', { id: 'dcos-marathon.service', name: 'Marathon', description: 'DC/OS Init System' }],
  // The unit's Description is `DC/OS Jobs (Metronome): job orchestration` (dcos packages/metronome/build).
  ['metronome', { id: 'dcos-metronome.service', name: 'DC/OS Jobs (Metronome)', description: 'job orchestration' }],
  [
    'adminrouter',
    {
      id: 'dcos-adminrouter.service',
      name: 'Admin Router Master',
      description: 'A high performance web server and a reverse proxy server',
    },
  ],
];
const AGENT_UNIT: UnitInfo = { id: 'dcos-mesos-slave.service', name: 'Mesos Agent', description: 'distributed systems kernel agent' };
const PUBLIC_AGENT_UNIT: UnitInfo = {
  id: 'dcos-mesos-slave-public.service',
  name: 'Mesos Agent Public',
  description: 'distributed systems kernel public agent',
};

/** Every unit id diagnostics may report, masters' first. */
export const UNIT_IDS: readonly string[] = [...MASTER_UNIT_INFO.map(([, u]) => u.id), AGENT_UNIT.id, PUBLIC_AGENT_UNIT.id];

function zookeeperOutput(state: ClusterState, m: MasterState, i: number): string {
  if (m.units.zookeeper !== 'up') return `ZooKeeper is ${m.units.zookeeper}`;
  const role = zookeeperOf(state, i);
  return role === 'not serving' ? 'ZooKeeper is running, not serving (no quorum)' : `ZooKeeper is serving (${role})`;
}

function masterNode(state: ClusterState, m: MasterState, i: number): HealthNode {
  const units = MASTER_UNIT_INFO.map(([unit, info]): NodeUnit => {
    const up = m.units[unit] === 'up';
    const output = unit === 'exhibitor' && up ? zookeeperOutput(state, m, i) : up ? '' : `${info.id} is ${m.units[unit]}`;
    return { ...info, health: up ? 0 : 1, output };
  });
  return { ip: m.ip, hostname: m.hostname, role: 'master', units };
}

function agentNode(agent: AgentState): HealthNode {
  const info = agent.public ? PUBLIC_AGENT_UNIT : AGENT_UNIT;
  const unit: NodeUnit = { ...info, health: agent.up ? 0 : 1, output: agent.up ? '' : `${info.id} is down` };
  return { ip: agent.ip, hostname: agent.hostname, role: agent.public ? 'agent_public' : 'agent', units: [unit] };
}

/** Every node with its units: masters first, then agents. */
export function healthNodes(state: ClusterState): HealthNode[] {
  return [...state.masters.map((m, i) => masterNode(state, m, i)), ...state.agents.filter((a) => !a.gone).map(agentNode)];
}

/** A node is unhealthy when any of its units is. */
export const nodeHealth = (node: HealthNode): UnitHealth => (node.units.some((u) => u.health === 1) ? 1 : 0);
