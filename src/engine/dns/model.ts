/**
 * Mesos-DNS on every master, as plain data. Each master's process keeps what its last successful load read from the
 * leading master's state (mesos-dns resolver/resolver.go:173-195): only the fields Mesos-DNS uses
 * (records/state/state.go:13-281), which are far smaller than the records they make. The records are generated from
 * it when asked (generate.ts), the same every time. Only IPv4 addresses exist in the sandbox: there are no AAAA records.
 */

/** What one load read (networking-sources.md §1.2), and when. */
export interface MesosDnsLoad {
  /** SOASerial: the Unix seconds of the load (resolver.go:178-182). */
  serial: number;
  /** The leading master's IP (state `leader`, `master@IP:5050`). */
  leaderIp: string;
  /** ZooKeeper's list of masters, `ip:port`, the leader first (MD@pin detect/masters.go:43-80). */
  masters: string[];
  /** This master's own address: the listener's record (generator.go:361-369). */
  listenerIp: string;
  /**
   * The state's agents (`slaves[]`): ids and IPs by the engine's agent index, '' for an agent the state does not list;
   * tasks name theirs by that index.
   */
  agentIds: string[];
  agentIps: string[];
  frameworks: LoadedFramework[];
}

export interface LoadedFramework {
  name: string;
  /** The port of its scheduler pid; its host is the leader's IP in the sandbox. */
  pidPort: number;
  /** Its TASK_RUNNING tasks on agents of the state (generator.go:371-389), in state order. */
  tasks: LoadedTask[];
}

export interface LoadedTask {
  id: string;
  name: string;
  /** The engine's agent index (`agentIds`). */
  agent: number;
  /** The task's `ports` resource, every port listed (state.go:19-49). */
  ports: number[];
  /** Marathon's DiscoveryInfo; absent for tasks without one. */
  discovery?: { name: string; ports: DiscoveryPort[] };
}

export interface DiscoveryPort {
  number: number;
  name: string;
  protocol: string;
  /** The port's labels (`VIP_0`, …) and the `network-scope` / `network-name` Marathon adds. */
  labels: Record<string, string>;
}

/** The Mesos-DNS process of one master. */
export interface MesosDnsServer {
  /** The host boot `load` was read in: a rebooted host runs a new process that has loaded nothing yet. */
  boot: number;
  /** Null until the process's first successful load: it serves nothing before (MD@pin main.go:47-64). */
  load: MesosDnsLoad | null;
}

export interface MesosDnsState {
  /** One per master, by master index. */
  servers: MesosDnsServer[];
  /** A cluster saved before Mesos-DNS was simulated: no ticker is queued yet; the first resume starts them. */
  unstarted?: boolean;
}

export function emptyMesosDns(masters: number): MesosDnsState {
  return { servers: Array.from({ length: masters }, () => ({ boot: 0, load: null })) };
}
