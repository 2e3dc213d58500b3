/** `/v2/deployments` and `/v2/queue`: what Marathon is doing and what waits to launch. */
import type { ApiRequest, ApiResponse } from '../types.ts';
import { deleteDeployment } from '../../engine/marathon/operations.ts';
import { podJson } from './pods.ts';
import { normalizePath } from '../../common/marathon/path-id.ts';
import { instancesOf, isoOf, recordOf } from '../../engine/marathon/store.ts';
import { heldBack, isWaiting } from '../../engine/marathon/launch-window.ts';
import { REJECT_REASONS, type RunSpecRecord } from '../../engine/marathon/model.ts';
import type { AgentState, ClusterState, Portion } from '../../engine/core/model.ts';
import { methodNotAllowed, queryFlag } from '../http.ts';
import { appJson, deploymentJson, offersSummaryJson } from './json.ts';
import type { ApiContext } from '../service.ts';
import type { Deployment, MarathonQueue, QueueEntry, QueueEntryStatus, UnusedOffer } from '../shapes/marathon.ts';
import { json, started, message, deployed } from './answer.ts';

export function deployments(api: ApiContext, req: ApiRequest, rest: string[], query: URLSearchParams): ApiResponse {
  const m = api.state.marathon;
  if (rest.length === 0)
    return req.method === 'GET' ? json<Deployment[]>(200, m.deployments.map(deploymentJson)) : methodNotAllowed(['GET'], req.method);
  if (req.method !== 'DELETE') return methodNotAllowed(['DELETE'], req.method);
  const done = deleteDeployment(api.ctx, api.state, rest.join('/'), queryFlag(query, 'force'));
  return deployed(done, (dep) => started(200, dep));
}

export function queue(api: ApiContext, req: ApiRequest, rest: string[], query: URLSearchParams): ApiResponse {
  const { state, ctx } = api;
  const m = state.marathon;
  if (rest.length > 1 && rest[rest.length - 1] === 'delay') {
    if (req.method !== 'DELETE') return methodNotAllowed(['DELETE'], req.method);
    const id = normalizePath(rest.slice(0, -1).join('/'));
    const record = recordOf(m, id);
    // QueueResource.resetDelay: only a run spec with a scheduled instance is in the queue.
    const scheduled = record && (instancesOf(m, record).some((i) => i.condition === 'Scheduled') || heldBack(m, id) > 0);
    if (!record || !scheduled) return message(404, `Application ${id} not found in tasks queue.`);
    record.backoff = null;
    ctx.schedule(0, { type: 'marathon.revive' });
    return json(204, '');
  }
  if (rest.length > 0) return message(404, 'Not Found');
  if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
  const withUnusedOffers = query.getAll('embed').includes('lastUnusedOffers');
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
        ...(withUnusedOffers ? { lastUnusedOffers: unusedOffersJson(state, r) } : {}),
      };
      return [r.kind === 'app' ? { ...entry, app: appJson(state, r, new Set()) } : { ...entry, pod: podJson(r.pod!, r.version) }];
    });
  return json<MarathonQueue>(200, { queue: entries });
}

/** The last unused offer per agent in the current launch attempt, by agent (`QueueInfoConversion.unusedOfferWrites`). */
function unusedOffersJson(state: ClusterState, record: RunSpecRecord): UnusedOffer[] {
  const last = record.offers.lastUnused;
  if (!last || last.attempt !== record.waitingSince) return [];
  return Object.entries(last.byAgent).map(([idx, note]) => {
    const agent = state.agents[Number(idx)]!;
    return {
      offer: {
        id: note.offerId,
        hostname: agent.hostname,
        agentId: agent.id,
        resources: resourcesJson(agent, note.portions),
        attributes: Object.entries(agent.attributes).map(([name, v]) => (typeof v === 'number' ? { name, scalar: v } : { name, text: v })),
      },
      reason: note.reasons.map((k) => REJECT_REASONS[k]!),
      timestamp: isoOf(note.at),
    };
  });
}

const SCALAR_NAMES = ['cpus', 'mem', 'disk', 'gpus'] as const;

/** Mesos resources of what was offered (`OfferConversion`): a scalar or ranges each, with its pool's role; none empty. */
function resourcesJson(agent: AgentState, portions: Portion[]): UnusedOffer['offer']['resources'] {
  return portions.flatMap((p) => {
    const role = agent.pools[p.pool]!.role;
    const scalars = SCALAR_NAMES.flatMap((name, s) => (p.scalars[s]! > 0 ? [{ name, role, scalar: p.scalars[s]! }] : []));
    const ports = p.ports.length > 0 ? [{ name: 'ports', role, ranges: p.ports.map(([begin, end]) => ({ begin, end })) }] : [];
    return [...scalars, ...ports];
  });
}
