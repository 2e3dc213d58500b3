/**
 * The Identity and Access Manager behind `/acs/api/v1` (dcos/dcos:packages/dcos-integration-test/extra/test_iam.py;
 * PLATFORM.md G.1, G.2; docs/iam.md): login, users, groups, ACLs and grants; and the sandbox's session
 * (`/sandbox/v1/session`), whose identity a request without credentials carries.
 */
import { issueToken } from '../../engine/iam/jwt.ts';
import { iamOf, passwordHash, writableIam } from '../../engine/iam/model.ts';
import type { ApiContext, ApiService } from '../service.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { acls } from './acls.ts';
import { iamError, json, noContent, notAllowed, objectBody, stringField, stringFields } from './answer.ts';
import { groups } from './groups.ts';
import { identify, uidOfToken } from './identity.ts';
import { users } from './users.ts';

const badLogin = (): ApiResponse => iamError(401, 'ERR_INVALID_CREDENTIALS', 'The login credentials provided are invalid.');

/** `POST /acs/api/v1/auth/login` `{uid, password}` → `{token}`, a token valid 5 simulated days. */
function login(api: ApiContext, req: ApiRequest): ApiResponse {
  if (req.method !== 'POST') return notAllowed(req.method);
  const read = objectBody(req.body);
  if (read.answer) return read.answer;
  const fields = stringFields(read.value, 'uid', 'password', 'token');
  if (fields.answer) return fields.answer;
  const { uid, password, token } = fields.value;
  if (uid === undefined || (password === undefined && token === undefined))
    return iamError(400, 'ERR_INVALID_DATA', "Give 'uid' with 'password' (a user) or 'token' (a service account).");
  const user = iamOf(api.state).users[uid];
  // A service account's login token is an RS256 JWT signed with its private key: the sandbox checks no
  // RSA signatures, so it refuses service logins (docs/iam.md).
  if (!user || password === undefined || user.passwordHash !== passwordHash(uid, password)) return badLogin();
  return json({ token: issueToken(api.state, user.uid, api.ctx.now) });
}

/** The login providers (dcos/dcos-cli:pkg/login/provider.go's default one): users and passwords, and service accounts. */
const PROVIDERS = {
  'dcos-users': {
    'authentication-type': 'dcos-uid-password',
    'client-method': 'dcos-usercredential-post-receive-authtoken',
    config: { start_flow_url: '/acs/api/v1/auth/login' },
    description: 'Default DC/OS login provider',
  },
};

function auth(api: ApiContext, req: ApiRequest, rest: string[]): ApiResponse {
  if (rest.length === 1 && rest[0] === 'login') return login(api, req);
  if (rest.length === 1 && rest[0] === 'providers') return req.method === 'GET' ? json(PROVIDERS) : notAllowed(req.method);
  if (rest.length === 1 && rest[0] === 'logout')
    return req.method === 'GET' || req.method === 'POST' ? noContent() : notAllowed(req.method);
  return iamError(404, 'ERR_NOT_FOUND', 'Not found.');
}

export const iamService: ApiService = {
  prefix: 'acs/api/v1',
  // A login is answered with a token; the session write that follows carries it, never the password.
  postReads: ['auth/login'],
  handle: (api, { req, segments, query }) => {
    const [resource, ...rest] = segments;
    if (resource === 'auth') return auth(api, req, rest);
    if (resource === 'users') return users(api, req, rest, query);
    if (resource === 'groups') return groups(api, req, rest);
    if (resource === 'acls') return acls(api, req, rest);
    return iamError(404, 'ERR_NOT_FOUND', 'Not found.');
  },
  refuse: (problem) =>
    iamError(problem.kind === 'too-large' ? 413 : problem.kind === 'too-deep' ? 400 : 500, 'ERR_INVALID_DATA', problem.kind),
};

/**
 * The sandbox's session: `GET` → `{uid}` (null when signed out); `PUT {"token"}` signs in with a token from
 * the login route (401 when it is not valid now); `DELETE` signs out, so that a request without credentials
 * is answered 401 as Admin Router answers one. The session is part of the cluster (replays and snapshots keep it).
 */
export const sessionService: ApiService = {
  prefix: 'sandbox/v1/session',
  handle: (api, { req, segments }) => {
    if (segments.length > 0) return iamError(404, 'ERR_NOT_FOUND', 'Not found.');
    if (req.method === 'GET') return json({ uid: identify(api, { method: 'GET', path: '/' }) });
    if (req.method === 'DELETE') {
      writableIam(api.state).session = { token: null };
      return noContent();
    }
    if (req.method !== 'PUT') return notAllowed(req.method);
    const read = objectBody(req.body);
    if (read.answer) return read.answer;
    const token = stringField(read.value, 'token');
    if (token.answer) return token.answer;
    if (token.value === undefined) return iamError(400, 'ERR_INVALID_DATA', "Give the 'token' the login route answered.");
    const uid = uidOfToken(api, token.value);
    if (uid === null) return iamError(401, 'ERR_INVALID_TOKEN', 'The token is malformed, badly signed or expired.');
    writableIam(api.state).session = { token: token.value };
    return json({ uid });
  },
};
