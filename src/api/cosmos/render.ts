/**
 * How Cosmos turns a package and the user's options into a Marathon app
 * (CO:cosmos-common/…/render/PackageDefinitionRenderer.scala, jsonschema/JsonSchema.scala): the config schema's
 * defaults deep-merged with the options, validated (draft-04; only when the merge is non-empty), then
 * `{...merged, resource}` as the mustache context of `marathon.json.mustache` (no HTML escaping; a string is
 * inserted JSON-escaped without its quotes, a string inside an array with them), the result parsed as a JSON
 * object, `id` set from `appId`, and Cosmos' labels merged over the template's.
 */
import Mustache from 'mustache';
import type { UniversePackage } from '../../common/catalog/types.ts';
import { jsonSchemaMismatch, optionsNotAllowed, templateMustBeObject, templateNotFound } from './errors.ts';
import { schemaErrors } from './schema-errors.ts';

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** circe's JsonObject deep merge (JsonUtil.merge): objects merge key by key, anything else is replaced. */
export function merge(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const prev = out[k];
    out[k] = isObject(prev) && isObject(v) ? merge(prev, v) : v;
  }
  return out;
}

/** JsonSchema.extractDefaultsFromSchema: each property's `default`, else the defaults of its nested properties. */
export function defaultsOf(schema: unknown): JsonObject {
  const props = isObject(schema) ? schema['properties'] : undefined;
  if (!isObject(props)) return {};
  const out: JsonObject = {};
  for (const [name, prop] of Object.entries(props)) {
    if (!isObject(prop)) continue;
    if ('default' in prop) out[name] = structuredClone(prop['default']);
    else {
      const nested = defaultsOf(prop);
      if (Object.keys(nested).length > 0) out[name] = nested;
    }
  }
  return out;
}

export function mergedOptions(pkg: UniversePackage, options: JsonObject | undefined): JsonObject {
  return merge(pkg.config ? defaultsOf(pkg.config) : {}, options ?? {});
}

/** Throws OptionsNotAllowed or JsonSchemaMismatch. */
export function validateOptions(pkg: UniversePackage, merged: JsonObject): void {
  if (Object.keys(merged).length === 0) return;
  if (!isObject(pkg.config)) throw optionsNotAllowed();
  const errors = schemaErrors(pkg.config, merged);
  if (errors.length > 0) throw jsonSchemaMismatch(errors);
}

/** Cosmos' jsonToJava: the mustache context, strings JSON-escaped (quoted inside arrays). */
function mustacheContext(v: unknown, inArray: boolean): unknown {
  if (typeof v === 'string') {
    const quoted = JSON.stringify(v);
    return inArray ? quoted : quoted.slice(1, -1);
  }
  if (Array.isArray(v)) {
    // A list used as a value renders as Java's List.toString, `[a, b]` (its strings quoted above): `[]`, `[["a", "b"]]`.
    const list = v.map((x) => mustacheContext(x, true));
    Object.defineProperty(list, 'toString', { value: () => `[${list.map(String).join(', ')}]`, enumerable: false });
    return list;
  }
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mustacheContext(x, false)]));
  return v;
}

const decoder = new TextDecoder();

export function fromBase64(b64: string): string {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return decoder.decode(bytes);
}

const encoder = new TextEncoder();

export function toBase64(text: string): string {
  const bytes = encoder.encode(text);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** The template rendered with `context`; throws MarathonTemplateMustBeJsonObject when it is not a JSON object. */
export function renderTemplate(template: string, context: JsonObject): JsonObject {
  const text = Mustache.render(template, mustacheContext(context, false), {}, { escape: (s: string) => s });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    throw templateMustBeObject();
  }
  if (!isObject(parsed)) throw templateMustBeObject();
  return parsed;
}

export const PACKAGE_MEDIA_TYPE = 'application/vnd.dcos.universe.package+json;charset=utf-8;version=v4';

/**
 * Cosmos' DCOS_PACKAGE_DEFINITION: the base64 of a StorageEnvelope `{metadata, data}` whose data is the package
 * JSON. Cosmos gzips the data and says so in `metadata["Content-Encoding"]`; the sandbox stores it plain, which
 * Cosmos' reader also accepts (StorageEnvelope.envelopeStorageData).
 */
export function definitionLabel(definition: unknown): string {
  const envelope = { metadata: { 'Content-Type': PACKAGE_MEDIA_TYPE }, data: toBase64(JSON.stringify(definition)) };
  return toBase64(JSON.stringify(envelope));
}

/** The package JSON a DCOS_PACKAGE_DEFINITION label holds, or undefined when it cannot be read. */
export function readDefinitionLabel(label: string): unknown {
  try {
    const envelope = JSON.parse(fromBase64(label)) as unknown;
    if (!isObject(envelope) || typeof envelope['data'] !== 'string') return undefined;
    return JSON.parse(fromBase64(envelope['data'])) as unknown;
  } catch {
    return undefined;
  }
}

/** `/package/render` and the app `/package/install` creates. */
export function renderMarathonApp(
  pkg: UniversePackage,
  definition: unknown,
  source: string,
  options: JsonObject | undefined,
  appId: string | undefined,
): JsonObject {
  const template = pkg.marathon?.v2AppMustacheTemplate;
  if (template === undefined) throw templateNotFound(pkg.name, pkg.version);
  const merged = mergedOptions(pkg, options);
  validateOptions(pkg, merged);
  const context = pkg.resource ? merge(merged, { resource: structuredClone(pkg.resource) }) : merged;
  const app = renderTemplate(fromBase64(template), context);
  const existing = isObject(app['labels']) ? app['labels'] : {};
  const labels: JsonObject = {
    ...existing,
    DCOS_PACKAGE_NAME: pkg.name,
    DCOS_PACKAGE_VERSION: pkg.version,
    DCOS_PACKAGE_SOURCE: source,
    DCOS_PACKAGE_OPTIONS: toBase64(JSON.stringify(options ?? {})),
    DCOS_PACKAGE_DEFINITION: definitionLabel(definition),
  };
  return merge(appId !== undefined ? merge(app, { id: appId }) : app, { labels });
}
