/**
 * What the app and pod forms share: a JSON value as an input's text and back, Marathon's 422 details
 * in words and sorted onto a form's fields, and the JSON editor's text read as a definition.
 */
import { normalizeErrorPath } from './json-locate.ts';
import { isObject } from './marathon-read.ts';

export type Json = Record<string, unknown>;

/** A JSON value as an input holds it: absent is empty, a string as it is, anything else as JSON. */
export const textOf = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** A number when the text is one; otherwise the text itself, so the API reports the wrong type at its path. */
export function numberOrText(s: string): number | string {
  const n = Number(s.trim());
  return s.trim() !== '' && Number.isFinite(n) ? n : s;
}

/** Marathon's error codes in words; other messages are already sentences. */
export function describeError(error: string): string {
  const known: Record<string, string> = {
    'error.path.missing': 'is required',
    'error.min': 'is below the minimum',
    'error.max': 'is above the maximum',
    'error.expected.jsnumber': 'must be a number',
    'error.expected.jsstring': 'must be a string',
    'error.expected.jsarray': 'must be a list',
    'error.expected.jsobject': 'must be an object',
    'error.expected.jsboolean': 'must be true or false',
    'error.expected.int': 'must be a whole number',
    'error.expected.long': 'must be a whole number',
    'error.minLength': 'is too short (or empty)',
    'error.maxLength': 'is too long',
    'error.pattern': 'has characters or a form it may not have',
    'error.unknown.enum.literal': 'is not one of the allowed values',
  };
  // Marathon's reader names a missing field with the whole object it read; the form says it plainly.
  if (/^'[^']*' is undefined on object: /.test(error)) return 'is required';
  return known[error] ?? error;
}

export interface FieldErrors<K extends string> {
  byField: Partial<Record<K, string[]>>;
  /** Errors on fields the form does not show, with their paths (see the JSON tab). */
  other: Array<{ path: string; message: string }>;
}

/** Where a detail goes: its field and what to say there, or nothing (it goes to `other`). */
export type PlaceError<K extends string> = (path: string, message: string) => { field: K; message: string } | undefined;

/** Sort 422 details onto form fields; `place` sees each path as Marathon writes it (`/a(0)/b`) and each message in words. */
export function sortErrors<K extends string>(
  details: ReadonlyArray<{ path: string; errors: string[] }>,
  place: PlaceError<K>,
): FieldErrors<K> {
  const out: FieldErrors<K> = { byField: {}, other: [] };
  for (const d of details) {
    const path = normalizeErrorPath(d.path);
    for (const e of d.errors) {
      const message = describeError(e);
      const at = place(path, message);
      if (at) (out.byField[at.field] ??= []).push(at.message);
      else out.other.push({ path, message });
    }
  }
  return out;
}

/** Parse the editor's text to an object, or say why not. */
export function parseDefinition(raw: unknown, what = 'An app definition'): { ok: true; json: Json } | { ok: false; message: string } {
  return isObject(raw) ? { ok: true, json: raw } : { ok: false, message: `${what} is a JSON object ({ … }).` };
}

/** What the editor gives the form of either kind. */
export interface FormProps {
  /** The definition the form is opened on; it reads its fields from it once. */
  definition: Json;
  /** The API's 422 details of the last submission. */
  details: ReadonlyArray<{ path: string; errors: string[] }>;
  /** Editing: the id names the service and cannot change. */
  idLocked: boolean;
  onshowjson: () => void;
}
