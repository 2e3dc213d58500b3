/**
 * The task page's Networking section, from `GET /sandbox/v1/tasks/{id}/network` while the task runs (or,
 * once it has ended and that answers 404, from what Marathon and Mesos last said of it): its addresses
 * on their networks, its host ports, the port variables Marathon set, its DNS names as they resolve now,
 * and the VIPs its ports back.
 */
import type { SandboxTaskNetwork } from '../../../../api/shapes/net.ts';

/** What the page knows of the task's networking: the sandbox's answer, or why there is none (404 once the task ended). */
export type TaskNetworkShown = { ok: true; body: SandboxTaskNetwork } | { ok: false; why: string } | null;

/** The next thing to show after a request: a failure other than a 404 (no answer at all) keeps the last answer. */
export function nextNetwork(
  prev: TaskNetworkShown,
  answer: { ok: true; body: SandboxTaskNetwork } | { ok: false; why: string },
): TaskNetworkShown {
  if (answer.ok || answer.why.startsWith('404') || !prev?.ok) return answer;
  return prev;
}

/** Each address with where it is: its network's name, or the agent's own address on host networking. */
export function addressRows(net: Pick<SandboxTaskNetwork, 'ipAddresses' | 'networks'>): Array<{ ip: string; network: string }> {
  return net.ipAddresses.map((ip, i) => ({
    ip,
    network: net.networks.length === 0 ? 'host (agent IP)' : (net.networks[i] ?? net.networks.at(-1)!),
  }));
}

/** Marathon's port variables and HOST (PORT0, PORT_HTTP, PORT, PORTS, HOST), in the order it set them. */
export function portEnvironment(env: Record<string, string> | null): Array<[string, string]> {
  return Object.entries(env ?? {}).filter(([k]) => k === 'HOST' || k === 'PORT' || k === 'PORTS' || /^PORT(\d+|_\w+)$/.test(k));
}

/** What a DNS name answers: its addresses; for an SRV name, the command that looks it up; or why there is none yet. */
export function dnsAnswer(entry: SandboxTaskNetwork['dnsNames'][number]): { kind: 'answers' | 'srv' | 'pending'; text: string } {
  if (entry.type === 'SRV') return { kind: 'srv', text: `dig SRV ${entry.name}` };
  if (entry.answers.length > 0) return { kind: 'answers', text: entry.answers.join(', ') };
  if (entry.resolver === 'mesos-dns') return { kind: 'pending', text: 'not yet — Mesos-DNS reloads every 30 s' };
  return { kind: 'pending', text: 'not yet — dcos-dns learns the task from Mesos within seconds' };
}

/** The Networking page's Service addresses, where a VIP's backends and traffic are. */
export const NETWORKING_ADDRESSES_HREF = '#/networking/addresses';
