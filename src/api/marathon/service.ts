/** `/marathon/...`: Marathon answers from its leader; a standby with no leader to proxy to cannot. */
import { marathonLeaderIndex } from '../../engine/marathon/leader.ts';
import { problemText } from '../http.ts';
import type { ApiService } from '../service.ts';
import { marathon } from './routes.ts';
import { authorizeMarathon } from '../iam/marathon-authz.ts';

export const marathonService: ApiService = {
  prefix: 'marathon',
  handle: (api, { req, segments, query }) => {
    if (marathonLeaderIndex(api.state) !== null) return authorizeMarathon(api, req, segments, () => marathon(api, req, segments, query));
    if (segments.join('/') === 'v2/leader') return { status: 404, body: { message: 'There is no leader' } };
    return { status: 503, body: { message: 'Could not determine the current leader' } };
  },
  // A body too deep answers like a JSON type error (422 "Invalid JSON" at the path); any other exception as
  // MarathonExceptionMapper's default case: 500 `{"message": exception.getMessage}`.
  refuse: (problem) => {
    const text = problemText(problem);
    if (problem.kind === 'too-deep')
      return { status: 422, body: { message: 'Invalid JSON', details: [{ path: problem.path, errors: [text] }] } };
    return { status: problem.kind === 'too-large' ? 413 : 500, body: { message: text } };
  },
};
