/**
 * The cluster state as a snapshot carries it: plain data that survives structuredClone, JSON and
 * IndexedDB. The live state keeps a few indexes in Maps (fast for keys made thousands of times a
 * second); a snapshot writes them as plain objects, and reading one back rebuilds them.
 */
import type { ClusterState, FrameworkState, OfferState } from './model.ts';
import type { Scalars } from '../../common/resources.ts';
import { flagsWith } from '../../common/marathon/flags.ts';
import { emptyMesosDns } from '../dns/model.ts';
import { emptyMetronome } from '../metronome/model.ts';
import { emptyCosmos } from '../cosmos/model.ts';
import { metronomeFramework } from './build.ts';

export type SavedClusterState = Omit<ClusterState, 'offers'> & { offers: Record<string, OfferState> };

/** A deep copy of `state` as plain data. */
export function saveState(state: ClusterState): SavedClusterState {
  const { offers, ...rest } = state;
  return structuredClone({ ...rest, offers: Object.fromEntries(offers) });
}

/** A live state from a snapshot's copy (the snapshot is not changed). */
export function restoreState(saved: SavedClusterState): ClusterState {
  const { offers, ...rest } = structuredClone(saved);
  // A cluster saved before Marathon's flags were kept runs with DC/OS's.
  rest.marathon.config.flags = flagsWith(rest.marathon.config.flags);
  // A cluster saved before Mesos-DNS was simulated has none loaded (and no ticker: see src/engine/dns/reload.ts).
  rest.mesosDns ??= { ...emptyMesosDns(rest.masters.length), unstarted: true };
  rest.frameworks = rest.frameworks.map((fw) => ('roles' in fw ? fw : fromSingleRole(fw as FrameworkState & SingleRoleFramework)));
  // A cluster saved before Metronome gets its framework and (on resume, src/engine/metronome/boot.ts) its instances.
  if (!(rest as Partial<ClusterState>).metronome) {
    const fw = metronomeFramework(`${rest.masterId}-${String(rest.frameworks.length).padStart(4, '0')}`);
    rest.frameworks = [...rest.frameworks, fw];
    rest.metronome = { ...emptyMetronome(fw.id), unstarted: true };
    for (const m of rest.masters) {
      m.metronome = 'down';
      m.units.metronome = 'down';
    }
  }
  // A cluster saved before Cosmos has its default repository list.
  rest.cosmos ??= emptyCosmos();
  return { ...rest, offers: new Map(Object.entries(offers)) };
}

/** How a framework was kept before frameworks could hold several roles. */
interface SingleRoleFramework {
  role: string;
  active: boolean;
  allocated: Scalars;
  allocatedUnreserved: Scalars;
  allocatedPorts: number;
  allocationCount: number;
}

/** A framework saved with one role: the same framework, subscribed in that role and holding all it held there. */
function fromSingleRole(saved: FrameworkState & SingleRoleFramework): FrameworkState {
  const { role, active, allocated, allocatedUnreserved, allocatedPorts, allocationCount, ...rest } = saved;
  return {
    ...rest,
    roles: [role],
    multiRole: rest.kind === 'marathon',
    suppressedRoles: active ? [] : [role],
    shares: Object.fromEntries([[role, { allocated, allocatedUnreserved, allocatedPorts, allocationCount }]]),
  };
}
