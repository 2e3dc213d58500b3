/**
 * The offer funnel of the Debug tab: Marathon's reject summary (per reason: offers that reached the
 * check and offers it declined) in the order the checks run, each marked matched / partly / not.
 */
import type { RejectReason } from './marathon-types.ts';

export const FUNNEL_STAGES = [
  { key: 'role', reason: 'UnfulfilledRole', label: 'Role' },
  { key: 'constraints', reason: 'UnfulfilledConstraint', label: 'Constraints' },
  { key: 'cpus', reason: 'InsufficientCpus', label: 'CPU' },
  { key: 'mem', reason: 'InsufficientMemory', label: 'Memory' },
  { key: 'disk', reason: 'InsufficientDisk', label: 'Disk' },
  { key: 'gpus', reason: 'InsufficientGpus', label: 'GPU' },
  { key: 'ports', reason: 'InsufficientPorts', label: 'Ports' },
] as const;

export type StageKey = (typeof FUNNEL_STAGES)[number]['key'];

/** not-reached: no offer got as far as this check. */
export type StageMatch = 'matched' | 'partial' | 'unmatched' | 'not-reached';

export interface FunnelStage {
  key: StageKey;
  reason: string;
  label: string;
  processed: number;
  declined: number;
  passed: number;
  match: StageMatch;
}

export function stageMatch(processed: number, declined: number): StageMatch {
  if (processed <= 0) return 'not-reached';
  if (declined <= 0) return 'matched';
  return declined >= processed ? 'unmatched' : 'partial';
}

/**
 * The stages in check order. GPU is left out unless it declined something or `withGpus` (the app
 * asks for GPUs), as the DC/OS funnel shows it.
 */
export function offerFunnel(reasons: readonly RejectReason[], withGpus = false): FunnelStage[] {
  const byReason = new Map(reasons.map((r) => [r.reason, r]));
  return FUNNEL_STAGES.flatMap((s): FunnelStage[] => {
    const r = byReason.get(s.reason);
    const processed = r?.processed ?? 0;
    const declined = r?.declined ?? 0;
    if (s.key === 'gpus' && !withGpus && declined === 0) return [];
    return [
      {
        key: s.key,
        reason: s.reason,
        label: s.label,
        processed,
        declined,
        passed: Math.max(0, processed - declined),
        match: stageMatch(processed, declined),
      },
    ];
  });
}

/** The first check that declined every offer it saw, if any: the one to fix first. */
export function blockingStage(stages: readonly FunnelStage[]): FunnelStage | undefined {
  return stages.find((s) => s.match === 'unmatched');
}

/** Reasons Marathon reports that are not funnel stages (maintenance, reservations, …). */
export function otherReasons(reasons: readonly RejectReason[]): RejectReason[] {
  const known = new Set<string>(FUNNEL_STAGES.map((s) => s.reason));
  return reasons.filter((r) => !known.has(r.reason) && (r.declined > 0 || r.processed > 0));
}

/** Placement stage names (`role`, `constraints`, `cpus`, …) in words. */
export function stageLabel(stage: string): string {
  return FUNNEL_STAGES.find((s) => s.key === stage || s.reason === stage)?.label ?? stage;
}

/** Order index of a placement stage, unknown stages last. */
export function stageOrder(stage: string): number {
  const i = FUNNEL_STAGES.findIndex((s) => s.key === stage || s.reason === stage);
  return i < 0 ? FUNNEL_STAGES.length : i;
}
