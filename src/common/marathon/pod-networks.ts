/** Reads a pod's `networks` by `NetworkValidation.scala`: names, per-mode rules, and which modes may be mixed. */
import type { NetworkMode } from './pod-definition.ts';
import { canonical, NAME, NAME_PROBLEM, type Json } from './pod-read-helpers.ts';
import { NETWORK_MODES } from './pod-shape.ts';
import type { Violations } from './violations.ts';

/** The networks' modes (a pod with none shares the agent's network: host). */
export function readNetworks(networks: Json[], v: Violations): NetworkMode[] {
  const modes = networks.map((n) => canonical((n.mode as string | undefined) ?? 'container', NETWORK_MODES));
  const count = (m: NetworkMode) => modes.filter((x) => x === m).length;
  networks.forEach((n, i) => {
    if (typeof n.name === 'string' && !NAME.test(n.name)) v.add(`/networks(${i})/name`, NAME_PROBLEM);
  });
  if (networks.some((n, i) => modes[i] === 'host' && (n.name || (n.labels && Object.keys(n.labels).length > 0))))
    v.add('/networks', 'Host networks may not have names or labels');
  if (networks.some((n, i) => modes[i] === 'container/bridge' && n.name)) v.add('/networks', 'Bridge networks may not have names');
  const named = networks.flatMap((n) => (typeof n.name === 'string' ? [n.name] : []));
  const unnamedContainer = networks.filter((n, i) => modes[i] === 'container' && n.name === undefined).length;
  if (unnamedContainer > 1 || new Set(named).size !== named.length) v.add('/networks', 'Duplicate networks are not allowed');
  const host = count('host');
  const bridge = count('container/bridge');
  const container = count('container');
  if (!(
    (bridge === 0 && container === 0 && host <= 1) ||
    (host === 0 && container === 0 && bridge <= 1) ||
    (host === 0 && bridge === 0 && container > 0)
  )) {
    v.add('/networks', 'May specify a single host network, single bridge network, or else 1-to-n container networks');
  }
  return modes;
}
