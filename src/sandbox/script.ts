/**
 * A cluster's script: the API writes made so far (with their simulated times), then the scripted
 * actions still to come. Replaying a scenario whose script holds the writes gives the same history.
 */
import type { ScriptAction } from '../common/scenario/types.ts';
import type { ApiRequest } from '../api/types.ts';

function isActionMethod(method: unknown): method is ScriptAction['request']['method'] {
  return method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE';
}

function plainCopy(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/** A request body as the history hash records it. */
export function bodyText(body: unknown): string {
  if (body === undefined) return '';
  if (typeof body === 'string') return body;
  try {
    return JSON.stringify(body) ?? '';
  } catch {
    return '<unserializable>';
  }
}

export class Script {
  #planned: readonly ScriptAction[];
  #next: number;
  readonly #made: ScriptAction[];

  /** `done`: how many of the planned actions already ran (a cluster resumed from a snapshot). */
  constructor(planned: readonly ScriptAction[], done = 0) {
    if (done > planned.length) throw new RangeError('the snapshot ran more actions than the script has');
    this.#planned = planned;
    this.#next = done;
    this.#made = planned.slice(0, done).map((a) => structuredClone(a));
  }

  /** How many actions have run (planned or made through the API). */
  get done(): number {
    return this.#made.length;
  }

  /** Scripted actions that have not run yet. */
  get pending(): number {
    return this.#planned.length - this.#next;
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
    if (!isActionMethod(req?.method) || typeof req.path !== 'string') return;
    const request: ScriptAction['request'] = { method: req.method, path: req.path };
    if (req.body !== undefined) request.body = typeof req.body === 'string' ? req.body : plainCopy(text);
    this.#made.push({ at, request });
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
