/**
 * Nodes joining and leaving a running cluster, as installing or decommissioning a DC/OS node does.
 * A new agent boots and registers with the leading master as agents do at boot. Decommissioning
 * is Mesos' MARK_AGENT_GONE: a registry write by the leader, after which the agent is shut down
 * and never admitted again, and its tasks end as TASK_GONE_BY_OPERATOR (TASK_LOST for frameworks
 * that are not PARTITION_AWARE), sent by the master (apache/mesos src/master/master.cpp
 * `markGone`, `__removeSlave`). Agents stay in the list, marked gone, so indexes never move.
 */
import type { SimContext } from '../core/events.ts';
import type { AgentState, ClusterState } from '../core/model.ts';
import type { ScalarResources } from '../../common/scenario/types.ts';
import { MAX_AGENTS } from '../../common/scenario/validate.ts';
import { agentIp, buildAgent } from '../core/build.ts';
import { reportAgentTasks, tasksOn } from './master.ts';
import { leaderIndex, refreshAgents, registryWrite } from './leader.ts';
import { rescindOffers } from './offers.ts';

/** What an operator asks for; what it leaves out comes from the cluster's typical agent of the kind. */
export interface NewAgent {
  hostname?: string;
  public: boolean;
  resources?: Partial<ScalarResources>;
  attributes?: Record<string, string | number>;
}

export type AgentChange = { ok: true; agentIdx: number; tasks: number } | { ok: false; status: number; message: string };

/** Resources of an agent when the cluster has none to copy, [cpus, mem, disk, gpus]. */
const FALLBACK_TOTALS: [number, number, number, number] = [4, 16384, 65536, 0];
const FALLBACK_PORTS: Array<[number, number]> = [[1025, 32000]];

/** An agent that is part of the cluster: not decommissioned. */
export const isLive = (agent: AgentState): boolean => !agent.gone;

/** The index of the live agent with this id or hostname, or -1. */
export function liveAgentIndex(state: ClusterState, key: string): number {
  return state.agents.findIndex((a) => !a.gone && (a.id === key || a.hostname === key));
}

/** Totals of an agent, [cpus, mem, disk, gpus], over all its pools. */
export function agentTotals(agent: AgentState): [number, number, number, number] {
  const t: [number, number, number, number] = [0, 0, 0, 0];
  for (const pool of agent.pools) for (let s = 0; s < 4; s++) t[s]! += pool.total[s]!;
  return t;
}

/** The most common kind of live agent (same totals and attributes) among public or private ones; the first of it. */
export function typicalAgent(state: ClusterState, isPublic: boolean): AgentState | null {
  const kinds = new Map<string, { first: AgentState; count: number }>();
  for (const a of state.agents) {
    if (a.gone || a.public !== isPublic) continue;
    const key = JSON.stringify([agentTotals(a), a.attributes]);
    const kind = kinds.get(key);
    if (kind) kind.count++;
    else kinds.set(key, { first: a, count: 1 });
  }
  let best: { first: AgentState; count: number } | null = null;
  for (const kind of kinds.values()) if (!best || kind.count > best.count) best = kind;
  return best?.first ?? null;
}

/** `stem-N` with N one more than any agent (gone ones included) named `stem` or `stem-K` has used. */
export function nextHostname(state: ClusterState, stem: string): string {
  let n = 0;
  for (const a of state.agents) {
    if (a.hostname === stem) n = Math.max(n, 1);
    else if (a.hostname.startsWith(`${stem}-`) && /^\d+$/.test(a.hostname.slice(stem.length + 1)))
      n = Math.max(n, Number(a.hostname.slice(stem.length + 1)));
  }
  return `${stem}-${n + 1}`;
}

/** A hostname already in use by a master or a live agent, or null. */
function hostnameTaken(state: ClusterState, hostname: string): string | null {
  if (state.masters.some((m) => m.hostname === hostname)) return `'${hostname}' is the hostname of a master`;
  if (state.agents.some((a) => !a.gone && a.hostname === hostname)) return `an agent named '${hostname}' is already in the cluster`;
  return null;
}

export type AgentPlan = { ok: true; agent: AgentState } | { ok: false; status: number; message: string };

/** The agent `req` would install now (not added): defaults from the typical agent of its kind, the next id, IP and hostname. */
export function planAgent(state: ClusterState, req: NewAgent): AgentPlan {
  if (state.agents.length >= MAX_AGENTS) return { ok: false, status: 400, message: `at most ${MAX_AGENTS} agents in all` };
  // Resources and attributes from the typical agent of the kind (else of the other kind); the name and ports only from the same kind.
  const sameKind = typicalAgent(state, req.public);
  const template = sameKind ?? typicalAgent(state, !req.public);
  const stem = sameKind ? sameKind.hostname.replace(/-\d+$/, '') : req.public ? 'public-agent' : 'private-agent';
  const hostname = req.hostname ?? nextHostname(state, stem);
  const taken = hostnameTaken(state, hostname);
  if (taken) return { ok: false, status: 400, message: taken };
  const [cpus, mem, disk, gpus] = template ? agentTotals(template) : FALLBACK_TOTALS;
  const resources: ScalarResources = { cpus, mem, disk, gpus, ...req.resources };
  const ports = sameKind ? sameKind.pools.flatMap((p) => p.totalPorts).sort((a, b) => a[0] - b[0]) : FALLBACK_PORTS;
  const attributes = { ...(req.attributes ?? withoutPublicIp(template?.attributes ?? {})) };
  if (req.public) attributes.public_ip = 'true';
  const i = state.agents.length;
  const spec = { hostname, public: req.public, resources: { ...resources, ports }, attributes, reservations: {}, count: 1 };
  return { ok: true, agent: buildAgent(spec, hostname, `${state.masterId}-S${i}`, agentIp(i)) };
}

/** Install a node: the agent boots and registers with the leading master shortly (or with the next one). */
export function installAgent(ctx: SimContext, state: ClusterState, req: NewAgent): AgentChange {
  const plan = planAgent(state, req);
  if (!plan.ok) return plan;
  state.agents.push(plan.agent);
  refreshAgents(ctx, state);
  return { ok: true, agentIdx: state.agents.length - 1, tasks: 0 };
}

function withoutPublicIp(attributes: Record<string, string | number>): Record<string, string | number> {
  const { public_ip: _, ...rest } = attributes;
  return rest;
}

/**
 * MARK_AGENT_GONE by the leading master: a registry write (no leader, or no quorum: 503). The agent
 * is shut down; its offers are rescinded; each of its tasks ends as TASK_GONE_BY_OPERATOR, or
 * TASK_LOST for a framework that is not partition-aware, sent by the master now.
 */
export function decommissionAgent(ctx: SimContext, state: ClusterState, agentIdx: number): AgentChange {
  const agent = state.agents[agentIdx]!;
  if (leaderIndex(state) === null) return { ok: false, status: 503, message: 'No leader elected' };
  if (!registryWrite(ctx, state, `marking agent ${agent.hostname} gone`))
    return { ok: false, status: 503, message: 'The registry could not be written (no quorum of masters); the master stepped down' };
  rescindOffers(state, (offer) => offer.agentIdx === agentIdx);
  Object.assign(agent, {
    gone: true,
    up: false,
    registered: false,
    disconnected: true,
    disconnectedAt: ctx.now,
    unreachableAt: null,
    heldUpdates: [],
    filters: [],
    deactivated: false,
    drain: null,
  } satisfies Partial<AgentState>);
  const tasks = reportAgentTasks(ctx, state, tasksOn(state, agentIdx), 'TASK_GONE_BY_OPERATOR');
  return { ok: true, agentIdx, tasks };
}
