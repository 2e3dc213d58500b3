/**
 * z-base-32 (Zooko's human-oriented base-32), most significant bit first, no padding: Mesos-DNS's task hashes
 * (mesos-dns records/generator.go:199-202 via github.com/tv42/zbase32).
 */
import { sha1 } from './sha1.ts';

const ALPHABET = 'ybndrfg8ejkmcpqxot1uwisza345h769';

export function zBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** The first five characters of z-base-32(SHA-1(s)): mesos-dns records/generator.go:199-202 (`hashString`). */
export function mesosDnsHash(s: string): string {
  return zBase32(sha1(s)).slice(0, 5);
}
