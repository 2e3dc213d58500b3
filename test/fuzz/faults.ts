/**
 * The fault table of the fuzzer: each maker picks valid targets by name from the generated
 * cluster and returns the faults it starts (and, for paired kinds, the one undoing it later).
 * A new kind is a new entry here, with a `heal` when it can outlast the fault phase.
 */
import type { Rng } from '../../src/engine/core/rng.ts';

/** Names a fault can target in the generated cluster. */
export interface FuzzCluster {
  masters: string[];
  agents: string[];
  /** Marathon's apps with their instance counts (what the workload can always run). */
  apps: Array<{ id: string; instances: number }>;
}

/** A task chosen when the fault is injected: the live task at `pick` ∈ [0, 1) of those sorted by id. */
export interface TaskPick {
  pick: number;
  marathonOnly: boolean;
}

/** The body of POST /sandbox/v1/faults, with task targets still to be resolved. */
export interface FaultBody {
  kind: string;
  target?: string | TaskPick;
  [field: string]: unknown;
}

export interface PlannedFault {
  at: number;
  body: FaultBody;
}

export interface FaultMaker {
  kind: string;
  /** Relative frequency. */
  weight: number;
  /** The faults starting at `at`, and any that undo them before `phaseMs`; [] when there is nothing to target. */
  make(rng: Rng, cluster: FuzzCluster, at: number, phaseMs: number): PlannedFault[];
  /** Requests undoing whatever of `planned` (this plan's faults of this kind) may still be in effect. */
  heal?(planned: FaultBody[]): FaultBody[];
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(0, items.length - 1)]!;
}

export const FAULT_MAKERS: readonly FaultMaker[] = [
  {
    kind: 'agent-crash',
    weight: 3,
    make(rng, cluster, at, phaseMs) {
      const target = pick(rng, cluster.agents);
      const faults: PlannedFault[] = [{ at, body: { kind: 'agent-crash', target } }];
      // Some agents come back within the phase (before or after the 75 s ping timeout), others only at the heal.
      const back = at + (rng.next() < 0.5 ? rng.int(5_000, 70_000) : rng.int(80_000, 400_000));
      if (rng.next() < 0.7 && back < phaseMs) faults.push({ at: back, body: { kind: 'agent-restore', target } });
      return faults;
    },
    heal(planned) {
      const hosts = [...new Set(planned.map((f) => f.target).filter((t): t is string => typeof t === 'string'))].sort();
      return hosts.map((target) => ({ kind: 'agent-restore', target }));
    },
  },
  {
    kind: 'task-crash',
    weight: 3,
    make: (rng, _cluster, at) => [{ at, body: { kind: 'task-crash', target: { pick: rng.next(), marathonOnly: rng.next() < 0.8 } } }],
  },
  {
    kind: 'task-unhealthy',
    weight: 2,
    make: (rng, _cluster, at) => [{ at, body: { kind: 'task-unhealthy', target: { pick: rng.next(), marathonOnly: true } } }],
  },
  {
    kind: 'master-crash',
    weight: 2,
    make(rng, cluster, at, phaseMs) {
      const target = pick(rng, cluster.masters);
      const faults: PlannedFault[] = [{ at, body: { kind: 'master-crash', target } }];
      // Back before or after its ZooKeeper session (10 s) expired, or only at the heal.
      const back = at + (rng.next() < 0.4 ? rng.int(2_000, 9_000) : rng.int(11_000, 200_000));
      if (rng.next() < 0.7 && back < phaseMs) faults.push({ at: back, body: { kind: 'master-restore', target } });
      return faults;
    },
    heal(planned) {
      const hosts = [...new Set(planned.map((f) => f.target).filter((t): t is string => typeof t === 'string'))].sort();
      return hosts.map((target) => ({ kind: 'master-restore', target }));
    },
  },
  {
    kind: 'partition',
    weight: 2,
    make(rng, cluster, at, phaseMs) {
      const hosts = [...cluster.masters, ...cluster.agents];
      // A random side: each host on it with probability 1/3 (a master alone, a zone, a mix); the rest is the other side.
      const side = hosts.filter(() => rng.next() < 1 / 3);
      const rest = hosts.filter((h) => !side.includes(h));
      if (side.length === 0 || rest.length === 0) return [];
      const faults: PlannedFault[] = [{ at, body: { kind: 'partition', sides: [side, rest] } }];
      const healAt = at + rng.int(5_000, 150_000);
      if (rng.next() < 0.6 && healAt < phaseMs) faults.push({ at: healAt, body: { kind: 'heal' } });
      return faults;
    },
    heal: (planned) => (planned.length > 0 ? [{ kind: 'heal' }] : []),
  },
  {
    // Not a fault but the workload changing under the faults: an app scaled down, and back up later.
    kind: 'scale',
    weight: 2,
    make(rng, cluster, at, phaseMs) {
      if (cluster.apps.length === 0) return [];
      const app = pick(rng, cluster.apps);
      const back = at + rng.int(5_000, 200_000);
      const faults: PlannedFault[] = [
        { at, body: { kind: 'scale', app: app.id, instances: rng.int(0, Math.max(0, app.instances - 1)), original: app.instances } },
      ];
      if (back < phaseMs)
        faults.push({ at: back, body: { kind: 'scale', app: app.id, instances: app.instances, original: app.instances } });
      return faults;
    },
    heal: (planned) => {
      const original = new Map(planned.map((f) => [f.app, f.original]));
      return [...original.keys()]
        .filter((a): a is string => typeof a === 'string')
        .sort()
        .map((app) => ({ kind: 'scale', app, instances: original.get(app), original: original.get(app) }));
    },
  },
  {
    kind: 'zk-session-expire',
    weight: 1,
    make: (rng, cluster, at) => {
      const component = pick(rng, [null, 'mesos-master', 'marathon', 'metronome'] as const);
      return [
        { at, body: { kind: 'zk-session-expire', target: pick(rng, cluster.masters), ...(component === null ? {} : { component }) } },
      ];
    },
  },
];

/**
 * Hostile requests: what a user (or a damaged link) may send. Each must be refused with a 4xx (or 503 while no
 * leader answers), throw nothing, and change nothing the replay would not change alike.
 */
export const HOSTILE_REQUESTS: ReadonlyArray<(rng: Rng, cluster: FuzzCluster) => FaultBody> = [
  (rng) => ({
    kind: 'hostile',
    method: 'POST',
    path: '/marathon/v2/apps',
    body: { id: `/h${rng.int(0, 9)}`, cmd: 'run x', instances: 'many' },
  }),
  (rng) => ({
    kind: 'hostile',
    method: 'POST',
    path: '/marathon/v2/apps',
    body: { id: '/h', cmd: 'run x', healthChecks: [rng.int(0, 9)] },
  }),
  () => ({ kind: 'hostile', method: 'POST', path: '/marathon/v2/apps', body: { id: '/h', cmd: 'run x', unreachableStrategy: 1 } }),
  () => ({ kind: 'hostile', method: 'POST', path: '/marathon/v2/apps', body: { id: '/h', cmd: 'run x', env: { A: 5 } } }),
  () => ({
    kind: 'hostile',
    method: 'POST',
    path: '/marathon/v2/apps',
    body: { id: '/h', cmd: 'run x', constraints: [['hostname', 'LIKE', '(a']] },
  }),
  (rng) => ({ kind: 'hostile', method: 'POST', path: '/marathon/v2/apps', body: nested(rng.int(1_001, 3_000)) }),
  (rng, cluster) => ({
    kind: 'hostile',
    method: 'PUT',
    path: `/marathon/v2/apps${pick(rng, cluster.apps)?.id ?? '/none'}`,
    body: '{"instances": ',
  }),
  (rng) => ({
    kind: 'hostile',
    method: 'POST',
    path: '/sandbox/v1/faults',
    body: { kind: 'task-crash', target: pick(rng, ['__proto__', 'constructor', 'toString']) },
  }),
  (rng) => ({ kind: 'hostile', method: 'DELETE', path: `/marathon/v2/apps/none/tasks/${pick(rng, ['constructor', '__proto__'])}` }),
  () => ({ kind: 'hostile', method: 'PUT', path: '/mesos/weights', body: [{ role: 'batch', weight: -1 }] }),
];

/** An app nested `depth` levels deep in `env`: past Marathon's reader's depth. */
function nested(depth: number): Record<string, unknown> {
  let body: Record<string, unknown> = { id: '/deep', cmd: 'run x' };
  for (let i = 0; i < depth; i++) body = { env: body };
  return body;
}

/** What a new agent is given: POST /sandbox/v1/agents's body. */
export interface JoiningAgent {
  hostname: string;
  public: boolean;
  resources: { cpus: number; mem: number; disk: number };
  attributes: Record<string, string>;
}

/**
 * Nodes leaving and joining: `count` agents decommissioned (DELETE /sandbox/v1/agents/{hostname}), each replaced
 * by a new agent of the same size and attributes some time later (0 to 60 s; at the same millisecond now and
 * then), so what the apps need still fits once everything has healed. Agents that other faults of the plan target
 * by name are left alone. From a generator of its own, so that earlier seeds keep their cases.
 */
export function planChurn(
  rng: Rng,
  agents: readonly JoiningAgent[],
  planned: readonly PlannedFault[],
  phaseMs: number,
  count: number,
): PlannedFault[] {
  const named = new Set(
    planned.flatMap((f) => (f.body.kind.startsWith('agent-') && typeof f.body.target === 'string' ? [f.body.target] : [])),
  );
  const free = agents.filter((a) => !named.has(a.hostname));
  const churn: PlannedFault[] = [];
  for (let n = 0; n < count && free.length > 0; n++) {
    const leaving = free.splice(rng.int(0, free.length - 1), 1)[0]!;
    const at = rng.int(1_000, phaseMs - 1);
    const joinAt = Math.min(phaseMs - 1, at + (rng.next() < 0.2 ? 0 : rng.int(1, 60_000)));
    churn.push(
      { at, body: { kind: 'agent-decommission', target: leaving.hostname } },
      { at: joinAt, body: { kind: 'agent-join', agent: { ...leaving, hostname: `${leaving.hostname}-b` } } },
    );
  }
  return churn;
}

/** A random fault schedule over `phaseMs`, in time order, and the requests that heal it at the end. */
export function planFaults(
  rng: Rng,
  cluster: FuzzCluster,
  phaseMs: number,
  count: number,
  makers: readonly FaultMaker[] = FAULT_MAKERS,
  extra?: { rng: Rng; burstShare: number; hostileShare: number },
): { faults: PlannedFault[]; heal: FaultBody[] } {
  const totalWeight = makers.reduce((sum, m) => sum + m.weight, 0);
  const faults: PlannedFault[] = [];
  for (let n = 0; n < count; n++) {
    let r = rng.next() * totalWeight;
    const maker = makers.find((m) => (r -= m.weight) < 0) ?? makers[makers.length - 1]!;
    // Mostly after the boot; some during it (agents register in the first 400 ms, frameworks subscribe by 900 ms).
    const at = rng.next() < 0.1 ? rng.int(0, 1_000) : rng.int(1_000, phaseMs - 1);
    faults.push(...maker.make(rng, cluster, at, phaseMs));
  }
  // Bursts: more writes at the very millisecond of some faults (several made while paused), and hostile requests.
  if (extra) {
    for (const planned of [...faults]) {
      if (extra.rng.next() < extra.burstShare) {
        let r = extra.rng.next() * totalWeight;
        const maker = makers.find((m) => (r -= m.weight) < 0) ?? makers[makers.length - 1]!;
        faults.push(...maker.make(extra.rng, cluster, planned.at, phaseMs));
      }
      if (extra.rng.next() < extra.hostileShare)
        faults.push({ at: planned.at, body: pick(extra.rng, HOSTILE_REQUESTS)(extra.rng, cluster) });
    }
  }
  faults.sort((a, b) => a.at - b.at);
  const heal = makers.flatMap((m) => m.heal?.(faults.filter((f) => f.body.kind === m.kind).map((f) => f.body)) ?? []);
  return { faults, heal };
}
