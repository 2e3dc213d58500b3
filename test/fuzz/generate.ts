/**
 * A random but valid fuzz case from a seed: a cluster (masters, private and public agents with
 * rack/zone attributes), a few synthetic frameworks, Marathon apps that can all reach their
 * target (demand well below capacity, only satisfiable constraints), Metronome jobs on schedules (some failing, some
 * retrying) and a fault schedule.
 * Randomness comes only from the engine's seeded Rng, so a seed is the whole case.
 */
import { Rng } from '../../src/engine/core/rng.ts';
import type { AgentSpec, FrameworkSpec, RoleSpec } from '../../src/common/scenario/types.ts';
import { pick, planChurn, planFaults, type FaultBody, type FuzzCluster, type JoiningAgent, type PlannedFault } from './faults.ts';

export interface GenerateOptions {
  /** Simulated ms of the fault phase. */
  faultPhaseMs: number;
  minAgents: number;
  maxAgents: number;
  maxApps: number;
  maxFaults: number;
  /** Share of the faults joined by another at the same millisecond (a burst of writes at one instant). */
  burstShare: number;
  /** Share of the faults joined by a hostile request at the same millisecond. */
  hostileShare: number;
  /** At most this many agents are decommissioned and replaced (0 to this many, per case). */
  maxChurns: number;
}

export const DEFAULT_GENERATE: GenerateOptions = {
  faultPhaseMs: 600_000,
  minAgents: 2,
  maxAgents: 24,
  maxApps: 6,
  maxFaults: 12,
  burstShare: 0.3,
  hostileShare: 0.2,
  maxChurns: 2,
};

/** Scenario JSON as a user would write it: createSandbox validates it and fills in the defaults. */
export interface ScenarioJson {
  seed: number;
  cluster: { name: string; masters: number; agents: AgentSpec[]; roles: Record<string, RoleSpec>; allocationIntervalMs: number };
  frameworks: FrameworkSpec[];
  marathon: { role: string; defaultAcceptedResourceRoles: string[]; apps: AppJson[] };
  metronome: { jobs: Record<string, unknown>[]; behavior: Record<string, { durationSeconds: number; failureRate: number }> };
}

export interface FuzzCase {
  seed: number;
  scenario: ScenarioJson;
  cluster: FuzzCluster;
  faults: PlannedFault[];
  heal: FaultBody[];
}

/** Share of the (smallest agent × agents) capacity all demand together may use. */
const DEMAND_SHARE = 0.4;
const PUBLIC_ROLE = 'slave_public';

export interface AppJson {
  id: string;
  cmd: string;
  instances: number;
  cpus: number;
  mem: number;
  portDefinitions?: Array<{ port: number; protocol: string }>;
  acceptedResourceRoles?: string[];
  constraints?: string[][];
  healthChecks?: Array<Record<string, unknown>>;
  unreachableStrategy?: { inactiveAfterSeconds: number; expungeAfterSeconds: number } | 'disabled';
  container?: { type: 'MESOS'; volumes: Array<{ containerPath: string; mode: 'RW'; persistent: { size: number } }> };
}

interface Capacity {
  cpus: number;
  mem: number;
}

interface Side {
  hostnames: string[];
  racks: number;
  zones: number;
  /** What the apps (and frameworks) on this side may still ask for. */
  budget: Capacity;
}

export function generateCase(seed: number, options: Partial<GenerateOptions> = {}): FuzzCase {
  const o = { ...DEFAULT_GENERATE, ...options };
  const rng = Rng.fromSeed(seed);
  const masters = pick(rng, [1, 3, 5]);
  const total = rng.int(o.minAgents, o.maxAgents);
  const publicCount = rng.int(0, Math.min(3, Math.floor(total / 3)));
  const agents: AgentSpec[] = [];
  const privateSide = buildSide(rng, agents, 'agent', total - publicCount, false);
  const publicSide = publicCount > 0 ? buildSide(rng, agents, 'public', publicCount, true) : null;
  const roles: Record<string, RoleSpec> = { batch: { weight: pick(rng, [1, 2, 3]) } };
  const frameworks = Array.from({ length: rng.int(0, 2) }, (_, i) => syntheticFramework(rng, i, privateSide));
  const apps: AppJson[] = [];
  const appCount = rng.int(1, o.maxApps);
  for (let i = 0; i < appCount; i++) {
    const side = publicSide && rng.next() < 0.25 ? publicSide : privateSide;
    const app = randomApp(rng, i, side, side === publicSide);
    if (app) apps.push(app);
  }
  // Resident apps draw from a generator of their own too: the rest of every case stays as it was.
  makeResident(Rng.fromSeed(seed ^ 0x6a09e667), apps);
  const scenario: ScenarioJson = {
    seed,
    cluster: { name: `fuzz-${seed}`, masters, agents, roles, allocationIntervalMs: 1000 },
    frameworks,
    marathon: { role: PUBLIC_ROLE, defaultAcceptedResourceRoles: ['*'], apps },
    // Jobs draw from a generator of their own, so adding them left the rest of every case as it was.
    metronome: randomJobs(Rng.fromSeed(seed ^ 0x3c6ef372)),
  };
  const cluster: FuzzCluster = {
    masters: Array.from({ length: masters }, (_, i) => `master-${i + 1}`),
    agents: [...privateSide.hostnames, ...(publicSide?.hostnames ?? [])],
    apps: apps.map((a) => ({ id: a.id, instances: a.instances })),
  };
  // Bursts and hostile requests draw from a generator of their own: without them a seed's case is what it always was.
  const extra = { rng: Rng.fromSeed(seed ^ 0x5bd1e995), burstShare: o.burstShare, hostileShare: o.hostileShare };
  const { faults, heal } = planFaults(rng, cluster, o.faultPhaseMs, rng.int(0, o.maxFaults), undefined, extra);
  const churnRng = Rng.fromSeed(seed ^ 0x2545f491);
  const joining: JoiningAgent[] = agents.map((a) => ({
    hostname: a.hostname,
    public: a.public,
    resources: { cpus: a.resources.cpus, mem: a.resources.mem, disk: a.resources.disk },
    attributes: Object.fromEntries(Object.entries(a.attributes).map(([k, v]) => [k, String(v)])),
  }));
  faults.push(...planChurn(churnRng, joining, faults, o.faultPhaseMs, churnRng.int(0, o.maxChurns)));
  // A fifth of the larger clusters run a small Kafka (its own scheduler, reservations and volumes), some removed again.
  faults.push(...planPackages(Rng.fromSeed(seed ^ 0x1f83d9ab), privateSide, o.faultPhaseMs));
  faults.sort((a, b) => a.at - b.at);
  return { seed, scenario, cluster, faults, heal };
}

/** `count` agents named `<prefix>-<n>`, racks and zones dealt round-robin so each holds its share. */
function buildSide(rng: Rng, agents: AgentSpec[], prefix: string, count: number, isPublic: boolean): Side {
  const cpus = pick(rng, [2, 4, 8]);
  const mem = pick(rng, [4096, 8192, 16384]);
  const racks = rng.int(1, Math.min(4, count));
  const zones = rng.int(1, Math.min(3, count));
  const ports: Array<[number, number]> =
    rng.next() < 0.3
      ? [
          [10000, 10049],
          [20000, 20029],
        ]
      : [[1025, 32000]];
  const hostnames: string[] = [];
  for (let n = 0; n < count; n++) {
    const hostname = `${prefix}-${n + 1}`;
    hostnames.push(hostname);
    agents.push({
      hostname,
      public: isPublic,
      count: 1,
      // Sizes differ a little; the budget below counts the smallest.
      resources: { cpus: cpus * pick(rng, [1, 1, 2]), mem, disk: 16384, gpus: 0, ports },
      attributes: { rack: `${prefix}-r${(n % racks) + 1}`, zone: `${prefix}-z${(n % zones) + 1}` },
      reservations: {},
    });
  }
  return { hostnames, racks, zones, budget: { cpus: cpus * count * DEMAND_SHARE, mem: mem * count * DEMAND_SHARE } };
}

function syntheticFramework(rng: Rng, i: number, side: Side): FrameworkSpec {
  const task = { cpus: pick(rng, [0.1, 0.25, 0.5]), mem: pick(rng, [64, 128, 256]), disk: 0, gpus: 0, ports: rng.int(0, 1) };
  const instances = take(side.budget, task, rng.int(1, 8));
  return {
    name: `load-${i + 1}`,
    role: rng.next() < 0.5 ? '*' : 'batch',
    task,
    instances,
    tasksPerOffer: rng.int(1, 3),
    refuseSeconds: pick(rng, [0, 5, 30]),
    taskDurationSeconds: rng.next() < 0.5 ? null : rng.int(20, 120),
  };
}

/** How many of `wanted` fit the side's remaining budget; they are taken from it. */
function take(budget: Capacity, each: Capacity, wanted: number): number {
  const n = Math.max(0, Math.min(wanted, Math.floor(budget.cpus / each.cpus), Math.floor(budget.mem / each.mem)));
  budget.cpus -= n * each.cpus;
  budget.mem -= n * each.mem;
  return n;
}

const UNREACHABLE_STRATEGIES: Array<AppJson['unreachableStrategy']> = [
  undefined,
  { inactiveAfterSeconds: 0, expungeAfterSeconds: 0 },
  { inactiveAfterSeconds: 300, expungeAfterSeconds: 600 },
  { inactiveAfterSeconds: 60, expungeAfterSeconds: 120 },
  'disabled',
];

function randomApp(rng: Rng, i: number, side: Side, isPublic: boolean): AppJson | null {
  const resources = { cpus: pick(rng, [0.1, 0.2, 0.5]), mem: pick(rng, [32, 64, 128, 256]) };
  const constraints: string[][] = [];
  let maxInstances = 10;
  const c = rng.next();
  const agents = side.hostnames.length;
  if (c < 0.15) {
    constraints.push(['hostname', 'UNIQUE']);
    maxInstances = agents;
  } else if (c < 0.3) {
    const perRack = rng.int(1, 3);
    constraints.push(['rack', 'MAX_PER', String(perRack)]);
    maxInstances = perRack * side.racks;
  } else if (c < 0.45 && agents >= 2 * side.zones) {
    // Each zone needs room for its share even when other apps crowd it: at least two agents per zone.
    constraints.push(rng.next() < 0.5 ? ['zone', 'GROUP_BY'] : ['zone', 'GROUP_BY', String(side.zones)]);
  }
  const instances = take(side.budget, resources, rng.int(1, Math.min(10, maxInstances)));
  if (instances === 0) return null;
  const withPorts = rng.next() < 0.8;
  // An app in a group runs in the group's role (DC/OS enforces top-level groups' roles); a public one stays at the root,
  // where it may accept slave_public.
  const grouped = rng.next() < 0.3 && !isPublic;
  const app: AppJson = {
    id: grouped ? `/group-${i % 2}/app-${i + 1}` : `/app-${i + 1}`,
    cmd: 'sleep 100000',
    instances,
    ...resources,
  };
  if (!withPorts) app.portDefinitions = [];
  if (isPublic) app.acceptedResourceRoles = [PUBLIC_ROLE];
  if (constraints.length > 0) app.constraints = constraints;
  if (rng.next() < 0.4) app.healthChecks = [healthCheck(rng, withPorts)];
  const strategy = pick(rng, UNREACHABLE_STRATEGIES);
  if (strategy !== undefined) app.unreachableStrategy = strategy;
  return app;
}

function planPackages(rng: Rng, side: Side, phaseMs: number): PlannedFault[] {
  if (rng.next() >= 0.2 || side.hostnames.length < 4) return [];
  const count = rng.int(1, 3);
  const request = {
    packageName: 'kafka',
    options: { brokers: { count, cpus: 0.1, mem: 128, disk: 256, heap: { size: 64 } }, service: { name: 'kafka' } },
  };
  const at = rng.int(10_000, phaseMs / 2);
  const out: PlannedFault[] = [{ at, body: { kind: 'package-install', request } }];
  // An operator at work on it: a broker restarted or replaced, the service grown by a broker (Cosmos' service update).
  if (rng.next() < 0.4)
    out.push({
      at: rng.int(at + 1, phaseMs),
      body: { kind: 'sdk-pod', pod: `kafka-${rng.int(0, count - 1)}`, action: pick(rng, ['restart', 'replace']) },
    });
  if (rng.next() < 0.3)
    out.push({
      at: rng.int(at + 1, phaseMs),
      body: { kind: 'service-update', request: { appId: '/kafka', options: { brokers: { count: count + 1 } }, replace: false } },
    });
  if (rng.next() < 0.3) out.push({ at: rng.int(at + 1, phaseMs), body: { kind: 'package-uninstall', request: { packageName: 'kafka' } } });
  return out;
}

/**
 * About a quarter of the private apps keep their data on a local persistent volume: they reserve, relaunch on their
 * agent, and wait for it when it is lost (their unreachable strategy is Marathon's `disabled` for residents).
 */
function makeResident(rng: Rng, apps: AppJson[]): void {
  for (const app of apps) {
    if (rng.next() >= 0.25 || app.acceptedResourceRoles) continue;
    app.container = { type: 'MESOS', volumes: [{ containerPath: 'data', mode: 'RW', persistent: { size: pick(rng, [64, 256, 1024]) } }] };
    delete app.unreachableStrategy;
  }
}

function healthCheck(rng: Rng, withPorts: boolean): Record<string, unknown> {
  const timing = {
    gracePeriodSeconds: rng.int(5, 30),
    intervalSeconds: rng.int(2, 10),
    timeoutSeconds: 1,
    maxConsecutiveFailures: rng.int(1, 3),
  };
  if (!withPorts) return { protocol: 'COMMAND', command: { value: 'true' }, ...timing };
  return {
    protocol: pick(rng, ['HTTP', 'TCP', 'MESOS_HTTP', 'MESOS_TCP']),
    portIndex: 0,
    ...timing,
    ...(rng.next() < 0.5 ? { delaySeconds: rng.int(1, 15) } : {}),
  };
}

/** 0 to 3 small jobs every 1–3 minutes: some fail now and then, some retry on failure, some forbid overlapping runs. */
function randomJobs(rng: Rng): ScenarioJson['metronome'] {
  const jobs: Record<string, unknown>[] = [];
  const behavior: ScenarioJson['metronome']['behavior'] = {};
  const count = rng.int(0, 3);
  for (let i = 0; i < count; i++) {
    const id = `job-${i + 1}`;
    const every = rng.int(1, 3);
    jobs.push({
      id,
      run: {
        cpus: 0.05,
        mem: 32,
        disk: 0,
        cmd: 'run once',
        restart: rng.next() < 0.5 ? { policy: 'ON_FAILURE', activeDeadlineSeconds: rng.int(30, 300) } : { policy: 'NEVER' },
      },
      schedules: [{ id: 'every', cron: `*/${every} * * * *`, concurrencyPolicy: pick(rng, ['ALLOW', 'FORBID']) }],
    });
    behavior[id] = { durationSeconds: rng.int(5, 150), failureRate: pick(rng, [0, 0.2, 0.5]) };
  }
  return { jobs, behavior };
}
