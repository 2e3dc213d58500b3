/**
 * The sandbox's request generator (no upstream: networking-sources.md §5 #16): named clients that send a steady
 * number of requests a second from a node to a name or address, through the modelled DNS and load balancer. What
 * they saw is kept per client: totals, per backend, and a per-second series of the last two minutes.
 */

/** Why a request failed: no such name, no DNS answer, refused (nothing listening, or no backend), or no route. */
export type TrafficError = 'NXDOMAIN' | 'SERVFAIL' | 'ECONNREFUSED' | 'ETIMEDOUT';

export interface BackendTally {
  /** The task that answered at that address last. */
  taskId: string | null;
  requests: number;
  ok: number;
  errors: number;
  /** Sum over answered requests, for the mean. */
  latencyMsTotal: number;
}

export interface TrafficSecond {
  /** Simulated ms at the start of the second. */
  at: number;
  ok: number;
  errors: number;
  /** Requests sent to each backend address (`ip:port`) in that second. */
  byBackend: Record<string, number>;
  /** Of those, the ones that failed. */
  failedByBackend: Record<string, number>;
}

export interface TrafficClient {
  name: string;
  /** `host:port`: a DNS name, an IP or an agent's hostname; `vhost@host:port` also sends a routing header (Marathon-LB). */
  target: string;
  rps: number;
  /** The hostname of the node it runs on. */
  from: string;
  startedAt: number;
  stoppedAt: number | null;
  totals: { requests: number; ok: number; errors: Partial<Record<TrafficError, number>> };
  backends: Record<string, BackendTally>;
  series: TrafficSecond[];
  /** Where the next second's round robin over equal backends starts (keeps uneven remainders fair). */
  cursor: number;
}

/** What a Marathon-LB's HAProxy counted for one proxy or server (its stats' `stot`, answered and failed sessions). */
export interface HaproxyCounter {
  stot: number;
  ok: number;
  errors: number;
}

export interface TrafficState {
  clients: TrafficClient[];
  /** A tick is queued: it repeats every second while a client runs. */
  ticking: boolean;
  /**
   * Per Marathon-LB task, its HAProxy's counters by `pxname/svname` (`web_10000/BACKEND`), since the task started;
   * absent until a request goes through a Marathon-LB.
   */
  haproxy?: Record<string, Record<string, HaproxyCounter>>;
}

export const SERIES_SECONDS = 120;
/** Stopped clients kept for their results, oldest dropped first. */
export const MAX_CLIENTS = 20;

export const emptyTraffic = (): TrafficState => ({ clients: [], ticking: false });
