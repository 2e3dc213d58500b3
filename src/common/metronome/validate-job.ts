/**
 * Reads a job body the way Metronome's `RestController.validate.json` does (MT:api/src/main/scala/dcos/metronome/api/RestController.scala:28-58):
 * the JSON schema, then the Play Reads, then the accord validators; each stage answers 422 "Object is not valid" on its own.
 * Service checks (unknown dependencies, duplicates) belong to the caller.
 */
import type { Violation } from '../marathon/violations.ts';
import { checkSchema, type Schema } from './json-schema.ts';
import { jobSchema, SCHEDULE_IN_JOB } from './job-schema.ts';
import { readJob, readSchedule, type ReadsOptions } from './job-reads.ts';
import { jobViolations } from './job-rules.ts';
import type { JobSpec, ScheduleSpec } from './job-spec.ts';

export type JobReadResult = { ok: true; job: JobSpec } | { ok: false; status: 422; body: { message: string; details: Violation[] } };

const invalid = (details: Violation[]): JobReadResult => ({ ok: false, status: 422, body: { message: 'Object is not valid', details } });

/**
 * `api` picks the schema: v1 for `/v1/jobs`, v0 for `/v0/scheduled-jobs` (which rejects `taskKillGracePeriodSeconds`).
 * `pathId` (PUT): the body must still pass the schema with its own `id`; the path's id replaces it after the Reads,
 * before the accord rules (`validate.jsonWith(_.copy(id = id))`, RestController.scala:28-58).
 */
export function readJobSpec(json: unknown, api: 'v1' | 'v0', opts: ReadsOptions = {}, pathId?: string): JobReadResult {
  const schemaErrors: Violation[] = [];
  checkSchema(json, jobSchema(api), '', schemaErrors);
  if (schemaErrors.length > 0) return invalid(schemaErrors);
  const readsErrors: Violation[] = [];
  const read = readJob(json as Record<string, unknown>, opts, readsErrors);
  if (readsErrors.length > 0) return invalid(readsErrors);
  const job = pathId === undefined ? read : { ...read, id: pathId };
  const rules = jobViolations(job);
  if (!rules.empty) return invalid(rules.details);
  return { ok: true, job };
}

export const SCHEDULE_ID_PATTERN = '^([a-z0-9][a-z0-9\\-]*[a-z0-9]+)$';

/**
 * `POST|PUT /v1/jobs/{id}/schedules`: RAML/v1/schema/schedulespec.schema.json (extra keys allowed; its own `pathType`:
 * minLength 1 and a pattern that needs 2+ characters, no dots, :4-10).
 */
const SCHEDULE_SCHEMA: Schema = {
  ...SCHEDULE_IN_JOB,
  properties: SCHEDULE_IN_JOB.properties!.map(([key, schema]) =>
    key === 'id' ? ([key, { type: 'string', pattern: SCHEDULE_ID_PATTERN, minLength: 1 }] as const) : ([key, schema] as const),
  ),
};

export type ScheduleReadResult =
  { ok: true; schedule: ScheduleSpec } | { ok: false; status: 422; body: { message: string; details: Violation[] } };

export function readScheduleSpec(json: unknown, opts: ReadsOptions = {}): ScheduleReadResult {
  const schemaErrors: Violation[] = [];
  checkSchema(json, SCHEDULE_SCHEMA, '', schemaErrors);
  if (schemaErrors.length > 0) return { ok: false, status: 422, body: { message: 'Object is not valid', details: schemaErrors } };
  const errors: Violation[] = [];
  const schedule = readSchedule(json as Record<string, unknown>, '', opts, errors);
  if (errors.length > 0) return { ok: false, status: 422, body: { message: 'Object is not valid', details: errors } };
  return { ok: true, schedule };
}
