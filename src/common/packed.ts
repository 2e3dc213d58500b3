/**
 * Bytes packed for a URL, as share links, level links and completion codes carry them: deflate-raw through the
 * platform's compression streams (with a ceiling on what inflating may produce, so a small link cannot expand into
 * gigabytes), and base64url without padding. Both threads use it.
 */

/** Compress `input` (deflate-raw). */
export async function deflate(input: Uint8Array): Promise<Uint8Array> {
  return (await transform(input, new CompressionStream('deflate-raw'), Infinity))!;
}

/** Inflate `input`; null when the output would pass `limit` bytes; throws when it is not deflate data. */
export function inflate(input: Uint8Array, limit: number): Promise<Uint8Array | null> {
  return transform(input, new DecompressionStream('deflate-raw'), limit);
}

/** Run bytes through a (de)compression stream; null when the output would pass `limit` bytes. */
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

/** The bytes of a base64url text, or null when it is not one. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** A value as JSON, deflated and in base64url. */
export async function packJson(value: unknown): Promise<string> {
  return toBase64Url(await deflate(new TextEncoder().encode(JSON.stringify(value))));
}

/** Why packed data did not read back as JSON. */
export type UnpackProblem = 'base64' | 'deflate' | 'too-large' | 'json';

/** The JSON value packed in `text` (`packJson`), or what is wrong with it; inflating stops past `limit` bytes. */
export async function unpackJson(
  text: string,
  limit: number,
): Promise<{ ok: true; value: unknown } | { ok: false; problem: UnpackProblem }> {
  const bytes = fromBase64Url(text);
  if (!bytes || bytes.length === 0) return { ok: false, problem: 'base64' };
  let json: Uint8Array | null;
  try {
    json = await inflate(bytes, limit);
  } catch {
    return { ok: false, problem: 'deflate' };
  }
  if (!json) return { ok: false, problem: 'too-large' };
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)) as unknown };
  } catch {
    return { ok: false, problem: 'json' };
  }
}
