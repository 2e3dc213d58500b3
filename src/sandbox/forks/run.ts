/**
 * Running one variant: its scenario without the variant's writes up to the fork (the history every variant shares,
 * whose hash is taken there), then the writes made live at the fork (as a replayed script makes them: after that
 * moment's events, one after the other), then the clock moved to `until`, sampled every `sampleEveryMs`.
 * The sandbox's `scenario()` at the end is the variant's scenario: replaying it gives the same history.
 */
import type { AllocatorChoice, Sandbox } from '../types.ts';
import { createSandbox } from '../index.ts';
import { DeploymentWatch, placementsOf, sampleOf } from './observe.ts';
import type { Sample, VariantReport, VariantScenario, WriteAnswer } from './types.ts';

export interface RunVariantOptions {
  /** The allocator and constraint kernels: Wasm (default) or the TypeScript twins (same answers). */
  kernels?: AllocatorChoice;
}

/** Adds up, per app, the time it had instances waiting: from the queue's `since` to the last sample that saw it wait. */
class WaitingClock {
  readonly #open = new Map<string, { from: number; last: number }>();
  readonly #total = new Map<string, number>();
  constructor(readonly forkAt: number) {}

  sample(at: number, since: ReadonlyMap<string, number>): void {
    for (const [app, open] of this.#open) {
      const from = since.get(app);
      if (from !== undefined && (Number.isNaN(from) || Math.max(from, this.forkAt) <= open.last)) open.last = at;
      else this.#close(app);
    }
    for (const [app, from] of since) {
      if (this.#open.has(app)) continue;
      const start = Math.max(Number.isNaN(from) ? at : from, this.forkAt);
      this.#open.set(app, { from: start, last: at });
    }
  }

  #close(app: string): void {
    const open = this.#open.get(app);
    if (!open) return;
    this.#open.delete(app);
    this.#total.set(app, (this.#total.get(app) ?? 0) + open.last - open.from);
  }

  totals(): Record<string, number> {
    for (const app of [...this.#open.keys()]) this.#close(app);
    return Object.fromEntries([...this.#total].sort(([a], [b]) => a.localeCompare(b)));
  }
}

function messageOf(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'message' in body) return String((body as { message: unknown }).message);
  return JSON.stringify(body) ?? '';
}

/**
 * Run `variant` from the start to `untilMs` (at least its fork) and measure it from the fork on. Same variant,
 * same report. Samples are taken at the fork (after its writes), every `sampleEveryMs` after, and at `untilMs`.
 */
export async function runVariant(
  variant: VariantScenario,
  untilMs: number,
  sampleEveryMs: number,
  options: RunVariantOptions = {},
): Promise<VariantReport> {
  const { at, changes } = variant;
  if (!(sampleEveryMs > 0)) throw new RangeError('sampleEveryMs must be above 0');
  if (!(untilMs >= at)) throw new RangeError(`untilMs (${untilMs}) must not be before the fork (${at})`);
  const script = variant.scenario.script;
  if (!(Number.isInteger(changes) && changes >= 0 && changes <= script.length)) throw new RangeError('changes: not a count of the script');
  const writes = script.slice(script.length - changes);
  if (writes.some((w) => w.at !== at)) throw new RangeError("a variant's writes are made at its fork");
  const shared = { ...variant.scenario, script: script.slice(0, script.length - changes) };
  const watch = new DeploymentWatch();
  const kernel = options.kernels ?? 'wasm';
  const observe = (state: Parameters<DeploymentWatch['observe']>[0], now: number) => watch.observe(state, now);
  const sandbox: Sandbox = await createSandbox(shared, {
    allocator: kernel,
    matcher: kernel,
    observer: { event: (_e, state, now) => observe(state, now), action: (a, state) => observe(state, a.at) },
  });
  sandbox.advance(at);
  const hashAtFork = sandbox.historyHash();
  const answers: WriteAnswer[] = writes.map(({ request }) => {
    const answer = sandbox.request(request);
    return { request, status: answer.status, message: answer.status >= 300 ? messageOf(answer.body) : null };
  });
  const since = new Map<string, number>();
  const waiting = new WaitingClock(at);
  const samples: Sample[] = [];
  const take = (): void => {
    samples.push(sampleOf(sandbox, since));
    waiting.sample(sandbox.now, since);
  };
  take();
  while (sandbox.now < untilMs) {
    sandbox.advance(Math.min(sampleEveryMs, untilMs - sandbox.now));
    take();
  }
  return {
    name: variant.name,
    at,
    until: untilMs,
    sampleEveryMs,
    hashAtFork,
    hashAtEnd: sandbox.historyHash(),
    events: sandbox.eventCount,
    writes: answers,
    samples,
    placements: placementsOf(sandbox.request),
    deployments: watch.records(at),
    waitingMs: waiting.totals(),
  };
}
