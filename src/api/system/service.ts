/** DC/OS diagnostics (`/system/health/v1/...`) answer from any master that is up, with or without a Mesos leader. */
import { notFound } from '../http.ts';
import type { ApiService } from '../service.ts';
import { systemHealth } from './health.ts';

export const systemService: ApiService = {
  prefix: 'system',
  handle: (api, { req, segments }) =>
    segments[0] === 'health' && segments[1] === 'v1' ? systemHealth(api.state, req, segments.slice(2)) : notFound(),
};
