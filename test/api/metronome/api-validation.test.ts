/**
 * POST /v1/jobs validation: the JSON schema (play-json-schema-validator texts), the Play Reads (cron, time zone) and
 * the accord rules, each answering 422 "Object is not valid" with `details` (docs/metronome-sources.md §2).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import type { Json } from '../../support/marathon.ts';
import { jobsCluster, mt } from './support.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await jobsCluster();
});

const run = (extra: Json = {}): Json => ({ cpus: 0.1, mem: 32, disk: 0, cmd: 'sleep 1', ...extra });
const invalid = (...details: [string, string][]) => ({
  status: 422,
  body: { message: 'Object is not valid', details: details.map(([path, error]) => ({ path, errors: [error] })) },
});
const post = (body: unknown) => mt.post(sb, '/v1/jobs', body);

describe('JSON schema', () => {
  it('missing run, then missing cpus, mem and disk (reported in reverse declaration order)', () => {
    expect(post({ id: 'a' })).toEqual(invalid(['', 'Property run missing.']));
    expect(post({ id: 'a', run: {} })).toEqual(
      invalid(['/run', 'Property mem missing.'], ['/run', 'Property disk missing.'], ['/run', 'Property cpus missing.']),
    );
    expect(post({ id: 'a', run: { cpus: 0.1, disk: 0, cmd: 'x' } })).toEqual(invalid(['/run', 'Property mem missing.']));
  });

  it('minimums of mem and cpus', () => {
    expect(post({ id: 'a', run: run({ mem: 31 }) })).toEqual(invalid(['/run/mem', '31 is smaller than required minimum value of 32.']));
    expect(post({ id: 'a', run: run({ cpus: 0.001 }) })).toEqual(
      invalid(['/run/cpus', '0.001 is smaller than required minimum value of 0.01.']),
    );
  });

  it('unknown fields at the top level and in run, joined with " and "', () => {
    expect(post({ id: 'a', run: run(), colour: 'red', size: 1 })).toEqual(
      invalid(['', "Additional properties are not allowed, but found properties 'colour' and 'size'."]),
    );
    expect(post({ id: 'a', run: run({ instances: 2 }) })).toEqual(
      invalid(['/run', "Additional properties are not allowed, but found properties 'instances'."]),
    );
  });

  it('an id that does not match pathType; an empty id breaks both rules', () => {
    const pattern = '^([a-z0-9]+(\\-+[a-z0-9]+)*)(\\.([a-z0-9]+(\\-+[a-z0-9]+)*))*$';
    expect(post({ id: 'My_Job', run: run() })).toEqual(invalid(['/id', `'My_Job' does not match pattern '${pattern}'.`]));
    expect(post({ id: '', run: run() })).toEqual(
      invalid(['/id', "'' does not match minimum length of 1."], ['/id', `'' does not match pattern '${pattern}'.`]),
    );
    // 0.6.70 allows consecutive dashes.
    expect(post({ id: 'a--b', run: run() }).status).toBe(201);
  });

  it('an empty cmd', () => {
    expect(post({ id: 'a', run: run({ cmd: '' }) })).toEqual(invalid(['/run/cmd', "'' does not match minimum length of 1."]));
  });

  it('enums: restart policy, constraint operator, concurrency policy', () => {
    const bad = 'Instance is invalid enum value.';
    expect(post({ id: 'a', run: run({ restart: { policy: 'ALWAYS' } }) })).toEqual(invalid(['/run/restart/policy', bad]));
    const constraint = { attribute: 'hostname', operator: 'CLUSTER', value: 'x' };
    expect(post({ id: 'a', run: run({ placement: { constraints: [constraint] } }) })).toEqual(
      invalid(['/run/placement/constraints(0)/operator', bad]),
    );
    expect(post({ id: 'a', run: run(), schedules: [{ id: 's', cron: '* * * * *', concurrencyPolicy: 'REPLACE' }] })).toEqual(
      invalid(['/schedules(0)/concurrencyPolicy', bad]),
    );
  });

  it('wrong JSON types', () => {
    expect(post({ id: 'a', run: run({ gpus: 1.5 }) })).toEqual(invalid(['/run/gpus', 'Wrong type. Expected integer, was number.']));
    expect(post({ id: 'a', run: run({ mem: '64' }) })).toEqual(invalid(['/run/mem', 'Wrong type. Expected number, was string.']));
  });
});

describe('Reads', () => {
  it('a cron it cannot read, quoted as JSON', () => {
    for (const cron of ['61 * * * *', '* * * *', '@daily', '0 0 30 2 *'])
      expect(post({ id: 'a', run: run(), schedules: [{ id: 's', cron }] })).toEqual(
        invalid(['/schedules(0)/cron', `Can not read cron expression "${cron}"`]),
      );
  });

  it('a time zone Java does not know', () => {
    expect(post({ id: 'a', run: run(), schedules: [{ id: 's', cron: '0 * * * *', timezone: 'Mars/Olympus' }] })).toEqual(
      invalid(['/schedules(0)/timezone', 'No time zone found with this id: "Mars/Olympus"']),
    );
  });

  it('a negative activeDeadlineSeconds', () => {
    expect(post({ id: 'a', run: run({ restart: { policy: 'ON_FAILURE', activeDeadlineSeconds: -1 } }) })).toEqual(
      invalid(['/run/restart/activeDeadlineSeconds', 'Can not read duration: -1']),
    );
  });
});

describe('accord rules', () => {
  it('nothing to run: no cmd, docker or ucr (args alone do not count)', () => {
    const { cmd: _, ...noCmd } = run();
    expect(post({ id: 'a', run: noCmd })).toEqual(invalid(['/run', 'Cmd, Docker or UCR image must be specified']));
    expect(post({ id: 'a', run: { ...noCmd, args: ['sleep', '1'] } })).toEqual(
      invalid(['/run', 'Cmd, Docker or UCR image must be specified']),
    );
    expect(post({ id: 'a', run: { ...noCmd, ucr: { image: { id: 'busybox' } } } }).status).toBe(201);
  });

  it('both docker and ucr; dependencies with schedules', () => {
    const both = run({ docker: { image: 'a' }, ucr: { image: { id: 'b' } } });
    expect(post({ id: 'a', run: both })).toEqual(invalid(['/run', 'Either Docker or UCR should be provided, but not both']));
    post({ id: 'dep', run: run() });
    expect(post({ id: 'b', run: run(), dependencies: [{ id: 'dep' }], schedules: [{ id: 's', cron: '0 * * * *' }] })).toEqual(
      invalid(['/', 'Jobs may not have both dependencies and schedules specified']),
    );
  });

  it('a constraint with EQ is stored as IS; one without value is kept', () => {
    const constraints = [
      { attribute: 'rack', operator: 'EQ', value: 'r1' },
      { attribute: 'zone', operator: 'LIKE' },
    ];
    const res = post({ id: 'eq', run: run({ placement: { constraints } }) });
    expect(res.status).toBe(201);
    expect(res.body.run.placement).toEqual({
      constraints: [
        { attribute: 'rack', operator: 'IS', value: 'r1' },
        { attribute: 'zone', operator: 'LIKE' },
      ],
    });
    expect(mt.get(sb, '/v1/jobs/eq').body.run.placement).toEqual(res.body.run.placement);
  });
});
