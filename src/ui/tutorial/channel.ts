/**
 * Tabs tell a tutorial in another tab what they did: the share lesson's "open the link in a new
 * tab" happens in a tab that is not following the lesson. A BroadcastChannel reaches the other
 * tabs of this site only; where it does not exist, nothing is sent (the step's "Show me" still works).
 */
import type { UiEvent } from '../../tutorial/types.ts';

const CHANNEL = 'dcos-sandbox-tutorial';

export function announce(event: UiEvent): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(event);
  channel.close();
}

/** Calls `heard` with each event another tab announces; returns the function that stops listening. */
export function listen(heard: (event: UiEvent) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (message: MessageEvent<unknown>) => {
    if (message.data === 'share-link-opened') heard(message.data);
  };
  return () => channel.close();
}
