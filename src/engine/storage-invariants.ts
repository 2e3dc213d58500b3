/**
 * Safety invariants of reservations and volumes: every whole disk is held by exactly what its `free` flag says (free,
 * or one offer or live task of its own pool), its size lies within its pool's disk, every volume sits in a reserved
 * pool with a persistence id unique in its role on the agent, a reserved pool is offered only in its role or a
 * descendant of it, and each resident Marathon instance's reservation is on its agent.
 */
import { round3 } from '../common/resources.ts';
import type { ClusterState, Portion } from './core/model.ts';
import { reservationOwner } from './marathon/resident.ts';

export function checkStorage(state: ClusterState, out: string[]): void {
  const holders = new Map<string, string[]>();
  const hold = (what: string, agentIdx: number, portions: Portion[]) => {
    for (const p of portions)
      for (const id of p.disks ?? [])
        holders.set(`${agentIdx}/${p.pool}/${id}`, [...(holders.get(`${agentIdx}/${p.pool}/${id}`) ?? []), what]);
  };
  for (const [id, offer] of state.offers) {
    hold(`offer ${id}`, offer.agentIdx, offer.portions);
    const agent = state.agents[offer.agentIdx];
    for (const p of offer.portions) {
      const role = agent?.pools[p.pool]?.role;
      if (role && role !== '*' && role !== offer.role && !offer.role.startsWith(`${role}/`))
        out.push(`offer ${id} in role ${offer.role} holds resources reserved to ${role}`);
    }
  }
  for (const id in state.tasks) hold(`task ${id}`, state.tasks[id]!.agentIdx, state.tasks[id]!.portions);
  state.agents.forEach((agent, a) => {
    const ids = new Set<number>();
    const persistence = new Set<string>();
    agent.pools.forEach((pool, p) => {
      const where = `agent ${agent.hostname} pool ${p} '${pool.role}'`;
      if (pool.dynamic && (pool.role === '*' || pool.role === '')) out.push(`${where}: a dynamic reservation needs a role`);
      let sum = 0;
      let free = 0;
      for (const d of pool.disks ?? []) {
        if (ids.has(d.id)) out.push(`${where}: disk ${d.id} listed twice on the agent`);
        ids.add(d.id);
        sum += d.size;
        if (d.free) free += d.size;
        const by = holders.get(`${a}/${p}/${d.id}`) ?? [];
        if (d.free ? by.length > 0 : by.length !== 1)
          out.push(`${where}: disk ${d.id} (free: ${d.free}) is held by ${by.join(', ') || 'nothing'}`);
        if (!d.persistence) continue;
        if (pool.role === '*') out.push(`${where}: volume ${d.persistence.id} on unreserved resources`);
        const key = `${pool.role} ${d.persistence.id}`;
        if (persistence.has(key)) out.push(`${where}: persistence id ${d.persistence.id} is not unique in role ${pool.role}`);
        persistence.add(key);
      }
      if (round3(sum) > round3(pool.total[2]) || round3(free) > round3(pool.free[2]))
        out.push(`${where}: whole disks (${sum} MB, ${free} free) exceed the pool's disk (${pool.total[2]}, ${pool.free[2]} free)`);
    });
  });
  for (const [key, by] of holders) {
    const [a, p, id] = key.split('/').map(Number);
    if (!state.agents[a!]?.pools[p!]?.disks?.some((d) => d.id === id))
      out.push(`${by.join(', ')} hold disk ${id}, which pool ${p} does not have`);
  }
  const m = state.marathon;
  for (const instance of Object.values(m.instances)) {
    if (!instance.reservation) continue;
    const agent = instance.agentIdx === null ? undefined : state.agents[instance.agentIdx];
    if (!agent) out.push(`instance ${instance.id} has a reservation but no agent`);
    else if (!agent.gone && !agent.pools.some((pool) => reservationOwner(pool, m.frameworkId) === instance.id))
      out.push(`instance ${instance.id}: no reservation labelled with it on ${agent.hostname}`);
  }
}
