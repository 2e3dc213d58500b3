/**
 * "Why is my app waiting?": every registered agent checked against one more instance of a run
 * spec, stage by stage as the DC/OS offer funnel draws it (role → constraints → cpus → mem →
 * disk → gpus → ports), with the constraint that fails on each agent, and the smallest changes
 * that would let the instance launch. Agents are judged on what they could offer now: free
 * resources plus those sitting in outstanding offers.
 */
import { Op, type ConstraintMatcher } from '../../kernels/constraints/contract.ts';
import { internMatch } from '../../kernels/constraints/pack.ts';
import { parseOperator } from '../../kernels/constraints/parse.ts';
import { portCount, round3, SCALAR_NAMES, type Scalars } from '../../common/resources.ts';
import type { ClusterState } from '../core/model.ts';
import type { RunSpec, RunSpecRecord } from './model.ts';
import { agentSpec, countedAgents } from './placement.ts';
import { instancesOf } from './store.ts';

export const STAGES = ['role', 'constraints', 'cpus', 'mem', 'disk', 'gpus', 'ports'] as const;
export type Stage = (typeof STAGES)[number];

export interface AgentVerdict {
  hostname: string;
  agentId: string;
  /** The first stage the agent fails, or null when one more instance fits. */
  stage: Stage | null;
  detail: string;
}

export interface Diagnosis {
  appId: string;
  waiting: number;
  agents: number;
  stages: Array<{ stage: Stage; passed: number; failed: number }>;
  verdicts: AgentVerdict[];
  suggestions: string[];
}

const UNITS = ['', ' MiB', ' MiB', ''];

export function diagnose(state: ClusterState, matcher: ConstraintMatcher, record: RunSpecRecord): Diagnosis {
  const spec = record.spec;
  const agents = state.agents.map((a, i) => ({ a, i })).filter(({ a }) => a.registered);
  const available = availableResources(state);
  const counted = countedAgents(state, record);
  const firstFailing = constraintVerdicts(
    state,
    matcher,
    spec,
    agents.map(({ i }) => i),
    counted,
  );
  const frameworkRole = state.marathon.config.role;
  const usableRoles = spec.acceptedResourceRoles.filter((r) => r === '*' || r === frameworkRole);

  const verdicts: AgentVerdict[] = agents.map(({ a, i }, column) => {
    const verdict = (stage: Stage | null, detail: string): AgentVerdict => ({ hostname: a.hostname, agentId: a.id, stage, detail });
    const pools = a.pools
      .map((p, k) => ({ role: p.role, ...available[i]![k]! }))
      .filter((p) => usableRoles.includes(p.role) && (p.scalars.some((x) => x > 0) || p.ports > 0));
    if (pools.length === 0) {
      const roles = [...new Set(a.pools.filter((p) => p.total.some((x) => x > 0)).map((p) => p.role))];
      return verdict(
        'role',
        `offers only ${roles.join(', ')} resources; the app accepts ${spec.acceptedResourceRoles.join(', ')}${usableRoles.length < spec.acceptedResourceRoles.length ? ` and Marathon's role is ${frameworkRole}` : ''}`,
      );
    }
    const failing = firstFailing[column]!;
    if (failing >= 0) return verdict('constraints', constraintText(spec, failing));
    const sum: Scalars = [0, 0, 0, 0];
    for (const p of pools) for (let s = 0; s < 4; s++) sum[s] = round3(sum[s]! + p.scalars[s]!);
    for (let s = 0; s < 4; s++) {
      if (sum[s]! < spec.resources[s]!) {
        return verdict(STAGES[2 + s]!, `has ${sum[s]}${UNITS[s]} ${SCALAR_NAMES[s]} free, needs ${spec.resources[s]}${UNITS[s]}`);
      }
    }
    const ports = pools.reduce((n, p) => n + p.ports, 0);
    if (ports < spec.hostPorts.length) return verdict('ports', `has ${ports} free ports, needs ${spec.hostPorts.length}`);
    return verdict(null, 'one more instance fits');
  });

  const stages = STAGES.map((stage, k) => {
    const reached = verdicts.filter((v) => v.stage === null || STAGES.indexOf(v.stage) >= k).length;
    const failed = verdicts.filter((v) => v.stage === stage).length;
    return { stage, passed: reached - failed, failed };
  });
  const waiting = instancesOf(state.marathon, record).filter((i) => i.condition === 'Scheduled' && i.goal === 'Running').length;
  return {
    appId: spec.id,
    waiting,
    agents: agents.length,
    stages,
    verdicts,
    suggestions: suggest(
      state,
      record,
      verdicts,
      available,
      agents.map(({ i }) => i),
    ),
  };
}

interface PoolRoom {
  scalars: Scalars;
  ports: number;
}

/** Per agent, per pool: free resources plus those in outstanding offers. */
function availableResources(state: ClusterState): PoolRoom[][] {
  const rooms = state.agents.map((a) => a.pools.map((p) => ({ scalars: [...p.free] as Scalars, ports: portCount(p.freePorts) })));
  for (const offer of Object.values(state.offers)) {
    for (const portion of offer.portions) {
      const room = rooms[offer.agentIdx]![portion.pool]!;
      for (let s = 0; s < 4; s++) room.scalars[s] = round3(room.scalars[s]! + portion.scalars[s]!);
      room.ports += portCount(portion.ports);
    }
  }
  return rooms;
}

/** Per agent (in `agentIdxs` order): index of the first failing constraint, -1 when all pass. */
function constraintVerdicts(
  state: ClusterState,
  matcher: ConstraintMatcher,
  spec: RunSpec,
  agentIdxs: number[],
  counted: number[],
): Int8Array {
  if (spec.constraints.length === 0 || agentIdxs.length === 0) return new Int8Array(agentIdxs.length).fill(-1);
  const column = new Map(agentIdxs.map((a, c) => [a, c]));
  const others = [...new Set(counted.filter((a) => !column.has(a)))];
  const otherColumn = new Map(others.map((a, k) => [a, agentIdxs.length + k]));
  const input = internMatch({
    agents: agentIdxs.map((a) => agentSpec(state.agents[a]!)),
    otherAgents: others.map((a) => agentSpec(state.agents[a]!)),
    pending: [{ constraints: spec.constraints, placed: counted.map((a) => column.get(a) ?? otherColumn.get(a)!) }],
  });
  return matcher.match(input, { firstFailing: true }).firstFailing!;
}

function constraintText(spec: RunSpec, index: number): string {
  const c = spec.constraints[index]!;
  return `fails ${JSON.stringify(c)}`;
}

/** The smallest changes that would place one more instance. */
function suggest(
  state: ClusterState,
  record: RunSpecRecord,
  verdicts: AgentVerdict[],
  available: PoolRoom[][],
  agentIdxs: number[],
): string[] {
  const spec = record.spec;
  const out: string[] = [];
  const fits = verdicts.filter((v) => v.stage === null).length;
  if (verdicts.length === 0) return ['No agent is registered: add or restore an agent.'];
  if (fits > 0) {
    out.push(
      `${fits} agent${fits === 1 ? '' : 's'} can take one more instance now; it launches with the next offer Marathon receives (declined offers come back after 120 s, sooner when Marathon revives).`,
    );
    if (record.backoff && record.backoff.until > 0)
      out.push(
        'If the app is Delayed, its launch backoff holds it: reset the delay (DELETE /v2/queue/{id}/delay) or fix what makes its tasks fail.',
      );
    return out;
  }
  const byStage = (stage: Stage) => verdicts.filter((v) => v.stage === stage);
  if (byStage('role').length === verdicts.length) {
    const frameworkRole = state.marathon.config.role;
    const wantsPublic = spec.acceptedResourceRoles.includes('slave_public');
    if (wantsPublic && frameworkRole !== 'slave_public')
      out.push(
        `acceptedResourceRoles asks for slave_public, but Marathon's role is ${frameworkRole}: Marathon is never offered public agents' resources.`,
      );
    else
      out.push(
        `No agent offers resources for ${spec.acceptedResourceRoles.join(', ')}: ${wantsPublic ? 'add a public agent' : "add a private agent or accept the role's reservations"}.`,
      );
  }
  const constraintFailures = byStage('constraints');
  if (constraintFailures.length > 0) out.push(...constraintSuggestions(state, record, new Set(constraintFailures.map((v) => v.hostname))));
  const resourceFailures = verdicts.filter((v) => v.stage !== null && STAGES.indexOf(v.stage) >= 2);
  const gpuAgents = state.agents.filter((a) => a.registered && a.pools.some((p) => p.total[3]! > 0)).length;
  if (spec.resources[3]! > 0 && gpuAgents === 0)
    out.push(
      `The app needs ${spec.resources[3]} GPU${spec.resources[3] === 1 ? '' : 's'} and no agent has any: add an agent with GPUs, or set gpus to 0.`,
    );
  else if (resourceFailures.length > 0) out.push(...resourceSuggestions(spec, verdicts, available, agentIdxs));
  return out;
}

/** `blocked`: hostnames of the agents that pass the role stage but fail a constraint. */
function constraintSuggestions(state: ClusterState, record: RunSpecRecord, blocked: Set<string>): string[] {
  const spec = record.spec;
  const counted = countedAgents(state, record).map((a) => state.agents[a]!);
  const out: string[] = [];
  for (const c of spec.constraints) {
    const [field, op, value] = c;
    const valueOf = (a: (typeof state.agents)[number]) =>
      field === 'hostname' || field === '@hostname'
        ? a.hostname
        : a.attributes[field] === undefined
          ? undefined
          : String(a.attributes[field]);
    const registered = state.agents.filter((a) => a.registered);
    const distinct = new Set(registered.map(valueOf).filter((v) => v !== undefined));
    switch (parseOperator(op)) {
      case Op.UNIQUE:
        out.push(
          `UNIQUE on ${field}: ${distinct.size} distinct value${distinct.size === 1 ? '' : 's'} for ${spec.instances} instances — add an agent with a new ${field}, or drop the constraint.`,
        );
        break;
      case Op.MAX_PER: {
        const counts = new Map<string, number>();
        for (const a of counted) counts.set(String(valueOf(a)), (counts.get(String(valueOf(a))) ?? 0) + 1);
        const candidates = new Set(registered.filter((a) => blocked.has(a.hostname)).map((a) => String(valueOf(a))));
        const least = Math.min(...[...candidates].map((v) => counts.get(v) ?? 0));
        if (Number.isFinite(least) && least >= Number(value))
          out.push(`Relax MAX_PER on ${field} from ${value} to ${least + 1}, or add an agent with a new ${field}.`);
        break;
      }
      case Op.CLUSTER:
      case Op.IS:
        if (value !== undefined && !distinct.has(value))
          out.push(`No registered agent has ${field}=${value}: add an agent with ${field}=${value}, or change the constraint.`);
        break;
      case Op.LIKE:
        out.push(
          `LIKE on ${field} matches ${[...distinct].filter((v) => safeWhole(value!, v)).length} of ${distinct.size} values: widen the pattern or add an agent whose ${field} matches ${value}.`,
        );
        break;
      case Op.GROUP_BY:
        out.push(
          `GROUP_BY on ${field} spreads instances evenly over ${distinct.size} value${distinct.size === 1 ? '' : 's'}: add capacity on the least used ${field}, or lower the GROUP_BY count.`,
        );
        break;
    }
  }
  if (out.length === 0)
    out.push(`${blocked.size} agent${blocked.size === 1 ? '' : 's'} fail a constraint: see which one on each agent below.`);
  return out;
}

function safeWhole(pattern: string, text: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(text);
  } catch {
    return false;
  }
}

/** The agent that is closest to fitting, and by how much; and the largest resources that would fit somewhere. */
function resourceSuggestions(spec: RunSpec, verdicts: AgentVerdict[], available: PoolRoom[][], agentIdxs: number[]): string[] {
  let best: { hostname: string; missing: Array<[number, number]>; score: number } | null = null;
  agentIdxs.forEach((agentIdx, column) => {
    const v = verdicts[column]!;
    if (v.stage === null || STAGES.indexOf(v.stage) < 2) return;
    const sum = [0, 0, 0, 0];
    for (const p of available[agentIdx]!) for (let s = 0; s < 4; s++) sum[s] = round3(sum[s]! + p.scalars[s]!);
    const missing: Array<[number, number]> = [];
    let score = 0;
    for (let s = 0; s < 4; s++) {
      const short = round3(spec.resources[s]! - sum[s]!);
      if (short > 0) {
        missing.push([s, short]);
        score += short / Math.max(spec.resources[s]!, 1e-9);
      }
    }
    if (missing.length > 0 && (best === null || score < best.score)) best = { hostname: v.hostname, missing, score };
  });
  const out: string[] = [];
  const closest = best as { hostname: string; missing: Array<[number, number]>; score: number } | null;
  if (closest) {
    const what = closest.missing.map(([s, n]) => `${n}${UNITS[s]} more ${SCALAR_NAMES[s]}`).join(' and ');
    out.push(
      `${what} on ${closest.hostname} would place it — or lower the app's ${closest.missing.map(([s]) => SCALAR_NAMES[s]).join('/')} to fit.`,
    );
  }
  const portShort = verdicts.filter((v) => v.stage === 'ports').length;
  if (portShort > 0)
    out.push(
      `${portShort} agent${portShort === 1 ? '' : 's'} lack free host ports: use port 0 (any) instead of fixed ports, or requirePorts: false.`,
    );
  return out;
}
