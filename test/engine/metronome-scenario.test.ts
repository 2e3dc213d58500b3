/** The scenario's `metronome` section: read like Metronome's POST /v1/jobs, jobs present at boot, behaviours. */
import { describe, expect, it } from 'vitest';
import { createSandbox, ScenarioError, validateScenario } from '../../src/sandbox/index.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { untilMetronomeLeads } from '../api/metronome/support.ts';
import type { Json } from '../support/marathon.ts';

const withJobs = (metronome: unknown): Json => ({ ...structuredClone(defaultScenario), metronome });
const job = (id: string, extra: Json = {}): Json => ({ id, run: { cpus: 0.1, mem: 32, disk: 0, cmd: 'sleep 5' }, ...extra });

function problem(metronome: unknown): string {
  try {
    validateScenario(withJobs(metronome));
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

describe('scenario metronome', () => {
  it('is absent unless declared, so older scenarios read back unchanged', () => {
    expect('metronome' in validateScenario(structuredClone(defaultScenario))).toBe(false);
    const read = validateScenario(withJobs({ jobs: [job('a')] }));
    expect(read.metronome).toEqual({ jobs: [job('a')], behavior: {} });
  });

  it('names the bad field of a job as Metronome would refuse it', () => {
    expect(problem({ jobs: [{ id: 'a', run: { cpus: 0.1, mem: 16, disk: 0, cmd: 'x' } }] })).toBe(
      'metronome.jobs[0].run.mem: 16 is smaller than required minimum value of 32.',
    );
    expect(problem({ jobs: [job('a', { schedules: [{ id: 'every', cron: '61 * * * *' }] })] })).toBe(
      'metronome.jobs[0].schedules[0].cron: Can not read cron expression "61 * * * *"',
    );
    expect(problem({ jobs: [job('a'), job('a')] })).toBe("metronome.jobs[1].id: duplicate job id 'a'");
    expect(problem({ jobs: [job('b', { dependencies: [{ id: 'a' }] })] })).toBe(
      'metronome.jobs[0].dependencies: Dependencies contain unknown jobs. unknown=[a]',
    );
    expect(problem({ jobs: [], extra: 1 })).toMatch(/^metronome\.extra: unknown field/);
  });

  it('checks behaviours: known jobs, positive durations, rates in 0..1', () => {
    expect(problem({ jobs: [job('a')], behavior: { b: { failureRate: 0.5 } } })).toBe("metronome.behavior.b: no job 'b' in metronome.jobs");
    expect(problem({ jobs: [job('a')], behavior: { a: { failureRate: 2 } } })).toBe('metronome.behavior.a.failureRate: must be at most 1');
    expect(problem({ jobs: [job('a')], behavior: { a: { durationSeconds: 0 } } })).toBe(
      'metronome.behavior.a.durationSeconds: must be greater than 0',
    );
    expect(problem({ jobs: [job('a')], behavior: { a: { often: 1 } } })).toMatch(/^metronome\.behavior\.a\.often: unknown field/);
  });

  it('boots with its jobs stored and their schedules running once a Metronome leads', async () => {
    const scenario = withJobs({
      jobs: [job('report', { schedules: [{ id: 'every-minute', cron: '* * * * *' }] }), job('backup')],
      behavior: { report: { durationSeconds: 3, failureRate: 1 } },
    });
    const sb = await createSandbox(scenario, { allocator: 'wasm', matcher: 'wasm' });
    untilMetronomeLeads(sb);
    const list = sb.request({ method: 'GET', path: '/service/metronome/v1/jobs' }).body as Json[];
    expect(list.map((j) => j.id)).toEqual(['backup', 'report']);
    expect(sb.request({ method: 'GET', path: '/sandbox/v1/metronome/jobs/report/behavior' }).body).toEqual({
      durationSeconds: 3,
      failureRate: 1,
    });
    sb.advance(3 * 60_000);
    const report = sb.request({ method: 'GET', path: '/service/metronome/v1/jobs/report?embed=historySummary' }).body as Json;
    expect(report.historySummary.failureCount).toBeGreaterThanOrEqual(2);
    expect(report.historySummary.successCount).toBe(0);
  });
});
