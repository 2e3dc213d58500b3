/**
 * The cluster's notable events (deployments done, task failures, agents lost and back, leader
 * changes): what the time bar marks besides the user's own actions. Plain data in the state, so
 * a snapshot keeps them; bounded, the oldest go first.
 */
import type { ClusterState, NotableEvent, NotableKind } from './model.ts';

export const MAX_NOTABLE_EVENTS = 500;

export function noteEvent(state: ClusterState, at: number, kind: NotableKind, label: string): void {
  const events: NotableEvent[] = state.notable;
  events.push({ at, kind, label });
  state.notableTotal++;
  if (events.length > MAX_NOTABLE_EVENTS) events.splice(0, events.length - MAX_NOTABLE_EVENTS);
}
