/** The overlay module's JSON (dcos-mesos-modules overlay.proto, written by JSON::protobuf: declaration order, empty repeated fields left out). */

export interface OverlayInfo {
  name: string;
  subnet?: string;
  prefix?: number;
  subnet6?: string;
  prefix6?: number;
  enabled: boolean;
}

export interface BridgeInfo {
  name: string;
  ip?: string;
  ip6?: string;
}

export interface AgentOverlayInfo {
  info: OverlayInfo;
  subnet?: string;
  mesos_bridge?: BridgeInfo;
  docker_bridge?: BridgeInfo;
  backend: { vxlan: { vni: number; vtep_name: string; vtep_ip: string; vtep_mac: string; vtep_ip6: string } };
  state: { status: 'STATUS_OK' };
  subnet6?: string;
}

export interface OverlayAgentInfo {
  ip: string;
  overlays: AgentOverlayInfo[];
}

export interface OverlayMasterState {
  network: { vtep_subnet: string; vtep_mac_oui: string; overlays: OverlayInfo[]; vtep_subnet6: string };
  agents: OverlayAgentInfo[];
}

/** An overlay agent's own view (`GET /overlay-agent/overlay`, agent.cpp:576-582). */
export interface OverlayAgentState extends OverlayAgentInfo {
  configuration_attempts: number;
}
