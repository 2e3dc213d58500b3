/**
 * An SDK service (a Marathon app labelled `DCOS_COMMONS_API_VERSION`, dcos-ui's `isSDKService`) as the Services list
 * words it: its scheduler's deploy plan stands in for the HTTP code of the scheduler's health check
 * (`ServiceStatus.fromHttpCode`: 200 Running, 202 Deploying; any other code, 417 errors included, leaves Marathon's
 * own status). Part of the page's bundle: keep it small (the tabs are a chunk of their own).
 */
import type { SdkPlanJson } from '../../../../api/shapes/sdk.ts';
import type { SdkSummary } from '../marathon-types.ts';

/** The deploy plan in brief: its status and its steps done of all. */
export type { SdkSummary };

/** The service name an SDK app's scheduler answers under (`/service/<name>/v1/…`), or null for any other app. */
export function sdkServiceName(raw: Record<string, unknown>): string | null {
  const labels = raw.labels as Record<string, unknown> | undefined;
  if (labels?.DCOS_COMMONS_API_VERSION == null) return null;
  const name = labels.DCOS_SERVICE_NAME;
  return typeof name === 'string' && name ? name : String(raw.id ?? '').replace(/^\/+/, '');
}

export function planSummary(plan: SdkPlanJson): SdkSummary {
  const steps = plan.phases.flatMap((p) => p.steps);
  return { status: plan.status, done: steps.filter((s) => s.status === 'COMPLETE').length, total: steps.length };
}
