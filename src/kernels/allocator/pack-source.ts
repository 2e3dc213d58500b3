/**
 * The cluster as the allocator's packer reads it: only the fields it needs, structurally, so the
 * kernel folder depends on no engine type (the engine's ClusterState has all of them).
 */
import type { PortRanges } from '../../common/scenario/types.ts';

/** A set of resources on one agent that share a reservation; pools[0] is the unreserved pool. */
export interface PackPool {
  role: string;
  /** [cpus, mem, disk, gpus]. */
  total: readonly number[];
  /** [cpus, mem, disk, gpus] neither offered nor used. */
  free: readonly number[];
  totalPorts: PortRanges;
  freePorts: PortRanges;
}

export interface PackAgent {
  registered: boolean;
  deactivated: boolean;
  disconnected: boolean;
  pools: readonly PackPool[];
  /** The offer filters on this agent. */
  filters: readonly PackFilter[];
}

/** What a framework holds in one role. */
export interface PackShare {
  allocationCount: number;
  /** [cpus, mem, disk, gpus] offered + used, and its unreserved part. */
  allocated: readonly number[];
  allocatedUnreserved: readonly number[];
  allocatedPorts: number;
}

/**
 * A framework subscribes with one role or several (MULTI_ROLE); it sits in the framework sorter of each, with
 * what it holds there. `roles` is replaced whole (never changed in place) when the framework changes its roles.
 */
export interface PackFramework {
  id: string;
  roles: readonly string[];
  suppressedRoles: readonly string[];
  registered: boolean;
  gpuCapable: boolean;
  /** Per role it was ever offered in (it may hold resources in a role it no longer subscribes to). */
  shares: Readonly<Record<string, PackShare>>;
}

export interface PackFilter {
  frameworkId: string;
  role: string;
  /** [cpus, mem, disk, gpus, ports]. */
  declined: ArrayLike<number>;
  expiresAt: number;
}

export interface PackRole {
  weight: number;
  /** Legacy quota, [cpus, mem, disk, gpus]: guarantee = limit. */
  quota: readonly number[] | null;
}

export interface PackSource<F extends PackFramework = PackFramework> {
  agents: readonly PackAgent[];
  frameworks: readonly F[];
  roles: Readonly<Record<string, PackRole>>;
  /** Allocation counts of each role's own frameworks. */
  roleAllocationCounts: Readonly<Record<string, number>>;
}
