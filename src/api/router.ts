/**
 * The DC/OS HTTP API, in-process: paths and JSON shapes as behind Admin Router. Each service
 * answers its own path prefix (`mesos`, `marathon`, or deeper ones such as `service/metronome`);
 * the longest registered prefix wins. The sandbox registers them (src/sandbox/components.ts).
 */
import { badRequest, notFound, parsePath } from './http.ts';
import type { ApiContext, ApiService } from './service.ts';
import type { ApiRequest, ApiResponse } from './types.ts';

export type ApiHandler = (api: ApiContext, req: ApiRequest) => ApiResponse;

export function createRouter(services: readonly ApiService[]): ApiHandler {
  const byPrefix = new Map<string, ApiService>();
  let deepest = 0;
  for (const service of services) {
    if (byPrefix.has(service.prefix)) throw new Error(`two API services answer '/${service.prefix}'`);
    byPrefix.set(service.prefix, service);
    deepest = Math.max(deepest, service.prefix.split('/').length);
  }
  return (api, req) => {
    const parsed = parsePath(req?.path);
    if (!parsed) return badRequest(`Malformed request path '${String(req?.path)}'`);
    for (let depth = Math.min(deepest, parsed.segments.length); depth > 0; depth--) {
      const service = byPrefix.get(parsed.segments.slice(0, depth).join('/'));
      if (service) return service.handle(api, { req, segments: parsed.segments.slice(depth), query: parsed.query });
    }
    return notFound();
  };
}
