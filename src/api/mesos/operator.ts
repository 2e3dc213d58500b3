/**
 * The Mesos v1 operator API, `POST /mesos/api/v1` (master `/api/v1`), for agent maintenance:
 *
 *   {"type": "DRAIN_AGENT", "drain_agent": {"agent_id": {"value": "…"},
 *                                          "max_grace_period": {"nanoseconds": 300000000000}, "mark_gone": false}}
 *   {"type": "DEACTIVATE_AGENT", "deactivate_agent": {"agent_id": {"value": "…"}}}
 *   {"type": "REACTIVATE_AGENT", "reactivate_agent": {"agent_id": {"value": "…"}}}
 *   {"type": "MARK_AGENT_GONE", "mark_agent_gone": {"agent_id": {"value": "…"}}}
 *
 * 200 with an empty body on success; 400 with a text reason for a malformed call or an unknown
 * agent, as Mesos answers. MARK_AGENT_GONE decommissions the agent (`dcos node decommission`; see
 * engine/mesos/agents.ts): 200 again for an agent already gone, 404 for one never known, as Mesos.
 * `mark_gone: true` (draining to decommission) is refused with 400: drain, then mark it gone.
 *
 * And the quota calls `dcos quota` makes: UPDATE_QUOTA (`{"update_quota": {"force": false,
 * "quota_configs": [{"role": "b", "limits": {"cpus": {"value": 9}}}]}}`) and REMOVE_QUOTA
 * (`{"remove_quota": {"role": "b"}}`).
 */
import type { SimContext } from '../../engine/core/events.ts';
import type { ClusterState } from '../../engine/core/model.ts';
import { deactivateAgent, drainAgent, reactivateAgent, type MaintenanceResult } from '../../engine/mesos/maintenance.ts';
import { decommissionAgent } from '../../engine/mesos/agents.ts';
import type { ApiResponse } from '../types.ts';
import { badRequest, ok } from '../http.ts';
import { removeQuotaCall, updateQuota } from './roles.ts';
import { RESERVATION_CALLS, reservationCall } from './reservations.ts';

export const OPERATOR_CALLS = ['DRAIN_AGENT', 'DEACTIVATE_AGENT', 'REACTIVATE_AGENT', 'MARK_AGENT_GONE'] as const;
/** Quota calls (what `dcos quota create|update|delete` sends): handled with the roles, in ./roles.ts. */
export const QUOTA_CALLS = ['UPDATE_QUOTA', 'REMOVE_QUOTA'] as const;
type OperatorCall = (typeof OPERATOR_CALLS)[number];

type Call =
  | { type: 'DRAIN_AGENT'; agentIdx: number; maxGracePeriodMs: number | null }
  | { type: 'DEACTIVATE_AGENT' | 'REACTIVATE_AGENT'; agentIdx: number }
  /** agentIdx -1: an agent already gone. */
  | { type: 'MARK_AGENT_GONE'; agentIdx: number };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The call in a request body, or why it is not one. */
export function readCall(state: ClusterState, body: unknown): Call | string | { notFound: string } {
  if (!isObject(body)) return 'Failed to validate master::Call: expected a JSON object';
  const type = body['type'];
  if (typeof type !== 'string') return "Failed to validate master::Call: Expecting 'type' to be present";
  if (!(OPERATOR_CALLS as readonly string[]).includes(type))
    return `Unsupported call type '${type}' (the sandbox supports: ${[...OPERATOR_CALLS, ...QUOTA_CALLS, ...RESERVATION_CALLS].join(', ')})`;
  const field = type.toLowerCase();
  const params = body[field];
  if (!isObject(params)) return `Failed to validate master::Call: Expecting '${field}' to be present`;
  const agentId = isObject(params['agent_id']) ? params['agent_id']['value'] : undefined;
  if (typeof agentId !== 'string' || agentId === '')
    return `Failed to validate master::Call: Expecting '${field}.agent_id.value' to be present`;
  const agentIdx = state.agents.findIndex((a) => a.id === agentId && !a.gone);
  if (type === 'MARK_AGENT_GONE') {
    if (agentIdx < 0 && !state.agents.some((a) => a.id === agentId)) return { notFound: `Agent '${agentId}' not found` };
    return { type, agentIdx };
  }
  if (agentIdx < 0) return `Unknown agent ${agentId}`;
  if (type !== 'DRAIN_AGENT') return { type: type as Exclude<OperatorCall, 'DRAIN_AGENT'>, agentIdx };
  const markGone = params['mark_gone'];
  if (markGone !== undefined && typeof markGone !== 'boolean')
    return "Failed to validate master::Call: 'drain_agent.mark_gone' must be a boolean";
  if (markGone) return 'mark_gone is not supported by the sandbox yet: drain without it';
  const grace = readGracePeriod(params['max_grace_period']);
  return typeof grace === 'string' ? grace : { type, agentIdx, maxGracePeriodMs: grace };
}

/** `{nanoseconds}` (a number, or a string as protobuf's JSON writes int64) → whole ms; absent → null (no limit). */
function readGracePeriod(raw: unknown): number | null | string {
  if (raw === undefined) return null;
  const bad = "Failed to validate master::Call: 'drain_agent.max_grace_period.nanoseconds' must be a non-negative integer";
  if (!isObject(raw)) return bad;
  const ns = typeof raw['nanoseconds'] === 'string' && /^\d+$/.test(raw['nanoseconds']) ? Number(raw['nanoseconds']) : raw['nanoseconds'];
  if (typeof ns !== 'number' || !Number.isSafeInteger(ns) || ns < 0) return bad;
  return Math.round(ns / 1e6);
}

export function operatorCall(ctx: SimContext, state: ClusterState, body: unknown): ApiResponse {
  const reservation = isObject(body) ? RESERVATION_CALLS.find((t) => t === body['type']) : undefined;
  if (reservation) return reservationCall(ctx, state, reservation, body);
  if (isObject(body) && (body['type'] === 'UPDATE_QUOTA' || body['type'] === 'REMOVE_QUOTA')) {
    const field = body['type'].toLowerCase();
    const params = body[field];
    if (!isObject(params)) return badRequest(`Failed to validate master::Call: Expecting '${field}' to be present`);
    return body['type'] === 'UPDATE_QUOTA' ? updateQuota(state, params) : removeQuotaCall(state, params);
  }
  const call = readCall(state, body);
  if (typeof call === 'string') return badRequest(call);
  if ('notFound' in call) return { status: 404, body: call.notFound };
  let done: MaintenanceResult;
  switch (call.type) {
    case 'DRAIN_AGENT':
      done = drainAgent(ctx, state, call.agentIdx, call.maxGracePeriodMs);
      break;
    case 'DEACTIVATE_AGENT':
      done = deactivateAgent(ctx, state, call.agentIdx);
      break;
    case 'REACTIVATE_AGENT':
      done = reactivateAgent(ctx, state, call.agentIdx);
      break;
    case 'MARK_AGENT_GONE':
      done = call.agentIdx < 0 ? { ok: true } : decommissionAgent(ctx, state, call.agentIdx);
      break;
  }
  return done.ok ? ok('') : { status: done.status, body: done.message };
}
