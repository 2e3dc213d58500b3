/**
 * Metronome jobs of a dump (`GET /v1/jobs`, with or without `embed`): each job's definition as `POST /v1/jobs`
 * takes it (schedules included), without what the answer adds about its runs; read with Metronome's own rules, a
 * job whose dependency is not imported is dropped too. Dependencies come first, as the scenario needs.
 */
import { validateCron } from '../../common/metronome/cron.ts';
import { readJobSpec } from '../../common/metronome/validate-job.ts';
import { isObject, objects, str, type Json } from './common.ts';

/** What `GET /v1/jobs?embed=…` adds to a job's definition. */
export const JOB_RUNTIME_FIELDS = ['activeRuns', 'history', 'historySummary'];

export const stripJob = (job: Json): Json => Object.fromEntries(Object.entries(job).filter(([k]) => !JOB_RUNTIME_FIELDS.includes(k)));

export const jobDependencies = (job: Json): string[] =>
  objects(job.dependencies)
    .map((d) => str(d.id))
    .filter((d): d is string => d !== undefined);

/** Jobs ordered so that each comes after those it depends on (as given on a cycle). */
export function dependenciesFirst(jobs: readonly Json[]): Json[] {
  const byId = new Map(jobs.map((j) => [String(j.id), j]));
  const out: Json[] = [];
  const state = new Set<Json>();
  const visit = (job: Json) => {
    if (state.has(job)) return;
    state.add(job);
    for (const dep of jobDependencies(job)) {
      const d = byId.get(dep);
      if (d) visit(d);
    }
    out.push(job);
  };
  jobs.forEach(visit);
  return out;
}

export function readJobs(raw: unknown, dropped: string[]): Json[] {
  const accepted: Json[] = [];
  const ids = new Set<string>();
  for (const job of dependenciesFirst(objects(raw).map(stripJob))) {
    const name = `job ${String(job.id)}`;
    const read = readJobSpec(job, 'v1', { validateCron });
    if (!read.ok) {
      const details = read.body.details.flatMap((d) => d.errors.map((e) => `${d.path || '/'}: ${e}`));
      dropped.push(`${name}: ${details.length > 0 ? details.join('; ') : read.body.message}; the job is not imported`);
      continue;
    }
    if (ids.has(read.job.id)) {
      dropped.push(`${name}: listed twice; only the first is imported`);
      continue;
    }
    const missing = jobDependencies(job).filter((d) => !ids.has(d));
    if (missing.length > 0) {
      dropped.push(`${name}: it depends on ${missing.join(', ')}, which is not imported; the job is not imported`);
      continue;
    }
    ids.add(read.job.id);
    accepted.push(isObject(job) ? job : {});
  }
  return accepted;
}
