/**
 * The subset of JSON Schema (draft 4) that Metronome's job schemas use, checked the way play-json-schema-validator
 * 0.9.4 does (JSV:src/main/scala/com/eclipsesource/schema/internal/validators/*.scala, texts from messages.txt).
 * Every failure is its own `{path, errors:[text]}` entry: JSV's `Failure`s are concatenated, never grouped by path.
 */
import type { Violation } from '../marathon/violations.ts';

export type SchemaType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';

export interface Schema {
  type?: SchemaType;
  /** In declaration order: JSV reports their errors in the reverse order (ObjectValidator.validateProps prepends). */
  properties?: readonly (readonly [string, Schema])[];
  required?: readonly string[];
  /** `false`: extra keys are an error; a schema: each extra value is checked against it; absent: anything goes. */
  additionalProperties?: false | Schema;
  /** The `.*` pattern property, the only one the job schemas use. */
  anyKey?: Schema;
  items?: Schema;
  minimum?: number;
  minLength?: number;
  pattern?: string;
  enum?: readonly string[];
  oneOf?: readonly Schema[];
}

/** JSV's `SchemaUtil.typeOfAsString`. */
function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

function fitsType(v: unknown, t: SchemaType): boolean {
  if (t === 'integer') return typeof v === 'number' && Number.isInteger(v);
  if (t === 'number') return typeof v === 'number' && Number.isFinite(v);
  return typeOf(v) === t;
}

/** Checks `value` against `schema`; `path` is Play's JsPath text (`/run/mem`, `/run/artifacts(0)`, `` for the root). */
export function checkSchema(value: unknown, schema: Schema, path: string, out: Violation[]): void {
  const fail = (error: string, at = path): void => void out.push({ path: at, errors: [error] });
  if (schema.oneOf) {
    const matching = schema.oneOf.filter((s) => {
      const probe: Violation[] = [];
      checkSchema(value, s, path, probe);
      return probe.length === 0;
    }).length;
    if (matching === 0) fail('Instance does not match any schema.');
    else if (matching > 1) fail('Instance matches more than one schema.');
    return;
  }
  if (schema.type && !fitsType(value, schema.type)) {
    // An integer schema names the JSON type it found: `1.5` is a "number".
    fail(`Wrong type. Expected ${schema.type}, was ${typeOf(value)}.`);
    return;
  }
  if (typeof value === 'string') checkString(value, schema, fail);
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum)
    fail(`${value} is smaller than required minimum value of ${schema.minimum}.`);
  if (schema.enum && !schema.enum.includes(value as string)) fail('Instance is invalid enum value.');
  if (Array.isArray(value) && schema.items) {
    const items = schema.items;
    value.forEach((x, i) => checkSchema(x, items, `${path}(${i})`, out));
  }
  if (typeOf(value) === 'object') checkObject(value as Record<string, unknown>, schema, path, out);
}

function checkString(value: string, schema: Schema, fail: (error: string) => void): void {
  if (schema.minLength !== undefined && value.length < schema.minLength)
    fail(`'${value}' does not match minimum length of ${schema.minLength}.`);
  if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value))
    fail(`'${value}' does not match pattern '${schema.pattern}'.`);
}

/** ObjectValidator.validate: declared properties (reversed), pattern properties, then the additional ones. */
function checkObject(o: Record<string, unknown>, schema: Schema, path: string, out: Violation[]): void {
  const declared = schema.properties ?? [];
  const required = schema.required ?? [];
  for (const [name, s] of [...declared].reverse()) {
    if (o[name] === undefined) {
      // A missing property is reported at the object's path, not the property's.
      if (required.includes(name)) out.push({ path, errors: [`Property ${name} missing.`] });
    } else checkSchema(o[name], s, `${path}/${name}`, out);
  }
  for (const name of required)
    if (!declared.some(([n]) => n === name) && o[name] === undefined) out.push({ path, errors: [`Property ${name} missing.`] });
  const rest = Object.keys(o).filter((k) => !declared.some(([n]) => n === k));
  if (schema.anyKey) {
    const anyKey = schema.anyKey;
    for (const k of rest) checkSchema(o[k], anyKey, `${path}/${k}`, out);
    return;
  }
  if (rest.length === 0 || schema.additionalProperties === undefined) return;
  const extra = schema.additionalProperties;
  if (extra === false) {
    const names = rest.map((k) => `'${k}'`).join(' and ');
    out.push({ path, errors: [`Additional properties are not allowed, but found properties ${names}.`] });
  } else for (const k of rest) checkSchema(o[k], extra, `${path}/${k}`, out);
}
