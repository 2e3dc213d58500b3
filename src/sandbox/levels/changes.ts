/**
 * The player's changes: checked against the level's whitelist (`changesProblem`, which says why a change is
 * refused), then applied to a copy of the level's scenario (`applyChanges`). Marathon itself judges the values
 * when the app is deployed, as it would for any client.
 */
import type { Scenario } from '../../common/scenario/types.ts';
import { APP_FIELDS, type Changes, type Level, type TimedRequest } from './types.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `POST /service/kafka/v1/pod/*\/replace` matches `POST /service/kafka/v1/pod/{{lostPod:kafka}}/replace`. */
function matches(pattern: string, req: TimedRequest['request']): boolean {
  const [method, path = ''] = pattern.split(' ');
  if (method !== req.method) return false;
  const want = path.split('/');
  const got = req.path.split('?')[0]!.split('/');
  return want.length === got.length && want.every((w, i) => w === '*' || w === got[i]);
}

function actionProblem(level: Level, a: unknown, i: number): string | null {
  const where = `actions[${i}]`;
  if (!isRecord(a) || !isRecord(a.request)) return `${where}: expected {"at", "request": {"method", "path", "body"?}}`;
  if (typeof a.at !== 'number' || !Number.isInteger(a.at) || a.at < 0 || a.at > level.until)
    return `${where}.at: must be a whole number of ms from 0 to ${level.until}`;
  const req = a.request as TimedRequest['request'];
  if (typeof req.method !== 'string' || typeof req.path !== 'string') return `${where}.request: needs a method and a path`;
  const allowed = level.allowed.actions ?? [];
  if (!allowed.some((p) => matches(p, req)))
    return `${where}: ${req.method} ${req.path} is not an action this level allows${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`;
  return null;
}

function appProblem(level: Level, id: string, fields: unknown): string | null {
  const allowed = level.allowed.apps?.[id];
  if (!allowed) {
    const apps = Object.keys(level.allowed.apps ?? {});
    return `apps.${id}: this level does not let you change ${id}${apps.length ? ` (only ${apps.join(', ')})` : ''}`;
  }
  if (!isRecord(fields)) return `apps.${id}: expected an object of app fields`;
  for (const field of Object.keys(fields)) {
    if (!(APP_FIELDS as readonly string[]).includes(field) || !(allowed as string[]).includes(field))
      return `apps.${id}.${field}: not a field this level lets you change (allowed: ${allowed.join(', ')})`;
  }
  return null;
}

/** Why these changes are not allowed in this level, or null when they are. */
export function changesProblem(level: Level, changes: unknown): string | null {
  if (!isRecord(changes)) return 'changes: expected an object {"apps"?, "masters"?, "actions"?}';
  for (const key of Object.keys(changes))
    if (key !== 'apps' && key !== 'masters' && key !== 'actions') return `${key}: not something a level lets you change`;
  if (changes.apps !== undefined) {
    if (!isRecord(changes.apps)) return 'apps: expected an object by app id';
    for (const [id, fields] of Object.entries(changes.apps)) {
      const problem = appProblem(level, id, fields);
      if (problem) return problem;
    }
  }
  if (changes.masters !== undefined) {
    const allowed = level.allowed.masters ?? [];
    if (!allowed.includes(changes.masters as number))
      return allowed.length
        ? `masters: must be one of ${allowed.join(', ')}`
        : 'masters: this level does not let you change the number of masters';
  }
  if (changes.actions !== undefined) {
    if (!Array.isArray(changes.actions)) return 'actions: expected a list';
    for (const [i, a] of changes.actions.entries()) {
      const problem = actionProblem(level, a, i);
      if (problem) return problem;
    }
  }
  return null;
}

/** A copy of the level's scenario with the changes made (they must be allowed: see changesProblem). */
export function applyChanges(scenario: Scenario, changes: Changes): Scenario {
  const out = structuredClone(scenario);
  if (changes.masters !== undefined) out.cluster.masters = changes.masters;
  for (const [id, fields] of Object.entries(changes.apps ?? {})) {
    const index = out.marathon.apps.findIndex((a) => isRecord(a) && a.id === id);
    if (index < 0) throw new RangeError(`the scenario has no app ${id}`);
    out.marathon.apps[index] = { ...(out.marathon.apps[index] as Record<string, unknown>), ...structuredClone(fields) };
  }
  return out;
}
