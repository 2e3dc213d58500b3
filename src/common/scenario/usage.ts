/**
 * The `usage` field of an app's behaviour (scenario files, `PUT /sandbox/v1/marathon/apps/{id}/behavior`): read
 * whole or refused with the field at fault. Both threads read it, so it imports nothing from the engine.
 */
import type { UsageProfile, UsageSpec } from './types.ts';

export const USAGE_PROFILES: readonly UsageProfile[] = ['steady', 'sawtooth', 'leak', 'spike'];

/** The numeric fields each profile reads (besides `profile`). */
const FIELDS: Record<UsageProfile, readonly (keyof UsageSpec)[]> = {
  steady: ['cpus', 'memMb'],
  sawtooth: ['cpus', 'memMb', 'peakMemMb', 'periodSeconds'],
  leak: ['cpus', 'memMb', 'memMbPerMinute', 'peakMemMb'],
  spike: ['cpus', 'memMb', 'spikeCpus', 'periodSeconds', 'spikeSeconds'],
};

/** Fields that must be above zero (a period of 0 or a leak of 0 MB/min means nothing). */
const POSITIVE: ReadonlySet<string> = new Set(['memMbPerMinute', 'periodSeconds', 'spikeSeconds']);

export interface UsageProblem {
  /** The field at fault (`usage.memMbPerMinute`), or `usage` for the whole. */
  path: string;
  message: string;
}

/** A usage spec from JSON, or the first problem with it. */
export function readUsageSpec(raw: unknown): UsageSpec | UsageProblem {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { path: 'usage', message: 'must be an object' };
  const fields = raw as Record<string, unknown>;
  const profile = fields.profile;
  if (typeof profile !== 'string' || !(USAGE_PROFILES as readonly string[]).includes(profile))
    return { path: 'usage.profile', message: `must be one of: ${USAGE_PROFILES.join(', ')}` };
  const allowed = FIELDS[profile as UsageProfile];
  const spec: UsageSpec = { profile: profile as UsageProfile };
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'profile') continue;
    if (!(allowed as readonly string[]).includes(key))
      return { path: `usage.${key}`, message: `unknown field for profile '${profile}' (expected one of: ${allowed.join(', ')})` };
    const positive = POSITIVE.has(key);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (positive && value === 0))
      return { path: `usage.${key}`, message: positive ? 'must be a number greater than 0' : 'must be a number, 0 or more' };
    spec[key as Exclude<keyof UsageSpec, 'profile'>] = value;
  }
  return spec;
}

export function isUsageProblem(read: UsageSpec | UsageProblem): read is UsageProblem {
  return 'message' in read;
}
