/**
 * The What-if page's handle on the lab (src/worker/lab.ts): the fork made and checked, the variants run in sandbox
 * workers at once (one per core at most), or all in one worker one after the other, then the reports compared.
 * Workers are started for a run and ended after it: the open cluster's worker is never used, so it keeps playing.
 */
import { SandboxBridge, type LabResult, type LabTask } from '../../../worker/bridge.ts';
import type { Comparison, VariantReport, VariantScenario } from '../../../sandbox/forks/types.ts';
import type { ComparisonSpec } from '../../../share/comparison-link.ts';

type Answer<K extends LabResult['kind']> = Extract<LabResult, { kind: K }>;

export type Workers = 'parallel' | 'sequential';

export type VariantState = { name: string; state: 'waiting' | 'running' } | { name: string; state: 'done'; wallMs: number };

export interface ForkRun {
  scenarios: VariantScenario[];
  reports: VariantReport[];
  comparison: Comparison;
  /** Wall time of the whole run: workers started, variants run, reports compared. */
  wallMs: number;
  workers: Workers;
  /** How many workers ran the variants. */
  pool: number;
}

async function ask<K extends LabResult['kind']>(bridge: SandboxBridge, task: LabTask, kind: K): Promise<Answer<K>> {
  const answer = await bridge.lab(task);
  if (answer.kind === 'error') throw new Error(answer.message);
  if (answer.kind !== kind) throw new Error(`the lab answered ${answer.kind} to ${task.kind}`);
  return answer as Answer<K>;
}

export class ForkLab {
  #bridges: SandboxBridge[] = [];
  readonly #cores: number;

  /** `cores`: how many workers may run at once (the machine's logical cores). */
  constructor(cores = globalThis.navigator?.hardwareConcurrency || 2) {
    this.#cores = cores;
  }

  get cores(): number {
    return this.#cores;
  }
  /** A newer run (or dispose) makes an older one's answers stale. */
  #run = 0;

  /**
   * Fork `spec` and run its variants to `spec.untilMs`; `onState` hears each variant start and finish.
   * Rejects with the fork's reason (a write that can never work, names twice…) before anything runs.
   */
  async run(spec: ComparisonSpec, workers: Workers, onState: (states: VariantState[]) => void): Promise<ForkRun> {
    this.dispose();
    const run = ++this.#run;
    const started = performance.now();
    const first = this.#bridge(0);
    const { variants: scenarios } = await ask(
      first,
      { kind: 'fork', base: spec.scenario, at: spec.at, variants: spec.variants, baseline: spec.baseline },
      'fork',
    );
    const states: VariantState[] = scenarios.map((s) => ({ name: s.name, state: 'waiting' }));
    const tell = (i: number, state: VariantState) => {
      states[i] = state;
      if (run === this.#run) onState([...states]);
    };
    tell(0, states[0]!);
    const runOne = async (s: VariantScenario, i: number, bridge: SandboxBridge): Promise<VariantReport> => {
      const from = performance.now();
      tell(i, { name: s.name, state: 'running' });
      const task: LabTask = { kind: 'variant', scenario: s, untilMs: spec.untilMs, sampleEveryMs: spec.sampleEveryMs };
      const { report } = await ask(bridge, task, 'variant');
      tell(i, { name: s.name, state: 'done', wallMs: performance.now() - from });
      return report;
    };
    // Parallel: one worker per core at most, each taking the next variant when done with one. More workers than
    // cores only share the cores, and each would pay a cold start and an unwarmed JIT of its own.
    const pool = workers === 'parallel' ? Math.max(1, Math.min(scenarios.length, this.#cores)) : 1;
    const reports: VariantReport[] = new Array<VariantReport>(scenarios.length);
    let next = 0;
    const drain = async (bridge: SandboxBridge): Promise<void> => {
      for (let i = next++; i < scenarios.length; i = next++) reports[i] = await runOne(scenarios[i]!, i, bridge);
    };
    await Promise.all(Array.from({ length: pool }, (_, k) => drain(this.#bridge(k))));
    const { comparison } = await ask(first, { kind: 'compare', reports }, 'compare');
    const wallMs = performance.now() - started;
    if (run === this.#run) this.dispose();
    return { scenarios, reports, comparison, wallMs, workers, pool };
  }

  #bridge(i: number): SandboxBridge {
    return (this.#bridges[i] ??= new SandboxBridge());
  }

  /** End every worker of the run (a run still going rejects). */
  dispose(): void {
    this.#run++;
    for (const b of this.#bridges) b.terminate();
    this.#bridges = [];
  }
}
