/**
 * Environment variables of apps (`env`) and pods (`environment`, also per container): `environmentVariable.raml`
 * EnvVarValueOrSecret, a string or `{"secret": name}`. The RAML union reads EnvVarValue, else EnvVarSecret, and
 * reports the last reader's errors: a value neither a string nor an object with `secret` answers
 * `error.path.missing` at `…/NAME/secret`, a `secret` that is not a string `error.expected.jsstring`.
 */
import { fitsKind } from './json-shape.ts';
import type { Violations } from './violations.ts';

/** Type errors of an env map at `at` (`/env`, `/containers(0)/environment`); absent or null is no map. */
export function checkEnvVars(env: unknown, at: string, types: Violations): void {
  if (env === undefined || env === null) return;
  if (!fitsKind(env, 'object')) {
    types.add(at, 'error.expected.jsobject');
    return;
  }
  for (const [name, value] of Object.entries(env as Record<string, unknown>)) {
    if (typeof value === 'string') continue;
    const secret = fitsKind(value, 'object') ? (value as Record<string, unknown>).secret : undefined;
    if (secret === undefined) types.add(`${at}/${name}/secret`, 'error.path.missing');
    else if (typeof secret !== 'string') types.add(`${at}/${name}/secret`, 'error.expected.jsstring');
  }
}
