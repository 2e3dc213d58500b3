/** `/marathon/...`: Marathon answers from its leader; a standby with no leader to proxy to cannot. */
import { marathonLeaderIndex } from '../../engine/marathon/leader.ts';
import type { ApiService } from '../service.ts';
import { marathon } from './routes.ts';

export const marathonService: ApiService = {
  prefix: 'marathon',
  handle: (api, { req, segments, query }) => {
    if (marathonLeaderIndex(api.state) !== null) return marathon(api, req, segments, query);
    if (segments.join('/') === 'v2/leader') return { status: 404, body: { message: 'There is no leader' } };
    return { status: 503, body: { message: 'Could not determine the current leader' } };
  },
};
