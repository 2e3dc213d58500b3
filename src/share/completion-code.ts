/**
 * Completion codes: what a finished lesson or a won chaos level hands the reader, to show a teacher.
 *
 *   DCOS1-<base64url of deflate-raw compressed JSON>.<8 hex digits of checksum>
 *
 * The JSON is a claim. A lesson's: which lesson, the hash of its starting scenario, the actions (the API writes the
 * reader made, with their simulated times, as the cluster's script keeps them), the UI events the goals count (a
 * share link made, the offer cycle watched: the API cannot see them), the simulated moment the lesson was
 * finished at, and the cluster's history hash at that moment. A level's: which level (a shipped one by id, one from
 * a link carried whole), the hash of the level, the player's changes, and the win claimed: the run's last moment and
 * its history hash. The checksum catches a typo or a cut; what the claim says is checked by replaying it
 * (completion-verify.ts, completion-level.ts). Decoding trusts nothing and never throws: every failure is a reason
 * in words.
 */
import type { ScriptAction } from '../common/scenario/types.ts';
import { deflate, fromBase64Url, inflate, toBase64Url } from '../common/packed.ts';
import { checksumOf, stableHash } from './completion-bytes.ts';

export const COMPLETION_VERSION = 1;
export const COMPLETION_PREFIX = `DCOS${COMPLETION_VERSION}-`;
/** Longer pasted text is refused before any work. */
export const MAX_CODE_CHARS = 100_000;
/** Inflating stops here (a small code must not expand into a huge one). */
export const MAX_CLAIM_BYTES = 1_000_000;
/** A claim's moment is at most this far into the run (simulated ms): six hours, as share links. */
export const MAX_FINISHED_AT_MS = 6 * 3600 * 1000;

export type CompletionKind = 'lesson' | 'level';

/** A UI event (src/tutorial/types.ts `UiEvent`) and the simulated time it was seen at. */
export interface ClaimedEvent {
  at: number;
  event: string;
}

export interface LessonClaim {
  kind: 'lesson';
  /** The lesson's id. */
  id: string;
  /** `scenarioHash(lesson.scenario)` when the code was made. */
  scenarioHash: string;
  /** The writes made since the lesson started, in order, without the lesson's own scripted ones (`lessonActions`). */
  actions: ScriptAction[];
  events: ClaimedEvent[];
  /** Simulated ms at which the lesson was finished. */
  finishedAt: number;
  /** The cluster's history hash at `finishedAt`. */
  historyHash: string;
}

/** A won chaos level: the level's own checks (its whitelist, `levelProblem`) are the worker's, made when it is replayed. */
export interface LevelClaim {
  kind: 'level';
  /** The level's id. */
  id: string;
  /** `stableHash(level)`: a shipped level changed since the code was made, or a carried one altered, has another. */
  levelHash: string;
  /** The whole level, for one that is not shipped (opened from a link); absent for a shipped level. */
  level?: unknown;
  /** The player's changes (`Changes`: apps, masters, actions) as they were run. */
  changes: unknown;
  /** Simulated ms at which the run ended, won (the level's `until`). */
  finishedAt: number;
  /** The run's history hash at `finishedAt`. */
  historyHash: string;
}

export type CompletionClaim = LessonClaim | LevelClaim;

export type DecodedCompletion = { ok: true; claim: CompletionClaim } | { ok: false; reason: string };

/** The stable hash of a starting scenario (canonical JSON): a lesson changed since the code was made has another. */
export function scenarioHash(scenario: unknown): string {
  return stableHash(scenario);
}

/** The lesson scenario's own scripted actions (a fault at 0 s, say): they run in every replay, so codes leave them out. */
export function scriptOf(scenario: unknown): ScriptAction[] {
  const script = (scenario as { script?: unknown } | null)?.script;
  return Array.isArray(script) ? (script as ScriptAction[]) : [];
}

const sameAction = (a: ScriptAction, b: ScriptAction): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The cluster's script up to `at`, less the lesson's own actions (each left out once, where it ran): the claim's actions. */
export function lessonActions(lessonScript: readonly ScriptAction[], script: readonly ScriptAction[], at: number): ScriptAction[] {
  const own = [...lessonScript];
  const out: ScriptAction[] = [];
  for (const action of script) {
    if (action.at > at) continue;
    const i = own.findIndex((o) => sameAction(o, action));
    if (i >= 0) own.splice(i, 1);
    else out.push(action);
  }
  return out;
}

/** The claim as a code: `DCOS1-<data>.<checksum>`. */
export async function encodeCompletion(claim: CompletionClaim): Promise<string> {
  const payload =
    claim.kind === 'lesson'
      ? { k: claim.kind, id: claim.id, s: claim.scenarioHash, a: claim.actions, e: claim.events, t: claim.finishedAt, h: claim.historyHash }
      : {
          k: claim.kind,
          id: claim.id,
          s: claim.levelHash,
          ...(claim.level === undefined ? {} : { l: claim.level }),
          c: claim.changes,
          w: true,
          t: claim.finishedAt,
          h: claim.historyHash,
        };
  const body = `${COMPLETION_PREFIX}${toBase64Url(await deflate(new TextEncoder().encode(JSON.stringify(payload))))}`;
  return `${body}.${checksumOf(body)}`;
}

export async function decodeCompletion(code: string): Promise<DecodedCompletion> {
  const fail = (reason: string): DecodedCompletion => ({ ok: false, reason });
  const text = code.replace(/\s+/g, '');
  if (text === '') return fail('There is no code: paste the code the lesson gave you.');
  if (text.length > MAX_CODE_CHARS)
    return fail(`This is too long to be a completion code (${text.length} characters, at most ${MAX_CODE_CHARS}).`);
  const version = /^DCOS(\d+)-/.exec(text);
  if (!version) return fail(`This is not a completion code: a code starts with “${COMPLETION_PREFIX}”.`);
  if (Number(version[1]) !== COMPLETION_VERSION)
    return fail(
      Number(version[1]) > COMPLETION_VERSION
        ? `This code was made by a newer version of the sandbox (format ${version[1]}); this page reads format ${COMPLETION_VERSION}. Reload to get the latest version.`
        : `This code uses format ${version[1]}, which this sandbox does not read.`,
    );
  const dot = text.lastIndexOf('.');
  const sum = dot < 0 ? '' : text.slice(dot + 1);
  if (sum.length < 8)
    return fail('The code is cut short: the 8-digit checksum after the last “.” is missing or incomplete. Copy the whole code.');
  const body = text.slice(0, dot);
  if (checksumOf(body) !== sum.toLowerCase())
    return fail(
      'The checksum does not match: a character of the code was changed, added or lost (a typo, or a code cut and pasted in part).',
    );
  const bytes = fromBase64Url(body.slice(COMPLETION_PREFIX.length));
  if (!bytes || bytes.length === 0) return fail('The code is damaged: its data is not base64url.');
  let json: Uint8Array | null;
  try {
    json = await inflate(bytes, MAX_CLAIM_BYTES);
  } catch {
    return fail('The code is damaged: its data does not decompress.');
  }
  if (!json) return fail(`The code expands to more than ${MAX_CLAIM_BYTES} bytes: it is not one this sandbox made.`);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)) as unknown;
  } catch {
    return fail('The code is damaged: its data is not JSON.');
  }
  const claim = claimOf(raw);
  return typeof claim === 'string' ? fail(`The code is damaged: ${claim}.`) : { ok: true, claim };
}

const isTime = (v: unknown, max = MAX_FINISHED_AT_MS): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max;
const METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The claim in `raw`, or what is wrong with it. Action bodies are checked again when the replay validates its scenario. */
function claimOf(raw: unknown): CompletionClaim | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'it holds no claim';
  const r = raw as Record<string, unknown>;
  const { k, id, s, a, e, t, h } = r;
  if (k !== 'lesson' && k !== 'level') return 'its kind is neither a lesson nor a level';
  if (typeof id !== 'string' || !/^[a-z0-9-]{1,64}$/.test(id)) return `its ${k} id is not valid`;
  if (typeof s !== 'string' || !/^[0-9a-f]{16}$/.test(s)) return `its ${k === 'lesson' ? 'scenario' : 'level'} hash is not valid`;
  if (!isTime(t)) return `its finishing time is not from 0 to ${MAX_FINISHED_AT_MS} ms`;
  if (typeof h !== 'string' || h.length === 0 || h.length > 128) return 'its history hash is not valid';
  if (k === 'level') return levelClaimOf(r, { id, levelHash: s, finishedAt: t, historyHash: h });
  if (!Array.isArray(a)) return 'it has no list of actions';
  for (const [i, action] of a.entries()) {
    const problem = actionProblem(action, t);
    if (problem) return `action ${i + 1} ${problem}`;
    if (i > 0 && (action as ScriptAction).at < (a[i - 1] as ScriptAction).at) return `action ${i + 1} comes before the one ahead of it`;
  }
  if (!Array.isArray(e)) return 'it has no list of UI events';
  for (const [i, ev] of e.entries()) {
    const o = ev as Partial<ClaimedEvent> | null;
    if (typeof o !== 'object' || o === null || !isTime(o.at, t) || typeof o.event !== 'string') return `UI event ${i + 1} is not valid`;
  }
  return { kind: 'lesson', id, scenarioHash: s, actions: a as ScriptAction[], events: e as ClaimedEvent[], finishedAt: t, historyHash: h };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A level claim's own fields; the level and the changes are judged by the level's checks when it is replayed. */
function levelClaimOf(r: Record<string, unknown>, common: Omit<LevelClaim, 'kind' | 'changes' | 'level'>): LevelClaim | string {
  if (r.w !== true) return 'it does not claim a win';
  if (!isRecord(r.c)) return 'its changes are not an object';
  if (r.l !== undefined && !isRecord(r.l)) return 'its level is not an object';
  return { kind: 'level', ...common, ...(r.l === undefined ? {} : { level: r.l }), changes: r.c };
}

function actionProblem(action: unknown, finishedAt: number): string | null {
  if (typeof action !== 'object' || action === null) return 'is not an action';
  const { at, request } = action as Partial<ScriptAction>;
  if (!isTime(at, finishedAt)) return 'has a time outside the run';
  if (typeof request !== 'object' || request === null) return 'has no request';
  if (!METHODS.has(request.method) || typeof request.path !== 'string' || !request.path.startsWith('/')) return 'is not an API write';
  return null;
}
