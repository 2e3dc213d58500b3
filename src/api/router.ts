/**
 * The DC/OS HTTP API, in-process: paths and JSON shapes as behind Admin Router. Each service
 * answers its own path prefix (`mesos`, `marathon`, or deeper ones such as `service/metronome`);
 * the longest registered prefix wins. The sandbox registers them (src/sandbox/components.ts).
 *
 * Before a service sees a body, the router bounds it (MAX_BODY_CHARS, and the service's nesting depth), so no
 * reader recurses without end; an exception a handler throws anyway is answered 500 in the service's error shape
 * instead of leaving the API, and marked (isInternalFailure) so that the sandbox can undo what the handler changed
 * before it threw. Handlers validate a write whole before they change the cluster, so a refused write changes nothing.
 */
import { bodyLimitProblem, MAX_BODY_CHARS, MAX_JSON_DEPTH } from '../common/json-limits.ts';
import { badRequest, notFound, parsePath, refusal } from './http.ts';
import type { ApiContext, ApiService, RequestProblem } from './service.ts';
import type { ApiRequest, ApiResponse } from './types.ts';

export type ApiHandler = (api: ApiContext, req: ApiRequest) => ApiResponse;

const internalFailures = new WeakSet<ApiResponse>();

/** Whether `answer` is the router's last-resort 500: its handler threw, perhaps halfway through a change. */
export function isInternalFailure(answer: ApiResponse): boolean {
  return internalFailures.has(answer);
}

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
      if (!service) continue;
      const refuse = (problem: RequestProblem): ApiResponse => (service.refuse ?? refusal)(problem);
      const tooMuch = bodyLimitProblem(req.body, { maxDepth: service.maxBodyDepth ?? MAX_JSON_DEPTH, maxChars: MAX_BODY_CHARS });
      if (tooMuch) return refuse(tooMuch);
      try {
        return service.handle(api, { req, segments: parsed.segments.slice(depth), query: parsed.query });
      } catch (e) {
        const answer = refuse({ kind: 'internal', error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
        internalFailures.add(answer);
        return answer;
      }
    }
    return notFound();
  };
}
