/** Finding a framework by id, through an index rebuilt when the list changes. */
import type { ClusterState, FrameworkState } from '../core/model.ts';

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
