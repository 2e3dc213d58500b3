/**
 * A cluster's script: the API writes made so far (with their simulated times), then the scripted
 * actions still to come. Replaying a scenario whose script holds the writes gives the same history.
 */
import type { ScriptAction } from '../common/scenario/types.ts';
import type { ApiRequest, ApiResponse } from '../api/types.ts';
import { MAX_ACTION_BODY_BYTES, MAX_RECORDED_BODY_DEPTH, MAX_SCRIPT_BYTES } from '../common/scenario/limits.ts';
import { jsonLimitProblem } from '../common/json-limits.ts';
import { API_SERVICES } from './components.ts';

function isActionMethod(method: unknown): method is ScriptAction['request']['method'] {
  return method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE';
}

/**
 * POSTs that only read, as each service declares them (`ApiService.postReads`: Cosmos' queries from dcos/cosmos
 * `rpc/v1/model`, IAM's login, which issues a token from the state and the clock alone), as full paths. They are not
 * actions, so opening the Catalog or Settings at a past moment drops nothing, and a login's password is not kept in
 * the script (the session write that follows carries only the token).
 */
const POST_READS: ReadonlySet<string> = new Set(API_SERVICES.flatMap((s) => (s.postReads ?? []).map((p) => `/${s.prefix}/${p}`)));

const isPostRead = (path: string): boolean => POST_READS.has(path.replace(/\?.*$/, '').replace(/(.)\/$/, '$1'));

/**
 * A write: a request that may change the cluster, so the history hash and the script both keep it.
 * Reads (GETs and the POSTs above), and methods no route acts on (HEAD, OPTIONS, TRACE, `post`, …: answered 405), are not.
 */
export function isAction(req: ApiRequest): req is ApiRequest & { method: ScriptAction['request']['method']; path: string } {
  return isActionMethod(req?.method) && typeof req.path === 'string' && !(req.method === 'POST' && isPostRead(req.path));
}

function plainCopy(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/** A request body as the history hash and the script record it; null when it cannot be written as JSON (nested too deeply, say). */
export function bodyText(body: unknown): string | null {
  if (body === undefined) return '';
  if (typeof body === 'string') return body;
  if (jsonLimitProblem(body, { maxDepth: MAX_RECORDED_BODY_DEPTH, maxChars: Number.POSITIVE_INFINITY })) return null;
  try {
    return JSON.stringify(body) ?? '';
  } catch {
    return null;
  }
}

/** The answer to a write whose body cannot be recorded (so could not replay). */
export const UNWRITABLE_BODY: ApiResponse = {
  status: 400,
  body: { message: 'Invalid JSON: the request body cannot be written as JSON (nested too deeply?)' },
};

const utf8 = new TextEncoder();
const bytesOf = (text: string): number => utf8.encode(text).length;

export class Script {
  #planned: readonly ScriptAction[];
  #next: number;
  readonly #made: ScriptAction[];
  /** The compact JSON size of the actions made. */
  #bytes: number;

  /** `done`: how many of the planned actions already ran (a cluster resumed from a snapshot). */
  constructor(planned: readonly ScriptAction[], done = 0) {
    if (done > planned.length) throw new RangeError('the snapshot ran more actions than the script has');
    this.#planned = planned;
    this.#next = done;
    this.#made = planned.slice(0, done).map((a) => structuredClone(a));
    this.#bytes = this.#made.reduce((sum, a) => sum + bytesOf(JSON.stringify(a)), 0);
  }

  /**
   * Why a write with body `text` (its bodyText) cannot be kept, as the answer to give instead; null
   * when it can. Whatever the script keeps must replay and fit in a scenario file.
   */
  refusal(text: string): ApiResponse | null {
    const body = bytesOf(text);
    if (body > MAX_ACTION_BODY_BYTES)
      return {
        status: 413,
        body: { message: `Request body of ${body} bytes is over the sandbox's limit of ${MAX_ACTION_BODY_BYTES} bytes` },
      };
    if (this.#bytes + body > MAX_SCRIPT_BYTES)
      return {
        status: 413,
        body: {
          message: `This cluster's recorded actions would pass ${MAX_SCRIPT_BYTES} bytes, what a scenario file keeps: export it, or start a new cluster`,
        },
      };
    return null;
  }

  /** How many actions have run (planned or made through the API). */
  get done(): number {
    return this.#made.length;
  }

  /** Scripted actions that have not run yet. */
  get pending(): number {
    return this.#planned.length - this.#next;
  }

  /** When the next planned action is due (simulated ms), or undefined when none is left. */
  get nextAt(): number | undefined {
    return this.#planned[this.#next]?.at;
  }

  /** The next planned action if it is due by `until`; it counts as run. */
  takeDue(until: number): ScriptAction | undefined {
    const next = this.#planned[this.#next];
    if (next === undefined || next.at > until) return undefined;
    this.#next++;
    return next;
  }

  /** Keep an API write made at `at` (reads and malformed calls are not actions). */
  record(at: number, req: ApiRequest, text: string): void {
    if (!isAction(req)) return;
    const request: ScriptAction['request'] = { method: req.method, path: req.path };
    if (req.body !== undefined) request.body = typeof req.body === 'string' ? req.body : plainCopy(text);
    if (req.headers !== undefined) request.headers = { ...req.headers };
    const action = { at, request };
    this.#made.push(action);
    this.#bytes += bytesOf(JSON.stringify(action));
  }

  /** The actions made so far, then those still to come. */
  actions(): ScriptAction[] {
    return [...this.#made, ...this.#planned.slice(this.#next)];
  }

  /** Fork here: the planned actions not run yet are dropped. Returns how many. */
  dropPending(): number {
    const dropped = this.pending;
    this.#planned = this.#planned.slice(0, this.#next);
    return dropped;
  }
}
