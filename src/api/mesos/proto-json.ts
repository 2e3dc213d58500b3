/**
 * stout's `protobuf::parse<T>(JSON)` for the messages the reservation endpoints read (a `Resource`, the v1 operator
 * calls that carry them): which JSON it takes for which field and what it says otherwise
 * (MS:3rdparty/stout/include/stout/protobuf.hpp:422-760). Keys are visited in sorted order (JSON::Object is a
 * std::map), unknown keys are skipped, `null` leaves a field unset, an unknown name for an optional enum is dropped,
 * and missing required fields are listed as protobuf's InitializationErrorString does (`scalar.value`,
 * `resources[0].name`). Fields the sandbox does not read are left out of the schemas, so they are skipped unchecked.
 */
import { jsonKind, type StoutJson } from './picojson.ts';

type Kind = 'string' | 'double' | 'uint64' | 'bool' | { enum: readonly string[] } | { message: () => Schema };

interface Field {
  name: string;
  number: number;
  kind: Kind;
  required?: boolean;
  repeated?: boolean;
}

/** A message's fields in declaration order (the order the required check walks them). */
export type Schema = readonly Field[];

export type PbValue = string | number | boolean | PbMessage | PbValue[];
export interface PbMessage {
  [field: string]: PbValue;
}

const f = (name: string, number: number, kind: Kind, extra: Partial<Field> = {}): Field => ({ name, number, kind, ...extra });
const msg = (schema: () => Schema): Kind => ({ message: schema });

const LABEL: Schema = [f('key', 1, 'string', { required: true }), f('value', 2, 'string')];
const LABELS: Schema = [
  f(
    'labels',
    1,
    msg(() => LABEL),
    { repeated: true },
  ),
];
const RESERVATION: Schema = [
  f('type', 4, { enum: ['UNKNOWN', 'STATIC', 'DYNAMIC'] }),
  f('role', 3, 'string'),
  f('principal', 1, 'string'),
  f(
    'labels',
    2,
    msg(() => LABELS),
  ),
];
const ROOT: Schema = [f('root', 1, 'string')];
const SOURCE: Schema = [
  f('type', 1, { enum: ['UNKNOWN', 'PATH', 'MOUNT', 'BLOCK', 'RAW'] }, { required: true }),
  f(
    'path',
    2,
    msg(() => ROOT),
  ),
  f(
    'mount',
    3,
    msg(() => ROOT),
  ),
  f('vendor', 7, 'string'),
  f('id', 4, 'string'),
  f('profile', 6, 'string'),
];
const VOLUME: Schema = [
  f('mode', 3, { enum: ['', 'RW', 'RO'] }, { required: true }),
  f('container_path', 1, 'string', { required: true }),
  f('host_path', 2, 'string'),
];
const DISK: Schema = [
  f(
    'persistence',
    1,
    msg(() => [f('id', 1, 'string', { required: true }), f('principal', 2, 'string')]),
  ),
  f(
    'volume',
    2,
    msg(() => VOLUME),
  ),
  f(
    'source',
    3,
    msg(() => SOURCE),
  ),
];
const RANGE: Schema = [f('begin', 1, 'uint64', { required: true }), f('end', 2, 'uint64', { required: true })];
const VALUE_ID: Schema = [f('value', 1, 'string', { required: true })];

export const RESOURCE: Schema = [
  f(
    'provider_id',
    12,
    msg(() => VALUE_ID),
  ),
  f('name', 1, 'string', { required: true }),
  f('type', 2, { enum: ['SCALAR', 'RANGES', 'SET', 'TEXT'] }, { required: true }),
  f(
    'scalar',
    3,
    msg(() => [f('value', 1, 'double', { required: true })]),
  ),
  f(
    'ranges',
    4,
    msg(() => [
      f(
        'range',
        1,
        msg(() => RANGE),
        { repeated: true },
      ),
    ]),
  ),
  f(
    'set',
    5,
    msg(() => [f('item', 1, 'string', { repeated: true })]),
  ),
  f('role', 6, 'string'),
  f(
    'allocation_info',
    11,
    msg(() => [f('role', 1, 'string')]),
  ),
  f(
    'reservation',
    8,
    msg(() => RESERVATION),
  ),
  f(
    'reservations',
    13,
    msg(() => RESERVATION),
    { repeated: true },
  ),
  f(
    'disk',
    7,
    msg(() => DISK),
  ),
  f(
    'revocable',
    9,
    msg(() => []),
  ),
  f(
    'shared',
    10,
    msg(() => []),
  ),
];

/** The v1 master Call, with the four reservation calls only (mesos/v1/master/master.proto:158-187). */
const call = (key: string): Schema => [
  f(
    'agent_id',
    1,
    msg(() => VALUE_ID),
    { required: true },
  ),
  f(
    key === 'reserve_resources' || key === 'unreserve_resources' ? 'resources' : 'volumes',
    2,
    msg(() => RESOURCE),
    { repeated: true },
  ),
  ...(key === 'reserve_resources'
    ? [
        f(
          'source',
          3,
          msg(() => RESOURCE),
          { repeated: true },
        ),
      ]
    : []),
];
export const RESERVATION_CALL: Schema = [
  f('type', 1, { enum: ['UNKNOWN', 'RESERVE_RESOURCES', 'UNRESERVE_RESOURCES', 'CREATE_VOLUMES', 'DESTROY_VOLUMES'] }),
  f(
    'reserve_resources',
    11,
    msg(() => call('reserve_resources')),
  ),
  f(
    'unreserve_resources',
    12,
    msg(() => call('unreserve_resources')),
  ),
  f(
    'create_volumes',
    13,
    msg(() => call('create_volumes')),
  ),
  f(
    'destroy_volumes',
    14,
    msg(() => call('destroy_volumes')),
  ),
];

type Result = string | null;

function setField(target: PbMessage, field: Field, value: PbValue): void {
  if (field.repeated) ((target[field.name] ??= []) as PbValue[]).push(value);
  else target[field.name] = value;
}

function numberText(text: string): number | null {
  return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text.trim()) ? Number(text) : null;
}

/** One JSON value into one field (stout's Parser visitor). */
function apply(target: PbMessage, field: Field, value: StoutJson): Result {
  const kind = jsonKind(value);
  const k = field.kind;
  const notExpecting = (): string => `Not expecting a JSON ${kind} for field '${field.name}'`;
  switch (kind) {
    case 'null':
      return null;
    case 'array': {
      if (!field.repeated) return notExpecting();
      for (const v of value as StoutJson[]) {
        const error = apply(target, field, v);
        if (error) return error;
      }
      return null;
    }
    case 'object': {
      if (typeof k !== 'object' || !('message' in k)) return notExpecting();
      const existing = !field.repeated && typeof target[field.name] === 'object' ? (target[field.name] as PbMessage) : null;
      const into: PbMessage = existing ?? {};
      const error = parseInto(into, k.message(), value as { [key: string]: StoutJson });
      if (!existing) setField(target, field, into);
      return error;
    }
    case 'string': {
      const text = value as string;
      if (k === 'string') return (setField(target, field, text), null);
      if (typeof k === 'object' && 'enum' in k) {
        if (k.enum.includes(text) && text !== '') return (setField(target, field, text), null);
        return field.required ? `Failed to find enum for '${text}'` : null;
      }
      if (k === 'double' && (text === 'Infinity' || text === '-Infinity')) return (setField(target, field, Number(text)), null);
      if (k === 'double' || k === 'uint64' || k === 'bool') {
        const what = k === 'bool' ? 'boolean' : 'number';
        const parsed = k === 'bool' ? (text === 'true' ? true : text === 'false' ? false : null) : numberText(text);
        if (parsed === null)
          return `Failed to parse '${text}' as a JSON ${what} for field '${field.name}': syntax error at line 1 near: ${text}`;
        return apply(target, field, parsed);
      }
      return notExpecting();
    }
    case 'number': {
      if (k === 'double') return (setField(target, field, value as number), null);
      if (k === 'uint64') return (setField(target, field, Math.trunc(value as number)), null);
      return notExpecting();
    }
    case 'boolean':
      return k === 'bool' ? (setField(target, field, value as boolean), null) : notExpecting();
  }
}

function parseInto(target: PbMessage, schema: Schema, object: { [key: string]: StoutJson }): Result {
  for (const key of Object.keys(object).sort()) {
    const field = schema.find((x) => x.name === key);
    if (!field) continue;
    const error = apply(target, field, object[key]!);
    if (error) return error;
  }
  return null;
}

/** Paths of the required fields left unset, as protobuf lists them: this message's first, then its set sub-messages' by number. */
function missing(message: PbMessage, schema: Schema, prefix: string): string[] {
  const out = schema.filter((x) => x.required && message[x.name] === undefined).map((x) => prefix + x.name);
  for (const field of [...schema].sort((a, b) => a.number - b.number)) {
    const k = field.kind;
    const value = message[field.name];
    if (value === undefined || typeof k !== 'object' || !('message' in k)) continue;
    if (field.repeated) (value as PbMessage[]).forEach((m, i) => out.push(...missing(m, k.message(), `${prefix}${field.name}[${i}].`)));
    else out.push(...missing(value as PbMessage, k.message(), `${prefix}${field.name}.`));
  }
  return out;
}

/** `protobuf::parse<T>(json)`: the message, or stout's error text. */
export function parseMessage(schema: Schema, json: StoutJson): { ok: true; message: PbMessage } | { ok: false; error: string } {
  if (jsonKind(json) !== 'object') return { ok: false, error: 'Expecting a JSON object' };
  const message: PbMessage = {};
  const error = parseInto(message, schema, json as { [key: string]: StoutJson });
  if (error) return { ok: false, error };
  const unset = missing(message, schema, '');
  return unset.length ? { ok: false, error: `Missing required fields: ${unset.join(', ')}` } : { ok: true, message };
}
