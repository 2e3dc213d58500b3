/**
 * Admin Router in front of every path (dcos/dcos:packages/adminrouter/extra/src/includes/server/{common,master,
 * open/master}.conf and lib/auth/*.lua): a request must carry a valid token (identity.ts) or is answered 401
 * `WWW-Authenticate: oauthjwt`; a user without `full` on the Admin Router resource of its path (PLATFORM.md G.2)
 * is answered 403. Open, as upstream leaves them: `/acs/api/v1/auth/…` (login), `/dcos-metadata/dcos-version.json`,
 * `/dcos-metadata/ui-config.json`; and the sandbox's `/sandbox/v1/session` (the token it takes is its credential).
 */
import { isAllowed } from '../../engine/iam/permissions.ts';
import { parsePath } from '../http.ts';
import type { ApiHandler } from '../router.ts';
import { forbidden, identify, unauthorized } from './identity.ts';

const OPEN = 'open';
const AUTHENTICATED = 'authenticated';

function systemRid(rest: string[]): string {
  if (rest[0] === 'health') return 'dcos:adminrouter:ops:system-health';
  if (rest[0] !== 'v1') return 'dcos:adminrouter:ops:system-health';
  const [what, second, third] = rest.slice(1);
  if (what === 'logs' || (what === 'agent' && third === 'logs') || (what === 'leader' && third === 'logs'))
    return 'dcos:adminrouter:ops:system-logs';
  if (what === 'agent' && third === 'metrics') return 'dcos:adminrouter:ops:system-metrics';
  if (what === 'leader' && second === 'marathon') return 'dcos:adminrouter:service:marathon';
  if (what === 'leader' && second === 'mesos') return 'dcos:adminrouter:ops:mesos';
  if (what === 'metrics') return 'dcos:adminrouter:ops:system-metrics';
  return 'dcos:adminrouter:ops:system-health';
}

/** The Admin Router resource (`full` needed) guarding a path, or whether it is open or needs a token only. */
export function adminRouterRid(segments: string[]): string {
  const [first, second, third, fourth] = segments;
  switch (first) {
    case undefined:
      return AUTHENTICATED;
    case 'acs':
      return second === 'api' && third === 'v1' && fourth === 'auth' ? OPEN : 'dcos:adminrouter:acs';
    case 'dcos-metadata':
      return second === 'dcos-version.json' || second === 'ui-config.json' ? OPEN : AUTHENTICATED;
    case 'sandbox':
      return second === 'v1' && third === 'session' ? OPEN : AUTHENTICATED;
    case 'marathon':
      return 'dcos:adminrouter:service:marathon';
    case 'service':
      return second === undefined ? AUTHENTICATED : `dcos:adminrouter:service:${second}`;
    case 'package':
    case 'cosmos':
      return 'dcos:adminrouter:package';
    case 'secrets':
      return 'dcos:adminrouter:secrets';
    case 'capabilities':
      return 'dcos:adminrouter:capabilities';
    case 'mesos':
      return 'dcos:adminrouter:ops:mesos';
    case 'mesos_dns':
      return 'dcos:adminrouter:ops:mesos-dns';
    case 'slave':
    case 'agent':
      return 'dcos:adminrouter:ops:slave';
    case 'exhibitor':
      return 'dcos:adminrouter:ops:exhibitor';
    case 'net':
    case 'networking':
      return 'dcos:adminrouter:ops:networking';
    case 'pkgpanda':
      return 'dcos:adminrouter:ops:pkgpanda';
    case 'system':
      return systemRid(segments.slice(1));
  }
  return AUTHENTICATED;
}

/** `route` behind Admin Router. */
export function withAdminRouter(route: ApiHandler): ApiHandler {
  return (api, req) => {
    const parsed = parsePath(req?.path);
    if (!parsed) return route(api, req);
    const rid = adminRouterRid(parsed.segments);
    if (rid === OPEN) return route(api, req);
    const uid = identify(api, req);
    if (uid === null) return unauthorized();
    if (rid !== AUTHENTICATED && !isAllowed(api.state, uid, rid, 'full')) return forbidden();
    return route(api, req);
  };
}
