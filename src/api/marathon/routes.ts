/**
 * Marathon's REST API behind Admin Router (`/marathon/v2/...`): apps, tasks, deployments, the
 * launch queue, groups, info and leader; and its `/marathon/ping`. Errors use Marathon's bodies: `{message}` and, for
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
import { abdicateMarathon, marathonLeaderIndex } from '../../engine/marathon/leader.ts';
import { removeSession, sessionOf } from '../../engine/zookeeper/ensemble.ts';
import { refreshCluster } from '../../engine/ha/refresh.ts';

export function marathon(api: ApiContext, req: ApiRequest, segments: string[], query: URLSearchParams): ApiResponse {
  // `SystemResource.ping`, beside the REST API: what `dcos marathon ping` asks.
  if (segments.length === 1 && segments[0] === 'ping')
    return req.method === 'GET' ? json(200, 'pong') : methodNotAllowed(['GET'], req.method);
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
      return queue(api, req, rest, query);
    case 'groups':
      return groups(api, req, rest, query);
    case 'pods':
      return pods(api, req, rest, query);
    case 'info':
      return req.method === 'GET' ? json<MarathonInfo>(200, info(api.state)) : methodNotAllowed(['GET'], req.method);
    case 'leader':
      if (req.method === 'DELETE') return abdicate(api);
      return req.method === 'GET'
        ? json<MarathonLeader>(200, { leader: leaderAddress(api.state) })
        : methodNotAllowed(['GET', 'DELETE'], req.method);
  }
  return message(404, 'Not Found');
}

/**
 * DELETE /v2/leader (`LeaderResource.delete`): the leader abdicates and its process exits, closing its ZooKeeper
 * session, so that a standby is elected at once; systemd restarts the process. Marathon abdicates 500 ms after
 * answering; here it abdicates at once, as no simulated event stands for a later abdication.
 */
function abdicate(api: ApiContext): ApiResponse {
  const { ctx, state } = api;
  const leader = marathonLeaderIndex(state)!;
  const session = sessionOf(state, leader, 'marathon');
  abdicateMarathon(ctx, state, leader, 'it abdicated (DELETE /v2/leader)');
  if (session && state.zk.serving) removeSession(state, session.id);
  refreshCluster(ctx, state);
  return json(200, { message: 'Leadership abdicated' });
}
