/**
 * Readers of Marathon's answers into the views of marathon-types.ts. An app body and a version
 * list are read as the API types them (src/api/shapes/marathon.ts); the readers of apps, groups,
 * deployments, the queue and the placement diagnosis take any body and read it defensively: a
 * missing or mistyped field gets a neutral value instead of breaking the page. An error answer is
 * read by `readProblem`, whatever it is.
 */
import type { AppVersionList, MarathonAppBody } from '../../../api/shapes/marathon.ts';
import type {
  ApiProblem,
  Deployment,
  DeploymentAction,
  HealthCheckResult,
  MarathonApp,
  MarathonGroup,
  MarathonPod,
  MarathonTask,
  OffersSummary,
  Placement,
  PlacementFailure,
  PlacementStage,
  PodContainerStatus,
  PodInstanceStatus,
  PodState,
  PodStatus,
  QueueEntry,
  ReadinessResult,
  RejectReason,
  Resources,
  TaskFailure,
} from './marathon-types.ts';

type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const objects = (v: unknown): Json[] => arr(v).filter(isObject);
const strings = (v: unknown): string[] => arr(v).filter((s): s is string => typeof s === 'string');

function readHealth(v: Json): HealthCheckResult {
  const idString = isObject(v.instanceId) ? str(v.instanceId.idString) : undefined;
  return {
    alive: v.alive === true,
    consecutiveFailures: num(v.consecutiveFailures),
    firstSuccess: str(v.firstSuccess) ?? null,
    lastSuccess: str(v.lastSuccess) ?? null,
    lastFailure: str(v.lastFailure) ?? null,
    lastFailureCause: str(v.lastFailureCause) ?? null,
    ...(idString !== undefined ? { instanceId: { idString } } : {}),
  };
}

export function readTask(v: unknown): MarathonTask | null {
  if (!isObject(v) || typeof v.id !== 'string') return null;
  return {
    id: v.id,
    appId: str(v.appId) ?? '',
    host: str(v.host) ?? '',
    slaveId: str(v.slaveId),
    state: str(v.state) ?? 'TASK_UNKNOWN',
    stagedAt: str(v.stagedAt),
    startedAt: str(v.startedAt),
    version: str(v.version),
    ports: arr(v.ports).filter((p): p is number => typeof p === 'number'),
    ipAddresses: objects(v.ipAddresses).map((a) => ({ ipAddress: str(a.ipAddress) ?? '', protocol: str(a.protocol) })),
    healthCheckResults: objects(v.healthCheckResults).map(readHealth),
    role: str(v.role),
    localVolumes: objects(v.localVolumes).map((l) => ({
      runSpecId: str(l.runSpecId) ?? '',
      containerPath: str(l.containerPath) ?? '',
      uuid: str(l.uuid) ?? '',
      persistenceId: str(l.persistenceId) ?? '',
    })),
  };
}

function readFailure(v: unknown): TaskFailure | undefined {
  if (!isObject(v)) return undefined;
  const keys = ['appId', 'host', 'message', 'state', 'taskId', 'timestamp', 'version', 'slaveId'] as const;
  const out: TaskFailure = {};
  for (const k of keys) {
    const s = str(v[k]);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

function readReadiness(v: unknown): ReadinessResult[] {
  return objects(v).flatMap((r): ReadinessResult[] => {
    if (typeof r.taskId !== 'string') return [];
    const status = isObject(r.lastResponse) ? r.lastResponse.status : undefined;
    return [
      {
        name: str(r.name) ?? '',
        taskId: r.taskId,
        ready: r.ready === true,
        ...(typeof status === 'number' ? { lastResponse: { status } } : {}),
      },
    ];
  });
}

export function readApp(v: unknown): MarathonApp | null {
  if (!isObject(v) || typeof v.id !== 'string') return null;
  const versionInfo = isObject(v.versionInfo)
    ? { lastScalingAt: str(v.versionInfo.lastScalingAt), lastConfigChangeAt: str(v.versionInfo.lastConfigChangeAt) }
    : undefined;
  return {
    id: v.id,
    instances: num(v.instances),
    cpus: num(v.cpus),
    mem: num(v.mem),
    disk: num(v.disk),
    gpus: num(v.gpus),
    cmd: str(v.cmd),
    role: str(v.role),
    constraints: arr(v.constraints),
    healthChecks: arr(v.healthChecks),
    version: str(v.version),
    versionInfo,
    tasksStaged: num(v.tasksStaged),
    tasksRunning: num(v.tasksRunning),
    tasksHealthy: num(v.tasksHealthy),
    tasksUnhealthy: num(v.tasksUnhealthy),
    deployments: objects(v.deployments).flatMap((d) => (typeof d.id === 'string' ? [{ id: d.id }] : [])),
    tasks: arr(v.tasks).flatMap((t) => readTask(t) ?? []),
    lastTaskFailure: readFailure(v.lastTaskFailure),
    readinessCheckResults: readReadiness(v.readinessCheckResults),
    raw: v,
  };
}

/** Whether the app's Volumes tab has a row: an external volume in the definition, or a task's local volume. */
export function hasVolumeRows(app: Pick<MarathonApp, 'raw' | 'tasks'>): boolean {
  const c = app.raw.container;
  return (
    (isObject(c) && arr(c.volumes).some((v) => isObject(v) && isObject(v.external))) || app.tasks.some((t) => t.localVolumes.length > 0)
  );
}

/** `{apps: [...]}` (GET /v2/apps) */
export function readApps(body: unknown): MarathonApp[] {
  return isObject(body) ? arr(body.apps).flatMap((a) => readApp(a) ?? []) : [];
}

/** GET /v2/apps/{id} */
export function readAppBody(body: MarathonAppBody): MarathonApp | null {
  return readApp(body.app);
}

function readPod(v: unknown): MarathonPod | null {
  if (!isObject(v) || typeof v.id !== 'string') return null;
  const scaling = isObject(v.scaling) ? v.scaling : {};
  return { id: v.id, instances: num(scaling.instances, num(v.instances)), version: str(v.version), raw: v };
}

/** A pod status's word and its instances by state. */
function podStateOf(p: Json): PodState {
  const instances = arr(p.instances).map((i) => (isObject(i) && typeof i.status === 'string' ? i.status : ''));
  return {
    status: str(p.status) ?? '',
    running: instances.filter((s) => s === 'STABLE' || s === 'DEGRADED').length,
    staged: instances.filter((s) => s === 'PENDING' || s === 'STAGING').length,
  };
}

/** GET /v2/pods/::status: each pod's word and its instances by state. */
export function readPodStates(body: unknown): Map<string, PodState> {
  const states = new Map<string, PodState>();
  for (const p of objects(body)) if (typeof p.id === 'string') states.set(p.id, podStateOf(p));
  return states;
}

function readResources(v: unknown): Resources | undefined {
  return isObject(v) ? { cpus: num(v.cpus), mem: num(v.mem), disk: num(v.disk), gpus: num(v.gpus) } : undefined;
}

function readContainer(c: Json): PodContainerStatus {
  return {
    name: str(c.name) ?? '',
    status: str(c.status) ?? 'TASK_UNKNOWN',
    containerId: str(c.containerId) ?? '',
    resources: readResources(c.resources),
    endpoints: objects(c.endpoints).map((e) => ({
      name: str(e.name) ?? '',
      ...(typeof e.allocatedHostPort === 'number' ? { allocatedHostPort: e.allocatedHostPort } : {}),
    })),
    lastUpdated: str(c.lastUpdated),
  };
}

function readInstance(i: Json): PodInstanceStatus[] {
  if (typeof i.id !== 'string') return [];
  return [
    {
      id: i.id,
      status: str(i.status) ?? '',
      agentHostname: str(i.agentHostname),
      agentId: str(i.agentId),
      resources: readResources(i.resources),
      addresses: objects(i.networks).flatMap((n) => strings(n.addresses)),
      containers: objects(i.containers).map(readContainer),
      lastUpdated: str(i.lastUpdated),
    },
  ];
}

/** GET /v2/pods/{id}::status: the pod's definition (`spec`) with its state, and its instances. */
export function readPodStatus(body: unknown): PodStatus | null {
  if (!isObject(body) || typeof body.id !== 'string') return null;
  const spec = readPod(body.spec) ?? { id: body.id, instances: 0, raw: { id: body.id } };
  return { pod: { ...spec, state: podStateOf(body) }, instances: objects(body.instances).flatMap(readInstance) };
}

export function readGroup(v: unknown): MarathonGroup | null {
  if (!isObject(v) || typeof v.id !== 'string') return null;
  return {
    id: v.id,
    apps: arr(v.apps).flatMap((a) => readApp(a) ?? []),
    groups: arr(v.groups).flatMap((g) => readGroup(g) ?? []),
    pods: arr(v.pods).flatMap((p) => readPod(p) ?? []),
  };
}

function readAction(v: Json): DeploymentAction {
  const action: DeploymentAction = { action: str(v.action) ?? '', app: str(v.app), pod: str(v.pod) };
  if (Array.isArray(v.readinessCheckResults)) action.readinessCheckResults = readReadiness(v.readinessCheckResults);
  return action;
}

export function readDeployments(body: unknown): Deployment[] {
  return objects(body).flatMap((d): Deployment[] => {
    if (typeof d.id !== 'string') return [];
    const steps = objects(d.steps).map((s) => ({ actions: objects(s.actions).map(readAction) }));
    return [
      {
        id: d.id,
        version: str(d.version),
        affectedApps: strings(d.affectedApps),
        affectedPods: strings(d.affectedPods),
        steps,
        currentActions: objects(d.currentActions).map(readAction),
        currentStep: num(d.currentStep),
        totalSteps: num(d.totalSteps, steps.length),
      },
    ];
  });
}

function readReasons(v: unknown): RejectReason[] {
  return objects(v).flatMap((r) =>
    typeof r.reason === 'string' ? [{ reason: r.reason, declined: num(r.declined), processed: num(r.processed) }] : [],
  );
}

function readSummary(v: unknown): OffersSummary | undefined {
  if (!isObject(v)) return undefined;
  return {
    processedOffersCount: num(v.processedOffersCount),
    unusedOffersCount: num(v.unusedOffersCount),
    lastUnusedOfferAt: str(v.lastUnusedOfferAt),
    lastUsedOfferAt: str(v.lastUsedOfferAt),
    rejectSummaryLastOffers: readReasons(v.rejectSummaryLastOffers),
    rejectSummaryLaunchAttempt: readReasons(v.rejectSummaryLaunchAttempt),
  };
}

/** `{queue: [{app: {id}, count, delay, since, processedOffersSummary}]}` (GET /v2/queue); a pod's entry has `pod` for `app`. */
export function readQueue(body: unknown): QueueEntry[] {
  if (!isObject(body)) return [];
  return objects(body.queue).flatMap((q): QueueEntry[] => {
    const service = isObject(q.app) ? q.app : isObject(q.pod) ? q.pod : undefined;
    const appId = service ? str(service.id) : undefined;
    if (appId === undefined) return [];
    const delay = isObject(q.delay) ? { timeLeftSeconds: num(q.delay.timeLeftSeconds), overdue: q.delay.overdue === true } : undefined;
    return [{ appId, count: num(q.count), delay, since: str(q.since), processedOffersSummary: readSummary(q.processedOffersSummary) }];
  });
}

/** GET /v2/apps/{id}/versions: newest first as Marathon lists them. */
export function readVersions(body: AppVersionList): string[] {
  return body.versions;
}

/** The placement diagnosis; suggestions may be strings or `{text, change}` objects (kept in the API's order: smallest change first). */
export function readPlacement(body: unknown): Placement | null {
  if (!isObject(body)) return null;
  const stages = objects(body.stages).flatMap((s): PlacementStage[] =>
    typeof s.stage === 'string' ? [{ stage: s.stage, passed: num(s.passed), failed: num(s.failed) }] : [],
  );
  const failures = objects(body.failures).flatMap((f): PlacementFailure[] =>
    typeof f.hostname === 'string' || typeof f.agentId === 'string'
      ? [
          {
            hostname: str(f.hostname) ?? str(f.agentId) ?? '',
            agentId: str(f.agentId),
            stage: str(f.stage) ?? '',
            detail: str(f.detail) ?? str(f.reason),
          },
        ]
      : [],
  );
  const suggestions = arr(body.suggestions).flatMap((s) => {
    const text = typeof s === 'string' ? s : isObject(s) ? str(s.text) : undefined;
    return text ? [text] : [];
  });
  const notes = strings(body.notes);
  return {
    appId: str(body.appId) ?? '',
    ...(typeof body.waiting === 'number' ? { waiting: body.waiting } : {}),
    ...(typeof body.agents === 'number' ? { agents: body.agents } : {}),
    ...(typeof body.fits === 'number' ? { fits: body.fits } : {}),
    ...(typeof body.failuresOmitted === 'number' ? { failuresOmitted: body.failuresOmitted } : {}),
    stages,
    failures,
    suggestions,
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/** Any non-2xx answer as one problem: Marathon's `{message, details}`, a 409's deployments, or plain text. */
export function readProblem(status: number, body: unknown): ApiProblem {
  if (isObject(body)) {
    const details = objects(body.details).map((d) => ({ path: str(d.path) ?? '/', errors: strings(d.errors) }));
    const deployments = objects(body.deployments).flatMap((d) => (typeof d.id === 'string' ? [d.id] : []));
    return { status, message: str(body.message) ?? `HTTP ${status}`, details, deployments };
  }
  // Admin Router's 401 and 403 are HTML pages: their title ("Access Denied") says it.
  const title = typeof body === 'string' ? /<title>([^<]+)<\/title>/i.exec(body)?.[1]?.trim() : undefined;
  const text = title ?? (typeof body === 'string' && body.trim() !== '' ? body : `HTTP ${status}`);
  return { status, message: text, details: [], deployments: [] };
}
