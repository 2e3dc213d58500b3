/**
 * "Why is my app waiting?": every registered agent checked against one more instance of a run
 * spec, stage by stage as the DC/OS offer funnel draws it (role → constraints → cpus → mem →
 * disk → gpus → ports), with the constraint that fails on each agent, and the smallest changes
 * after which every waiting instance launches, computed by `suggest.ts`. Agents are judged on what
 * they could offer now: free resources plus those sitting in outstanding offers.
 */
import { freeRootDisk } from '../mesos/disks.ts';
import { diskShortfall } from './resident-disks.ts';
import { offeredPoolRoles } from '../../common/scenario/roles.ts';
import type { ConstraintMatcher } from '../../kernels/constraints/contract.ts';
import { internMatch } from '../../kernels/constraints/pack.ts';
import { mergePorts, portCount, round3, SCALAR_NAMES, type Scalars } from '../../common/resources.ts';
import type { PortRanges } from '../../common/scenario/types.ts';
import { dynamicShort, hostPortCount, missingFixedPort } from './ports-matcher.ts';
import type { ClusterState } from '../core/model.ts';
import type { RunSpec, RunSpecRecord } from './model.ts';
import { agentSpec, countedAgents } from './placement.ts';
import { instancesOf } from './store.ts';
import { heldBack, isWaiting } from './launch-window.ts';
import { computeSuggestions, type Computed } from './suggest.ts';
import type { Suggestion } from './placement-change.ts';

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
  /** The smallest changes after which every waiting instance places, smallest first; none when nothing waits. */
  suggestions: Suggestion[];
  /** Plain remarks: the instances only wait for offers, a launch backoff, no agent registered. */
  notes: string[];
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
  // Offers in the app's role carry unreserved resources and those reserved to the role (or a role above it).
  const offered = offeredPoolRoles(spec.role);
  // A resident app reserves unreserved resources only.
  const usableRoles = (spec.residentVolumes ? ['*'] : spec.acceptedResourceRoles).filter((r) => offered.has(r));

  const verdicts: AgentVerdict[] = agents.map(({ a, i }, column) => {
    const verdict = (stage: Stage | null, detail: string): AgentVerdict => ({ hostname: a.hostname, agentId: a.id, stage, detail });
    const pools = a.pools
      .map((p, k) => ({ role: p.role, ...available[i]![k]! }))
      .filter((p) => usableRoles.includes(p.role) && (p.scalars.some((x) => x > 0) || p.ports.length > 0));
    if (pools.length === 0) {
      const roles = [...new Set(a.pools.filter((p) => p.total.some((x) => x > 0)).map((p) => p.role))];
      return verdict(
        'role',
        `offers only ${roles.join(', ')} resources; the app accepts ${spec.acceptedResourceRoles.join(', ')}${usableRoles.length < spec.acceptedResourceRoles.length ? ` and the app's role is ${spec.role}` : ''}`,
      );
    }
    const failing = firstFailing[column]!;
    if (failing >= 0) return verdict('constraints', constraintText(spec, failing));
    const sum: Scalars = [0, 0, 0, 0];
    for (const p of pools) for (let s = 0; s < 4; s++) sum[s] = round3(sum[s]! + p.scalars[s]!);
    for (let s = 0; s < 4; s++) {
      if (s === 2 && spec.residentVolumes) {
        const short = diskShortfall(a, sum[2], available[i]![0], spec);
        if (short !== null) return verdict(STAGES[4]!, short);
        continue;
      }
      if (sum[s]! < spec.resources[s]!) {
        return verdict(STAGES[2 + s]!, `has ${sum[s]}${UNITS[s]} ${SCALAR_NAMES[s]} free, needs ${spec.resources[s]}${UNITS[s]}`);
      }
    }
    const portPools = pools.map((p, pool) => ({ pool, ports: p.ports }));
    const missing = missingFixedPort(portPools, spec.hostPorts);
    if (missing !== null) return verdict('ports', `does not have host port ${missing} free`);
    if (dynamicShort(portPools, spec.hostPorts) > 0) {
      const ports = pools.reduce((n, p) => n + portCount(p.ports), 0);
      return verdict('ports', `has ${ports} free ports, needs ${hostPortCount(spec.hostPorts)}`);
    }
    if (spec.sparesGpuAgents && available[i]!.some((p) => p.scalars[3]! > 0))
      return verdict('gpus', 'has GPUs, which Marathon keeps for apps that ask for them (gpu_scheduling_behavior restricted)');
    return verdict(null, 'one more instance fits');
  });

  const stages = STAGES.map((stage, k) => {
    const reached = verdicts.filter((v) => v.stage === null || STAGES.indexOf(v.stage) >= k).length;
    const failed = verdicts.filter((v) => v.stage === stage).length;
    return { stage, passed: reached - failed, failed };
  });
  const waiting = instancesOf(state.marathon, record).filter(isWaiting).length + heldBack(state.marathon, record.spec.id);
  const computed = computeSuggestions(state, matcher, record, waiting);
  return {
    appId: spec.id,
    waiting,
    agents: agents.length,
    stages,
    verdicts,
    suggestions: computed.suggestions,
    notes: notesFor(record, verdicts, waiting, computed, state.marathon.config.flags.decline_offer_duration / 1000),
  };
}

interface PoolRoom {
  /** ROOT disk only: the whole disks are in `disks`. */
  scalars: Scalars;
  ports: PortRanges;
  disks: number[];
}

/** Per agent, per pool: free resources plus those in outstanding offers. */
function availableResources(state: ClusterState): PoolRoom[][] {
  // Plain resources (ROOT disk only) and the whole disks beside them, free or offered.
  const rooms = state.agents.map((a) =>
    a.pools.map((p): PoolRoom => {
      const scalars = [...p.free] as Scalars;
      scalars[2] = freeRootDisk(p);
      return { scalars, ports: p.freePorts, disks: (p.disks ?? []).filter((d) => d.free).map((d) => d.id) };
    }),
  );
  for (const offer of state.offers.values()) {
    for (const portion of offer.portions) {
      const room = rooms[offer.agentIdx]![portion.pool]!;
      for (let s = 0; s < 4; s++) room.scalars[s] = round3(room.scalars[s]! + portion.scalars[s]!);
      room.ports = mergePorts(room.ports, portion.ports);
      if (portion.disks) room.disks = [...room.disks, ...portion.disks];
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

/** What to know beside the changes: the waiting instances only wait for offers, or their launch backoff, or no agent at all. */
function notesFor(record: RunSpecRecord, verdicts: AgentVerdict[], waiting: number, computed: Computed, declineSeconds: number): string[] {
  if (waiting === 0) return [];
  if (verdicts.length === 0) return ['No agent is registered: add or restore an agent.'];
  const out: string[] = [];
  if (computed.placesNow) {
    out.push(
      `Every waiting instance fits as the cluster is; they launch with the next offers Marathon receives (declined offers come back after ${declineSeconds} s, sooner when Marathon revives).`,
    );
    if (record.backoff && record.backoff.until > 0)
      out.push(
        'If the app is Delayed, its launch backoff holds it: reset the delay (DELETE /v2/queue/{id}/delay) or fix what makes its tasks fail.',
      );
  } else if (computed.suggestions.length === 0) {
    out.push('No single change tried places every waiting instance: see which check each agent fails below.');
  }
  return out;
}
