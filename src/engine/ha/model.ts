/** High availability as plain data: the election epochs and the timers of failover. See ha/refresh.ts for how masters, ZooKeeper and the network move together. */

export interface HaState {
  /** Bumps with every Mesos leader election; messages of an older leader are dropped. */
  leaderEpoch: number;
  /** Bumps with every Marathon leader election. */
  marathonEpoch: number;
  marathonElectedAt: number | null;
  /** When the last Mesos leader stopped leading; null while one leads (or before the first). Absent in older snapshots. */
  leaderLostAt?: number | null;
  /** When the last Marathon leader stopped leading; null while one leads (or before the first). Absent in older snapshots. */
  marathonLostAt?: number | null;
  /** Bumps with every Metronome leader election (absent in snapshots from before Metronome). */
  metronomeEpoch?: number;
  metronomeElectedAt?: number | null;
  metronomeLostAt?: number | null;
  /** Mesos pauses the allocator after a failover when quota is set, until most agents are back (SEMANTICS 1.5). */
  allocatorPausedUntil: number | null;
  /** --agent_ping_timeout × --max_agent_ping_timeouts. */
  agentPingTimeoutMs: number;
  maxAgentPingTimeouts: number;
}
