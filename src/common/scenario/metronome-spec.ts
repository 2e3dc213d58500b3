/**
 * The scenario's `metronome`: jobs present at boot, each read as Metronome reads `POST /v1/jobs` (schema, reads,
 * model rules, cron and zone; a dependency must name a job declared before it), and how each job's tasks behave.
 */
import { validateCron } from '../metronome/cron.ts';
import { readJobSpec } from '../metronome/validate-job.ts';
import type { Reader } from './reader.ts';
import { ScenarioError } from './reader.ts';
import type { JobBehaviorSpec, MetronomeSpec } from './types.ts';

/** More jobs than this is not a scenario a person wrote (the bench builds its 10,000 through the engine). */
export const MAX_SCENARIO_JOBS = 10_000;
/** A task runs at most a week of simulated time. */
export const MAX_JOB_DURATION_SECONDS = 7 * 24 * 3600;

export function readMetronomeSpec(r: Reader): MetronomeSpec {
  r.object(['jobs', 'behavior']);
  const ids = new Set<string>();
  const items = r.child('jobs').present ? r.child('jobs').array() : [];
  if (items.length > MAX_SCENARIO_JOBS) r.child('jobs').fail(`at most ${MAX_SCENARIO_JOBS} jobs (got ${items.length})`);
  const jobs = items.map((item, i) => {
    const read = readJobSpec(item.value, 'v1', { validateCron });
    if (!read.ok) {
      const detail = read.body.details[0];
      const path = detail && detail.path !== '/' && detail.path !== '' ? detail.path.replace(/\//g, '.').replace(/\((\d+)\)/g, '[$1]') : '';
      throw new ScenarioError(`metronome.jobs[${i}]${path}`, detail ? detail.errors.join('; ') : read.body.message);
    }
    const { id, dependencies } = read.job;
    if (ids.has(id)) item.child('id').fail(`duplicate job id '${id}'`);
    const unknown = dependencies.filter((d) => !ids.has(d));
    if (unknown.length > 0) item.child('dependencies').fail(`Dependencies contain unknown jobs. unknown=[${unknown.join(', ')}]`);
    ids.add(id);
    return item.value;
  });
  const behavior: Record<string, Partial<JobBehaviorSpec>> = {};
  if (r.child('behavior').present) {
    for (const [jobId, b] of r.child('behavior').entries()) {
      if (!ids.has(jobId)) b.fail(`no job '${jobId}' in metronome.jobs`);
      b.object(['durationSeconds', 'failureRate']);
      const spec: Partial<JobBehaviorSpec> = {};
      if (b.child('durationSeconds').present)
        spec.durationSeconds = b.child('durationSeconds').number({ min: 0, exclusiveMin: true, max: MAX_JOB_DURATION_SECONDS });
      if (b.child('failureRate').present) spec.failureRate = b.child('failureRate').number({ min: 0, max: 1 });
      behavior[jobId] = spec;
    }
  }
  return { jobs, behavior };
}
