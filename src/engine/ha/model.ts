/**
 * High availability as plain data: the masters' components (units), the ZooKeeper ensemble with
 * its sessions and election znodes, and the network's partitions. See ha/refresh.ts for how they
 * move together.
 */

/** The DC/OS components on a master, in boot order (Exhibitor starts ZooKeeper; Admin Router comes last). */
export const MASTER_UNITS = ['exhibitor', 'zookeeper', 'mesos-master', 'mesos-dns', 'marathon', 'adminrouter'] as const;
export type MasterUnit = (typeof MASTER_UNITS)[number];
/** down: its host is down; waiting: for what it needs on its master; starting: its start is under way; up. */
export type UnitState = 'down' | 'waiting' | 'starting' | 'up';

/** What a master's Mesos master process is doing in the election. */
export type MesosRole = 'down' | 'contender' | 'recovering' | 'leader';
/** What a master's Marathon instance is doing in its election. */
export type MarathonRole = 'down' | 'standby' | 'electing' | 'leader';

/** A ZooKeeper client: the Mesos master or the Marathon instance of one master. */
export type ZkClient = 'mesos-master' | 'marathon';

export interface ZkSession {
  id: number;
  master: number;
  client: ZkClient;
  /** False once the client process is gone (crashed, or gave up the session); the server keeps it until it expires. */
  clientAlive: boolean;
  /** When the session lost its connection to the serving ensemble (null: connected). It expires a session timeout later. */
  lostAt: number | null;
}

/** An ephemeral sequential znode of a leader election: the lowest sequence leads. */
export interface Znode {
  group: ZkClient;
  seq: number;
  session: number;
  master: number;
}

export interface ZkState {
  /** A quorum of servers follows a leader and answers clients. */
  serving: boolean;
  /** The ensemble's leader (a master index) while serving. */
  leader: number | null;
  /** The servers in the serving quorum. */
  members: number[];
  /** A quorum is reachable and its servers are electing a leader. */
  electing: boolean;
  /** Bumps with each ensemble election. */
  epoch: number;
  sessionTimeoutMs: number;
  nextSessionId: number;
  nextSeq: number;
  sessions: ZkSession[];
  znodes: Znode[];
}

/** A cut between two sets of hosts: no message crosses it, either way. */
export interface Partition {
  sides: [string[], string[]];
}

export interface NetworkState {
  partitions: Partition[];
}

export interface HaState {
  /** Bumps with every Mesos leader election; messages of an older leader are dropped. */
  leaderEpoch: number;
  /** Bumps with every Marathon leader election. */
  marathonEpoch: number;
  marathonElectedAt: number | null;
  /** Mesos pauses the allocator after a failover when quota is set, until most agents are back (SEMANTICS 1.5). */
  allocatorPausedUntil: number | null;
  /** --agent_ping_timeout × --max_agent_ping_timeouts. */
  agentPingTimeoutMs: number;
  maxAgentPingTimeouts: number;
}
