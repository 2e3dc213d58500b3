/** Deployments as the page shows them: which touch an app, steps done / current / to come, actions in words. */
import type { Deployment, DeploymentAction, ReadinessResult } from './marathon-types.ts';

export function deploymentsFor(appId: string, deployments: readonly Deployment[]): Deployment[] {
  return deployments.filter((d) => d.affectedApps.includes(appId) || d.steps.some((s) => s.actions.some((a) => a.app === appId)));
}

const ACTION_WORDS: Record<string, string> = {
  StartApplication: 'Start',
  ScaleApplication: 'Scale',
  RestartApplication: 'Restart',
  StopApplication: 'Stop',
  ResolveArtifacts: 'Resolve artifacts',
  StartPod: 'Start pod',
  ScalePod: 'Scale pod',
  RestartPod: 'Restart pod',
  StopPod: 'Stop pod',
};

export function actionWord(action: DeploymentAction): string {
  return ACTION_WORDS[action.action] ?? action.action;
}

export type StepState = 'done' | 'current' | 'pending';

/** `index` counts from 0; Marathon's `currentStep` from 1. */
export function stepState(d: Deployment, index: number): StepState {
  const current = d.currentStep - 1;
  return index < current ? 'done' : index === current ? 'current' : 'pending';
}

/** A one-line summary: `Step 2 of 3: Scale /prod/web`. */
export function deploymentSummary(d: Deployment): string {
  const actions = d.currentActions.length > 0 ? d.currentActions : (d.steps[d.currentStep - 1]?.actions ?? []);
  const what = actions.map((a) => `${actionWord(a)} ${a.app ?? a.pod ?? ''}`.trim()).join(', ');
  return `Step ${Math.max(1, d.currentStep)} of ${Math.max(d.totalSteps, d.steps.length, 1)}${what ? `: ${what}` : ''}`;
}

/** The readiness answers the current step holds for one of its actions (none for another step's action). */
export function readinessOf(d: Deployment, action: DeploymentAction): ReadinessResult[] {
  const current = d.currentActions.find((a) => a.action === action.action && a.app === action.app && a.pod === action.pod);
  return current?.readinessCheckResults ?? [];
}

/** `Readiness: 1 of 3 tasks ready · last answer HTTP 503`, and whether any task is still waiting; null without answers. */
export function readinessSummary(results: readonly ReadinessResult[]): { text: string; waiting: boolean } | null {
  if (results.length === 0) return null;
  const waiting = results.filter((r) => !r.ready);
  const statuses = [...new Set(waiting.flatMap((r) => (r.lastResponse ? [r.lastResponse.status] : [])))].sort();
  const last = statuses.length > 0 ? ` · last answer HTTP ${statuses.join(', ')}` : '';
  const n = results.length;
  return { text: `Readiness: ${n - waiting.length} of ${n} task${n === 1 ? '' : 's'} ready${last}`, waiting: waiting.length > 0 };
}
