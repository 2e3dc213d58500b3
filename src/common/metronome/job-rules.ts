/**
 * Metronome's accord validators of a read job (MT:jobs/src/main/scala/dcos/metronome/model/JobSpec.scala:46-56,
 * JobRunSpec.scala:55-120), reported like Marathon's `failureWrites`: grouped by path, in the validators' order.
 */
import { Violations } from '../marathon/violations.ts';
import type { JobRunSpec, JobSpec } from './job-spec.ts';

/** `networkingValidation` (JobRunSpec.scala:55-81): each finding is prepended, so the last check is reported first. */
function networkErrors(run: JobRunSpec): string[] {
  const errors: string[] = [];
  const modes = new Set(run.networks.map((n) => n.mode));
  const names = run.networks.flatMap((n) => (n.name === undefined ? [] : [n.name]));
  if (modes.size > 1) errors.unshift('You may not mix host, container, or container/bridge networking. Only define one kind of network.');
  if (!run.ucr && !run.docker) {
    if ([...modes].some((m) => m !== 'host')) errors.unshift('Only containers may join container or bridge networks');
  } else if (run.docker && modes.size === 1 && modes.has('container') && run.networks.length > 1)
    errors.unshift('Docker does not allow specification of multiple networks');
  if ([...modes].some((m) => m !== 'container') && run.networks.length > 1)
    errors.unshift('Only one host or container/bridge network modes are allowed');
  if (new Set(names).size !== names.length) errors.unshift('network names must be unique');
  return errors;
}

/** `allSecretsAreDefinedAndUsed` (:91-104): both findings in one text. */
function secretsError(run: JobRunSpec): string | null {
  const referenced = new Set([
    ...Object.values(run.env).flatMap((v) => (typeof v === 'string' ? [] : [v.secret])),
    ...run.volumes.flatMap((v) => ('secret' in v ? [v.secret] : [])),
  ]);
  const defined = Object.keys(run.secrets);
  const undefinedOnes = [...referenced].filter((s) => !defined.includes(s));
  const unused = defined.filter((s) => !referenced.has(s));
  let text = '';
  if (undefinedOnes.length > 0)
    text += `The following secrets are referenced, but undefined: ${undefinedOnes.join(', ')}. Please add them to the secrets field.`;
  if (unused.length > 0)
    text += `The following secrets are defined, but not referenced: ${unused.join(', ')}. Please remove them from the secrets field.`;
  return text || null;
}

function runViolations(run: JobRunSpec, v: Violations): void {
  for (const e of networkErrors(run)) v.add('/run/networks', e);
  if (run.gpus !== 0 && run.docker) v.add('/run/gpus', 'GPUs are not supported with Docker');
  if (run.docker && run.volumes.some((x) => 'secret' in x)) v.add('/run/volumes', 'File based secrets are only supported by UCR');
  // Only `cmd`, a docker image or a ucr section count: `args` alone is not enough (:83-85).
  if (run.cmd === undefined && !run.docker?.image && !run.ucr) v.add('/run', 'Cmd, Docker or UCR image must be specified');
  if (run.docker && run.ucr) v.add('/run', 'Either Docker or UCR should be provided, but not both');
  const secrets = secretsError(run);
  if (secrets) v.add('/run', secrets);
}

/**
 * `validJobSpec`. The id's accord rule (JobId.scala:32-43) cannot fail for an id the schema pattern accepted, and the
 * schedule's `startingDeadlineSeconds >= 60` is a bare expression that accord never evaluates (ScheduleSpec.scala:37-39).
 */
export function jobViolations(job: JobSpec): Violations {
  const v = new Violations();
  runViolations(job.run, v);
  // Accord's `size <= 1` text (docs/metronome-sources.md §9 #7, wording inferred).
  if (job.schedules.length > 1) v.add('/schedules', `has size ${job.schedules.length}, expected 1 or less`);
  if (new Set(job.dependencies).size !== job.dependencies.length) v.add('/dependencies', 'has double entries');
  if (job.schedules.length > 0 && job.dependencies.length > 0) v.add('/', 'Jobs may not have both dependencies and schedules specified');
  return v;
}
