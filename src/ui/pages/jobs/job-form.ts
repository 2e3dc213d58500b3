/**
 * The job form's model: the main fields of a Metronome job (docs/metronome-sources.md §1) and its one schedule as the
 * strings the inputs hold, written over a copy of the JSON so fields the form does not show survive; and the API's
 * 422 details (`/run/mem`, `/schedules(0)/cron`) sorted onto the fields they concern.
 */
import type { JobJson } from '../../../api/shapes/metronome.ts';
import { isObject } from '../services/marathon-read.ts';
import { numberOrText, sortErrors, textOf, type FieldErrors, type Json } from '../services/form-fields.ts';

export type RestartPolicy = 'NEVER' | 'ON_FAILURE';
export type ConcurrencyPolicy = 'ALLOW' | 'FORBID';

export interface JobForm {
  id: string;
  description: string;
  cmd: string;
  cpus: string;
  mem: string;
  disk: string;
  /** `run.docker.image`; empty: the command runs without a container image. */
  image: string;
  restartPolicy: RestartPolicy;
  /** Empty: retry for ever (with ON_FAILURE). */
  activeDeadlineSeconds: string;
  /** The job has a schedule (Metronome supports one). */
  scheduled: boolean;
  scheduleId: string;
  cron: string;
  timezone: string;
  startingDeadlineSeconds: string;
  concurrencyPolicy: ConcurrencyPolicy;
  enabled: boolean;
}

export type JobFieldKey = Exclude<keyof JobForm, 'scheduled'> | 'schedule';

/** Metronome's schedule defaults (§1.3), for a schedule the form adds. */
export const SCHEDULE_DEFAULTS = {
  id: 'default',
  cron: '0 * * * *',
  timezone: 'UTC',
  startingDeadlineSeconds: 900,
  concurrencyPolicy: 'ALLOW',
  enabled: true,
} as const;

/** What a new job starts as: a short command, small enough for any agent. */
export function newJobDefinition(): Json {
  return { id: 'new-job', description: '', run: { cpus: 0.1, mem: 32, disk: 0, cmd: 'echo "hello from a job"; sleep 10' } };
}

/** The job as a user edits it: without the embedded runs and history, and without each schedule's computed `nextRunAt`. */
export function editableJob(job: JobJson | Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(job)) {
    if (k === 'activeRuns' || k === 'history' || k === 'historySummary') continue;
    out[k] = k === 'schedules' && Array.isArray(v) ? v.map((s) => (isObject(s) ? withoutNextRun(s) : s)) : v;
  }
  return out;
}

function withoutNextRun(s: Json): Json {
  const { nextRunAt: _, ...rest } = s;
  return rest;
}

const objectAt = (v: unknown): Json => (isObject(v) ? v : {});

export function formFromJson(json: Json): JobForm {
  const run = objectAt(json.run);
  const restart = objectAt(run.restart);
  const schedule = Array.isArray(json.schedules) && isObject(json.schedules[0]) ? json.schedules[0] : undefined;
  const s = schedule ?? SCHEDULE_DEFAULTS;
  return {
    id: textOf(json.id),
    description: textOf(json.description),
    cmd: textOf(run.cmd),
    cpus: textOf(run.cpus),
    mem: textOf(run.mem),
    disk: textOf(run.disk),
    image: textOf(objectAt(run.docker).image),
    restartPolicy: restart.policy === 'ON_FAILURE' ? 'ON_FAILURE' : 'NEVER',
    activeDeadlineSeconds: textOf(restart.activeDeadlineSeconds),
    scheduled: schedule !== undefined,
    scheduleId: textOf(s.id),
    cron: textOf(s.cron),
    timezone: textOf(s.timezone ?? SCHEDULE_DEFAULTS.timezone),
    startingDeadlineSeconds: textOf(s.startingDeadlineSeconds ?? SCHEDULE_DEFAULTS.startingDeadlineSeconds),
    concurrencyPolicy: s.concurrencyPolicy === 'FORBID' ? 'FORBID' : 'ALLOW',
    enabled: s.enabled !== false,
  };
}

/** A text field into `out[key]`: trimmed; empty removes it (Metronome omits absent optional fields). */
function setText(out: Json, key: string, value: string): void {
  if (value.trim() === '') delete out[key];
  else out[key] = value;
}

function setNumber(out: Json, key: string, value: string): void {
  if (value.trim() === '') delete out[key];
  else out[key] = numberOrText(value);
}

/** The definition with the form's fields written over a copy of `base`. */
export function jsonFromForm(form: JobForm, base: Json): Json {
  const out: Json = { ...base, id: form.id.trim() };
  setText(out, 'description', form.description);
  const run: Json = { ...objectAt(base.run) };
  setText(run, 'cmd', form.cmd);
  run.cpus = numberOrText(form.cpus);
  run.mem = numberOrText(form.mem);
  run.disk = numberOrText(form.disk);
  const image = form.image.trim();
  if (image !== '') run.docker = { ...objectAt(run.docker), image };
  else delete run.docker;
  const restart: Json = { ...objectAt(run.restart), policy: form.restartPolicy };
  setNumber(restart, 'activeDeadlineSeconds', form.activeDeadlineSeconds);
  run.restart = restart;
  out.run = run;
  const schedules = Array.isArray(base.schedules) ? base.schedules : [];
  if (form.scheduled) {
    const schedule: Json = {
      ...objectAt(schedules[0]),
      id: form.scheduleId.trim() || SCHEDULE_DEFAULTS.id,
      cron: form.cron.trim(),
      timezone: form.timezone.trim(),
      startingDeadlineSeconds: numberOrText(form.startingDeadlineSeconds),
      concurrencyPolicy: form.concurrencyPolicy,
      enabled: form.enabled,
    };
    out.schedules = [schedule, ...schedules.slice(1)];
  } else {
    out.schedules = [];
  }
  return out;
}

const RUN_FIELDS: Record<string, JobFieldKey> = {
  cmd: 'cmd',
  args: 'cmd',
  cpus: 'cpus',
  mem: 'mem',
  disk: 'disk',
  docker: 'image',
  ucr: 'image',
};

const SCHEDULE_FIELDS: Record<string, JobFieldKey> = {
  id: 'scheduleId',
  cron: 'cron',
  timezone: 'timezone',
  startingDeadlineSeconds: 'startingDeadlineSeconds',
  concurrencyPolicy: 'concurrencyPolicy',
  enabled: 'enabled',
};

/** Sort Metronome's 422 details onto the job form's fields; the rest (paths the form does not show) go to `other`. */
export function fieldErrors(details: ReadonlyArray<{ path: string; errors: string[] }>): FieldErrors<JobFieldKey> {
  return sortErrors<JobFieldKey>(details, (path, message) => {
    if (path === '/id') return { field: 'id', message };
    if (path === '/description') return { field: 'description', message };
    // "Cmd, Docker or UCR image must be specified" and the Docker/UCR rules are on `/run` itself.
    if (path === '/run') return /Cmd|Docker|UCR/.test(message) ? { field: 'cmd', message } : undefined;
    const restart = /^\/run\/restart(?:\/(\w+))?$/.exec(path);
    if (restart) return { field: restart[1] === 'activeDeadlineSeconds' ? 'activeDeadlineSeconds' : 'restartPolicy', message };
    const run = /^\/run\/(\w+)/.exec(path);
    if (run) {
      const field = RUN_FIELDS[run[1]!];
      return field ? { field, message } : undefined;
    }
    if (path === '/schedules' || path === '/schedules(0)') return { field: 'schedule', message };
    const schedule = /^\/schedules\(0\)\/(\w+)/.exec(path);
    if (schedule) return { field: SCHEDULE_FIELDS[schedule[1]!] ?? 'schedule', message };
    return undefined;
  });
}

/** A 422 on `…/schedules[/{sid}]` names paths inside the schedule (`/cron`): the same paths inside the job. */
export function scheduleDetails(details: ReadonlyArray<{ path: string; errors: string[] }>): Array<{ path: string; errors: string[] }> {
  return details.map((d) => ({
    ...d,
    path: d.path === '/' || d.path === '' ? '/schedules(0)' : `/schedules(0)${d.path.startsWith('/') ? '' : '/'}${d.path}`,
  }));
}

/** The sandbox's job behaviour as its two inputs hold it: seconds, and failures in percent. */
export interface BehaviorForm {
  durationSeconds: string;
  failurePercent: string;
}

/** The behaviour to PUT, or which input is wrong and why. */
export function behaviorFromForm(
  form: BehaviorForm,
): { ok: true; value: { durationSeconds: number; failureRate: number } } | { ok: false; field: keyof BehaviorForm; message: string } {
  const seconds = Number(form.durationSeconds.trim());
  if (form.durationSeconds.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    return { ok: false, field: 'durationSeconds', message: 'A number of seconds, 0 or more.' };
  }
  const percent = Number(form.failurePercent.trim());
  if (form.failurePercent.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
    return { ok: false, field: 'failurePercent', message: 'A percentage from 0 to 100.' };
  }
  return { ok: true, value: { durationSeconds: seconds, failureRate: percent / 100 } };
}
