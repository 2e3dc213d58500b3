/**
 * The checks of completion codes (completion-code.ts): a short checksum and a stable hash of canonical JSON. Their
 * packing (deflate-raw, base64url) is common/packed.ts, as share and level links pack theirs.
 */
import { sha1 } from '../common/hash/sha1.ts';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** 8 hex digits of SHA-1 over `text`: tells a mistyped or cut code from one that says something false. */
export function checksumOf(text: string): string {
  return hex(sha1(text).subarray(0, 4));
}

/** JSON with object keys sorted at every depth (array order kept): equal data, equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k]]),
    );
  });
}

/** 16 hex digits of SHA-1 over a value's canonical JSON: a scenario's identity in a completion code. */
export function stableHash(value: unknown): string {
  return hex(sha1(canonicalJson(value)).subarray(0, 8));
}
