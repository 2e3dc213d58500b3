/** The DC/OS components on each master and the roles their processes play in elections: shared by the engine and the pages that draw them. */

/**
 * The DC/OS components on a master, in boot order (Exhibitor starts ZooKeeper; Metronome waits for `leader.mesos`;
 * Admin Router comes last).
 */
export const MASTER_UNITS = ['exhibitor', 'zookeeper', 'mesos-master', 'mesos-dns', 'marathon', 'metronome', 'adminrouter'] as const;
export type MasterUnit = (typeof MASTER_UNITS)[number];
/** down: its host is down; waiting: for what it needs on its master; starting: its start is under way; up. */
export type UnitState = 'down' | 'waiting' | 'starting' | 'up';

/** What a master's Mesos master process is doing in the election. */
export type MesosRole = 'down' | 'contender' | 'recovering' | 'leader';
/** What a master's Marathon (or Metronome) instance is doing in its election. */
export type MarathonRole = 'down' | 'standby' | 'electing' | 'leader';
