/**
 * A package's `config.json` (JSON Schema draft-04) as the install form shows it, as the DC/OS UI's framework
 * configuration form does (react-jsonschema-form over the schema): each top-level object is a section, its properties
 * fields by type (text, number, checkbox, a list of choices; arrays and free objects as JSON), nested objects as
 * sub-groups, `default` as the starting value, `description` as help. The options sent are the whole form value.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Schema = Record<string, unknown>;
export type JsonObject = { [key: string]: Json };

export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'choice' | 'json' | 'group';

export interface FormField {
  /** Keys from the top of the options. */
  path: string[];
  /** An id fit for an element (`field-service-name`). */
  id: string;
  label: string;
  kind: FieldKind;
  description?: string;
  required: boolean;
  choices?: string[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  /** A group's own fields. */
  fields?: FormField[];
}

export interface FormSection {
  key: string;
  id: string;
  label: string;
  description?: string;
  fields: FormField[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const propsOf = (s: Schema): Record<string, Schema> => (isObj(s.properties) ? (s.properties as Record<string, Schema>) : {});
const typeOf = (s: Schema): string | undefined =>
  Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') as string) : (s.type as string);
const requiredOf = (s: Schema): string[] => (Array.isArray(s.required) ? (s.required as string[]) : []);

/** `deploy_strategy` → `Deploy Strategy`, `service` → `Service` (StringUtil.capitalizeEveryWord on the key). */
export function labelOf(key: string, schema?: Schema): string {
  if (schema && typeof schema.title === 'string' && schema.title !== '') return schema.title;
  return key
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

const idOf = (path: string[]) => `field-${path.map((p) => p.replace(/[^A-Za-z0-9_-]/g, '_')).join('-')}`;

function fieldOf(key: string, schema: Schema, path: string[], required: boolean): FormField {
  const type = typeOf(schema);
  const base = { path, id: idOf(path), label: labelOf(key, schema), required };
  const description = typeof schema.description === 'string' ? { description: schema.description } : {};
  if (Array.isArray(schema.enum)) return { ...base, ...description, kind: 'choice', choices: schema.enum.map(String) };
  if (type === 'object' && Object.keys(propsOf(schema)).length > 0) {
    const req = requiredOf(schema);
    const fields = Object.entries(propsOf(schema)).map(([k, s]) => fieldOf(k, s, [...path, k], req.includes(k)));
    return { ...base, ...description, kind: 'group', fields };
  }
  if (type === 'string' || type === 'boolean')
    return { ...base, ...description, kind: type, ...(typeof schema.pattern === 'string' ? { pattern: schema.pattern } : {}) };
  if (type === 'number' || type === 'integer')
    return {
      ...base,
      ...description,
      kind: type,
      ...(typeof schema.minimum === 'number' ? { minimum: schema.minimum } : {}),
      ...(typeof schema.maximum === 'number' ? { maximum: schema.maximum } : {}),
    };
  return { ...base, ...description, kind: 'json' };
}

/** The schema's sections: one per top-level object; the top-level properties that are not objects share "General". */
export function sectionsOf(schema: Schema): FormSection[] {
  const req = requiredOf(schema);
  const sections: FormSection[] = [];
  const loose: FormField[] = [];
  for (const [key, s] of Object.entries(propsOf(schema))) {
    const f = fieldOf(key, s, [key], req.includes(key));
    if (f.kind === 'group')
      sections.push({
        key,
        id: `section-${f.id.slice(6)}`,
        label: f.label,
        fields: f.fields ?? [],
        ...(f.description ? { description: f.description } : {}),
      });
    else loose.push(f);
  }
  if (loose.length > 0) sections.unshift({ key: '', id: 'section-general', label: 'General', fields: loose });
  return sections;
}

/** The schema's defaults as a value (react-jsonschema-form's `getDefaultFormState`, without `$ref`s). */
export function defaultsOf(schema: Schema): Json | undefined {
  if (schema.default !== undefined) return structuredClone(schema.default) as Json;
  if (typeOf(schema) !== 'object') return undefined;
  const out: JsonObject = {};
  for (const [k, s] of Object.entries(propsOf(schema))) {
    const v = defaultsOf(s);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * A service's options as the form's value (react-jsonschema-form's `getDefaultFormState(schema, options)`, what
 * DC/OS' EditFrameworkConfiguration starts from): the schema's defaults with the options over them, objects merged
 * key by key; the defaults alone when there are no options.
 */
export function formStateOf(schema: Schema, options: Readonly<Record<string, unknown>> | undefined): Json | undefined {
  const merge = (base: Json | undefined, over: Json | undefined): Json | undefined => {
    if (over === undefined) return base;
    if (!isObj(base) || !isObj(over)) return structuredClone(over);
    const out: JsonObject = { ...(base as JsonObject) };
    for (const [k, v] of Object.entries(over as JsonObject)) out[k] = merge(out[k], v) as Json;
    return out;
  };
  return merge(defaultsOf(schema), options as Json | undefined);
}

export function getAt(value: Json | undefined, path: readonly string[]): Json | undefined {
  let v: Json | undefined = value;
  for (const k of path) v = isObj(v) ? (v as JsonObject)[k] : undefined;
  return v;
}

/** A copy of `value` with `path` set (objects made on the way); `undefined` removes the key. */
export function setAt(value: Json | undefined, path: readonly string[], next: Json | undefined): JsonObject {
  const root: JsonObject = isObj(value) ? { ...(value as JsonObject) } : {};
  let node = root;
  path.forEach((k, i) => {
    if (i === path.length - 1) {
      if (next === undefined) delete node[k];
      else node[k] = next;
      return;
    }
    const child = node[k];
    const copy: JsonObject = isObj(child) ? { ...(child as JsonObject) } : {};
    node[k] = copy;
    node = copy;
  });
  return root;
}

/** What an input's text becomes: a number field's text a number when it reads as one (else kept, and refused). */
export function parseInput(field: FormField, text: string): Json | undefined {
  if (field.kind === 'number' || field.kind === 'integer') {
    if (text.trim() === '') return undefined;
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  if (field.kind === 'json') {
    try {
      return JSON.parse(text) as Json;
    } catch {
      return text;
    }
  }
  return text;
}

export interface FieldError {
  /** Keys from the top; empty: the whole value. */
  path: string[];
  message: string;
}

const JSON_TYPE = (v: Json | undefined): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;

/** The draft-04 checks the form makes before review: type, required, enum, minimum/maximum, pattern. */
export function validate(schema: Schema, value: Json | undefined, path: string[] = []): FieldError[] {
  if (value === undefined) return [];
  const errors: FieldError[] = [];
  const type = typeOf(schema);
  const actual = JSON_TYPE(value);
  const fits = !type || type === actual || (type === 'number' && actual === 'integer');
  if (!fits) return [{ path, message: `Expected ${type}, got ${actual === 'string' ? `"${String(value)}"` : actual}` }];
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)))
    errors.push({ path, message: `Must be one of: ${schema.enum.map(String).join(', ')}` });
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push({ path, message: `Must be at least ${schema.minimum}` });
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push({ path, message: `Must be at most ${schema.maximum}` });
  }
  if (typeof value === 'string' && typeof schema.pattern === 'string') {
    let re: RegExp | undefined;
    try {
      re = new RegExp(schema.pattern, 'u');
    } catch {
      re = undefined;
    }
    if (re && !re.test(value)) errors.push({ path, message: `Must match the pattern ${schema.pattern}` });
  }
  if (isObj(value)) {
    for (const k of requiredOf(schema))
      if ((value as JsonObject)[k] === undefined) errors.push({ path: [...path, k], message: 'Required' });
    for (const [k, s] of Object.entries(propsOf(schema))) errors.push(...validate(s, (value as JsonObject)[k], [...path, k]));
  }
  return errors;
}

/**
 * Cosmos' `JsonSchemaMismatch` (`data.errors`: the validator's reports, `instance.pointer` the place, `missing` the
 * required keys absent) as errors at the fields.
 */
export function cosmosFieldErrors(data: unknown): FieldError[] {
  const list = isObj(data) && Array.isArray(data.errors) ? data.errors : [];
  return list.flatMap((e): FieldError[] => {
    if (!isObj(e)) return [];
    const instance = isObj(e.instance) ? e.instance : {};
    const pointer = typeof instance.pointer === 'string' ? instance.pointer : '';
    const path = pointer
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const message = typeof e.message === 'string' ? e.message : 'Invalid value';
    if (Array.isArray(e.missing)) return e.missing.map((k) => ({ path: [...path, String(k)], message }));
    return [{ path, message }];
  });
}

export const samePath = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((k, i) => k === b[i]);
