/** What Marathon's RAML serializers ask of a field before they write it (shared by the app and pod writers). */

export type Json = Record<string, unknown>;

/** An `omitEmpty` field is written only when this holds: a value, and for a list or map, at least one entry. */
export const nonEmpty = (x: unknown): boolean =>
  x !== undefined && x !== null && (Array.isArray(x) ? x.length > 0 : typeof x !== 'object' || Object.keys(x).length > 0);

/** Copies `fields` of `from` that have a value, in the order given (an optional field without one is not written). */
export function pick(from: Json, fields: readonly string[]): Json {
  const out: Json = {};
  for (const f of fields) if (from[f] !== undefined && from[f] !== null) out[f] = from[f];
  return out;
}

/** A persistent volume's `persistent` (`VolumeConversion`): its `type` always (root unless a profile asks for mount), its `constraints` always. */
export function persistentInfoJson(p: Json): Json {
  return {
    type: typeof p.type === 'string' ? p.type.toLowerCase() : p.profileName !== undefined ? 'mount' : 'root',
    size: p.size,
    ...pick(p, ['maxSize', 'profileName']),
    constraints: p.constraints ?? [],
  };
}

/** A fetched artifact (`artifact.raml`): `extract`, `executable` and `cache` always, with their defaults. */
export function artifactJson(a: Json): Json {
  return { uri: a.uri, extract: a.extract ?? true, executable: a.executable ?? false, cache: a.cache ?? false, ...pick(a, ['destPath']) };
}
