/** DC/OS diagnostics behind Admin Router (`/system/health/v1/...`, src/api/system/ builds it). Types only. */

/** 0 healthy, 1 unhealthy. */
export type UnitHealth = 0 | 1;
export type HealthNodeRole = 'master' | 'agent' | 'agent_public';

/** A systemd unit: on one node, or across the nodes that run it (unhealthy when it is on any). */
export interface HealthUnit {
  id: string;
  name: string;
  health: UnitHealth;
  description: string;
}

export interface HealthNode {
  host_ip: string;
  health: UnitHealth;
  role: HealthNodeRole;
}

/** GET /units, /nodes/{ip}/units */
export interface HealthUnitList {
  units: HealthUnit[];
}

/** GET /nodes, /units/{unit}/nodes */
export interface HealthNodeList {
  nodes: HealthNode[];
}

/** GET /nodes/{ip}/units/{unit} */
export interface HealthUnitOnNode extends HealthUnit {
  output: string;
  help: string;
}

/** GET /units/{unit}/nodes/{ip} */
export interface HealthNodeOfUnit extends HealthNode {
  output: string;
  help: string;
}
