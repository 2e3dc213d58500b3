/** Exhibitor's cluster status answers from any master that is up, with or without a Mesos leader. */
import { methodNotAllowed, notFound } from '../http.ts';
import type { ApiService } from '../service.ts';
import { exhibitorStatus } from './status.ts';

export const exhibitorService: ApiService = {
  prefix: 'exhibitor',
  handle: (api, { req, segments }) => {
    if (segments.join('/') !== 'exhibitor/v1/cluster/status') return notFound();
    return req.method === 'GET' ? exhibitorStatus(api.state) : methodNotAllowed(['GET'], req.method);
  },
};
