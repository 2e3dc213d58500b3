/**
 * `/service/metronome/...`: Admin Router resolves Metronome from Mesos' state (the `metronome` framework's
 * webui_url) and reaches its leader; without a leader nothing answers for it (docs/metronome-sources.md §7.2).
 */
import { metronomeLeaderIndex } from '../../engine/metronome/leader.ts';
import { problemText } from '../http.ts';
import type { ApiService } from '../service.ts';
import { metronomeRoutes } from './routes.ts';
import { authorizeMetronome } from '../iam/metronome-authz.ts';

export const metronomeService: ApiService = {
  prefix: 'service/metronome',
  handle: (api, { req, segments, query }) => {
    if (metronomeLeaderIndex(api.state) !== null)
      return authorizeMetronome(api, req, segments, () => metronomeRoutes(api, req, segments, query));
    // LeaderProxyFilter: a standby with no known leader (API/v1/LeaderProxyFilter.scala:22-37).
    return { status: 503, body: 'No consistent leadership' };
  },
  // ErrorHandler.onServerError: 500 `{"requestPath"}`; a body past the limits is a client error.
  refuse: (problem) =>
    problem.kind === 'internal'
      ? { status: 500, body: { requestPath: '' } }
      : { status: problem.kind === 'too-large' ? 413 : 400, body: { message: problemText(problem), requestPath: '' } },
};
