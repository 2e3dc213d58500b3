/**
 * The byte plumbing of completion codes (completion-code.ts): deflate-raw through the platform's compression
 * streams with a ceiling on what inflating may produce, base64url, a short checksum and a stable hash of
 * canonical JSON. The same steps as share links (link.ts) take, kept here so codes and links can change apart.
 */
import { sha1 } from '../common/hash/sha1.ts';

/** Compress `input` (deflate-raw). */
export async function deflate(input: Uint8Array): Promise<Uint8Array> {
  return (await transform(input, new CompressionStream('deflate-raw'), Infinity))!;
}

/** Inflate `input`; null when the output would pass `limit` bytes; throws when it is not deflate data. */
export function inflate(input: Uint8Array, limit: number): Promise<Uint8Array | null> {
  return transform(input, new DecompressionStream('deflate-raw'), limit);
}

async function transform(input: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array | null> {
  const writer = stream.writable.getWriter();
  const writing = writer.write(input as Uint8Array<ArrayBuffer>).then(() => writer.close());
  writing.catch(() => undefined); // the reader reports the failure
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  await writing;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

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
