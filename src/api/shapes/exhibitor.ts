/**
 * GET /exhibitor/exhibitor/v1/cluster/status: Exhibitor's `ServerStatus` per ZooKeeper server, with
 * `InstanceStateTypes` codes 0 latent, 1 down, 2 not serving, 3 serving. Types only.
 */
export interface ExhibitorServerStatus {
  /** The master's IP (DC/OS starts Exhibitor with it as its hostname). */
  hostname: string;
  code: 0 | 1 | 2 | 3;
  description: 'latent' | 'down' | 'not serving' | 'serving';
  isLeader: boolean;
}

export type ExhibitorClusterStatus = ExhibitorServerStatus[];
