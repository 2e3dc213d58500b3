/**
 * The allocation between roles as beats, where there is a choice to tell: two roles or more hold
 * tasks, or one has a weight. Told as DRF sees it: each role's weight, its tasks and the dominant
 * share they use (before weighting). A burst of changes is one sentence: the allocation it left.
 */
import type { ClusterState } from '../../engine/core/model.ts';
import { figuresOf } from '../../engine/view.ts';
import { merged, type Emit } from './beats.ts';
import { count, listOf } from './time.ts';

export class RoleWatcher {
  #key = '';

  observe(state: ClusterState, now: number, emit: Emit): void {
    const byRole = Object.entries(state.liveTasks.byRole)
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    const key = JSON.stringify(byRole);
    if (key === this.#key) return;
    this.#key = key;
    const weighted = Object.values(state.roles).some((r) => r.weight !== 1);
    if (byRole.length < 2 && !weighted) return;
    const roles = figuresOf(state, now).roles.filter((r) => r.tasks > 0);
    if (roles.length === 0) return;
    const parts = roles.map(
      (r) =>
        `role ${r.role} (weight ${r.weight}) runs ${count(r.tasks, 'task')} (dominant share ${Math.round(r.usedShare * r.weight * 100)}%)`,
    );
    const item = `DRF allocation: ${listOf(parts, parts.length)}`;
    emit(merged('roles', 'Allocation between roles', 'roles', item, (items) => items[items.length - 1]!, {}, false));
  }
}
