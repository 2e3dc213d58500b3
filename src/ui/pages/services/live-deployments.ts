/** The Services page hands its dialogs the deployments in progress, as each poll has them (context, keyed privately). */
import { getContext, setContext } from 'svelte';
import type { Deployment } from './marathon-types.ts';

const KEY = Symbol('live-deployments');

export type LiveDeployments = () => readonly Deployment[];

export function setLiveDeployments(read: LiveDeployments): void {
  setContext(KEY, read);
}

/** None outside the Services page (a dialog opened elsewhere does not follow deployments). */
export function getLiveDeployments(): LiveDeployments {
  return getContext<LiveDeployments | undefined>(KEY) ?? (() => []);
}
