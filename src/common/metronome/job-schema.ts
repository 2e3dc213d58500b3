/**
 * Metronome's job schemas as data, in declaration order (the order decides the order of JSV's errors):
 * MT:api/src/main/resources/public/api/v1/schema/jobspec.schema.json and v0/schema/jobspec_v0.schema.json.
 */
import type { Schema } from './json-schema.ts';

/** `pathType` (:4-8); before 0.6.70 the inner `\-+` was a single `\-`. */
export const JOB_ID_PATTERN = '^([a-z0-9]+(\\-+[a-z0-9]+)*)(\\.([a-z0-9]+(\\-+[a-z0-9]+)*))*$';
const pathType: Schema = { type: 'string', pattern: JOB_ID_PATTERN, minLength: 1 };
const str: Schema = { type: 'string' };
const bool: Schema = { type: 'boolean' };
const stringMap: Schema = { type: 'object', additionalProperties: str };

/** `definitions.schedule` (:9-42): no `additionalProperties`, so unknown keys pass. */
export const SCHEDULE_IN_JOB: Schema = {
  type: 'object',
  properties: [
    ['id', pathType],
    ['cron', str],
    ['timezone', str],
    ['startingDeadlineSeconds', { type: 'integer', minimum: 1 }],
    ['concurrencyPolicy', { type: 'string', enum: ['ALLOW', 'FORBID'] }],
    ['enabled', bool],
  ],
  required: ['id', 'cron'],
};

const artifact: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: [
    ['uri', str],
    ['executable', bool],
    ['extract', bool],
    ['cache', bool],
  ],
  required: ['uri'],
};

const network: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['mode'],
  properties: [
    ['name', str],
    ['mode', { type: 'string', enum: ['host', 'container/bridge', 'container'] }],
    ['labels', stringMap],
  ],
};

const ucr: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: [
    [
      'image',
      {
        type: 'object',
        additionalProperties: false,
        properties: [
          ['id', str],
          ['kind', { type: 'string', enum: ['docker', 'appc'] }],
          ['forcePull', bool],
        ],
        required: ['id'],
      },
    ],
    ['privileged', bool],
  ],
  required: ['image'],
};

const docker: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: [
    ['image', str],
    ['forcePullImage', bool],
    ['privileged', bool],
    [
      'parameters',
      {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          properties: [
            ['key', str],
            ['value', str],
          ],
          required: ['key', 'value'],
        },
      },
    ],
  ],
  required: ['image'],
};

const env: Schema = {
  type: 'object',
  anyKey: { oneOf: [str, { type: 'object', properties: [['secret', str]] }] },
};

const placement: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: [
    [
      'constraints',
      {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          properties: [
            ['attribute', str],
            ['operator', { type: 'string', enum: ['IS', 'EQ', 'LIKE', 'UNLIKE'] }],
            ['value', str],
          ],
          required: ['attribute', 'operator'],
        },
      },
    ],
  ],
};

const restart: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: [
    ['policy', { type: 'string', enum: ['NEVER', 'ON_FAILURE'] }],
    ['activeDeadlineSeconds', { type: 'integer' }],
  ],
  required: ['policy'],
};

const volume: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: [
    ['containerPath', { type: 'string', minLength: 1 }],
    ['hostPath', { type: 'string', minLength: 1 }],
    ['mode', { type: 'string', enum: ['RO', 'RW'] }],
    ['secret', { type: 'string', minLength: 1 }],
  ],
  required: ['containerPath'],
};

const secrets: Schema = { type: 'object', anyKey: { type: 'object', properties: [['source', str]] } };

function runSchema(api: 'v1' | 'v0'): Schema {
  const properties: [string, Schema][] = [
    ['args', { type: 'array', items: str }],
    ['artifacts', { type: 'array', items: artifact }],
    ['cmd', { type: 'string', minLength: 1 }],
    ['cpus', { type: 'number', minimum: 0.01 }],
    ['gpus', { type: 'integer', minimum: 0 }],
    ['disk', { type: 'number', minimum: 0 }],
    ['networks', { type: 'array', items: network }],
    ['ucr', ucr],
    ['docker', docker],
    ['env', env],
    ['maxLaunchDelay', { type: 'integer', minimum: 1 }],
    ['mem', { type: 'number', minimum: 32 }],
    ['placement', placement],
    ['user', str],
    // v0 has no taskKillGracePeriodSeconds (jobspec_v0.schema.json:39-41), so it is an additional property there.
    ...(api === 'v1' ? [['taskKillGracePeriodSeconds', { type: 'number' }] as [string, Schema]] : []),
    ['restart', restart],
    ['volumes', { type: 'array', items: volume }],
    ['secrets', secrets],
  ];
  return { type: 'object', additionalProperties: false, properties, required: ['cpus', 'mem', 'disk'] };
}

/** The job schema; v0 declares `run` before `schedules` (and its schedule inline, with the same rules). */
export function jobSchema(api: 'v1' | 'v0'): Schema {
  const head: [string, Schema][] = [
    ['id', pathType],
    ['description', str],
    ['dependencies', { type: 'array', items: { type: 'object', properties: [['id', pathType]] } }],
    ['labels', stringMap],
  ];
  const schedules: [string, Schema] = ['schedules', { type: 'array', items: SCHEDULE_IN_JOB }];
  const run: [string, Schema] = ['run', runSchema(api)];
  const properties = api === 'v1' ? [...head, schedules, run] : [...head, run, schedules];
  return { type: 'object', additionalProperties: false, properties, required: ['id', 'run'] };
}
