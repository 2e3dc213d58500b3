/**
 * The operator endpoints' reserve, unreserve, create-volumes and destroy-volumes: the same conversions as in an
 * ACCEPT, applied to the agent's unallocated resources. When those fall short the master rescinds the agent's
 * outstanding offers one at a time (each leaving its framework a 5 s filter, Mesos' default refuse_seconds) until the
 * operation fits; resources used by tasks are never taken (docs/storage-sources-mesos.md §3.1).
 */
import type { ClusterState, Pool, Portion } from '../core/model.ts';
import { frameworkById } from './frameworks.ts';
import { applyConversion, type Conversion, type ConversionResult } from './reservations.ts';
import { chargeFramework, quantitiesOf, returnToAgent } from './offers.ts';
import { diskInUse } from './accept.ts';
import { round3, zero } from '../../common/resources.ts';

/** Mesos' default Filters().refuse_seconds, left on a framework whose offer a rescind took back. */
const RESCIND_FILTER_MS = 5000;

export function applyOperatorConversion(state: ClusterState, agentIdx: number, op: Conversion, now: number): ConversionResult {
  for (;;) {
    const result = onFreeResources(state, agentIdx, op);
    if (result.ok || result.error.kind !== 'not-contained') return result;
    const offer = [...state.offers.values()].find((o) => o.agentIdx === agentIdx);
    if (!offer) return result;
    state.offers.delete(offer.id);
    returnToAgent(state, agentIdx, offer.portions);
    chargeFramework(frameworkById(state, offer.frameworkId), offer.role, offer.portions, -1);
    const expiresAt = now + Math.max(state.allocationIntervalMs, RESCIND_FILTER_MS);
    state.agents[agentIdx]!.filters.push({
      frameworkId: offer.frameworkId,
      role: offer.role,
      declined: quantitiesOf(offer.portions),
      expiresAt,
    });
  }
}

/** Takes every free resource of the agent, applies the operation to them, and puts back what is then free. */
function onFreeResources(state: ClusterState, agentIdx: number, op: Conversion): ConversionResult {
  const agent = state.agents[agentIdx]!;
  const held = agent.pools.map((pool, i) => takeAllFree(pool, i));
  const result = applyConversion(agent, held, op, (pool, id) => diskInUse(state, agentIdx, pool, id), null);
  returnToAgent(state, agentIdx, held);
  return result;
}

function takeAllFree(pool: Pool, index: number): Portion {
  const items = (pool.disks ?? []).filter((d) => d.free);
  for (const d of items) d.free = false;
  const wholeDisk = round3(items.reduce((n, d) => n + d.size, 0));
  const scalars: Portion['scalars'] = [...pool.free];
  scalars[2] = round3(scalars[2] - wholeDisk);
  const portion: Portion = { pool: index, scalars, ports: pool.freePorts };
  if (items.length > 0) Object.assign(portion, { disks: items.map((d) => d.id), wholeDisk });
  pool.free = zero();
  pool.freePorts = [];
  return portion;
}
