/**
 * Reads a job body the way Metronome's `RestController.validate.json` does (MT:api/src/main/scala/dcos/metronome/api/RestController.scala:28-58):
 * the JSON schema, then the Play Reads, then the accord validators; each stage answers 422 "Object is not valid" on its own.
 * Service checks (unknown dependencies, duplicates) belong to the caller.
 */
import type { Violation } from '../marathon/violations.ts';
import { checkSchema } from './json-schema.ts';
import { jobSchema } from './job-schema.ts';
import { readJob, type ReadsOptions } from './job-reads.ts';
import { jobViolations } from './job-rules.ts';
import type { JobSpec } from './job-spec.ts';

export type JobReadResult = { ok: true; job: JobSpec } | { ok: false; status: 422; body: { message: string; details: Violation[] } };

const invalid = (details: Violation[]): JobReadResult => ({ ok: false, status: 422, body: { message: 'Object is not valid', details } });

/** `api` picks the schema: v1 for `/v1/jobs`, v0 for `/v0/scheduled-jobs` (which rejects `taskKillGracePeriodSeconds`). */
export function readJobSpec(json: unknown, api: 'v1' | 'v0', opts: ReadsOptions = {}): JobReadResult {
  const schemaErrors: Violation[] = [];
  checkSchema(json, jobSchema(api), '', schemaErrors);
  if (schemaErrors.length > 0) return invalid(schemaErrors);
  const readsErrors: Violation[] = [];
  const job = readJob(json as Record<string, unknown>, opts, readsErrors);
  if (readsErrors.length > 0) return invalid(readsErrors);
  const rules = jobViolations(job);
  if (!rules.empty) return invalid(rules.details);
  return { ok: true, job };
}
