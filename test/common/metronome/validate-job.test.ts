import { describe, expect, it } from 'vitest';
import { readJobSpec } from '../../../src/common/metronome/validate-job.ts';
import { jobJson } from '../../../src/common/metronome/job-shape.ts';
import { effectiveConstraints } from '../../../src/common/metronome/job-spec.ts';
import { JOB_ID_PATTERN } from '../../../src/common/metronome/job-schema.ts';

const run = { cpus: 0.1, mem: 32, disk: 0, cmd: 'x' };
const job = (extra: Record<string, unknown> = {}, r: Record<string, unknown> = {}) => ({ id: 'a', run: { ...run, ...r }, ...extra });
const details = (json: unknown, api: 'v1' | 'v0' = 'v1', cron?: (c: string) => string | null) => {
  const res = readJobSpec(json, api, { validateCron: cron });
  if (res.ok) throw new Error('expected a 422');
  expect(res.status).toBe(422);
  expect(res.body.message).toBe('Object is not valid');
  return res.body.details;
};

describe('schema messages (JSV)', () => {
  it('minimum', () => {
    expect(details(job({}, { mem: 16 }))).toEqual([{ path: '/run/mem', errors: ['16 is smaller than required minimum value of 32.'] }]);
    expect(details(job({}, { cpus: 0.001 }))).toEqual([
      { path: '/run/cpus', errors: ['0.001 is smaller than required minimum value of 0.01.'] },
    ]);
  });
  it('required, at the object path', () => {
    expect(details({ id: 'a' })).toEqual([{ path: '', errors: ['Property run missing.'] }]);
    expect(details({ id: 'a', run: { cpus: 1, mem: 32, cmd: 'x' } })).toEqual([{ path: '/run', errors: ['Property disk missing.'] }]);
  });
  it('additionalProperties, names joined with and', () => {
    expect(details(job({ x: 1, y: 2 }))).toEqual([
      { path: '', errors: ["Additional properties are not allowed, but found properties 'x' and 'y'."] },
    ]);
  });
  it('pattern and minLength', () => {
    expect(details({ ...job(), id: 'A' })).toEqual([{ path: '/id', errors: [`'A' does not match pattern '${JOB_ID_PATTERN}'.`] }]);
    expect(details(job({}, { cmd: '' }))).toEqual([{ path: '/run/cmd', errors: ["'' does not match minimum length of 1."] }]);
  });
  it('type and enum', () => {
    expect(details(job({}, { gpus: 1.5 }))).toEqual([{ path: '/run/gpus', errors: ['Wrong type. Expected integer, was number.'] }]);
    expect(details(job({}, { restart: { policy: 'ALWAYS' } }))).toEqual([
      { path: '/run/restart/policy', errors: ['Instance is invalid enum value.'] },
    ]);
    expect(details(job({}, { placement: { constraints: [{ attribute: 'h', operator: 'CLUSTER' }] } }))).toEqual([
      { path: '/run/placement/constraints(0)/operator', errors: ['Instance is invalid enum value.'] },
    ]);
  });
  it('env value neither string nor object', () => {
    expect(details(job({}, { env: { A: 1 } }))).toEqual([{ path: '/run/env/A', errors: ['Instance does not match any schema.'] }]);
  });
  it('reports properties in reverse declaration order', () => {
    expect(details(job({}, { cpus: 0, mem: 1 })).map((d) => d.path)).toEqual(['/run/mem', '/run/cpus']);
  });
  it('schedule ids in a job body use the job-id pattern (dots allowed)', () => {
    const ok = readJobSpec(job({ schedules: [{ id: 'a.b', cron: '* * * * *' }] }), 'v1');
    expect(ok.ok).toBe(true);
  });
});

describe('reads messages', () => {
  it('cron, through the given checker', () => {
    expect(details(job({ schedules: [{ id: 's', cron: '0 0 30 2 *' }] }), 'v1', () => 'Feb 30')).toEqual([
      { path: '/schedules(0)/cron', errors: ['Can not read cron expression "0 0 30 2 *"'] },
    ]);
  });
  it('time zone', () => {
    expect(details(job({ schedules: [{ id: 's', cron: '* * * * *', timezone: 'Mars/Base' }] }))).toEqual([
      { path: '/schedules(0)/timezone', errors: ['No time zone found with this id: "Mars/Base"'] },
    ]);
  });
  it('negative activeDeadlineSeconds', () => {
    expect(details(job({}, { restart: { policy: 'ON_FAILURE', activeDeadlineSeconds: -1 } }))).toEqual([
      { path: '/run/restart/activeDeadlineSeconds', errors: ['Can not read duration: -1'] },
    ]);
  });
  it('a volume of neither kind', () => {
    expect(details(job({}, { volumes: [{ containerPath: '/c' }] }))).toEqual([
      { path: '/run/volumes(0)', errors: ['expected HostVolume or SecretVolume object but got {"containerPath":"/c"}'] },
    ]);
  });
});

describe('model rules (accord)', () => {
  const rule = (r: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    details({ id: 'a', run: { cpus: 1, mem: 32, disk: 0, ...r }, ...extra });
  it('nothing to run: args alone is not enough', () => {
    expect(rule({ args: ['x'] })).toEqual([{ path: '/run', errors: ['Cmd, Docker or UCR image must be specified'] }]);
  });
  it('docker and ucr', () => {
    expect(rule({ docker: { image: 'i' }, ucr: { image: { id: 'i' } } })).toEqual([
      { path: '/run', errors: ['Either Docker or UCR should be provided, but not both'] },
    ]);
  });
  it('gpus with docker', () => {
    expect(rule({ docker: { image: 'i' }, gpus: 1 })).toEqual([{ path: '/run/gpus', errors: ['GPUs are not supported with Docker'] }]);
  });
  it('secret volume with docker', () => {
    expect(rule({ docker: { image: 'i' }, volumes: [{ containerPath: 'c', secret: 's' }], secrets: { s: { source: 'x' } } })).toEqual([
      { path: '/run/volumes', errors: ['File based secrets are only supported by UCR'] },
    ]);
  });
  it('secrets referenced but undefined, defined but unused', () => {
    expect(rule({ cmd: 'x', env: { A: { secret: 'a' } }, secrets: { c: { source: 'y' } } })).toEqual([
      {
        path: '/run',
        errors: [
          'The following secrets are referenced, but undefined: a. Please add them to the secrets field.' +
            'The following secrets are defined, but not referenced: c. Please remove them from the secrets field.',
        ],
      },
    ]);
  });
  it('networks: container networks need a container', () => {
    expect(rule({ cmd: 'x', networks: [{ mode: 'container', name: 'n' }] })).toEqual([
      { path: '/run/networks', errors: ['Only containers may join container or bridge networks'] },
    ]);
  });
  it('networks: mixed modes, last check first', () => {
    expect(rule({ ucr: { image: { id: 'i' } }, networks: [{ mode: 'host' }, { mode: 'container', name: 'n' }] })).toEqual([
      {
        path: '/run/networks',
        errors: [
          'Only one host or container/bridge network modes are allowed',
          'You may not mix host, container, or container/bridge networking. Only define one kind of network.',
        ],
      },
    ]);
  });
  it('at most one schedule, unique dependencies, not both', () => {
    const two = [
      { id: 's', cron: '* * * * *' },
      { id: 't', cron: '* * * * *' },
    ];
    expect(rule({ cmd: 'x' }, { schedules: two })).toEqual([{ path: '/schedules', errors: ['has size 2, expected 1 or less'] }]);
    expect(rule({ cmd: 'x' }, { dependencies: [{ id: 'b' }, { id: 'b' }] })).toEqual([
      { path: '/dependencies', errors: ['has double entries'] },
    ]);
    expect(rule({ cmd: 'x' }, { dependencies: [{ id: 'b' }], schedules: [two[0]] })).toEqual([
      { path: '/', errors: ['Jobs may not have both dependencies and schedules specified'] },
    ]);
  });
});

describe('defaults and the read shape', () => {
  it('writes every default (docs §1.3 example) and re-reads to the same job', () => {
    const res = readJobSpec(job(), 'v1');
    if (!res.ok) throw new Error('expected a job');
    const written = jobJson(res.job);
    expect(JSON.stringify(written)).toBe(
      '{"id":"a","dependencies":[],"labels":{},"schedules":[],"run":{"cpus":0.1,"mem":32,"disk":0,"gpus":0,"cmd":"x","env":{},' +
        '"placement":{"constraints":[]},"artifacts":[],"maxLaunchDelay":3600,"volumes":[],"restart":{"policy":"NEVER"},"secrets":{},"networks":[]}}',
    );
    const again = readJobSpec(written, 'v1');
    expect(again).toEqual(res);
  });
  it('GET form: run before schedules, embeds when given, description omitted when absent', () => {
    const res = readJobSpec(job({ schedules: [{ id: 's', cron: '* * * * *' }] }), 'v1');
    if (!res.ok) throw new Error('expected a job');
    const got = jobJson(res.job, { activeRuns: [] });
    expect(Object.keys(got)).toEqual(['id', 'dependencies', 'labels', 'run', 'schedules', 'activeRuns']);
    expect(got.schedules).toEqual([
      { id: 's', cron: '* * * * *', timezone: 'UTC', startingDeadlineSeconds: 900, concurrencyPolicy: 'ALLOW', enabled: true },
    ]);
  });
  it('host volumes, a schedule with its next run, and the history embeds', () => {
    const res = readJobSpec(
      job(
        { description: 'nightly', schedules: [{ id: 's', cron: '0 3 * * *' }] },
        { volumes: [{ containerPath: '/data', hostPath: '/tmp', mode: 'RW' }] },
      ),
      'v1',
    );
    if (!res.ok) throw new Error(JSON.stringify(res.body));
    const got = jobJson(
      res.job,
      { history: { successCount: 0 }, historySummary: { failureCount: 0 } },
      () => '2026-01-02T03:00:00.000+0000',
    );
    expect(Object.keys(got)).toEqual(['id', 'description', 'dependencies', 'labels', 'run', 'schedules', 'history', 'historySummary']);
    expect((got.run as Record<string, unknown>).volumes).toEqual([{ containerPath: '/data', hostPath: '/tmp', mode: 'RW' }]);
    expect((got.schedules as Array<Record<string, unknown>>)[0]!.nextRunAt).toBe('2026-01-02T03:00:00.000+0000');
  });
  it('artifact, docker and ucr defaults', () => {
    const res = readJobSpec(job({}, { artifacts: [{ uri: 'u' }], ucr: { image: { id: 'i' } }, cmd: undefined }), 'v1');
    if (!res.ok) throw new Error(JSON.stringify(res.body));
    const r = jobJson(res.job).run as Record<string, unknown>;
    expect(r.artifacts).toEqual([{ uri: 'u', extract: true, executable: false, cache: false }]);
    expect(r.ucr).toEqual({ image: { id: 'i', kind: 'docker', forcePull: false }, privileged: false });
  });
});

describe('constraints and API versions', () => {
  it('EQ is stored and written as IS; a constraint without value is kept but never used', () => {
    const res = readJobSpec(
      job(
        {},
        {
          placement: {
            constraints: [
              { attribute: 'a', operator: 'EQ', value: 'v' },
              { attribute: 'b', operator: 'LIKE' },
            ],
          },
        },
      ),
      'v1',
    );
    if (!res.ok) throw new Error('expected a job');
    expect(res.job.run.placement.constraints).toEqual([
      { attribute: 'a', operator: 'IS', value: 'v' },
      { attribute: 'b', operator: 'LIKE' },
    ]);
    expect(effectiveConstraints(res.job.run)).toEqual([{ attribute: 'a', operator: 'IS', value: 'v' }]);
  });
  it('v0 rejects taskKillGracePeriodSeconds, v1 accepts it', () => {
    expect(readJobSpec(job({}, { taskKillGracePeriodSeconds: 5 }), 'v1').ok).toBe(true);
    expect(details(job({}, { taskKillGracePeriodSeconds: 5 }), 'v0')).toEqual([
      { path: '/run', errors: ["Additional properties are not allowed, but found properties 'taskKillGracePeriodSeconds'."] },
    ]);
  });
});
