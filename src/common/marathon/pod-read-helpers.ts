/**
 * What the pod readers share once a pod has passed its shape check: accessors that treat absent as empty,
 * Marathon's name rule (`NameValidation.NamePattern`) and its "at least" rule as accord prints it.
 */
import type { Violations } from './violations.ts';

export type Json = Record<string, unknown>;

/** An optional object field, `{}` when absent. */
export const obj = (x: unknown): Json => (x ?? {}) as Json;
/** An optional array of objects, `[]` when absent. */
export const list = (x: unknown): Json[] => (x ?? []) as Json[];
/** The spelling in `options` of `x`, matched case-insensitively (the shape check made sure it is there). */
export const canonical = <T extends string>(x: string, options: readonly T[]): T =>
  options.find((o) => o.toLowerCase() === x.toLowerCase())!;

/** `NameValidation.NamePattern`: container, endpoint, volume and network names. */
export const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const NAME_PROBLEM = "must fully match regular expression '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'";

/** Adds `got -1, expected 0 or more` at `at` when `x < min`; returns `x`. `minText` is 0.0 for doubles, as accord prints them. */
export type AtLeast = (at: string, x: number, min: number, minText?: string) => number;

/** The at-least rule, reporting into `v`. */
export function atLeastInto(v: Violations): AtLeast {
  return (at, x, min, minText = String(min)) => {
    if (x < min) v.add(at, `got ${x}, expected ${minText} or more`);
    return x;
  };
}
