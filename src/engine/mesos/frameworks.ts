/** Finding a framework by id, through an index rebuilt when the list changes; what it holds and wants in each of its roles. */
import type { ClusterState, FrameworkState, RoleShare } from '../core/model.ts';
import { zero } from '../../common/resources.ts';
import { own, setOwn } from '../../common/own.ts';

/** Index of frameworks by id, rebuilt when the list changes (status updates look frameworks up constantly). */
const frameworkIndex = new WeakMap<FrameworkState[], Map<string, FrameworkState>>();

export function frameworkById(state: ClusterState, id: string): FrameworkState {
  let index = frameworkIndex.get(state.frameworks);
  if (!index || index.size !== state.frameworks.length) {
    index = new Map(state.frameworks.map((f) => [f.id, f]));
    frameworkIndex.set(state.frameworks, index);
  }
  const fw = index.get(id);
  if (!fw) throw new Error(`unknown framework ${id}`);
  return fw;
}

/** The framework's allocation in `role`, created empty the first time it is offered something there. */
export function shareOf(fw: FrameworkState, role: string): RoleShare {
  let share = own(fw.shares, role);
  if (!share) {
    share = { allocated: zero(), allocatedUnreserved: zero(), allocatedPorts: 0, allocationCount: 0 };
    setOwn(fw.shares, role, share);
  }
  return share;
}

/** Subscribed in `role` and not suppressed there. */
export function wantsOffersIn(fw: FrameworkState, role: string): boolean {
  return fw.roles.includes(role) && !fw.suppressedRoles.includes(role);
}

/** Wants offers in at least one of its roles. */
export function wantsOffers(fw: FrameworkState): boolean {
  return fw.roles.some((r) => !fw.suppressedRoles.includes(r));
}

/** Whether a task id is among the framework's completed tasks; the set is built on the first question. */
export function completedLookup(state: ClusterState, frameworkId: string): (taskId: string) => boolean {
  let completed: Set<string> | null = null;
  return (taskId) => {
    completed ??= new Set(state.frameworks.find((f) => f.id === frameworkId)?.completedTasks.map((t) => t.id) ?? []);
    return completed.has(taskId);
  };
}
