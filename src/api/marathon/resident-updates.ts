/**
 * The deployment plan's validator for PUT/PATCH /v2/apps/{id} and POST/PUT /v2/groups (`DeploymentPlan.deploymentPlanValidator`
 * via `GroupManagerImpl.updateRoot`, MA:M/core/group/impl/GroupManagerImpl.scala:151-153): the resident update rules
 * (resident-update.ts) on each app the change creates or updates, with the service ports Marathon assigns just before
 * (`AssignDynamicServiceLogic`), whatever `force` says. Marathon runs it after the root group's own validation and
 * before the deployment lock check, so a refusal here answers before a 409 for a locked app.
 */
import type { AppDefinition } from '../../common/marathon/app-definition.ts';
import { planAppPath, residentUpdateViolations } from '../../common/marathon/resident-update.ts';
import { Violations, type Violation } from '../../common/marathon/violations.ts';
import type { MarathonState } from '../../engine/marathon/model.ts';
import { assignServicePorts } from '../../engine/marathon/service-ports.ts';
import { recordOf } from '../../engine/marathon/store.ts';

export type PlanRefusal = { message: string; details: Violation[] } | null;

/**
 * The plan's violations for `apps` (the new definitions, in the order the plan would list them), or null. An app
 * whose definition does not change is not part of the plan (and not counted in the `/app(<index>)` paths).
 */
export function residentPlanRefusal(m: MarathonState, apps: readonly AppDefinition[]): PlanRefusal {
  const changes = apps.flatMap((app) => {
    const record = recordOf(m, app.id);
    const stored = record?.app;
    if (stored && JSON.stringify(stored) === JSON.stringify(app)) return [];
    return [{ id: app.id, before: stored ? { kind: 'app' as const, app: stored } : null, after: { kind: 'app' as const, app } }];
  });
  if (changes.length === 0) return null;
  const v = new Violations();
  // The index of an app among the plan's created or updated apps: the order the change lists them (inferred: Marathon
  // walks `RootGroup.transitiveApps`, whose order for several apps was not traced).
  assignServicePorts(m, changes).forEach((c, index) => {
    if (c.before?.kind === 'app' && c.after?.kind === 'app') residentUpdateViolations(c.before.app, c.after.app, planAppPath(index), v);
  });
  return v.empty ? null : v.body();
}
