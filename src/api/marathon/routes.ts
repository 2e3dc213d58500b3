/**
 * Marathon's REST API behind Admin Router (`/marathon/v2/...`): apps, tasks, deployments, the
 * launch queue, groups, info and leader. Errors use Marathon's bodies: `{message}` and, for
 * validation, `{message, details: [{path, errors}]}`.
 */
import type { ApiRequest, ApiResponse } from '../types.ts';
import { methodNotAllowed } from '../http.ts';
import type { ApiContext } from '../service.ts';
import type { MarathonInfo, MarathonLeader } from '../shapes/marathon.ts';
import { json, message } from './answer.ts';
import { apps } from './apps-route.ts';
import { tasks } from './tasks-route.ts';
import { deployments, queue } from './deployments-route.ts';
import { groups } from './groups-route.ts';
import { pods } from './pods-route.ts';
import { leaderAddress, info } from './info.ts';

export function marathon(api: ApiContext, req: ApiRequest, segments: string[], query: URLSearchParams): ApiResponse {
  if (segments[0] !== 'v2') return message(404, 'Not Found');
  const [resource, ...rest] = segments.slice(1);
  switch (resource) {
    case 'apps':
      return apps(api, req, rest, query);
    case 'tasks':
      return tasks(api, req, rest, query);
    case 'deployments':
      return deployments(api, req, rest, query);
    case 'queue':
      return queue(api, req, rest);
    case 'groups':
      return groups(api, req, rest, query);
    case 'pods':
      return pods(api, req, rest, query);
    case 'info':
      return req.method === 'GET' ? json<MarathonInfo>(200, info(api.state)) : methodNotAllowed(['GET'], req.method);
    case 'leader':
      return req.method === 'GET' ? json<MarathonLeader>(200, { leader: leaderAddress(api.state) }) : methodNotAllowed(['GET'], req.method);
    case 'ping':
      return json(200, 'pong');
  }
  return message(404, 'Not Found');
}
