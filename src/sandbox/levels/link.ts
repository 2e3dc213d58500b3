/**
 * A level as a link: `l=1.<base64url of deflate-raw compressed JSON>`, packed as scenario links are
 * (common/packed.ts). Decoding trusts nothing: size before and after inflating, the bytes, the JSON, then
 * the level's every field (`levelProblem`) and its scenario's own validation; each failure is a message.
 */
import { deflate, fromBase64Url, inflate, toBase64Url } from '../../common/packed.ts';
import { ScenarioError } from '../../common/scenario/reader.ts';
import { validateScenario } from '../../common/scenario/validate.ts';
import { changesProblem } from './changes.ts';
import { APP_FIELDS, type Level } from './types.ts';

export const LEVEL_LINK_VERSION = 1;
const PREFIX = 'l=';
export const MAX_LEVEL_LINK_CHARS = 100_000;
export const MAX_LEVEL_BYTES = 1_000_000;
/** A level lasts at most this long (simulated ms). */
export const MAX_LEVEL_MS = 2 * 3600 * 1000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown, until: number): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= until;
const str = (v: unknown): boolean => typeof v === 'string' && v.length > 0 && v.length <= 2000;

const GOAL_FIELDS: Record<string, Record<string, 'string' | 'count' | 'time' | 'bool'>> = {
  'min-running': { app: 'string', count: 'count', healthy: 'bool', from: 'time', forMs: 'time' },
  'max-unhealthy': { app: 'string', maxMs: 'time' },
  'traffic-errors': { client: 'string', maxSeconds: 'count' },
  leader: { maxMs: 'time' },
  'plan-complete': { service: 'string', plan: 'string', by: 'time' },
  'pods-running': { service: 'string', count: 'count', at: 'time' },
  'rolled-out': { app: 'string', cmd: 'string', count: 'count', by: 'time' },
};
const OPTIONAL = new Set(['healthy', 'from', 'forMs']);

function goalProblem(goal: unknown, i: number, until: number): string | null {
  const where = `goals[${i}]`;
  if (!isRecord(goal) || typeof goal.kind !== 'string' || !GOAL_FIELDS[goal.kind])
    return `${where}.kind: must be one of ${Object.keys(GOAL_FIELDS).join(', ')}`;
  const fields = GOAL_FIELDS[goal.kind]!;
  for (const key of Object.keys(goal)) if (key !== 'kind' && !fields[key]) return `${where}.${key}: not a field of a '${goal.kind}' goal`;
  for (const [key, type] of Object.entries(fields)) {
    const v = goal[key];
    if (v === undefined && OPTIONAL.has(key)) continue;
    const ok =
      type === 'string' ? str(v) : type === 'bool' ? typeof v === 'boolean' : type === 'count' ? isTime(v, 10_000) : isTime(v, until);
    if (!ok)
      return `${where}.${key}: must be ${type === 'string' ? 'a non-empty string' : type === 'bool' ? 'true or false' : type === 'count' ? 'a whole number from 0 to 10000' : `a whole number of ms from 0 to the level's until (${until})`}`;
  }
  return null;
}

function timedProblem(list: unknown, where: string, until: number, body: 'request' | 'fault'): string | null {
  if (list === undefined) return null;
  if (!Array.isArray(list)) return `${where}: expected a list`;
  for (const [i, item] of list.entries()) {
    if (!isRecord(item) || !isTime(item.at, until)) return `${where}[${i}].at: must be a whole number of ms from 0 to ${until}`;
    const inner = item[body];
    if (!isRecord(inner)) return `${where}[${i}].${body}: expected an object`;
    if (body === 'fault' && !str(inner.kind)) return `${where}[${i}].fault.kind: must be a fault kind`;
    if (body === 'request' && (!str(inner.method) || !str(inner.path))) return `${where}[${i}].request: needs a method and a path`;
  }
  return null;
}

function allowedProblem(allowed: unknown): string | null {
  if (!isRecord(allowed)) return 'allowed: expected an object {"apps"?, "masters"?, "actions"?}';
  if (allowed.apps !== undefined) {
    if (!isRecord(allowed.apps)) return 'allowed.apps: expected an object by app id';
    for (const [id, fields] of Object.entries(allowed.apps))
      if (!Array.isArray(fields) || fields.some((f) => !(APP_FIELDS as readonly unknown[]).includes(f)))
        return `allowed.apps.${id}: must list fields among ${APP_FIELDS.join(', ')}`;
  }
  if (allowed.masters !== undefined && (!Array.isArray(allowed.masters) || allowed.masters.some((m) => m !== 1 && m !== 3 && m !== 5)))
    return 'allowed.masters: must list numbers of masters among 1, 3, 5';
  if (
    allowed.actions !== undefined &&
    (!Array.isArray(allowed.actions) || allowed.actions.some((a) => typeof a !== 'string' || !/^(POST|PUT|PATCH|DELETE) \//.test(a)))
  )
    return 'allowed.actions: must list patterns "METHOD /path" (POST, PUT, PATCH or DELETE)';
  return null;
}

/** Why `raw` is not a level this sandbox can run, or null. */
export function levelProblem(raw: unknown): string | null {
  if (!isRecord(raw)) return 'a level must be a JSON object';
  const known = [
    'id',
    'title',
    'story',
    'scenario',
    'actions',
    'faults',
    'randomFaults',
    'goals',
    'until',
    'allowed',
    'reference',
    'naive',
  ];
  for (const key of Object.keys(raw)) if (!known.includes(key)) return `${key}: not a field of a level`;
  if (typeof raw.id !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(raw.id) || raw.id.length > 60)
    return 'id: must be lower-case words joined by dashes (at most 60 characters)';
  if (!str(raw.title) || !str(raw.story)) return 'title and story: must be non-empty strings';
  if (typeof raw.until !== 'number' || !Number.isInteger(raw.until) || raw.until < 1000 || raw.until > MAX_LEVEL_MS)
    return `until: must be a whole number of ms from 1000 to ${MAX_LEVEL_MS}`;
  const until = raw.until;
  try {
    validateScenario(raw.scenario);
  } catch (e) {
    if (e instanceof ScenarioError) return `scenario: ${e.message}`;
    throw e;
  }
  if (!Array.isArray(raw.goals) || raw.goals.length === 0) return 'goals: expected a non-empty list';
  for (const [i, goal] of raw.goals.entries()) {
    const problem = goalProblem(goal, i, until);
    if (problem) return problem;
  }
  const problem =
    timedProblem(raw.actions, 'actions', until, 'request') ??
    timedProblem(raw.faults, 'faults', until, 'fault') ??
    allowedProblem(raw.allowed);
  if (problem) return problem;
  if (raw.randomFaults !== undefined) {
    const r = raw.randomFaults;
    if (
      !isRecord(r) ||
      !isTime(r.seed, 2 ** 32) ||
      !isTime(r.count, 100) ||
      !isTime(r.from, until) ||
      !isTime(r.to, until) ||
      !Array.isArray(r.kinds)
    )
      return 'randomFaults: expected {"seed", "count" (at most 100), "from", "to", "kinds"}';
    if (r.kinds.length === 0 || r.kinds.some((k) => k !== 'agent-crash' && k !== 'leader-crash' && k !== 'task-crash'))
      return 'randomFaults.kinds: must list agent-crash, leader-crash or task-crash';
  }
  for (const which of ['reference', 'naive'] as const) {
    const s = raw[which];
    if (!isRecord(s) || !isRecord(s.expect) || typeof s.expect.won !== 'boolean')
      return `${which}: expected {"changes", "expect": {"won", …}}`;
    const refused = changesProblem(raw as unknown as Level, s.changes);
    if (refused) return `${which}.changes: ${refused}`;
  }
  return null;
}

/** What goes after `#` in the URL: the level, compressed. */
export async function encodeLevel(level: Level): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(level));
  return `${PREFIX}${LEVEL_LINK_VERSION}.${toBase64Url(await deflate(json))}`;
}

export type DecodedLevel = { ok: true; level: Level } | { ok: false; error: string };

export async function decodeLevel(fragment: string): Promise<DecodedLevel> {
  const fail = (error: string): DecodedLevel => ({ ok: false, error });
  const text = fragment.replace(/^#/, '');
  if (!text.startsWith(PREFIX)) return fail('This link does not contain a chaos level.');
  if (text.length > MAX_LEVEL_LINK_CHARS) return fail(`This link is too long to be a level (at most ${MAX_LEVEL_LINK_CHARS} characters).`);
  const dot = text.indexOf('.');
  const version = dot < 0 ? '' : text.slice(PREFIX.length, dot);
  if (!/^[0-9]+$/.test(version)) return fail('This level link is damaged: it has no version number.');
  if (Number(version) !== LEVEL_LINK_VERSION)
    return fail(
      `This level link uses format ${version}; this sandbox reads format ${LEVEL_LINK_VERSION}. Reload to get the latest version.`,
    );
  const bytes = fromBase64Url(text.slice(dot + 1));
  if (!bytes || bytes.length === 0) return fail('This level link is damaged: its data is not valid base64url (was it cut or changed?).');
  let json: Uint8Array | null;
  try {
    json = await inflate(bytes, MAX_LEVEL_BYTES);
  } catch {
    return fail('This level link is damaged: its data does not decompress (was it cut short?).');
  }
  if (!json) return fail(`This level link expands to more than ${MAX_LEVEL_BYTES} bytes.`);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)) as unknown;
  } catch {
    return fail('This level link is damaged: its data is not JSON.');
  }
  const problem = levelProblem(raw);
  return problem ? fail(`This level is not valid: ${problem}`) : { ok: true, level: raw as Level };
}
