/**
 * How dcos-core-cli 2.2's Go commands write: `json.Encoder` with a four-space indent (HTML characters
 * escaped, map keys sorted, struct fields in their declared order and `omitempty` ones left out), cobra's
 * argument-count errors, and Go's zero values for what a decoded struct lacks.
 */
import { CliError } from './format.ts';
import { byCodePoint } from './python.ts';
import { goFixed } from './table.ts';

const escapeHtml = (json: string) => json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** A JSON string as Go's encoder writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped. */
const goString = (s: string): string => escapeHtml(JSON.stringify(s));

function encode(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goString(value);
  if (typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + encode(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${goString(k)}: ${encode(v, inner)}`).join(',\n')}\n${indent}}`;
}

/** `enc.SetIndent("", "    "); enc.Encode(value)`: keys in the order the value has them. */
export const goJson = (value: unknown): string => `${encode(value, '')}\n`;

/** `json.Marshal`: compact, HTML characters escaped. */
export const goJsonCompact = (value: unknown): string => escapeHtml(JSON.stringify(value) ?? 'null');

/** A JSON value decoded into `interface{}` and written back: every object becomes a map, keys sorted. */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort(byCodePoint)
      .map((k) => [k, sortedKeys(record[k])]),
  );
}

/**
 * Go types for `project`: scalars decode to their zero value when absent or of another type, `any` is an
 * `interface{}` (maps sorted), `raw` keeps the value as the API wrote it (a nested struct the sandbox does
 * not re-order).
 */
export type GoType =
  'string' | 'number' | 'bool' | 'any' | 'raw' | { struct: GoField[] } | { slice: GoType } | { map: GoType } | { ptr: GoType };

/** `[json name, type, omitempty]` */
export type GoField = readonly [string, GoType, boolean?];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Go's `omitempty`: false, 0, "", nil pointers, and nil or empty slices and maps are left out; structs never. */
function omitted(v: unknown, type: GoType): boolean {
  if (v === null) return true;
  if (typeof type === 'string') return v === false || v === 0 || v === '';
  if ('slice' in type) return Array.isArray(v) && v.length === 0;
  if ('map' in type) return isRecord(v) && Object.keys(v).length === 0;
  return false;
}

/** What decoding `value` into a Go value of `type` and encoding it again gives. */
export function project(value: unknown, type: GoType): unknown {
  if (type === 'string') return typeof value === 'string' ? value : '';
  if (type === 'number') return typeof value === 'number' ? value : 0;
  if (type === 'bool') return typeof value === 'boolean' ? value : false;
  if (type === 'any') return value === undefined ? null : sortedKeys(value);
  if (type === 'raw') return value === undefined ? null : value;
  if ('ptr' in type) return value === undefined || value === null ? null : project(value, type.ptr);
  if ('slice' in type) return Array.isArray(value) ? value.map((v) => project(v, type.slice)) : null;
  if ('map' in type) {
    if (!isRecord(value)) return null;
    return Object.fromEntries(
      Object.keys(value)
        .sort(byCodePoint)
        .map((k) => [k, project(value[k], type.map)]),
    );
  }
  const source = isRecord(value) ? value : {};
  const out: Record<string, unknown> = {};
  for (const [name, fieldType, omitEmpty] of type.struct) {
    const v = project(source[name], fieldType);
    if (omitEmpty && omitted(v, fieldType)) continue;
    out[name] = v;
  }
  return out;
}

/** cobra's argument checks (`ExactArgs`, `RangeArgs`, `MaximumNArgs`, `MinimumNArgs`, `NoArgs`). */
export function checkArgs(args: string[], min: number, max: number, commandPath: string): void {
  const n = args.length;
  if (max === 0 && n > 0) throw new CliError(`Error: unknown command "${args[0]}" for "${commandPath}"`);
  if (min === max && n !== min) throw new CliError(`Error: accepts ${min} arg(s), received ${n}`);
  if (max === Infinity && n < min) throw new CliError(`Error: requires at least ${min} arg(s), only received ${n}`);
  if (min === 0 && n > max) throw new CliError(`Error: accepts at most ${max} arg(s), received ${n}`);
  if (n < min || n > max) throw new CliError(`Error: accepts between ${min} and ${max} arg(s), received ${n}`);
}

/** Go's `%v` of a float64 (`%g`, shortest digits): an exponent below 1e-4 and from 1e6 up (`1e+06`). */
export function goFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const [m, e] = n.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (n !== 0 && (exp < -4 || exp >= 6)) return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/** go-humanize's `Ftoa`: six decimals, then trailing zeros (and a bare point) dropped. */
export function humanizeFtoa(n: number): string {
  const fixed = goFixed(n, 6);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}
