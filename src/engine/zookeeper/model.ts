/** The ZooKeeper ensemble as plain data: sessions and the election znodes of Mesos, Marathon and Metronome. */

/** A ZooKeeper client: the Mesos master, the Marathon or the Metronome instance of one master. */
export type ZkClient = 'mesos-master' | 'marathon' | 'metronome';

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

/** The ensemble of a new cluster: not serving yet, no sessions, no znodes. */
export function emptyEnsemble(sessionTimeoutMs: number): ZkState {
  return {
    serving: false,
    leader: null,
    members: [],
    electing: false,
    epoch: 0,
    sessionTimeoutMs,
    nextSessionId: 1,
    nextSeq: 0,
    sessions: [],
    znodes: [],
  };
}
