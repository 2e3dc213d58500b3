/** The sandbox's own API beside DC/OS's (`/sandbox/v1/...`): faults, agents joining and leaving, app behaviour, placement diagnosis, notable events. */
import type { ApiService } from '../service.ts';
import { sandbox } from './routes.ts';

export const sandboxService: ApiService = {
  prefix: 'sandbox',
  handle: (api, { req, segments, query }) => sandbox(api, req, segments, query),
};
