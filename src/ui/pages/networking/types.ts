/**
 * The answers the Networking page reads that have no shape in src/api/shapes yet: the sandbox's named VIPs and
 * traffic clients (`/sandbox/v1/vips`, `/sandbox/v1/traffic`) and dcos-dns's HTTP API (`/net/v1/…`). Types only;
 * to be reconciled with the API's own shapes.
 */

export type BackendState = 'running' | 'killing' | 'unhealthy' | 'unreachable';

export interface VipBackend {
  ip: string;
  port: number;
  weight: number;
  state: BackendState;
  taskId: string;
  /** The agent's hostname. */
  agent: string;
}

/** GET /sandbox/v1/vips: one per named VIP and port. */
export interface Vip {
  /** `web.marathon.l4lb.thisdcos.directory:80` */
  vip: string;
  /** `web.marathon.l4lb.thisdcos.directory` */
  name: string;
  /** `11.215.13.222` */
  address: string;
  port: number;
  protocol: string;
  backends: VipBackend[];
}

/** NXDOMAIN, ECONNREFUSED, NO_BACKEND, UNREACHABLE. */
export type TrafficErrors = Record<string, number>;

export interface TrafficBackend {
  /** `ip:port` */
  address: string;
  taskId: string | null;
  requests: number;
  ok: number;
  errors: number;
  meanLatencyMs: number;
}

/** One simulated second of a client's requests. */
export interface TrafficSecond {
  /** Simulated ms at the start of that second. */
  at: number;
  ok: number;
  errors: number;
  /** `ip:port` → requests answered there. */
  byBackend: Record<string, number>;
}

export interface TrafficClient {
  name: string;
  target: string;
  rps: number;
  /** The node's hostname the requests leave from. */
  from: string;
  /** Simulated ms. */
  startedAt: number;
  stoppedAt: number | null;
  totals: { requests: number; ok: number; errors: TrafficErrors };
  backends: TrafficBackend[];
  /** The last 120 seconds, oldest first. */
  series: TrafficSecond[];
}

/** GET /sandbox/v1/traffic */
export interface TrafficState {
  clients: TrafficClient[];
}

/** POST /sandbox/v1/traffic */
export interface NewTrafficClient {
  name: string;
  target: string;
  rps: number;
}

/** GET /net/v1/hosts/{name}: none → `[]`. */
export interface DcosDnsHost {
  host: string;
  ip: string;
}

/** GET /net/v1/services/{name} */
export interface DcosDnsService {
  host: string;
  ip: string;
  port: number;
  service: string;
}
