/**
 * The page's stand-in for app-rules.ts (vite.config.ts swaps it in for the page's bundle only), as
 * constraint-regex-page.ts is for RE2: the page reads scenarios and pasted definitions to name their bad fields
 * before the worker opens them, and the app shell has a size budget. These rules guard fields the sandbox does not
 * simulate (containers, secrets, volumes, readiness checks, SDK labels…); the worker, which has the full module,
 * answers every definition with them: a scenario is refused at load, a posted app with the same 422 field and
 * message. Tests and the worker use the full module.
 */
import type { Violations } from './violations.ts';

type Json = Record<string, unknown>;

export function deprecatedContainerViolations(json: Json, v: Violations): void {
  void json;
  void v;
}

export function canonicalViolations(json: Json, features: readonly string[], v: Violations): void {
  void json;
  void features;
  void v;
}

export function modelViolations(json: Json, v: Violations): void {
  void json;
  void v;
}
