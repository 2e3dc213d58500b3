/** The actions the page offers on an app or a pod, and the one in progress (a dialog is open for it). */
import type { ApiProblem, Deployment, MarathonApp, MarathonPod } from './marathon-types.ts';

export type ActionKind = 'edit' | 'scale' | 'restart' | 'suspend' | 'resume' | 'rollback' | 'destroy' | 'plans';
export type PodActionKind = 'edit' | 'scale' | 'suspend' | 'resume' | 'destroy';
/** What the editor creates or edits: an app (one container) or a pod (several). */
export type ServiceKind = 'app' | 'pod';

export type PendingAction =
  | { kind: 'create'; groupId: string }
  | { kind: 'edit' | 'scale' | 'restart' | 'suspend' | 'resume' | 'destroy'; app: MarathonApp }
  | { kind: PodActionKind; pod: MarathonPod }
  | { kind: 'rollback'; deployment: Deployment };

export interface ActionItem<K extends string = ActionKind> {
  kind: K;
  label: string;
  danger?: boolean;
}

/**
 * The menu of an app, DC/OS order: Edit, Scale, Restart, Suspend/Resume, Roll back (if deploying), Delete. An SDK
 * service's (`DCOS_COMMONS_API_VERSION`): Edit, View Plans, Scale unless `MARATHON_SINGLE_INSTANCE_APP`, no restart,
 * suspend or resume.
 */
export function appActions(app: MarathonApp): ActionItem[] {
  const labels = (app.raw.labels ?? {}) as Record<string, unknown>;
  const items: ActionItem[] =
    labels.DCOS_COMMONS_API_VERSION == null
      ? [
          { kind: 'edit', label: 'Edit' },
          { kind: 'scale', label: 'Scale' },
          { kind: 'restart', label: 'Restart' },
          app.instances === 0 ? { kind: 'resume', label: 'Resume' } : { kind: 'suspend', label: 'Suspend' },
        ]
      : [
          { kind: 'edit', label: 'Edit' },
          { kind: 'plans', label: 'View Plans' },
          ...(labels.MARATHON_SINGLE_INSTANCE_APP ? [] : [{ kind: 'scale', label: 'Scale' } as const]),
        ];
  if (app.deployments.length > 0) items.push({ kind: 'rollback', label: 'Roll back deployment' });
  items.push({ kind: 'destroy', label: 'Delete', danger: true });
  return items;
}

/**
 * An app installed from a package (labelled `DCOS_PACKAGE_DEFINITION` or `DCOS_PACKAGE_METADATA`): its Edit opens the
 * package's configuration (Cosmos' service describe and update), not the app's definition (dcos-ui's EditServiceModal).
 */
export function isPackageService(app: Pick<MarathonApp, 'raw'>): boolean {
  const labels = (app.raw.labels ?? {}) as Record<string, unknown>;
  return labels.DCOS_PACKAGE_DEFINITION != null || labels.DCOS_PACKAGE_METADATA != null;
}

/** The menu of a pod, as DC/OS's pod page has it: Edit, Scale, Suspend/Resume, Delete (Marathon restarts no pod). */
export function podActions(pod: MarathonPod): Array<ActionItem<PodActionKind>> {
  return [
    { kind: 'edit', label: 'Edit' },
    { kind: 'scale', label: 'Scale' },
    pod.instances === 0 ? { kind: 'resume', label: 'Resume' } : { kind: 'suspend', label: 'Suspend' },
    { kind: 'destroy', label: 'Delete', danger: true },
  ];
}

/** The deployment a rollback of `app` would cancel: the first that names it. */
export function deploymentOf(app: MarathonApp, deployments: readonly Deployment[]): Deployment | undefined {
  const ids = new Set(app.deployments.map((d) => d.id));
  return deployments.find((d) => ids.has(d.id)) ?? deployments.find((d) => d.affectedApps.includes(app.id));
}

/** What to say once Marathon accepted an action. */
export function doneMessage(
  kind: Exclude<ActionKind, 'plans'> | 'create',
  appId: string,
  detail: { instances?: number; deploymentId?: string } = {},
): string {
  const dep = detail.deploymentId ? ` (deployment ${detail.deploymentId.slice(0, 8)})` : '';
  switch (kind) {
    case 'create':
      return `Created ${appId}${dep}.`;
    case 'edit':
      return `Updated ${appId}${dep}.`;
    case 'scale':
    case 'resume':
      return `Scaling ${appId} to ${detail.instances ?? '?'} instance${detail.instances === 1 ? '' : 's'}${dep}.`;
    case 'suspend':
      return `Suspending ${appId}${dep}.`;
    case 'restart':
      return `Restarting ${appId}${dep}.`;
    case 'rollback':
      return `Rolling back the deployment of ${appId}${dep}.`;
    case 'destroy':
      return `Deleting ${appId}${dep}.`;
  }
}

/**
 * The deployments of a 409 that are still in progress, as the latest poll has them (with their
 * progress); an empty list once they have all finished: the lock is gone and the action can go ahead.
 */
export function holdingDeployments(problem: ApiProblem | null, deployments: readonly Deployment[]): Deployment[] {
  if (!lockedByDeployment(problem)) return [];
  const ids = new Set(problem!.deployments);
  return deployments.filter((d) => ids.has(d.id));
}

/** Where a deployment is: `step 2 of 4: ScaleApplication /prod/db`. */
export function deploymentProgress(d: Deployment): string {
  const doing = d.currentActions.map((a) => `${a.action} ${a.app ?? a.pod ?? ''}`.trim()).join(', ');
  return `step ${d.currentStep} of ${d.totalSteps}${doing ? `: ${doing}` : ''}`;
}

/** The action with its app as the latest poll has it (an open dialog follows the cluster); as it was if the app is gone. */
export function liveAction(pending: PendingAction, appById: (id: string) => MarathonApp | undefined): PendingAction {
  if (pending.kind === 'create' || pending.kind === 'rollback' || 'pod' in pending) return pending;
  const app = appById(pending.app.id);
  return app && app !== pending.app ? { ...pending, app } : pending;
}

/** A 409 naming the deployments that lock the app: repeating the call with `?force=true` overrides them. */
export function lockedByDeployment(problem: ApiProblem | null): boolean {
  return problem !== null && problem.status === 409 && problem.deployments.length > 0;
}
