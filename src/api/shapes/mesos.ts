/**
 * The Mesos master's JSON as the sandbox answers it behind Admin Router: `/mesos/master/state`,
 * `/slaves`, `/frameworks`, `/tasks` and `/state-summary` (src/api/mesos/ builds them). Types only,
 * so that every client can import them.
 */
import type { TaskStateName } from '../../common/task-states.ts';
import type { MarathonRole } from '../../common/units.ts';

export type MesosTaskState = TaskStateName;

/** Scalars as numbers, ports as "[b-e, b-e]" (absent when there are none). */
export interface MesosResources {
  cpus: number;
  mem: number;
  disk: number;
  gpus: number;
  ports?: string;
}

/** Mesos 1.9+: present only while the agent is being drained; DRAINED once none of its tasks is left. */
export interface DrainInfo {
  state: 'DRAINING' | 'DRAINED';
  config: { max_grace_period?: { nanoseconds: number }; mark_gone: boolean };
}

export interface MesosAgent {
  id: string;
  /** `slave(1)@<ip>:5051` */
  pid: string;
  hostname: string;
  port: number;
  /** Seconds since the epoch. */
  registered_time: number;
  resources: MesosResources;
  used_resources: MesosResources;
  offered_resources: MesosResources;
  /** By role. */
  reserved_resources: Record<string, MesosResources>;
  unreserved_resources: MesosResources;
  attributes: Record<string, string | number>;
  active: boolean;
  deactivated: boolean;
  drain_info?: DrainInfo;
  version: string;
  capabilities: string[];
}

/** A reservation in a full Resource: the stack entry (`type`, `role`) or the old `reservation` (principal, labels only). */
export interface MesosReservationJson {
  type?: 'STATIC' | 'DYNAMIC' | 'UNKNOWN';
  role?: string;
  principal?: string;
  labels?: { labels: Array<{ key: string; value?: string }> };
}

/**
 * A full `Resource` as `/master/slaves` writes it (ENDPOINT format): fields in this order, unset ones absent. `role`
 * is `*` when unreserved; `reservation` only for one DYNAMIC reservation; `reservations` the stack (STATIC or DYNAMIC).
 */
export interface MesosResourceJson {
  name: string;
  type: 'SCALAR' | 'RANGES' | 'SET' | 'TEXT';
  scalar?: { value: number };
  ranges?: { range: Array<{ begin: number; end: number }> };
  set?: { item: string[] };
  role?: string;
  allocation_info?: { role?: string };
  reservation?: MesosReservationJson;
  reservations?: MesosReservationJson[];
  disk?: {
    persistence?: { id: string; principal?: string };
    volume?: { mode: 'RW' | 'RO'; container_path: string; host_path?: string };
    source?: { type: string; path?: { root?: string }; mount?: { root?: string } };
  };
}

/** An agent in `/master/slaves`: the summaries, then every resource in full (`/master/state` has the summaries only). */
export interface MesosAgentFull extends MesosAgent {
  /** By reservation role. */
  reserved_resources_full: Record<string, MesosResourceJson[]>;
  unreserved_resources_full: MesosResourceJson[];
  /** With `allocation_info`. */
  used_resources_full: MesosResourceJson[];
  offered_resources_full: MesosResourceJson[];
}

/** NetworkInfo as a status reports it: labels (Marathon sets none: `[]`), the IPs, and the network's name. */
export interface MesosNetworkInfo {
  labels?: unknown[];
  ip_addresses: Array<{ protocol: 'IPv4'; ip_address: string }>;
  name?: string;
}

export interface MesosTaskStatus {
  state: MesosTaskState;
  /** Seconds since the epoch. */
  timestamp: number;
  /** Who sent it and why, when the sender said (an OOM kill: SOURCE_SLAVE, REASON_CONTAINER_LIMITATION_MEMORY). */
  source?: string;
  reason?: string;
  message?: string;
  /** container_id: the container the status is about (absent in fixtures that predate it). */
  container_status: { container_id?: { value: string }; network_infos: MesosNetworkInfo[] };
}

/** The ContainerInfo Marathon launched the task with (only for tasks on container networks). */
export interface MesosContainer {
  type: 'MESOS' | 'DOCKER';
  docker?: { network: 'BRIDGE' | 'USER' };
  mesos?: Record<string, never>;
  network_infos?: Array<{ ip_addresses?: Array<{ protocol: 'IPv4' }>; name: string; labels?: Record<string, never> }>;
}

/** DiscoveryInfo (JSON::Protobuf: labels as `{"labels": [...]}`). */
export interface MesosDiscovery {
  visibility: 'FRAMEWORK';
  name: string;
  ports: {
    ports: Array<{ number: number; name?: string; protocol: string; labels?: { labels: Array<{ key: string; value: string }> } }>;
  };
}

export interface MesosTask {
  id: string;
  name: string;
  framework_id: string;
  executor_id: string;
  slave_id: string;
  agent_id: string;
  state: MesosTaskState;
  resources: MesosResources;
  role: string;
  /** Oldest first. */
  statuses: MesosTaskStatus[];
  discovery?: MesosDiscovery;
  container?: MesosContainer;
}

export interface MesosOffer {
  id: string;
  framework_id: string;
  slave_id: string;
  resources: MesosResources;
  allocation_info: { role: string };
}

export interface MesosFramework {
  id: string;
  name: string;
  pid: string;
  used_resources: MesosResources;
  offered_resources: MesosResources;
  /** Used plus offered. */
  resources: MesosResources;
  capabilities: string[];
  hostname: string;
  webui_url: string;
  active: boolean;
  connected: boolean;
  recovered: boolean;
  user: string;
  failover_timeout: number;
  checkpoint: boolean;
  /** A framework without the MULTI_ROLE capability names its one role; a MULTI_ROLE one its `roles`. */
  role?: string;
  roles?: string[];
  registered_time: number;
  unregistered_time: number;
  offers: MesosOffer[];
  /** Always empty: the sandbox has no executors of its own. */
  executors: [];
  tasks: MesosTask[];
  unreachable_tasks: MesosTask[];
  completed_tasks: MesosTask[];
}

export type MasterStateName = 'leading' | 'standby' | 'recovering' | 'down';
export type ZookeeperStateName = 'leader' | 'follower' | 'not serving' | 'down';

/** A sandbox extension of /master/state (real Mesos has no such field): every master and what its components do. */
export interface SandboxMaster {
  hostname: string;
  ip: string;
  state: MasterStateName;
  zookeeper: ZookeeperStateName;
  marathon: MarathonRole;
}

export interface MesosLeaderInfo {
  id: string;
  pid: string;
  port: number;
  hostname: string;
  address: { hostname: string; ip: string; port: number };
}

/** GET /mesos/master/state */
export interface MesosState {
  version: string;
  build_date: string;
  build_user: string;
  start_time: number;
  elected_time: number;
  id: string;
  pid: string;
  hostname: string;
  capabilities: string[];
  activated_slaves: number;
  deactivated_slaves: number;
  unreachable_slaves: number;
  cluster: string;
  leader: string;
  leader_info: MesosLeaderInfo;
  flags: { allocation_interval: string; min_allocatable_resources: string; quorum: string; cluster: string };
  /** Registered agents only. */
  slaves: MesosAgent[];
  /** Registered frameworks only. */
  frameworks: MesosFramework[];
  completed_frameworks: [];
  orphan_tasks: [];
  unregistered_frameworks: [];
  sandbox_masters: SandboxMaster[];
}

/** GET /mesos/master/slaves[?slave_id=…] */
export interface MesosAgentList {
  slaves: MesosAgentFull[];
  recovered_slaves: [];
}

/** GET /mesos/master/frameworks[?framework_id=…] */
export interface MesosFrameworkList {
  frameworks: MesosFramework[];
  completed_frameworks: [];
  unregistered_frameworks: [];
}

/** GET /mesos/master/tasks: live and completed tasks, newest first unless `order=asc`. */
export interface MesosTaskList {
  tasks: MesosTask[];
}

/** The task states /state-summary counts. */
export type CountedTaskState = Exclude<MesosTaskState, 'TASK_DROPPED' | 'TASK_GONE' | 'TASK_GONE_BY_OPERATOR'>;
export type TaskCounters = Record<CountedTaskState, number>;

/** An agent in `/state-summary`: what `/slaves` says of it, less the details, with its task counters. */
export interface SummaryAgent
  extends
    TaskCounters,
    Pick<
      MesosAgent,
      | 'id'
      | 'pid'
      | 'hostname'
      | 'resources'
      | 'used_resources'
      | 'offered_resources'
      | 'reserved_resources'
      | 'unreserved_resources'
      | 'attributes'
      | 'active'
      | 'version'
    > {
  /** Frameworks with a live task on the agent. */
  framework_ids: string[];
}

export interface SummaryFramework extends TaskCounters {
  id: string;
  name: string;
  active: boolean;
  connected: boolean;
  /** Agents running a live task of the framework. */
  slave_ids: string[];
}

/** GET /mesos/master/state-summary: per-agent and per-framework task counters. */
export interface StateSummary {
  hostname: string;
  cluster: string;
  slaves: SummaryAgent[];
  frameworks: SummaryFramework[];
}
