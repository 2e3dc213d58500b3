/**
 * Who sent a request, as Admin Router decides it (dcos/dcos:packages/adminrouter/extra/src/lib/auth/common.lua):
 * the token in `Authorization: token=<jwt>` (or `Bearer <jwt>`), else in the `dcos-acs-auth-cookie` cookie; a
 * header present overrides the cookie. The sandbox adds one rule: a request with neither carries the session's
 * identity (the bootstrap superuser until someone signs in or out, docs/iam.md).
 */
import { verifyToken } from '../../engine/iam/jwt.ts';
import { BOOTSTRAP_UID, iamOf } from '../../engine/iam/model.ts';
import type { ApiContext } from '../service.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';

/** A header's value, its name matched without regard to case. */
export function headerOf(req: ApiRequest, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [key, value] of Object.entries(req.headers ?? {})) if (key.toLowerCase() === want && typeof value === 'string') return value;
  return undefined;
}

function presentedToken(req: ApiRequest): string | null | undefined {
  const auth = headerOf(req, 'Authorization');
  if (auth !== undefined) return /token=(.+)/.exec(auth)?.[1] ?? /Bearer (.+)/.exec(auth)?.[1] ?? null;
  const cookie = headerOf(req, 'Cookie');
  const match = cookie === undefined ? null : /(?:^|;\s*)dcos-acs-auth-cookie=([^;]+)/.exec(cookie);
  return match ? match[1] : undefined;
}

/** The uid a token stands for now, or null when it is malformed, badly signed, expired, or its user is gone. */
export function uidOfToken(api: ApiContext, token: string): string | null {
  const claims = verifyToken(api.state, token.trim(), api.ctx.now);
  return claims && iamOf(api.state).users[claims.uid] ? claims.uid : null;
}

/** The uid the request is authenticated as, or null (Admin Router answers 401). */
export function identify(api: ApiContext, req: ApiRequest): string | null {
  const token = presentedToken(req);
  if (token === null) return null;
  if (token !== undefined) return uidOfToken(api, token);
  const session = iamOf(api.state).session;
  if (session === undefined) return BOOTSTRAP_UID;
  return session.token === null ? null : uidOfToken(api, session.token);
}

/** Admin Router's 401 page (dcos/dcos:packages/adminrouter/extra/src/errorpages/401.html), in short. */
const BODY_401 = `<!DOCTYPE html>

<html>
<head>
  <title>Unauthorized</title>
  <noscript><meta http-equiv="refresh" content="5; url=/#/login"></noscript>
</head>
<body>
  <h1>Unauthorized</h1>
</body>
</html>
`;

/** Admin Router's 403 page (…/errorpages/403.html), in short. */
const BODY_403 = `<!DOCTYPE html>

<html>
<head>
  <title>Access Denied</title>
  <noscript><meta http-equiv="refresh" content="5; url=/#/access-denied"></noscript>
</head>
<body>
  <h1>Access Denied</h1>
</body>
</html>
`;

export const unauthorized = (): ApiResponse => ({
  status: 401,
  body: BODY_401,
  headers: { 'WWW-Authenticate': 'oauthjwt', 'Content-Type': 'text/html' },
});

export const forbidden = (): ApiResponse => ({ status: 403, body: BODY_403, headers: { 'Content-Type': 'text/html' } });
