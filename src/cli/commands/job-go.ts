/**
 * dcos-core-cli 2.2's Metronome types (`pkg/metronome/types.go`, `error.go`) and what Go 1.15's encoding/json
 * does with them. Decoding checks each JSON value against its field (`UnmarshalTypeError`: the first one
 * wins), matches keys case-insensitively (so the API's `timezone` fills `timeZone`) and drops unknown keys;
 * `mem`, `disk` and the counts are Go ints, so a fractional value fails. Encoding writes the fields in
 * declared order, leaves out `omitempty` zero values, sorts map keys and writes `cpus`/`gpus` as float32s.
 */
import { goError } from '../format.ts';
import { sortedKeys } from '../go.ts';
import { byCodePoint } from '../python.ts';

type Scalar = 'string' | 'int' | 'float32' | 'float64' | 'bool' | 'interface {}';
/** A Go struct: its type name (`''`: the anonymous struct of `Job.Run`) and `[json name, type, omitempty]` fields. */
interface Struct {
  name: string;
  fields: (readonly [string, GoT, boolean?])[];
}
export type GoT = Scalar | Struct | { slice: GoT } | { map: GoT } | { ptr: GoT };

const struct = (name: string, fields: Struct['fields']): Struct => ({ name, fields });
const slice = (of: GoT): GoT => ({ slice: of });
const ptr = (of: GoT): GoT => ({ ptr: of });
const anyMap: GoT = { map: 'interface {}' };

const RUN_SPEC = struct('', [
  ['args', slice('string'), true],
  [
    'artifacts',
    slice(
      struct('artifact', [
        ['uri', 'string'],
        ['executable', 'bool'],
        ['extract', 'bool'],
        ['cache', 'bool'],
      ]),
    ),
    true,
  ],
  ['cmd', 'string'],
  ['cpus', 'float32'],
  ['gpus', 'float32'],
  ['disk', 'int'],
  [
    'docker',
    ptr(
      struct('docker', [
        ['image', 'string', true],
        ['forcePullImage', 'bool'],
        ['privileged', 'bool'],
      ]),
    ),
    true,
  ],
  ['env', anyMap, true],
  ['maxLaunchDelay', 'int', true],
  ['mem', 'int'],
  [
    'placement',
    ptr(
      struct('placement', [
        [
          'constraints',
          slice(
            struct('constraint', [
              ['attribute', 'string'],
              ['operator', 'string'],
              ['value', 'string'],
            ]),
          ),
        ],
      ]),
    ),
    true,
  ],
  ['secrets', anyMap, true],
  ['taskKillGracePeriodSeconds', 'float64'],
  [
    'ucr',
    ptr(
      struct('ucr', [
        ['image', anyMap, true],
        ['privileged', 'bool'],
      ]),
    ),
    true,
  ],
  ['user', 'string', true],
  [
    'restart',
    ptr(
      struct('restart', [
        ['policy', 'string', true],
        ['activeDeadlineSeconds', 'int', true],
      ]),
    ),
    true,
  ],
  [
    'volumes',
    slice(
      struct('volume', [
        ['containerPath', 'string', true],
        ['hostPath', 'string', true],
        ['mode', 'string', true],
        ['secret', 'string', true],
      ]),
    ),
    true,
  ],
]);

/** `metronome.Run` */
export const RUN = struct('Run', [
  ['id', 'string'],
  ['jobId', 'string'],
  ['status', 'string'],
  ['createdAt', 'string'],
  ['completedAt', 'string'],
  [
    'tasks',
    slice(
      struct('activeTask', [
        ['id', 'string'],
        ['status', 'string'],
        ['startedAt', 'string'],
        ['completedAt', 'string'],
      ]),
    ),
  ],
]);

const SUMMARY: Struct['fields'] = [
  ['successCount', 'int'],
  ['failureCount', 'int'],
  ['lastSuccessAt', 'string'],
  ['lastFailureAt', 'string'],
];

export const RUN_HISTORY = struct('runHistory', [
  ['id', 'string'],
  ['createdAt', 'string'],
  ['finishedAt', 'string'],
  ['tasks', slice('string')],
]);

/** `metronome.Schedule`: note `timeZone`. */
export const SCHEDULE = struct('Schedule', [
  ['id', 'string'],
  ['cron', 'string'],
  ['timeZone', 'string', true],
  ['startingDeadlineSeconds', 'int', true],
  ['concurrencyPolicy', 'string'],
  ['enabled', 'bool'],
  ['nextRunAt', 'string'],
]);

/** `metronome.Job` */
export const JOB = struct('Job', [
  ['id', 'string'],
  ['dependencies', slice(struct('dependency', [['id', 'string']])), true],
  ['description', 'string'],
  ['labels', { map: 'string' }, true],
  ['run', RUN_SPEC],
  ['activeRuns', slice(RUN), true],
  ['historySummary', ptr(struct('JobHistorySummary', SUMMARY)), true],
  [
    'history',
    ptr(struct('JobHistory', [...SUMMARY, ['successfulFinishedRuns', slice(RUN_HISTORY)], ['failedFinishedRuns', slice(RUN_HISTORY)]])),
    true,
  ],
  ['schedules', slice(SCHEDULE), true],
]);

/** `metronome.Queue` */
export const QUEUE = struct('Queue', [
  ['jobId', 'string'],
  ['runs', slice(struct('queuedRun', [['runId', 'string']]))],
]);

/** `metronome.Error`, the body of a refused call. */
export const API_ERROR = struct('Error', [
  ['code', 'int'],
  ['message', 'string'],
  [
    'details',
    slice(
      struct('detail', [
        ['path', 'string'],
        ['errors', slice('string')],
      ]),
    ),
  ],
]);

export const listOf = slice;

/** The decoded values the commands read (Go's zero values where the JSON had nothing). */
export interface GoRun {
  id: string;
  createdAt: string;
}
export interface GoRunHistory {
  id: string;
  createdAt: string;
  finishedAt: string;
}
export interface GoSummary {
  successCount: number;
  failureCount: number;
  lastSuccessAt: string;
  lastFailureAt: string;
}
export interface GoSchedule {
  id: string;
  cron: string;
  enabled: boolean;
  nextRunAt: string;
  concurrencyPolicy: string;
}
export interface GoJob {
  id: string;
  activeRuns: GoRun[] | null;
  historySummary: GoSummary | null;
  history: (GoSummary & { successfulFinishedRuns: GoRunHistory[] | null; failedFinishedRuns: GoRunHistory[] | null }) | null;
  schedules: GoSchedule[] | null;
}
export interface GoQueue {
  jobId: string;
  runs: { runId: string }[] | null;
}

/** `reflect.Type.String()` */
function typeName(t: GoT): string {
  if (typeof t === 'string') return t;
  if ('slice' in t) return `[]${typeName(t.slice)}`;
  if ('map' in t) return `map[string]${typeName(t.map)}`;
  if ('ptr' in t) return `*${typeName(t.ptr)}`;
  if (t.name !== '') return `metronome.${t.name}`;
  const field = ([name, type, omit]: Struct['fields'][number]) =>
    `${name === 'ucr' ? 'UCR' : name[0]!.toUpperCase() + name.slice(1)} ${typeName(type)} "json:\\"${name}${omit ? ',omitempty' : ''}\\""`;
  return `struct { ${t.fields.map(field).join('; ')} }`;
}

function zero(t: GoT): unknown {
  if (t === 'string') return '';
  if (t === 'bool') return false;
  if (t === 'int' || t === 'float32' || t === 'float64') return 0;
  if (typeof t === 'string' || !('fields' in t)) return null;
  return Object.fromEntries(t.fields.map(([name, type]) => [name, zero(type)]));
}

const kindOf = (v: unknown) => (Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v === 'object' ? 'object' : typeof v);

/** Where a value sits: the innermost struct's name and the JSON names down to it (Go's `errorContext`). */
interface At {
  struct?: string;
  fields: string[];
}

function decodeAt(v: unknown, t: GoT, at: At): unknown {
  if (v === null || v === undefined) return zero(t);
  const bad = (value = kindOf(v)): never => {
    const where = at.struct === undefined ? 'value' : `struct field ${at.struct}.${at.fields.join('.')}`;
    throw goError(`json: cannot unmarshal ${value} into Go ${where} of type ${typeName(t)}`);
  };
  if (t === 'interface {}') return v;
  if (t === 'string') return typeof v === 'string' ? v : bad();
  if (t === 'bool') return typeof v === 'boolean' ? v : bad();
  if (typeof t === 'string') {
    if (typeof v !== 'number') return bad();
    if (t === 'int' && !Number.isInteger(v)) return bad(`number ${v}`);
    return t === 'float32' ? Math.fround(v) : v;
  }
  if ('slice' in t) return Array.isArray(v) ? v.map((e) => decodeAt(e, t.slice, at)) : bad();
  if ('ptr' in t) return decodeAt(v, t.ptr, at);
  if (kindOf(v) !== 'object') return bad();
  const entries = Object.entries(v as Record<string, unknown>);
  if ('map' in t) return Object.fromEntries(entries.map(([k, e]) => [k, decodeAt(e, t.map, at)]));
  const out = zero(t) as Record<string, unknown>;
  for (const [key, e] of entries) {
    const field = t.fields.find(([name]) => name === key) ?? t.fields.find(([name]) => name.toLowerCase() === key.toLowerCase());
    if (field) out[field[0]] = decodeAt(e, field[1], { struct: t.name, fields: [...at.fields, field[0]] });
  }
  return out;
}

/** `json.Unmarshal(body, &value)` for a value of Go type `t`; its error as the plugin prints it. */
export const decode = <V>(body: unknown, t: GoT): V => decodeAt(body, t, { fields: [] }) as V;

/** A float32 as Go writes it: the fewest digits that read back as the same float32. */
function float32(n: number): number {
  for (let p = 1; p < 9; p++) {
    const short = Number(n.toPrecision(p));
    if (Math.fround(short) === n) return short;
  }
  return Number(n.toPrecision(9));
}

const isEmpty = (v: unknown) => v === null || v === '' || v === 0 || v === false || (typeof v === 'object' && Object.keys(v).length === 0);

/** `json.Marshal` of a decoded value, as a JSON value with Go's key order (for `goJson` or a request body). */
export function encode(v: unknown, t: GoT): unknown {
  if (v === null) return null;
  if (t === 'float32') return float32(v as number);
  if (t === 'interface {}') return sortedKeys(v);
  if (typeof t === 'string') return v;
  if ('slice' in t) return (v as unknown[]).map((e) => encode(e, t.slice));
  if ('ptr' in t) return encode(v, t.ptr);
  const record = v as Record<string, unknown>;
  if ('map' in t)
    return Object.fromEntries(
      Object.keys(record)
        .sort(byCodePoint)
        .map((k) => [k, encode(record[k], t.map)]),
    );
  const out: Record<string, unknown> = {};
  for (const [name, type, omitEmpty] of t.fields) if (!(omitEmpty && isEmpty(record[name]))) out[name] = encode(record[name], type);
  return out;
}
