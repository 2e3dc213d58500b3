/**
 * A job as Metronome writes it (MT:api/src/main/scala/dcos/metronome/api/v1/models/package.scala): every defaulted
 * field written (Marathon's `withDefault`), `Option`s without default left out, keys in the formats' order.
 * `schedules`, `dependencies` and `labels` are always written whatever `embed` says (package.scala:358-375).
 */
import type { JobRunSpec, JobSpec, ScheduleSpec, Volume } from './job-spec.ts';

type Json = Record<string, unknown>;

/** What the caller adds per `embed` (runs are kept elsewhere); absent keys are not written. */
export interface JobEmbeds {
  activeRuns?: readonly unknown[];
  history?: Json;
  historySummary?: Json;
}

/** package.scala:136-154; `nextRunAt` (the next cron time after the wall clock) comes from the caller. */
export function scheduleJson(s: ScheduleSpec, nextRunAt?: string): Json {
  const out: Json = {
    id: s.id,
    cron: s.cron,
    timezone: s.timezone,
    startingDeadlineSeconds: s.startingDeadlineSeconds,
    concurrencyPolicy: s.concurrencyPolicy,
    enabled: s.enabled,
  };
  if (nextRunAt !== undefined) out.nextRunAt = nextRunAt;
  return out;
}

const volumeJson = (v: Volume): Json =>
  'secret' in v
    ? { containerPath: v.containerPath, secret: v.secret }
    : { containerPath: v.containerPath, hostPath: v.hostPath, mode: v.mode };

/** package.scala:247-267. */
export function runJson(r: JobRunSpec): Json {
  const out: Json = { cpus: r.cpus, mem: r.mem, disk: r.disk, gpus: r.gpus };
  if (r.cmd !== undefined) out.cmd = r.cmd;
  if (r.args !== undefined) out.args = r.args;
  if (r.user !== undefined) out.user = r.user;
  out.env = r.env;
  out.placement = { constraints: r.placement.constraints.map((c) => ({ ...c })) };
  out.artifacts = r.artifacts.map((a) => ({ uri: a.uri, extract: a.extract, executable: a.executable, cache: a.cache }));
  out.maxLaunchDelay = r.maxLaunchDelay;
  if (r.docker)
    out.docker = {
      image: r.docker.image,
      privileged: r.docker.privileged,
      parameters: r.docker.parameters,
      forcePullImage: r.docker.forcePullImage,
    };
  if (r.ucr)
    out.ucr = {
      image: { id: r.ucr.image.id, kind: r.ucr.image.kind, forcePull: r.ucr.image.forcePull },
      privileged: r.ucr.privileged,
    };
  out.volumes = r.volumes.map(volumeJson);
  out.restart = r.restart.activeDeadlineSeconds === undefined ? { policy: r.restart.policy } : { ...r.restart };
  if (r.taskKillGracePeriodSeconds !== undefined) out.taskKillGracePeriodSeconds = r.taskKillGracePeriodSeconds;
  out.secrets = r.secrets;
  // package.scala:68-80: `name` only if set, `labels` only if not empty.
  out.networks = r.networks.map((n) => ({
    ...(n.name !== undefined ? { name: n.name } : {}),
    mode: n.mode,
    ...(Object.keys(n.labels).length > 0 ? { labels: n.labels } : {}),
  }));
  return out;
}

/**
 * The job of a POST/PUT answer (package.scala:275-281: schedules before run), or with `embeds` the `GET` form
 * (package.scala:358-375: run before schedules, then the embedded keys).
 */
export function jobJson(job: JobSpec, embeds?: JobEmbeds, nextRunAt?: (s: ScheduleSpec) => string | undefined): Json {
  const out: Json = { id: job.id };
  if (job.description !== undefined) out.description = job.description;
  out.dependencies = job.dependencies.map((id) => ({ id }));
  out.labels = job.labels;
  const schedules = job.schedules.map((s) => scheduleJson(s, nextRunAt?.(s)));
  if (!embeds) return { ...out, schedules, run: runJson(job.run) };
  out.run = runJson(job.run);
  out.schedules = schedules;
  if (embeds.activeRuns !== undefined) out.activeRuns = embeds.activeRuns;
  if (embeds.history !== undefined) out.history = embeds.history;
  if (embeds.historySummary !== undefined) out.historySummary = embeds.historySummary;
  return out;
}
