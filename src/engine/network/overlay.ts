/**
 * DC/OS's virtual networks as the overlay master hands them out (dcos-mesos-modules overlay/master.cpp, DC/OS's
 * gen/calc.py and dcos-config.yaml): the network `dcos` (9.0.0.0/8, a /24 per node) and `dcos6` (fd01:b::/64, a /80
 * per node), a VTEP per node from 44.128.0.0/20 (MAC from the OUI 70:B3:D5 and the VTEP's last three bytes).
 * Every node runs the overlay agent: the masters (without bridges) and the agents (with the Mesos bridge on the
 * subnet's lower /25 and the Docker bridge on its upper /25). A node gets the lowest free subnet and VTEP when it first
 * registers, in registration order, keyed by its IP; nothing frees them (only an explicit delete call would).
 */
import type { ClusterState } from '../core/model.ts';
import type { OverlayNode, OverlayState } from './model.ts';

/**
 * The cluster's overlay, made on first use: the masters in their order (their overlay agents register with the first
 * leader), then the agents already registered, in index order (a cluster saved before the overlay was simulated).
 */
export function overlayOf(state: ClusterState): OverlayState {
  let overlay = state.network.overlay;
  if (!overlay) {
    overlay = { nodes: [] };
    state.network.overlay = overlay;
    for (const m of state.masters) joinOverlay(overlay, m.ip, false);
    for (const a of state.agents) if (a.registered) joinOverlay(overlay, a.ip, true);
  }
  return overlay;
}

/** A node registers with the overlay master: it keeps its entry if it had one (same IP), else gets the next subnet. */
export function joinOverlay(overlay: OverlayState, ip: string, bridges: boolean): OverlayNode {
  const index = nodeIndex(overlay);
  const known = index.get(ip);
  if (known) return known;
  const node = { ip, index: overlay.nodes.length, bridges };
  overlay.nodes.push(node);
  index.set(ip, node);
  return node;
}

/** The overlay's nodes by IP, built once per overlay object (a restored cluster has a new one). */
const indexes = new WeakMap<OverlayState, Map<string, OverlayNode>>();

export function nodeIndex(overlay: OverlayState): Map<string, OverlayNode> {
  let index = indexes.get(overlay);
  if (!index) {
    index = new Map(overlay.nodes.map((n) => [n.ip, n]));
    indexes.set(overlay, index);
  }
  return index;
}

/** `9.0.0.0/8` split in /24s: the k-th. */
export function overlaySubnet(index: number): string {
  return `9.${Math.floor(index / 256) % 256}.${index % 256}.0/24`;
}

/** The k-th /24's two /25 halves: the Mesos bridge's and the Docker bridge's. */
export function bridgeSubnets(index: number): { mesos: string; docker: string } {
  const base = `9.${Math.floor(index / 256) % 256}.${index % 256}`;
  return { mesos: `${base}.0/25`, docker: `${base}.128/25` };
}

/** The VTEP's IPv4 (the lowest free host address of 44.128.0.0/20) and its MAC. */
export function vtepOf(index: number): { ip: string; mac: string; ip6: string } {
  const n = index + 1;
  const [b2, b3] = [Math.floor(n / 256), n % 256];
  const hex = (x: number) => x.toString(16).padStart(2, '0');
  return { ip: `44.128.${b2}.${b3}/20`, mac: `70:b3:d5:80:${hex(b2)}:${hex(b3)}`, ip6: `fd01:a::${n.toString(16)}/64` };
}

/** `fd01:b::/64` split in /80s: the k-th, and its two /81 halves (inferred: upstream gives no example). */
export function overlay6Subnets(index: number): { subnet: string; mesos: string; docker: string } {
  const k = index.toString(16);
  return { subnet: `fd01:b::${k}:0:0:0/80`, mesos: `fd01:b::${k}:0:0:0/81`, docker: `fd01:b::${k}:8000:0:0/81` };
}
