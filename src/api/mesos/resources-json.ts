/** Resources as Mesos renders them in its JSON endpoints: scalars as numbers, ports as "[b-e, b-e]". */
import { addInto, formatPorts, isEmpty, mergePorts, zero, type Scalars } from '../../common/resources.ts';
import { heldScalars } from '../../engine/mesos/disks.ts';
import { setOwn } from '../../common/own.ts';
import type { AgentState, Portion } from '../../engine/core/model.ts';
import type { PortRanges } from '../../common/scenario/types.ts';
import type { MesosResources } from '../shapes/mesos.ts';

export function resourcesJson(s: Scalars, ports: PortRanges = []): MesosResources {
  const out: MesosResources = { cpus: s[0], mem: s[1], disk: s[2], gpus: s[3] };
  if (ports.length) out.ports = formatPorts(ports);
  return out;
}

export class Tally {
  scalars: Scalars = zero();
  ports: PortRanges = [];

  add(scalars: Scalars, ports: PortRanges): this {
    addInto(this.scalars, scalars, 1);
    if (ports.length) this.ports = mergePorts(this.ports, ports);
    return this;
  }

  addPortions(portions: Portion[]): this {
    for (const p of portions) this.add(heldScalars(p), p.ports);
    return this;
  }

  json(): MesosResources {
    return resourcesJson(this.scalars, this.ports);
  }
}

/** Per-agent views: total, reserved by role (static and dynamic reservations of one role summed), unreserved. */
export function agentResources(agent: AgentState) {
  const total = new Tally();
  const byRole = new Map<string, Tally>();
  for (const pool of agent.pools) {
    total.add(pool.total, pool.totalPorts);
    if (pool.role === '*' || (pool.dynamic && isEmpty(pool.total) && pool.totalPorts.length === 0)) continue;
    const tally = byRole.get(pool.role) ?? new Tally();
    byRole.set(pool.role, tally.add(pool.total, pool.totalPorts));
  }
  const reserved: Record<string, MesosResources> = {};
  for (const [role, tally] of byRole) setOwn(reserved, role, tally.json());
  const unreserved = agent.pools[0]!;
  return { total: total.json(), reserved, unreserved: resourcesJson(unreserved.total, unreserved.totalPorts) };
}
