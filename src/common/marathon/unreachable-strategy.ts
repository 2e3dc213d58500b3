/** Reads the `unreachableStrategy` of an app or a pod: `"disabled"`, or when an unreachable instance is replaced and expunged. */
import { APP_DEFAULTS, type AppDefinition } from './app-definition.ts';
import type { Violations } from './violations.ts';

type Json = Record<string, unknown>;

/**
 * `unreachableStrategy` of an app, or of a pod at `/scheduling/unreachableStrategy`. An app's inactive-after-expunge
 * rule belongs to the model's validation (app-rules.ts): `checkOrder` false leaves it there.
 */
export function readUnreachable(
  raw: unknown,
  v: Violations,
  at = '/unreachableStrategy',
  checkOrder = true,
): AppDefinition['unreachableStrategy'] {
  if (raw === 'disabled') return 'disabled';
  const s = { ...APP_DEFAULTS.unreachableStrategy, ...(raw as Json | undefined) } as {
    inactiveAfterSeconds: unknown;
    expungeAfterSeconds: unknown;
  };
  const inactive = s.inactiveAfterSeconds;
  const expunge = s.expungeAfterSeconds;
  if (typeof inactive !== 'number' || inactive < 0) v.add(`${at}/inactiveAfterSeconds`, 'must be a non-negative number');
  if (typeof expunge !== 'number' || expunge < 0) v.add(`${at}/expungeAfterSeconds`, 'must be a non-negative number');
  if (checkOrder && typeof inactive === 'number' && typeof expunge === 'number' && inactive > expunge) {
    v.add(at, `inactiveAfterSeconds (${inactive}) must be less or equal to expungeAfterSeconds, which is ${expunge}`);
  }
  return { inactiveAfterSeconds: Number(inactive), expungeAfterSeconds: Number(expunge) };
}
