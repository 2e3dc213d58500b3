/** What happens to the masters' components and their elections, scheduled at a simulated time. */
import type { MasterUnit } from '../../common/units.ts';

export type HaEvent =
  /** A unit of a master finished starting (void when the host rebooted since: `boot`). */
  | { type: 'unit.up'; master: number; unit: MasterUnit; boot: number }
  /** ZooKeeper's servers finish electing their leader. */
  | { type: 'zk.elect' }
  /** A session that lost the ensemble at `lostAt` reaches its timeout. */
  | { type: 'zk.expire'; session: number; lostAt: number }
  /** A Mesos master that won the election has read the registry from the replicated log. */
  | { type: 'mesos.recovered'; master: number; session: number }
  /** A Marathon instance that won its election has loaded its state and takes over. */
  | { type: 'marathon.elected'; master: number; session: number }
  /** A Metronome instance that won its election has loaded its jobs and runs and takes over. */
  | { type: 'metronome.elected'; master: number; session: number };
