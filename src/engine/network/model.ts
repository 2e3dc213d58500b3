/** The network as plain data: the partitions in force, and the overlay's nodes. */

/** A cut between two sets of hosts: no message crosses it, either way. */
export interface Partition {
  sides: [string[], string[]];
}

/** One node of the overlay: the k-th to register has subnet 9.0.k.0/24 (k counted over 9.0.0.0/8) and VTEP 44.128.0.(k + 1). */
export interface OverlayNode {
  ip: string;
  /** Registration index k. */
  index: number;
  /** Agents have the Mesos and Docker bridges; masters do not. */
  bridges: boolean;
}

export interface OverlayState {
  nodes: OverlayNode[];
}

export interface NetworkState {
  partitions: Partition[];
  /** Made on first use (overlay.ts `overlayOf`): absent in a new cluster and in clusters saved before it existed. */
  overlay?: OverlayState;
  /** The scenario turned DC/OS's virtual networks off (`cluster.overlay: false`, `dcos_overlay_enable: false`). */
  overlayDisabled?: true;
  /** Each agent's IPAM: the host number last handed out, per `<agent IP> <network>` (round robin, networking-sources.md §5 #11). */
  lastIp?: Record<string, number>;
}

/** A network a task's container joins: a CNI network by name, or Docker's own `bridge`. */
export interface NetworkAttachment {
  name: string;
  /** The Docker containerizer runs the container (Docker's IPAM), else the Mesos containerizer (CNI host-local). */
  docker: boolean;
}
