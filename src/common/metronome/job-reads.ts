/**
 * Metronome's Play Reads of a job that passed the schema (MT:api/src/main/scala/dcos/metronome/api/v1/models/package.scala):
 * defaults applied, and the few errors only the Reads find (§2.3 of docs/metronome-sources.md), in the order of the formats.
 */
import type { Violation } from '../marathon/violations.ts';
import {
  ARTIFACT_DEFAULTS,
  RUN_DEFAULTS,
  SCHEDULE_DEFAULTS,
  type ConstraintSpec,
  type EnvValue,
  type JobRunSpec,
  type JobSpec,
  type NetworkSpec,
  type ScheduleSpec,
  type Volume,
} from './job-spec.ts';

type Json = Record<string, unknown>;

export interface ReadsOptions {
  /** The cron check (another module); an error text means the expression does not parse. */
  validateCron?: (cron: string) => string | null;
}

const sameKeys = (o: Json, keys: string[]): boolean => Object.keys(o).length === keys.length && keys.every((k) => k in o);

/** Zone ids already looked up: building an Intl formatter per job read costs more than the rest of the read. */
const knownZones = new Map<string, boolean>();

/** A Java `ZoneId`; the platform's IANA list stands in for the JVM's (sandbox choice). */
function isZoneId(tz: string): boolean {
  let known = knownZones.get(tz);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size < 1000) knownZones.set(tz, known);
  }
  return known;
}

export function readSchedule(s: Json, at: string, opts: ReadsOptions, errors: Violation[]): ScheduleSpec {
  const cron = s.cron as string;
  // CronSpec's own message (e.g. the "Feb 30" rule) is swallowed: the Reads answer only that it cannot read it (:82-89).
  if (opts.validateCron?.(cron) != null)
    errors.push({ path: `${at}/cron`, errors: [`Can not read cron expression ${JSON.stringify(cron)}`] });
  const timezone = (s.timezone as string | undefined) ?? SCHEDULE_DEFAULTS.timezone;
  if (!isZoneId(timezone))
    errors.push({ path: `${at}/timezone`, errors: [`No time zone found with this id: ${JSON.stringify(timezone)}`] });
  return {
    id: s.id as string,
    cron,
    timezone,
    startingDeadlineSeconds: (s.startingDeadlineSeconds as number | undefined) ?? SCHEDULE_DEFAULTS.startingDeadlineSeconds,
    concurrencyPolicy: (s.concurrencyPolicy as ScheduleSpec['concurrencyPolicy'] | undefined) ?? SCHEDULE_DEFAULTS.concurrencyPolicy,
    enabled: (s.enabled as boolean | undefined) ?? SCHEDULE_DEFAULTS.enabled,
  };
}

function readVolume(v: Json, at: string, errors: Violation[]): Volume | null {
  // package.scala:195-207: exactly these key sets, anything else is neither kind.
  if (sameKeys(v, ['containerPath', 'hostPath', 'mode']))
    return { containerPath: v.containerPath as string, hostPath: v.hostPath as string, mode: v.mode as 'RO' | 'RW' };
  if (sameKeys(v, ['containerPath', 'secret'])) return { containerPath: v.containerPath as string, secret: v.secret as string };
  errors.push({ path: at, errors: [`expected HostVolume or SecretVolume object but got ${JSON.stringify(v)}`] });
  return null;
}

function readConstraint(c: Json): ConstraintSpec {
  const operator = c.operator === 'EQ' ? 'IS' : (c.operator as ConstraintSpec['operator']);
  const out: ConstraintSpec = { attribute: c.attribute as string, operator };
  if (typeof c.value === 'string') out.value = c.value;
  return out;
}

function readNetwork(n: Json): NetworkSpec {
  const out: NetworkSpec = { mode: n.mode as NetworkSpec['mode'], labels: (n.labels as Record<string, string> | undefined) ?? {} };
  if (typeof n.name === 'string') out.name = n.name;
  return out;
}

export function readRun(r: Json, errors: Violation[]): JobRunSpec {
  const docker = r.docker as Json | undefined;
  const ucr = r.ucr as Json | undefined;
  const restart = (r.restart as Json | undefined) ?? { policy: RUN_DEFAULTS.restartPolicy };
  const volumes = ((r.volumes as Json[] | undefined) ?? []).flatMap((v, i) => readVolume(v, `/run/volumes(${i})`, errors) ?? []);
  const deadline = restart.activeDeadlineSeconds as number | undefined;
  if (deadline !== undefined && deadline < 0)
    errors.push({ path: '/run/restart/activeDeadlineSeconds', errors: [`Can not read duration: ${deadline}`] });
  const run: JobRunSpec = {
    cpus: (r.cpus as number | undefined) ?? RUN_DEFAULTS.cpus,
    mem: (r.mem as number | undefined) ?? RUN_DEFAULTS.mem,
    disk: (r.disk as number | undefined) ?? RUN_DEFAULTS.disk,
    gpus: (r.gpus as number | undefined) ?? RUN_DEFAULTS.gpus,
    env: readEnv((r.env as Json | undefined) ?? {}),
    placement: { constraints: (((r.placement as Json | undefined)?.constraints as Json[] | undefined) ?? []).map(readConstraint) },
    artifacts: ((r.artifacts as Json[] | undefined) ?? []).map((a) => ({
      uri: a.uri as string,
      extract: (a.extract as boolean | undefined) ?? ARTIFACT_DEFAULTS.extract,
      executable: (a.executable as boolean | undefined) ?? ARTIFACT_DEFAULTS.executable,
      cache: (a.cache as boolean | undefined) ?? ARTIFACT_DEFAULTS.cache,
    })),
    maxLaunchDelay: (r.maxLaunchDelay as number | undefined) ?? RUN_DEFAULTS.maxLaunchDelay,
    volumes,
    restart: { policy: restart.policy as 'NEVER' | 'ON_FAILURE', ...(deadline !== undefined ? { activeDeadlineSeconds: deadline } : {}) },
    secrets: (r.secrets as JobRunSpec['secrets'] | undefined) ?? {},
    networks: ((r.networks as Json[] | undefined) ?? []).map(readNetwork),
  };
  if (typeof r.cmd === 'string') run.cmd = r.cmd;
  if (Array.isArray(r.args)) run.args = r.args as string[];
  if (typeof r.user === 'string') run.user = r.user;
  if (docker)
    run.docker = {
      image: docker.image as string,
      privileged: (docker.privileged as boolean | undefined) ?? false,
      parameters: (docker.parameters as { key: string; value: string }[] | undefined) ?? [],
      forcePullImage: (docker.forcePullImage as boolean | undefined) ?? false,
    };
  if (ucr) {
    const image = ucr.image as Json;
    run.ucr = {
      image: {
        id: image.id as string,
        kind: (image.kind as 'docker' | 'appc' | undefined) ?? 'docker',
        forcePull: (image.forcePull as boolean | undefined) ?? false,
      },
      privileged: (ucr.privileged as boolean | undefined) ?? false,
    };
  }
  if (typeof r.taskKillGracePeriodSeconds === 'number') run.taskKillGracePeriodSeconds = r.taskKillGracePeriodSeconds;
  return run;
}

/** A string value, or an object naming a secret (an object without `secret` is kept as an empty name: not traced upstream). */
function readEnv(env: Json): Record<string, EnvValue> {
  return Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, typeof v === 'string' ? v : { secret: String((v as Json).secret ?? '') }]),
  );
}

export function readJob(j: Json, opts: ReadsOptions, errors: Violation[]): JobSpec {
  const schedules = ((j.schedules as Json[] | undefined) ?? []).map((s, i) => readSchedule(s, `/schedules(${i})`, opts, errors));
  const job: JobSpec = {
    id: j.id as string,
    dependencies: ((j.dependencies as Json[] | undefined) ?? []).map((d, i) => {
      // The schema does not require `id`; the Reads do (Play's error key).
      if (d.id === undefined) errors.push({ path: `/dependencies(${i})/id`, errors: ['error.path.missing'] });
      return (d.id as string | undefined) ?? '';
    }),
    labels: (j.labels as Record<string, string> | undefined) ?? {},
    schedules,
    run: readRun(j.run as Json, errors),
  };
  if (typeof j.description === 'string') job.description = j.description;
  return job;
}
