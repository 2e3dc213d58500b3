/**
 * The DC/OS HTTP API, in-process: paths and JSON shapes as behind Admin Router. Each service
 * answers its own prefix; the sandbox registers them (src/sandbox/components.ts).
 */
import { badRequest, notFound, parsePath } from './http.ts';
import type { ApiContext, ApiService } from './service.ts';
import type { ApiRequest, ApiResponse } from './types.ts';

export type ApiHandler = (api: ApiContext, req: ApiRequest) => ApiResponse;

export function createRouter(services: readonly ApiService[]): ApiHandler {
  const byPrefix = new Map<string, ApiService>();
  for (const service of services) {
    if (byPrefix.has(service.prefix)) throw new Error(`two API services answer '/${service.prefix}'`);
    byPrefix.set(service.prefix, service);
  }
  return (api, req) => {
    const parsed = parsePath(req?.path);
    if (!parsed) return badRequest(`Malformed request path '${String(req?.path)}'`);
    const [prefix, ...segments] = parsed.segments;
    const service = prefix === undefined ? undefined : byPrefix.get(prefix);
    return service ? service.handle(api, { req, segments, query: parsed.query }) : notFound();
  };
}
