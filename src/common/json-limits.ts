/**
 * How deep and how large a request body may be, checked without recursion before anything reads it: readers that
 * recurse (JSON.stringify, structuredClone, the Marathon readers) then never meet a body deeper than the limit.
 */

import { MAX_ACTION_BODY_BYTES } from './scenario/limits.ts';

/**
 * Nesting of objects and arrays. Jackson (Marathon's JSON parser) refuses documents nested deeper than 1000 since
 * 2.15 (`StreamReadConstraints.DEFAULT_MAX_DEPTH`); stout's parser in Mesos, deeper than 200 (`STOUT_JSON_MAX_DEPTH`).
 */
export const MAX_JSON_DEPTH = 1000;
export const MESOS_MAX_JSON_DEPTH = 200;

/**
 * Characters of JSON in one request body: the sandbox's limit on a write's body (MAX_ACTION_BODY_BYTES, what a
 * scenario file can carry), applied here to every request, reads and direct callers of the router included.
 */
export const MAX_BODY_CHARS = MAX_ACTION_BODY_BYTES;

export interface JsonLimits {
  maxDepth: number;
  maxChars: number;
}

export type JsonLimitProblem =
  { kind: 'too-deep'; depth: number; limit: number; path: string } | { kind: 'too-large'; chars: number; limit: number };

interface Node {
  value: unknown;
  depth: number;
  parent: Node | null;
  /** `/name` or `(3)`, Marathon's path syntax. */
  step: string;
}

const pathOf = (node: Node | null): string => {
  const steps: string[] = [];
  for (let n = node; n !== null; n = n.parent) steps.push(n.step);
  return steps.reverse().join('') || '/';
};

/**
 * The first limit `value` passes, or null. Sizes count as in the JSON text (approximately: strings by their
 * UTF-16 length). The walk stops as soon as either limit is passed, so a cyclic or huge value costs at most
 * `maxChars` steps.
 */
export function jsonLimitProblem(value: unknown, limits: JsonLimits): JsonLimitProblem | null {
  if (typeof value === 'string') {
    return value.length > limits.maxChars ? { kind: 'too-large', chars: value.length, limit: limits.maxChars } : null;
  }
  const stack: Node[] = [{ value, depth: 0, parent: null, step: '' }];
  let chars = 0;
  while (stack.length > 0) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v === 'string') chars += v.length + 2;
    else if (typeof v !== 'object' || v === null) chars += String(v).length;
    else {
      const depth = node.depth + 1;
      if (depth > limits.maxDepth) return { kind: 'too-deep', depth, limit: limits.maxDepth, path: pathOf(node) };
      if (Array.isArray(v)) {
        chars += 2 + v.length;
        for (let i = v.length - 1; i >= 0 && chars <= limits.maxChars; i--)
          stack.push({ value: v[i] as unknown, depth, parent: node, step: `(${i})` });
      } else {
        const keys = Object.keys(v);
        chars += 2 + keys.length;
        for (let i = keys.length - 1; i >= 0 && chars <= limits.maxChars; i--) {
          chars += keys[i]!.length + 3;
          stack.push({ value: (v as Record<string, unknown>)[keys[i]!], depth, parent: node, step: `/${keys[i]!}` });
        }
      }
    }
    if (chars > limits.maxChars) return { kind: 'too-large', chars, limit: limits.maxChars };
  }
  return null;
}

/** A body as text or parsed, checked against the limits (text is parsed only when it is small enough). */
export function bodyLimitProblem(body: unknown, limits: JsonLimits): JsonLimitProblem | null {
  if (typeof body !== 'string') return jsonLimitProblem(body, limits);
  if (body.length > limits.maxChars) return { kind: 'too-large', chars: body.length, limit: limits.maxChars };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body) as unknown;
  } catch {
    return null; // not JSON: the service answers as it does for any malformed body
  }
  return jsonLimitProblem(parsed, { maxDepth: limits.maxDepth, maxChars: Number.POSITIVE_INFINITY });
}

/** The problem in words. */
export function limitText(problem: JsonLimitProblem): string {
  return problem.kind === 'too-large'
    ? `Request Entity Too Large: the body has more than ${problem.limit} characters of JSON`
    : `JSON nesting depth (${problem.depth}) exceeds the maximum allowed (${problem.limit}) at ${problem.path}`;
}
