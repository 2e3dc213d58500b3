/** The network as plain data: the partitions in force. */

/** A cut between two sets of hosts: no message crosses it, either way. */
export interface Partition {
  sides: [string[], string[]];
}

export interface NetworkState {
  partitions: Partition[];
}
