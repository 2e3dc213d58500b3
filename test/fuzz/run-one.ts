/**
 * One fuzz run: boot the generated case with invariants checked after every event, inject its
 * faults (some in bursts at one millisecond, some hostile requests that must be refused with a
 * 4xx), heal everything, let the cluster recover, then check liveness (every app at its target,
 * no deployment left) and that the cluster's scenario replays to the same history. A failure
 * carries the seed, the reason and a share link whose scenario (with every fault as a scripted
 * action) replays the run up to the failure.
 */
import { createSandbox, type AllocatorChoice, type Sandbox } from '../../src/sandbox/index.ts';
import type { ApiRequest } from '../../src/api/types.ts';
import { encodeScenarioLink } from '../../src/share/link.ts';
import type { FaultBody, TaskPick } from './faults.ts';
import { generateCase, type GenerateOptions } from './generate.ts';

export interface FuzzOptions extends Partial<GenerateOptions> {
  /** Simulated ms after the heal for the cluster to settle: 75 s ping timeouts, 600 s reconciliation, backoff. */
  recoveryMs?: number;
  allocator?: AllocatorChoice;
  matcher?: AllocatorChoice;
  /** Replay the run's scenario at the end and compare histories (default true). */
  replay?: boolean;
}

export const DEFAULT_RECOVERY_MS = 900_000;
/** How long the heal waits for a Marathon leader before it scales the apps back. */
const SCALE_BACK_WAIT_MS = 120_000;

export type FuzzResult =
  | { ok: true; seed: number; events: number; faults: number; decommissioned: number }
  | { ok: false; seed: number; events: number; faults: number; reason: string; link: string };

export async function fuzzRun(seed: number, options: FuzzOptions = {}): Promise<FuzzResult> {
  const c = generateCase(seed, options);
  const phaseMs = options.faultPhaseMs ?? 600_000;
  const sb = await createSandbox(c.scenario, { checkInvariants: true, allocator: options.allocator, matcher: options.matcher });
  let injected = 0;
  const fail = async (reason: string): Promise<FuzzResult> => {
    const link = `#${await encodeScenarioLink(sb.scenario(), sb.now)}`;
    return { ok: false, seed, events: sb.eventCount, faults: injected, reason, link };
  };
  /** Decommissioned agents: no longer hosts a fault can name. */
  const gone = new Set<string>();
  try {
    for (const fault of c.faults) {
      sb.advance(fault.at - sb.now);
      const req = resolveFault(sb, fault.body, gone);
      if (!req) continue;
      const res = sb.request(req);
      if (fault.body.kind === 'agent-decommission') {
        // Marking an agent gone needs a leading master; without one it stays (its replacement joins anyway).
        if (res.status === 200) gone.add(String(fault.body.target));
        else if (res.status !== 503)
          return await fail(`decommissioning ${String(fault.body.target)} answered ${res.status}: ${JSON.stringify(res.body)}`);
        continue;
      }
      if (fault.body.kind === 'agent-join') {
        if (res.status !== 201) return await fail(`a new agent answered ${res.status}: ${JSON.stringify(res.body)}`);
        continue;
      }
      if (PACKAGE_KINDS.has(fault.body.kind)) {
        // Cosmos installs through Marathon: without a Marathon leader it answers 502 (MarathonBadGateway), and the
        // package is not installed; an uninstall or update of a package that did not install answers 400, and its
        // pods are not found (404).
        if (res.status === 200 || res.status === 502 || res.status === 503 || res.status === 400 || res.status === 404) continue;
        return await fail(`${fault.body.kind} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
      }
      if (fault.body.kind === 'hostile') {
        // Refused, as a client error (or 503 while no leader answers): never accepted, never a 500.
        if (res.status === 503 || (res.status >= 400 && res.status < 500)) continue;
        return await fail(`hostile ${req.method} ${req.path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
      }
      // Scaling is a Marathon call: without a Marathon leader it answers 503, and the workload stays as it was.
      if (fault.body.kind === 'scale' && res.status === 503) continue;
      if (res.status !== (fault.body.kind === 'scale' ? 200 : 202))
        return await fail(`fault ${JSON.stringify(req.body)} answered ${res.status}: ${JSON.stringify(res.body)}`);
      injected++;
    }
    sb.advance(phaseMs - sb.now);
    for (const body of c.heal) {
      if (body.kind === 'scale') continue;
      const res = sb.request({ method: 'POST', path: '/sandbox/v1/faults', body });
      if (res.status !== 202) return await fail(`heal ${JSON.stringify(body)} answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
    // Apps go back to their instance counts once a Marathon leads again (the masters may still be booting).
    for (const body of c.heal) {
      if (body.kind !== 'scale') continue;
      const req = resolveFault(sb, body)!;
      let res = sb.request(req);
      for (let waited = 0; res.status === 503 && waited < SCALE_BACK_WAIT_MS; waited += 1000) {
        sb.advance(1000);
        res = sb.request(req);
      }
      if (res.status !== 200) return await fail(`scaling ${String(body.app)} back answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
    sb.advance(options.recoveryMs ?? DEFAULT_RECOVERY_MS);
  } catch (e) {
    return await fail(e instanceof Error ? e.message : String(e));
  }
  const unmet = liveness(sb);
  if (unmet) return await fail(`liveness at ${sb.now} ms: ${unmet}`);
  if (options.replay ?? true) {
    const again = await createSandbox(sb.scenario(), { allocator: options.allocator, matcher: options.matcher });
    again.advance(sb.now);
    if (again.historyHash() !== sb.historyHash())
      return await fail(`the run's scenario replays to another history (${again.historyHash()})`);
  }
  return { ok: true, seed, events: sb.eventCount, faults: injected, decommissioned: gone.size };
}

/** Faults that are Cosmos or SDK service requests: refused while nothing leads or the package is not there. */
const PACKAGE_KINDS = new Set(['package-install', 'package-uninstall', 'service-update', 'sdk-pod']);

/**
 * The request for a planned fault, its task target chosen among the live tasks now; null when there is none.
 * A partition leaves out the agents decommissioned by then (`gone`): they are no hosts any more.
 */
export function resolveFault(sb: Sandbox, body: FaultBody, gone: ReadonlySet<string> = new Set()): ApiRequest | null {
  if (body.kind === 'hostile') return { method: String(body.method), path: String(body.path), body: body.body } as ApiRequest;
  if (body.kind === 'package-install' || body.kind === 'package-uninstall')
    return { method: 'POST', path: `/package/${body.kind === 'package-install' ? 'install' : 'uninstall'}`, body: body.request };
  if (body.kind === 'service-update') return { method: 'POST', path: '/cosmos/service/update', body: body.request };
  if (body.kind === 'sdk-pod') return { method: 'POST', path: `/service/kafka/v1/pod/${String(body.pod)}/${String(body.action)}` };
  if (body.kind === 'agent-decommission') return { method: 'DELETE', path: `/sandbox/v1/agents/${String(body.target)}` };
  if (body.kind === 'agent-join') return { method: 'POST', path: '/sandbox/v1/agents', body: body.agent };
  if (body.kind === 'partition' && gone.size > 0) {
    const sides = (body.sides as string[][]).map((side) => side.filter((host) => !gone.has(host)));
    return sides.some((side) => side.length === 0) ? null : { method: 'POST', path: '/sandbox/v1/faults', body: { ...body, sides } };
  }
  if (body.kind === 'scale')
    return { method: 'PUT', path: `/marathon/v2/apps${String(body.app)}?force=true`, body: { instances: body.instances } };
  const target = body.target;
  if (target === undefined || typeof target === 'string') return { method: 'POST', path: '/sandbox/v1/faults', body };
  const ids = liveTaskIds(sb, target);
  if (ids.length === 0) return null;
  return { method: 'POST', path: '/sandbox/v1/faults', body: { ...body, target: ids[Math.floor(target.pick * ids.length)]! } };
}

interface TaskJson {
  id: string;
  state: string;
}

const LIVE = new Set(['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING']);

/** Live task ids, sorted; none while the API cannot list them (no leader yet, say). */
function liveTaskIds(sb: Sandbox, target: TaskPick): string[] {
  const res = sb.request({ method: 'GET', path: target.marathonOnly ? '/marathon/v2/tasks' : '/mesos/master/tasks?limit=100000' });
  if (res.status !== 200) return [];
  return (res.body as { tasks: TaskJson[] }).tasks
    .filter((t) => LIVE.has(t.state))
    .map((t) => t.id)
    .sort();
}

class Unavailable extends Error {}

function get(sb: Sandbox, path: string): unknown {
  const res = sb.request({ method: 'GET', path });
  if (res.status !== 200) throw new Unavailable(`GET ${path} answered ${res.status}`);
  return res.body;
}

interface AppStatus {
  id: string;
  instances: number;
  tasksRunning: number;
}

/** What keeps the cluster from being recovered, or null: every app at its target, no deployment left. */
export function liveness(sb: Sandbox): string | null {
  try {
    return unmet(sb);
  } catch (e) {
    if (e instanceof Unavailable) return e.message;
    throw e;
  }
}

function unmet(sb: Sandbox): string | null {
  const problems: string[] = [];
  for (const app of (get(sb, '/marathon/v2/apps') as { apps: AppStatus[] }).apps) {
    if (app.tasksRunning !== app.instances) problems.push(`${app.id} runs ${app.tasksRunning} of ${app.instances} instances`);
  }
  const deployments = get(sb, '/marathon/v2/deployments') as Array<{ id: string; affectedApps?: string[] }>;
  for (const d of deployments) problems.push(`deployment ${d.id} (${(d.affectedApps ?? []).join(', ')}) still running`);
  return problems.length > 0 ? problems.join('; ') : null;
}
