/** The candidate changes the placement suggestions try: lower resource asks, other accepted roles, more agents like the ones there are. */
import { mergePorts, portCount, round3, SCALAR_NAMES, type Scalars } from '../../common/resources.ts';
import type { AgentState, ClusterState } from '../core/model.ts';
import type { RunSpec } from './model.ts';
import type { PlacementChange, Suggestion } from './placement-change.ts';
import { within, type Situation, offerOrders, copyRooms, placeWaiting, restartPlaces } from './placement-trial.ts';
import { LAUNCH_WINDOW } from './launch-window.ts';
import { hostPortCount } from './ports-matcher.ts';

/** At most this many values are tried per resource. */
const MAX_VALUES = 5;

/** At most this many agent kinds are tried as templates for new agents. */
const MAX_KINDS = 3;

export const UNITS = ['', ' MiB', ' MiB', ''];

/** The largest value of one resource ask, below the current one, with which the restart places every instance. */
export function lowerResource(s: Situation, r: number): number | null {
  const spec = s.record.spec;
  const ask = spec.resources[r]!;
  if (ask <= 0) return null;
  const values = new Set<number>();
  for (const pools of s.rooms) {
    if (!pools) continue;
    const sum = pools
      .filter((p) => s.offeredRoles.has(p.role) && spec.acceptedResourceRoles.includes(p.role))
      .reduce((n, p) => n + p.scalars[r]!, 0);
    for (let k = 1; k <= 3; k++) {
      const v = floorTo(r, sum / k);
      if (v < ask && (v > 0 || r >= 2)) values.add(v);
    }
  }
  const tried = [...values].sort((a, b) => b - a).slice(0, MAX_VALUES);
  for (const v of tried) {
    const resources = [...spec.resources] as Scalars;
    resources[r] = v;
    const containers = spec.containers.map((c) => ({ ...c, resources }));
    if (restartPlaces(s, { ...spec, resources, containers })) return v;
  }
  return null;
}

/** cpus to 0.01, the others to whole units. */
function floorTo(r: number, x: number): number {
  return r === 0 ? Math.floor(round3(x * 100)) / 100 : Math.floor(round3(x));
}

/** acceptedResourceRoles Marathon would take for the run spec's role (`*` and its role): the ones it lacks. */
export function roleCandidates(spec: RunSpec): string[][] {
  const out: string[][] = [];
  const has = (r: string) => spec.acceptedResourceRoles.includes(r);
  if (!has('*')) out.push(['*']);
  if (spec.role !== '*' && !has(spec.role)) out.push([...new Set([...spec.acceptedResourceRoles, '*', spec.role])]);
  return out;
}

/** Agents alike in what they offer and their attributes, most common first: one template each. */
function agentKinds(state: ClusterState): Array<{ template: AgentState; count: number }> {
  const kinds = new Map<string, { template: AgentState; count: number }>();
  for (const a of state.agents) {
    if (!a.registered) continue;
    const key = JSON.stringify([a.public, a.attributes, a.pools.map((p) => [p.role, p.total, p.totalPorts])]);
    const kind = kinds.get(key);
    if (kind) kind.count++;
    else kinds.set(key, { template: a, count: 1 });
  }
  return [...kinds.values()].sort((a, b) => b.count - a.count);
}

function describeAgent(a: AgentState): string {
  const t = a.pools[0]!.total;
  return `${t[0]} CPU${t[0] === 1 ? '' : 's'}, ${t[1]} MiB mem`;
}

/** The fewest new agents like an existing kind (or like it with the missing resources added) that place every waiting instance. */
export function addAgentSuggestions(s: Situation): Suggestion[] {
  const spec = s.record.spec;
  const agentCount = s.rooms.filter((r) => r !== null).length;
  const out: Suggestion[] = [];
  for (const { template } of agentKinds(s.state).slice(0, MAX_KINDS)) {
    for (const enlarge of [false, true]) {
      const atLeast: NonNullable<Extract<PlacementChange, { kind: 'addAgents' }>['atLeast']> = {};
      let pools = template.pools;
      if (enlarge) {
        const base = template.pools[0]!;
        const total = [...base.total] as Scalars;
        for (let r = 0; r < 4; r++) {
          if (total[r]! < spec.resources[r]!) {
            total[r] = spec.resources[r]!;
            atLeast[SCALAR_NAMES[r]!] = spec.resources[r]!;
          }
        }
        let ports = base.totalPorts;
        const needPorts = hostPortCount(spec.hostPorts);
        if (portCount(ports) < needPorts) {
          ports = mergePorts(ports, [[31000, 31000 + needPorts - 1]]);
          atLeast.ports = needPorts;
        }
        if (Object.keys(atLeast).length === 0) continue;
        pools = [{ ...base, total, totalPorts: ports }, ...template.pools.slice(1)];
      }
      const count = fewestAgents(s, template, pools);
      if (count === null) continue;
      const extras = Object.entries(atLeast).map(([k, v]) => `${v}${k === 'mem' || k === 'disk' ? ' MiB' : ''} ${k}`);
      out.push({
        change: { kind: 'addAgents', count, like: template.hostname, ...(enlarge ? { atLeast } : {}) },
        size: round3(count / Math.max(1, agentCount) + (enlarge ? 0.05 : 0)),
        text: `Add ${count} agent${count === 1 ? '' : 's'} like ${template.hostname} (${describeAgent(template)})${extras.length > 0 ? ` with at least ${extras.join(', ')}` : ''}.`,
      });
      break;
    }
  }
  return out;
}

/** Binary search over 1..waiting new agents (each must take at least one instance to help). */
function fewestAgents(s: Situation, template: AgentState, pools: AgentState['pools']): number | null {
  // A trial places at most a launch window of instances (placement-trial.ts `place`): more never fit.
  if (s.waiting > LAUNCH_WINDOW) return null;
  const fits = (n: number) => {
    const extra: AgentState[] = [];
    const rooms = copyRooms(s.rooms);
    for (let k = 0; k < n; k++) {
      const hostname = `${template.hostname}-new-${k + 1}`;
      extra.push({ ...template, id: `${template.id}-new-${k + 1}`, hostname, pools, registered: true });
      rooms.push(
        pools.map((p) => {
          // A new agent like the template: its whole disks empty, every volume of the template left out.
          const disks = (p.disks ?? []).filter((d) => d.source !== null && !d.persistence);
          const scalars = [...p.total] as Scalars;
          scalars[2] = round3(scalars[2] - (p.disks ?? []).reduce((n, d) => n + d.size, 0));
          return { role: p.role, scalars, ports: p.totalPorts.map(([b, e]) => [b, e] as [number, number]), disks: disks.map((d) => d.id) };
        }),
      );
    }
    return within(() =>
      offerOrders(rooms.length).every((order) => placeWaiting(s, s.record.spec, rooms, extra, s.waiting, order) >= s.waiting),
    );
  };
  if (!fits(s.waiting)) return null;
  let lo = 1;
  let hi = s.waiting;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
