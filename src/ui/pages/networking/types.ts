/** The Networking page's names for the API's shapes (src/api/shapes/net.ts), and the one body it posts. */
import type { SandboxTraffic, SandboxTrafficClient, SandboxVip } from '../../../api/shapes/net.ts';

export type Vip = SandboxVip;
export type VipBackend = SandboxVip['backends'][number];
export type BackendState = VipBackend['state'];
export type TrafficClient = SandboxTrafficClient;
export type TrafficState = SandboxTraffic;

/** POST /sandbox/v1/traffic */
export interface NewTrafficClient {
  name: string;
  target: string;
  rps: number;
}
