/** `/v2/deployments` and `/v2/queue`: what Marathon is doing and what waits to launch. */
import type { ApiRequest, ApiResponse } from '../types.ts';
import { deleteDeployment } from '../../engine/marathon/operations.ts';
import { podJson } from './pods.ts';
import { normalizePath } from '../../common/marathon/path-id.ts';
import { instancesOf, isoOf, recordOf } from '../../engine/marathon/store.ts';
import { heldBack, isWaiting } from '../../engine/marathon/launch-window.ts';
import { methodNotAllowed } from '../http.ts';
import { appJson, deploymentJson, offersSummaryJson } from './json.ts';
import type { ApiContext } from '../service.ts';
import type { Deployment, MarathonQueue, QueueEntry, QueueEntryStatus } from '../shapes/marathon.ts';
import { json, started, message, deployed } from './answer.ts';

export function deployments(api: ApiContext, req: ApiRequest, rest: string[], query: URLSearchParams): ApiResponse {
  const m = api.state.marathon;
  if (rest.length === 0)
    return req.method === 'GET' ? json<Deployment[]>(200, m.deployments.map(deploymentJson)) : methodNotAllowed(['GET'], req.method);
  if (req.method !== 'DELETE') return methodNotAllowed(['DELETE'], req.method);
  const done = deleteDeployment(api.ctx, api.state, rest.join('/'), query.get('force') === 'true');
  return deployed(done, (dep) => started(200, dep));
}

export function queue(api: ApiContext, req: ApiRequest, rest: string[]): ApiResponse {
  const { state, ctx } = api;
  const m = state.marathon;
  if (rest.length > 1 && rest[rest.length - 1] === 'delay') {
    if (req.method !== 'DELETE') return methodNotAllowed(['DELETE'], req.method);
    const record = recordOf(m, normalizePath(rest.slice(0, -1).join('/')));
    if (!record) return message(404, `Application ${normalizePath(rest.slice(0, -1).join('/'))} not found in tasks queue.`);
    record.backoff = null;
    ctx.schedule(0, { type: 'marathon.revive' });
    return json(204, '');
  }
  if (rest.length > 0) return message(404, 'Not Found');
  if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
  const entries = Object.values(m.runSpecs)
    .filter((r) => !r.removing)
    .flatMap((r): QueueEntry[] => {
      const count = instancesOf(m, r).filter(isWaiting).length + heldBack(m, r.spec.id);
      if (count === 0) return [];
      const left = r.backoff ? Math.max(0, r.backoff.until - ctx.now) : 0;
      const entry: QueueEntryStatus = {
        count,
        delay: { timeLeftSeconds: Math.ceil(left / 1000), overdue: left === 0 },
        since: isoOf(r.waitingSince ?? ctx.now),
        processedOffersSummary: offersSummaryJson(r.offers),
        lastUnusedOffers: [],
      };
      return [r.kind === 'app' ? { ...entry, app: appJson(state, r, new Set()) } : { ...entry, pod: podJson(r.pod!, r.version) }];
    });
  return json<MarathonQueue>(200, { queue: entries });
}
