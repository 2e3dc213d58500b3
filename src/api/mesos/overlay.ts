/**
 * `GET /mesos/overlay-master/state` (dcos-mesos-modules overlay/master.cpp): DC/OS's overlays `dcos` and `dcos6` and each
 * node with its subnets, bridges (agents only) and VXLAN backend, in registration order. A cluster installed with
 * `dcos_overlay_enable: false` (scenario `cluster.overlay: false`) loads no overlay module: the path is unknown there.
 */
import type { ClusterState } from '../../engine/core/model.ts';
import type { OverlayNode } from '../../engine/network/model.ts';
import { bridgeSubnets, overlay6Subnets, overlayOf, overlaySubnet, vtepOf } from '../../engine/network/overlay.ts';
import type { AgentOverlayInfo, OverlayAgentState, OverlayInfo, OverlayMasterState } from '../shapes/overlay.ts';
import { methodNotAllowed, notFound, ok } from '../http.ts';
import type { ApiResponse } from '../types.ts';

const DCOS: OverlayInfo = { name: 'dcos', subnet: '9.0.0.0/8', prefix: 24, enabled: true };
const DCOS6: OverlayInfo = { name: 'dcos6', subnet6: 'fd01:b::/64', prefix6: 80, enabled: true };

/**
 * The master's answer on `/overlay-master/state`: without the overlay module no process answers the path, so it is a
 * 404 like any path the master does not know (service.ts's `notFound()`), whatever the method.
 */
export function overlayMasterAnswer(state: ClusterState, method: string): ApiResponse {
  if (state.network.overlayDisabled) return notFound();
  return method === 'GET' ? ok(overlayMasterState(state)) : methodNotAllowed(['GET'], method);
}

export function overlayMasterState(state: ClusterState): OverlayMasterState {
  return {
    network: { vtep_subnet: '44.128.0.0/20', vtep_mac_oui: '70:B3:D5:00:00:00', overlays: [DCOS, DCOS6], vtep_subnet6: 'fd01:a::/64' },
    agents: overlayOf(state).nodes.map((node) => ({ ip: node.ip, overlays: [dcosEntry(node), dcos6Entry(node)] })),
  };
}

/**
 * `GET /overlay-agent/overlay` of the overlay agent on the node at `ip` (the Mesos master's or agent's module): its
 * entry as the master lists it. `configuration_attempts` is 0: the sandbox's agents configure at the first try
 * (inferred: upstream does not say what a healthy agent reports).
 */
export function overlayAgentAnswer(state: ClusterState, method: string, ip: string): ApiResponse {
  if (state.network.overlayDisabled) return notFound();
  if (method !== 'GET') return methodNotAllowed(['GET'], method);
  const node = overlayOf(state).nodes.find((n) => n.ip === ip);
  if (!node) return notFound();
  const body: OverlayAgentState = { ip: node.ip, overlays: [dcosEntry(node), dcos6Entry(node)], configuration_attempts: 0 };
  return ok(body);
}

function backendOf(node: OverlayNode): AgentOverlayInfo['backend'] {
  const vtep = vtepOf(node.index);
  return { vxlan: { vni: 1024, vtep_name: 'vtep1024', vtep_ip: vtep.ip, vtep_mac: vtep.mac, vtep_ip6: vtep.ip6 } };
}

function dcosEntry(node: OverlayNode): AgentOverlayInfo {
  const bridges = bridgeSubnets(node.index);
  return {
    info: DCOS,
    subnet: overlaySubnet(node.index),
    ...(node.bridges ? { mesos_bridge: { name: 'm-dcos', ip: bridges.mesos }, docker_bridge: { name: 'd-dcos', ip: bridges.docker } } : {}),
    backend: backendOf(node),
    state: { status: 'STATUS_OK' },
  };
}

function dcos6Entry(node: OverlayNode): AgentOverlayInfo {
  const v6 = overlay6Subnets(node.index);
  return {
    info: DCOS6,
    ...(node.bridges ? { mesos_bridge: { name: 'm-dcos6', ip6: v6.mesos }, docker_bridge: { name: 'd-dcos6', ip6: v6.docker } } : {}),
    backend: backendOf(node),
    state: { status: 'STATUS_OK' },
    subnet6: v6.subnet,
  };
}
