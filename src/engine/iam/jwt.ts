/**
 * The IAM's authentication tokens: JWTs `{"alg":"HS256","typ":"JWT"}` with claims `uid` and `exp` (Unix seconds on
 * the simulated clock, SIM_EPOCH_MS + now), signed with HMAC-SHA-256 under a key derived from the cluster's seed and name, so the
 * same cluster issues the same token at the same moment. Upstream signs RS256; Admin Router also accepts HS256
 * (dcos/dcos:packages/adminrouter/extra/src/lib/auth/open.lua's algorithm whitelist).
 */
import { SIM_EPOCH_MS } from '../../common/clock.ts';
import { hmacSha256, utf8 } from './sha256.ts';

/** A token's default lifetime: 5 days (PLATFORM.md G.1). */
export const TOKEN_LIFETIME_S = 5 * 24 * 3600;

export interface TokenClaims {
  uid: string;
  exp: number;
}

const HEADER = base64url(utf8(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

const keyOf = (cluster: { seed: number; clusterName: string }): Uint8Array =>
  utf8(`dcos-sandbox-iam-key:${cluster.seed}:${cluster.clusterName}`);

const signature = (cluster: { seed: number; clusterName: string }, signed: string): string =>
  base64url(hmacSha256(keyOf(cluster), utf8(signed)));

/** A token for `uid` issued at simulated time `nowMs`, valid `lifetimeS` seconds. */
export function issueToken(
  cluster: { seed: number; clusterName: string },
  uid: string,
  nowMs: number,
  lifetimeS = TOKEN_LIFETIME_S,
): string {
  const claims: TokenClaims = { uid, exp: Math.floor((SIM_EPOCH_MS + nowMs) / 1000) + lifetimeS };
  const signed = `${HEADER}.${base64url(utf8(JSON.stringify(claims)))}`;
  return `${signed}.${signature(cluster, signed)}`;
}

/** The claims of a well-formed, well-signed token that has not expired at `nowMs`, or null. */
export function verifyToken(cluster: { seed: number; clusterName: string }, token: string, nowMs: number): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, sig] = parts as [string, string, string];
  if (header !== HEADER || sig !== signature(cluster, `${header}.${payload}`)) return null;
  const text = fromBase64url(payload);
  if (text === null) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof claims !== 'object' || claims === null) return null;
  const { uid, exp } = claims as Record<string, unknown>;
  if (typeof uid !== 'string' || uid === '') return null;
  // Admin Router treats `exp` as optional (common.lua); when present it must be in the future.
  if (exp !== undefined && (typeof exp !== 'number' || exp * 1000 <= SIM_EPOCH_MS + nowMs)) return null;
  return { uid, exp: typeof exp === 'number' ? exp : Number.POSITIVE_INFINITY };
}
