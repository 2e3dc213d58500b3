/**
 * A service's pods and deploy plan from its scheduler's environment, as each package's svc.yml reads it
 * (dcos-commons frameworks/*\/src/main/dist/svc.yml; Kafka and Elastic from their Universe templates and
 * PLATFORM.md E.5). The sandbox keeps one task's worth of resources per pod and the volume of its main task.
 */
import type { SdkPhaseSpec, SdkPodSpec, SdkReadiness, Strategy } from './model.ts';

type Env = Record<string, string>;

const num = (env: Env, key: string, fallback: number): number => {
  const n = Number(env[key]);
  return Number.isFinite(n) && env[key] !== undefined && env[key] !== '' ? n : fallback;
};
const strategy = (env: Env, key: string, fallback: Strategy): Strategy =>
  env[key] === 'parallel' ? 'parallel' : env[key] === 'serial' ? 'serial' : fallback;
const diskType = (env: Env, key: string): 'ROOT' | 'MOUNT' => (env[key] === 'MOUNT' ? 'MOUNT' : 'ROOT');

/** `[["hostname","MAX_PER","1"]]` and the like, as the template passes it (JSON); `[]` when absent or not JSON. */
export function placementOf(text: string | undefined): string[][] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter(Array.isArray).map((c: unknown[]) => c.map(String)) : [];
  } catch {
    return [];
  }
}

interface PodOf {
  type: string;
  tasks: string[];
  prefix: string;
  count: number | string;
  volume: string | null;
  phase: string;
  placementKey?: string;
  /** The env names of memory and disk when they differ from `<prefix>_MEM` and `<prefix>_DISK`. */
  mem?: string;
  disk?: string;
  /** The readiness check: its task, the env names of its delay and interval (and of the switch that enables it), the
   * packages' defaults for them (config.json), and how long the service process takes to be ready (seconds). */
  readiness?: {
    task: string;
    env: string;
    enabledBy?: string;
    delay: number;
    interval: number;
    readyAfter: number;
  };
  once?: Record<string, { slot?: string; seconds: number; resources?: [number, number] }>;
  /** svc.yml's custom deploy phases over this pod (their strategies: `DEPLOY_STRATEGY` or serial). */
  deploy?: Array<{ name: string; strategy: 'deploy' | Strategy; steps: Record<string, string[][]> }>;
}

const KAFKA: PodOf[] = [
  {
    type: 'kafka',
    tasks: ['broker'],
    prefix: 'BROKER',
    count: 'BROKER_COUNT',
    volume: 'kafka-broker-data',
    phase: 'broker',
    disk: 'BROKER_DISK_SIZE',
    placementKey: 'PLACEMENT_CONSTRAINTS',
    // The broker is ready once it registered in ZooKeeper (/brokers/ids): ~10 s after it starts (inferred).
    readiness: { task: 'broker', env: 'READINESS_CHECK', delay: 0, interval: 60, readyAfter: 10 },
  },
];
const CASSANDRA: PodOf[] = [
  {
    type: 'node',
    tasks: ['server'],
    prefix: 'CASSANDRA',
    count: 'NODES',
    volume: 'container-path',
    phase: 'node-deploy',
    mem: 'CASSANDRA_MEMORY_MB',
    disk: 'CASSANDRA_DISK_MB',
    // `nodetool status` shows the node Up/Normal once it joined the ring: ~45 s after the JVM starts (inferred).
    readiness: { task: 'server', env: 'READINESS_CHECK', delay: 0, interval: 5, readyAfter: 45 },
    // init_system_keyspaces (ONCE) on sidecar-resources (1 CPU, 1024 MB): three `alter keyspace`s by cqlsh, ~15 s (inferred).
    once: { init_system_keyspaces: { seconds: 15, resources: [1, 1024] } },
    deploy: [
      { name: 'node-deploy', strategy: 'serial', steps: { default: [['server']] } },
      { name: 'keyspace-deploy', strategy: 'serial', steps: { 0: [['init_system_keyspaces']], default: [] } },
    ],
  },
];
const HDFS: PodOf[] = [
  {
    type: 'journal',
    tasks: ['node'],
    prefix: 'JOURNAL',
    count: 3,
    volume: 'journal-data',
    phase: 'journal',
    placementKey: 'JOURNAL_NODE_PLACEMENT',
    // On a first deploy the check exits 0 at once (no journal-data/hdfs yet): it passes at its first run.
    readiness: {
      task: 'node',
      env: 'JOURNAL_NODE_READINESS_CHECK',
      enabledBy: 'JOURNAL_READINESS_CHECK_ENABLED',
      delay: 30,
      interval: 30,
      readyAfter: 0,
    },
  },
  {
    type: 'name',
    tasks: ['node', 'zkfc'],
    prefix: 'NAME',
    count: 2,
    volume: 'name-data',
    phase: 'name',
    placementKey: 'NAME_NODE_PLACEMENT',
    // `hdfs haadmin -getServiceState` answers once the name node's RPC is up: ~20 s (inferred).
    readiness: { task: 'node', env: 'NAME_NODE_READINESS_CHECK', delay: 0, interval: 5, readyAfter: 20 },
    // format (ONCE) and bootstrap (FINISH) use name-resources as node does; zkfc-format (ONCE) zkfc-resources (inferred
    // durations: a format or a bootstrapStandby of an empty namespace, a `zkfc -formatZK`).
    once: { format: { slot: 'node', seconds: 10 }, bootstrap: { slot: 'node', seconds: 10 }, 'zkfc-format': { slot: 'zkfc', seconds: 5 } },
    deploy: [
      { name: 'name', strategy: 'serial', steps: { 0: [['format'], ['node']], 1: [['bootstrap'], ['node']] } },
      { name: 'zkfc', strategy: 'serial', steps: { 0: [['zkfc-format'], ['zkfc']], 1: [['zkfc']] } },
    ],
  },
  {
    type: 'data',
    tasks: ['node'],
    prefix: 'DATA',
    count: 'DATA_COUNT',
    volume: 'data-data',
    phase: 'data',
    placementKey: 'DATA_NODE_PLACEMENT',
    // `hdfs dfsadmin -report` lists the data node once it registered with the name node: ~15 s (inferred).
    readiness: { task: 'node', env: 'DATA_NODE_READINESS_CHECK', delay: 120, interval: 10, readyAfter: 15 },
  },
];
/** An Elasticsearch node answers `curl -I` on its HTTP port once its JVM is up and bound: ~20 s (inferred). */
const ELASTIC_READY_S = 20;
const ELASTIC: PodOf[] = [
  {
    type: 'master',
    tasks: ['node'],
    prefix: 'MASTER_NODE',
    placementKey: 'MASTER_NODE_PLACEMENT',
    count: 3,
    volume: 'container-path',
    phase: 'master-update',
    readiness: { task: 'node', env: 'MASTER_NODE_READINESS_CHECK', delay: 0, interval: 5, readyAfter: ELASTIC_READY_S },
  },
  {
    type: 'data',
    tasks: ['node'],
    prefix: 'DATA_NODE',
    placementKey: 'DATA_NODE_PLACEMENT',
    count: 'DATA_NODE_COUNT',
    volume: 'container-path',
    phase: 'data-update',
    readiness: { task: 'node', env: 'DATA_NODE_READINESS_CHECK', delay: 0, interval: 5, readyAfter: ELASTIC_READY_S },
  },
  {
    type: 'ingest',
    tasks: ['node'],
    prefix: 'INGEST_NODE',
    placementKey: 'INGEST_NODE_PLACEMENT',
    count: 'INGEST_NODE_COUNT',
    volume: 'container-path',
    phase: 'ingest-update',
    readiness: { task: 'node', env: 'INGEST_NODE_READINESS_CHECK', delay: 0, interval: 5, readyAfter: ELASTIC_READY_S },
  },
  {
    type: 'coordinator',
    tasks: ['node'],
    prefix: 'COORDINATOR_NODE',
    count: 'COORDINATOR_NODE_COUNT',
    volume: 'container-path',
    phase: 'coordinator-update',
    readiness: { task: 'node', env: 'COORDINATOR_NODE_READINESS_CHECK', delay: 0, interval: 5, readyAfter: ELASTIC_READY_S },
  },
];

const BY_PACKAGE: Record<string, PodOf[]> = { kafka: KAFKA, cassandra: CASSANDRA, hdfs: HDFS, elastic: ELASTIC };

/** Whether the sandbox runs this package's scheduler (the SDK packages it knows). */
export const isSdkPackage = (packageName: string): boolean => Object.hasOwn(BY_PACKAGE, packageName);

/** The pods of a service of `packageName` whose scheduler runs with `env`. */
export function podsOf(packageName: string, env: Env): SdkPodSpec[] {
  const deployStrategy = strategy(env, 'DEPLOY_STRATEGY', 'serial');
  return (BY_PACKAGE[packageName] ?? []).map((p) => {
    const disk = num(env, p.disk ?? `${p.prefix}_DISK`, 0);
    return {
      type: p.type,
      count: typeof p.count === 'number' ? p.count : num(env, p.count, 0),
      tasks: p.tasks,
      resources: [num(env, `${p.prefix}_CPUS`, 1), num(env, p.mem ?? `${p.prefix}_MEM`, 1024), 0, 0],
      ports: 1,
      volume: p.volume !== null && disk > 0 ? { path: p.volume, size: disk, type: diskType(env, `${p.prefix}_DISK_TYPE`) } : null,
      placement: placementOf(env[p.placementKey ?? 'PLACEMENT_CONSTRAINT']),
      phase: p.phase,
      strategy: p.phase === 'name' || p.phase === 'node-deploy' ? 'serial' : deployStrategy,
      readiness: readinessOf(p, env),
      ...(p.once ? { once: p.once } : {}),
      ...(p.deploy
        ? { deploy: p.deploy.map((d): SdkPhaseSpec => ({ ...d, strategy: d.strategy === 'deploy' ? deployStrategy : d.strategy })) }
        : {}),
    };
  });
}

/**
 * Whether a change of scheduler variable `key` changes the tasks of pod type `type` (and so relaunches them): the
 * variables every task gets (`TASKCFG_ALL_*`) and the pod type's own (`<prefix>_*`), but not its count or placement,
 * which the SDK leaves out when it compares pod specs (DefaultConfigurationUpdater).
 */
export function changesPodTasks(packageName: string, type: string, key: string): boolean {
  const p = (BY_PACKAGE[packageName] ?? []).find((x) => x.type === type);
  if (!p || key === p.count || key === (p.placementKey ?? 'PLACEMENT_CONSTRAINT')) return false;
  return key.startsWith('TASKCFG_ALL_') || key.startsWith(`${p.prefix}_`) || key === p.mem || key === p.disk;
}

/** `<env>_DELAY` and `<env>_INTERVAL` (seconds) as the scheduler's environment sets them, else the package's defaults. */
function readinessOf(p: PodOf, env: Env): SdkReadiness | null {
  const r = p.readiness;
  if (!r || (r.enabledBy !== undefined && env[r.enabledBy] !== 'true')) return null;
  return {
    task: r.task,
    delay: num(env, `${r.env}_DELAY`, r.delay),
    interval: Math.max(1, num(env, `${r.env}_INTERVAL`, r.interval)),
    readyAfter: r.readyAfter,
  };
}
