/** Bodies of dcos-net's REST API (`/net/v1/…`), Enterprise DC/OS's `/networking/api/v1/…`, and the sandbox's VIP and traffic views. */

/** `GET /net/v1/vips` (DN:apps/dcos_rest/src/dcos_rest_vips_handler.erl:23-61). */
export interface NetVip {
  backend: Array<{ ip: string; port: number }>;
  protocol: string;
  vip: string;
}

/** `GET /net/v1/hosts/{host}`. */
export interface NetHost {
  host: string;
  ip: string;
}

/** `GET /net/v1/services/{service}`. */
export interface NetService {
  host: string;
  ip?: string;
  port: number;
  service: string;
}

/** `GET /net/v1/version`. */
export interface NetVersion {
  Service: 'dcos-dns';
  Version: string;
}

/** `GET /net/v1/nodes`. */
export interface NetNode {
  hostname: string;
  private_ip: string;
  public_ips: string[];
  updated: string;
}

/** [ENT] `GET /networking/api/v1/vips`. */
export interface NetworkingVips {
  array: Array<{ ip: string; port: number; protocol: string }>;
}

/** `GET /sandbox/v1/vips`: each VIP with its address and backends as the load balancer weighs them. */
export interface SandboxVip {
  vip: string;
  name: string;
  address: string;
  port: number;
  protocol: string;
  backends: Array<{
    ip: string;
    port: number;
    weight: number;
    state: 'running' | 'killing' | 'unhealthy';
    taskId: string;
    agent: string;
  }>;
}

export type TrafficErrorName = 'NXDOMAIN' | 'SERVFAIL' | 'ECONNREFUSED' | 'ETIMEDOUT';

/** One client of `/sandbox/v1/traffic`. */
export interface SandboxTrafficClient {
  name: string;
  target: string;
  rps: number;
  from: string;
  startedAt: number;
  stoppedAt: number | null;
  totals: { requests: number; ok: number; errors: Partial<Record<TrafficErrorName, number>> };
  backends: Array<{ address: string; taskId: string | null; requests: number; ok: number; errors: number; meanLatencyMs: number }>;
  /** The last two minutes, one entry a second. */
  series: Array<{ at: number; ok: number; errors: number; byBackend: Record<string, number> }>;
}

export interface SandboxTraffic {
  clients: SandboxTrafficClient[];
}

/** `POST /sandbox/v1/requests`: one request, traced (what `curl` in the terminal shows). */
export interface SandboxRequestTrace {
  target: string;
  resolver: 'dcos-dns' | 'mesos-dns' | 'none';
  addresses: string[];
  /** The address the request reached (a backend, for a VIP), or null when it reached none. */
  reached: string | null;
  vip: string | null;
  taskId: string | null;
  error: TrafficErrorName | null;
}

/** `GET /sandbox/v1/tasks/{taskId}/network`. SRV names are listed without answers (look them up with `dig SRV`). */
export interface SandboxTaskNetwork {
  taskId: string;
  agent: string;
  ipAddresses: string[];
  networks: string[];
  hostPorts: number[];
  environment: Record<string, string> | null;
  /** Variables set from secrets: variable → secret path. The value is never answered. */
  secretEnvironment: Record<string, string>;
  dnsNames: Array<{ name: string; type: 'A' | 'SRV'; resolver: 'mesos-dns' | 'dcos-dns'; answers: string[] }>;
  vips: string[];
}
