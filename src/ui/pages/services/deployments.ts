/** Deployments as the page shows them: which touch an app, steps done / current / to come, actions in words. */
import type { Deployment, DeploymentAction } from './marathon-types.ts';

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
