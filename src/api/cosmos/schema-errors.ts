/**
 * Draft-04 validation of a package's options, its failures written as Cosmos writes them: the reports of
 * com.github.fge json-schema-validator (`data.errors` of JsonSchemaMismatch: `level`, `schema` {loadingURI,
 * pointer}, `instance` {pointer}, `domain`, `keyword`, `message`, then the keyword's arguments; see
 * docs/catalog-sources-cosmos.md §4). The validator is @cfworker/json-schema: it interprets schemas (no `eval`
 * or `new Function`, which the page's Content-Security-Policy forbids), draft-04 included.
 */
import { Validator, type Schema } from '@cfworker/json-schema';
/** A JSON object as the validator reads it. */
type JsonObject = Record<string, unknown>;

export interface SchemaErrorJson {
  level: 'error';
  schema: { loadingURI: '#'; pointer: string };
  instance: { pointer: string };
  domain: 'validation';
  keyword: string;
  message: string;
  [arg: string]: unknown;
}

/** `#/a/b` → `/a/b`; the pointer's tokens, unescaped. */
function pointerOf(location: string): string {
  return location.startsWith('#') ? location.slice(1) : location;
}

function at(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** fge's names of JSON types (an integral number is an `integer`). */
function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const json = (v: unknown): string => JSON.stringify(v);

function report(
  keyword: string,
  schemaNode: Record<string, unknown>,
  value: unknown,
  extra: string[],
): { message: string; args: Record<string, unknown> } | null {
  switch (keyword) {
    case 'type': {
      const declared = schemaNode['type'];
      const allowed = (Array.isArray(declared) ? declared : [declared]).map(String);
      const expected = [...new Set(allowed.flatMap((t) => (t === 'number' ? ['integer', 'number'] : [t])))].sort();
      return {
        message: `instance type (${typeName(value)}) does not match any allowed primitive type (allowed: ${json(expected)})`,
        args: { found: typeName(value), expected },
      };
    }
    case 'minimum': {
      const minimum = schemaNode['minimum'];
      if (schemaNode['exclusiveMinimum'] === true)
        return {
          message: `numeric instance is not strictly greater than the required minimum ${String(minimum)}`,
          args: { minimum, found: value, exclusiveMinimum: true },
        };
      return {
        message: `numeric instance is lower than the required minimum (minimum: ${String(minimum)}, found: ${String(value)})`,
        args: { minimum, found: value },
      };
    }
    case 'maximum': {
      const maximum = schemaNode['maximum'];
      if (schemaNode['exclusiveMaximum'] === true)
        return {
          message: `numeric instance is not strictly lower than the required maximum ${String(maximum)}`,
          args: { maximum, found: value, exclusiveMaximum: true },
        };
      return {
        message: `numeric instance is greater than the required maximum (maximum: ${String(maximum)}, found: ${String(value)})`,
        args: { maximum, found: value },
      };
    }
    case 'pattern':
      return {
        message: `ECMA 262 regex "${String(schemaNode['pattern'])}" does not match input string "${String(value)}"`,
        args: { regex: schemaNode['pattern'], string: value },
      };
    case 'enum':
      return {
        message: `instance value (${json(value)}) not found in enum (possible values: ${json(schemaNode['enum'])})`,
        args: { value, enum: schemaNode['enum'] },
      };
    case 'required': {
      const required = [...(schemaNode['required'] as string[])].sort();
      const missing = [...extra].sort();
      return { message: `object has missing required properties (${json(missing)})`, args: { required, missing } };
    }
    case 'additionalProperties': {
      const unwanted = [...extra].sort();
      return { message: `object instance has properties which are not allowed by the schema: ${json(unwanted)}`, args: { unwanted } };
    }
    case 'minLength': {
      const s = String(value);
      return {
        message: `string "${s}" is too short (length: ${s.length}, required minimum: ${String(schemaNode['minLength'])})`,
        args: { value: s, found: s.length, minLength: schemaNode['minLength'] },
      };
    }
    case 'maxLength': {
      const s = String(value);
      return {
        message: `string "${s}" is too long (length: ${s.length}, maximum allowed: ${String(schemaNode['maxLength'])})`,
        args: { value: s, found: s.length, maxLength: schemaNode['maxLength'] },
      };
    }
    case 'minItems': {
      const n = Array.isArray(value) ? value.length : 0;
      return {
        message: `array is too short: must have at least ${String(schemaNode['minItems'])} elements but instance has ${n} elements`,
        args: { minItems: schemaNode['minItems'], found: n },
      };
    }
    case 'maxItems': {
      const n = Array.isArray(value) ? value.length : 0;
      return {
        message: `array is too long: must have at most ${String(schemaNode['maxItems'])} elements but instance has ${n} elements`,
        args: { maxItems: schemaNode['maxItems'], found: n },
      };
    }
    case 'uniqueItems':
      return { message: 'array must not contain duplicate elements', args: {} };
    default:
      return null;
  }
}

/** The draft-04 validation failures of `document` against `schema`, in fge's shape; empty when it is valid. */
export function schemaErrors(schema: JsonObject, document: JsonObject): SchemaErrorJson[] {
  const result = new Validator(schema as Schema, '4', false).validate(document);
  if (result.valid) return [];
  // One report per schema keyword and instance (cfworker reports `required` and `additionalProperties` per key).
  const grouped = new Map<string, { keyword: string; schemaPointer: string; instancePointer: string; extra: string[] }>();
  for (const e of result.errors) {
    const schemaPointer = pointerOf(e.keywordLocation).slice(0, -(e.keyword.length + 1));
    const instancePointer = pointerOf(e.instanceLocation);
    const key = `${e.keywordLocation}\u0000${instancePointer}`;
    const entry = grouped.get(key) ?? { keyword: e.keyword, schemaPointer, instancePointer, extra: [] };
    const named = /"([^"]*)"/.exec(e.error)?.[1];
    if ((e.keyword === 'required' || e.keyword === 'additionalProperties') && named !== undefined) entry.extra.push(named);
    grouped.set(key, entry);
  }
  const out: SchemaErrorJson[] = [];
  for (const g of grouped.values()) {
    const node = at(schema, g.schemaPointer);
    if (typeof node !== 'object' || node === null) continue;
    const r = report(g.keyword, node as Record<string, unknown>, at(document, g.instancePointer), g.extra);
    if (!r) continue;
    out.push({
      level: 'error',
      schema: { loadingURI: '#', pointer: g.schemaPointer },
      instance: { pointer: g.instancePointer },
      domain: 'validation',
      keyword: g.keyword,
      message: r.message,
      ...r.args,
    });
  }
  return out;
}
