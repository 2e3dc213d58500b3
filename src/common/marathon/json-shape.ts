/**
 * Type-checks JSON the way Marathon's RAML readers do (422 "Invalid JSON" with `error.expected.jsnumber`,
 * `error.path.missing`, `error.unknown.enum.literal`), for pods and groups.
 */
import { jsonLimitProblem, limitText, MAX_JSON_DEPTH } from '../json-limits.ts';
import type { Violations } from './violations.ts';

export type JsonKind = 'string' | 'number' | 'boolean' | 'array' | 'object';

/**
 * A JSON shape as Marathon's RAML readers check it: a kind, an object's fields (`required` ones missing →
 * `error.path.missing`), an array's items, a map's values, or an enum matched case-insensitively.
 */
export type Shape =
  | JsonKind
  | { fields: Record<string, Shape>; required?: readonly string[] }
  | { items: Shape }
  | { values: JsonKind }
  | { oneOf: readonly string[] };

/** Whether `v` is of `kind` (a number must be finite). */
export function fitsKind(v: unknown, kind: JsonKind): boolean {
  if (kind === 'array') return Array.isArray(v);
  if (kind === 'object') return typeof v === 'object' && v !== null && !Array.isArray(v);
  return typeof v === kind && (kind !== 'number' || Number.isFinite(v));
}

/** Adds a type error per misfit below `at` (`''` is the document). Optional fields that are absent or null are skipped. */
export function checkShape(value: unknown, shape: Shape, at: string, types: Violations): void {
  const where = at || '/';
  if (typeof shape === 'string') {
    if (!fitsKind(value, shape)) types.add(where, `error.expected.js${shape}`);
  } else if ('oneOf' in shape) {
    // The RAML enum reader answers the same for a value that is not a string (type-generator EnumVisitor).
    if (typeof value !== 'string' || !shape.oneOf.some((o) => o.toLowerCase() === value.toLowerCase()))
      types.add(where, 'error.unknown.enum.literal');
  } else if ('items' in shape) {
    if (!Array.isArray(value)) types.add(where, 'error.expected.jsarray');
    else value.forEach((x, i) => checkShape(x, shape.items, `${at}(${i})`, types));
  } else if (!fitsKind(value, 'object')) {
    types.add(where, 'error.expected.jsobject');
  } else if ('values' in shape) {
    for (const [k, x] of Object.entries(value as Record<string, unknown>)) checkShape(x, shape.values, `${at}/${k}`, types);
  } else {
    const o = value as Record<string, unknown>;
    for (const f of shape.required ?? []) if (o[f] === undefined) types.add(`${at}/${f}`, 'error.path.missing');
    for (const [f, s] of Object.entries(shape.fields)) if (o[f] !== undefined && o[f] !== null) checkShape(o[f], s, `${at}/${f}`, types);
  }
}

/** Marathon reads an optional field that is null as absent (Play's `validateOpt`). */
export function withoutNulls(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withoutNulls);
  if (typeof x !== 'object' || x === null) return x;
  return Object.fromEntries(Object.entries(x).flatMap(([k, val]) => (val === null ? [] : [[k, withoutNulls(val)]])));
}

/**
 * Whether `raw` nests no deeper than MAX_JSON_DEPTH (the readers below recurse); if it does, a type error at the
 * path where it passes the limit. Checked without recursion.
 */
export function checkDepth(raw: unknown, types: Violations): boolean {
  const problem = jsonLimitProblem(raw, { maxDepth: MAX_JSON_DEPTH, maxChars: Number.POSITIVE_INFINITY });
  if (problem?.kind !== 'too-deep') return true;
  types.add(problem.path, limitText(problem));
  return false;
}
