/**
 * Agent loss (SEMANTICS 6.5): a silent agent is marked unreachable after the ping timeouts
 * (15 s × 5); Marathon's tasks on it become TASK_UNREACHABLE, the synthetic frameworks' TASK_LOST.
 * Replacement and expunge follow `unreachableStrategy`; non-zero timeouts are only looked at
 * during reconciliation (every 600 s); a task Marathon no longer knows is killed when it returns.
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { AGENT_REREGISTER_TIMEOUT_MS, AGENT_UNREACHABLE_AFTER_MS } from '../../../src/engine/mesos/timing.ts';
import { RECONCILIATION_INTERVAL_MS } from '../../../src/engine/marathon/unreachable.ts';
import { agent, framework } from '../../support/cluster.ts';
import {
  appOf,
  boot,
  deploy,
  fault,
  get,
  mesosTasks,
  queueEntry,
  quickHealthCheck,
  tasksOf,
  waitFor,
  type Json,
  type MesosTask,
} from '../../support/marathon.ts';

const FOUR = [1, 2, 3, 4].map((i) => agent(`a${i}`, { cpus: 4, mem: 4096 }));

/** Three instances on three distinct agents (of four), running, deployment done. */
async function spread(unreachableStrategy: unknown, extra: Json = {}, opts: Parameters<typeof boot>[1] = {}): Promise<Sandbox> {
  const sb = await boot(FOUR, opts);
  deploy(sb, {
    id: '/svc',
    cmd: 'serve',
    instances: 3,
    cpus: 0.1,
    mem: 16,
    constraints: [['hostname', 'UNIQUE']],
    unreachableStrategy,
    ...extra,
  });
  waitFor(sb, () => appOf(sb, '/svc').tasksRunning === 3 && appOf(sb, '/svc').deployments.length === 0, 30_000);
  return sb;
}

const mesosTask = (sb: Sandbox, id: string): MesosTask => mesosTasks(sb, '/svc').find((t) => t.id === id)!;
const hosts = (sb: Sandbox) => tasksOf(sb, '/svc').map((t) => t.host as string);

/** Crash the agent of the first task; returns that task and the simulated ms of the crash. */
function crashFirst(sb: Sandbox): { task: Json; at: number } {
  const task = tasksOf(sb, '/svc')[0]!;
  fault(sb, 'agent-crash', task.host);
  return { task, at: sb.now };
}

describe('agent-crash', () => {
  it('nothing happens before the ping timeouts run out; then the tasks are TASK_UNREACHABLE', async () => {
    const sb = await spread('disabled');
    const { task, at } = crashFirst(sb);
    sb.advance(AGENT_UNREACHABLE_AFTER_MS - 100);
    expect(tasksOf(sb, '/svc').find((t) => t.id === task.id)!.state).toBe('TASK_RUNNING');
    expect(mesosTask(sb, task.id).state).toBe('TASK_RUNNING');
    sb.advance(200);
    expect(mesosTask(sb, task.id).state).toBe('TASK_UNREACHABLE');
    expect(tasksOf(sb, '/svc').find((t) => t.id === task.id)!.state).toBe('TASK_UNREACHABLE');
    const slaves = get(sb, '/mesos/master/slaves').slaves as Json[];
    expect(slaves.map((s) => s.hostname)).not.toContain(task.host);
    expect(sb.now - at).toBeLessThan(AGENT_UNREACHABLE_AFTER_MS + 200);
  });

  it('default {0, 0}: a replacement launches right away; the old task is killed when the agent returns', async () => {
    const sb = await spread({ inactiveAfterSeconds: 0, expungeAfterSeconds: 0 });
    const { task, at } = crashFirst(sb);
    sb.advance(AGENT_UNREACHABLE_AFTER_MS + 100);
    expect(mesosTask(sb, task.id).state).toBe('TASK_UNREACHABLE');
    // Expunged at once: Marathon lists only the live instances, and one more is coming.
    waitFor(sb, () => appOf(sb, '/svc').tasksRunning === 3, 10_000);
    expect(sb.now - at).toBeLessThan(AGENT_UNREACHABLE_AFTER_MS + 10_000);
    const ids = tasksOf(sb, '/svc').map((t) => t.id);
    expect(ids).not.toContain(task.id);
    expect(ids).toHaveLength(3);
    // UNIQUE: the lost instance does not count, so the replacement takes the fourth agent.
    expect(new Set(hosts(sb)).size).toBe(3);
    expect(hosts(sb)).not.toContain(task.host);
    fault(sb, 'agent-restore', task.host);
    sb.advance(10_000);
    expect(mesosTask(sb, task.id).state).toBe('TASK_KILLED');
    const app = appOf(sb, '/svc');
    expect(app.tasksRunning).toBe(3);
    expect(app.instances).toBe(3);
    expect(tasksOf(sb, '/svc')).toHaveLength(3);
    expect(queueEntry(sb, '/svc')).toBeUndefined();
  });

  it('{300, 600}: the replacement waits for a reconciliation 300 s after; the old task goes at the one after 600 s', async () => {
    const sb = await spread({ inactiveAfterSeconds: 300, expungeAfterSeconds: 600 });
    const { task, at } = crashFirst(sb);
    const unreachableAt = at + AGENT_UNREACHABLE_AFTER_MS;
    // Reconciliations run every 600 s from the start: the first one at least 300 s after the loss replaces it.
    const replaceAt = Math.ceil((unreachableAt + 300_000) / RECONCILIATION_INTERVAL_MS) * RECONCILIATION_INTERVAL_MS;
    const expungeAt = Math.ceil((unreachableAt + 600_000) / RECONCILIATION_INTERVAL_MS) * RECONCILIATION_INTERVAL_MS;
    sb.advance(replaceAt - 1000 - sb.now);
    let app = appOf(sb, '/svc');
    expect(app.tasksRunning).toBe(2);
    expect(tasksOf(sb, '/svc')).toHaveLength(3);
    expect(tasksOf(sb, '/svc').find((t) => t.id === task.id)!.state).toBe('TASK_UNREACHABLE');
    expect(queueEntry(sb, '/svc')).toBeUndefined();
    waitFor(sb, () => appOf(sb, '/svc').tasksRunning === 3, 15_000);
    expect(sb.now).toBeGreaterThanOrEqual(replaceAt);
    // The unreachable one is still listed (UnreachableInactive) next to its replacement.
    expect(tasksOf(sb, '/svc')).toHaveLength(4);
    sb.advance(expungeAt - 1000 - sb.now);
    expect(tasksOf(sb, '/svc').map((t) => t.id)).toContain(task.id);
    sb.advance(2000);
    expect(tasksOf(sb, '/svc').map((t) => t.id)).not.toContain(task.id);
    app = appOf(sb, '/svc');
    expect(app.tasksRunning).toBe(3);
    fault(sb, 'agent-restore', task.host);
    sb.advance(10_000);
    expect(mesosTask(sb, task.id).state).toBe('TASK_KILLED');
    expect(tasksOf(sb, '/svc')).toHaveLength(3);
  });

  it('{0, 300}, agent back before the expunge: 4 of 3 instances until a reconciliation kills the old one', async () => {
    const sb = await spread({ inactiveAfterSeconds: 0, expungeAfterSeconds: 300 });
    const { task, at } = crashFirst(sb);
    const unreachableAt = at + AGENT_UNREACHABLE_AFTER_MS;
    waitFor(sb, () => appOf(sb, '/svc').tasksRunning === 3, AGENT_UNREACHABLE_AFTER_MS + 10_000);
    expect(sb.now - unreachableAt).toBeLessThan(10_000);
    sb.advance(360_000 - sb.now);
    fault(sb, 'agent-restore', task.host);
    sb.advance(10_000);
    expect(mesosTask(sb, task.id).state).toBe('TASK_RUNNING');
    expect(appOf(sb, '/svc').tasksRunning).toBe(4);
    const killAt = Math.ceil((unreachableAt + 300_000) / RECONCILIATION_INTERVAL_MS) * RECONCILIATION_INTERVAL_MS;
    sb.advance(killAt - 1000 - sb.now);
    expect(appOf(sb, '/svc').tasksRunning).toBe(4);
    sb.advance(5000);
    expect(mesosTask(sb, task.id).state).toBe('TASK_KILLED');
    expect(appOf(sb, '/svc').tasksRunning).toBe(3);
    expect(tasksOf(sb, '/svc').map((t) => t.id)).not.toContain(task.id);
  });

  it('{300, 600}, agent back before the replacement: the same task carries on, nothing is replaced', async () => {
    const sb = await spread({ inactiveAfterSeconds: 300, expungeAfterSeconds: 600 });
    const { task } = crashFirst(sb);
    sb.advance(200_000);
    fault(sb, 'agent-restore', task.host);
    sb.advance(1_300_000);
    expect(mesosTask(sb, task.id).state).toBe('TASK_RUNNING');
    expect(tasksOf(sb, '/svc').map((t) => t.id)).toContain(task.id);
    expect(tasksOf(sb, '/svc')).toHaveLength(3);
    expect(appOf(sb, '/svc').tasksRunning).toBe(3);
  });

  it('"disabled": never replaced; health checks do not kill the unreachable task; back within 10 min it carries on', async () => {
    const sb = await spread('disabled', { healthChecks: [quickHealthCheck()] });
    const { task, at } = crashFirst(sb);
    const unreachableAt = at + AGENT_UNREACHABLE_AFTER_MS;
    sb.advance(RECONCILIATION_INTERVAL_MS + 10_000 - sb.now);
    expect(appOf(sb, '/svc').tasksRunning).toBe(2);
    expect(tasksOf(sb, '/svc')).toHaveLength(3);
    expect(queueEntry(sb, '/svc')).toBeUndefined();
    expect(mesosTask(sb, task.id).state).toBe('TASK_UNREACHABLE');
    sb.advance(unreachableAt + AGENT_REREGISTER_TIMEOUT_MS - 5000 - sb.now);
    fault(sb, 'agent-restore', task.host);
    waitFor(sb, () => appOf(sb, '/svc').tasksHealthy === 3, 30_000);
    expect(tasksOf(sb, '/svc').map((t) => t.id)).toContain(task.id);
    expect(mesosTasks(sb, '/svc')).toHaveLength(3);
    sb.advance(RECONCILIATION_INTERVAL_MS);
    expect(mesosTask(sb, task.id).state).toBe('TASK_RUNNING');
  });

  it('an agent back more than 10 min after it was marked unreachable has its tasks killed ("disabled": relaunched)', async () => {
    const sb = await spread('disabled');
    const { task, at } = crashFirst(sb);
    sb.advance(at + AGENT_UNREACHABLE_AFTER_MS + AGENT_REREGISTER_TIMEOUT_MS + 5000 - sb.now);
    expect(mesosTask(sb, task.id).state).toBe('TASK_UNREACHABLE');
    fault(sb, 'agent-restore', task.host);
    sb.advance(5000);
    expect(mesosTask(sb, task.id).state).toBe('TASK_KILLED');
    // Killed, not failed: the instance (goal Running) relaunches without backoff, as its next incarnation.
    waitFor(sb, () => appOf(sb, '/svc').tasksRunning === 3, 10_000);
    expect(tasksOf(sb, '/svc').map((t) => t.id)).toContain(String(task.id).replace(/\._app\.1$/, '._app.2'));
    expect(appOf(sb, '/svc').lastTaskFailure).toBeUndefined();
  });

  it("synthetic frameworks' tasks on the lost agent become TASK_LOST", async () => {
    const load = framework('load', 'load', { cpus: 1, mem: 128, disk: 0, gpus: 0, ports: 0 }, { instances: 8 });
    const sb = await spread({ inactiveAfterSeconds: 0, expungeAfterSeconds: 0 }, {}, { frameworks: [load] });
    const all = () => get(sb, '/mesos/master/tasks?limit=1000').tasks as Json[];
    const loadFw = (get(sb, '/mesos/master/frameworks').frameworks as Json[]).find((f) => f.name === 'load')!;
    const victim = all().find((t) => t.framework_id === loadFw.id && t.state === 'TASK_RUNNING')!;
    const host = (get(sb, '/mesos/master/slaves').slaves as Json[]).find((s) => s.id === victim.slave_id)!.hostname;
    const onIt = all()
      .filter((t) => t.slave_id === victim.slave_id && t.framework_id === loadFw.id)
      .map((t) => t.id);
    fault(sb, 'agent-crash', host);
    sb.advance(AGENT_UNREACHABLE_AFTER_MS + 1000);
    const states = all()
      .filter((t) => onIt.includes(t.id))
      .map((t) => t.state);
    expect(states.length).toBe(onIt.length);
    expect(new Set(states)).toEqual(new Set(['TASK_LOST']));
  });

  it('agent-crash and agent-restore of an unknown host answer 400', async () => {
    const sb = await boot(FOUR);
    const res = sb.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-crash', target: 'nope' } });
    expect(res.status).toBe(400);
  });
});

describe('constraints and lost instances (SEMANTICS 3.1: Unreachable does not count, UnreachableInactive does)', () => {
  const RACKS = [1, 2, 3, 4].map((i) => agent(`a${i}`, { cpus: 4, mem: 4096 }, { attributes: { rack: i <= 2 ? 'r1' : 'r2' } }));
  const rackOf = (host: string) => (['a1', 'a2'].includes(host) ? 'r1' : 'r2');

  async function oneRackEach(unreachableStrategy: unknown): Promise<{ sb: Sandbox; lost: Json; unreachableAt: number }> {
    const sb = await boot(RACKS);
    deploy(sb, { id: '/svc', cmd: 'serve', instances: 2, cpus: 0.1, mem: 16, constraints: [['rack', 'UNIQUE']], unreachableStrategy });
    waitFor(sb, () => appOf(sb, '/svc').tasksRunning === 2 && appOf(sb, '/svc').deployments.length === 0, 30_000);
    const lost = tasksOf(sb, '/svc').find((t) => rackOf(t.host) === 'r1')!;
    fault(sb, 'agent-crash', lost.host);
    return { sb, lost, unreachableAt: sb.now + AGENT_UNREACHABLE_AFTER_MS };
  }

  it('{0, 0}: the expunged instance does not count, its replacement takes the same rack', async () => {
    const { sb, lost } = await oneRackEach({ inactiveAfterSeconds: 0, expungeAfterSeconds: 0 });
    sb.advance(AGENT_UNREACHABLE_AFTER_MS);
    waitFor(sb, () => appOf(sb, '/svc').tasksRunning === 2, 15_000);
    expect(
      tasksOf(sb, '/svc')
        .map((t) => rackOf(t.host))
        .sort(),
    ).toEqual(['r1', 'r2']);
    expect(tasksOf(sb, '/svc').map((t) => t.host)).not.toContain(lost.host);
  });

  it('{0, 300}: the UnreachableInactive instance still holds its rack until it is expunged', async () => {
    const { sb, unreachableAt } = await oneRackEach({ inactiveAfterSeconds: 0, expungeAfterSeconds: 300 });
    const expungeAt = Math.ceil((unreachableAt + 300_000) / RECONCILIATION_INTERVAL_MS) * RECONCILIATION_INTERVAL_MS;
    sb.advance(expungeAt - 1000 - sb.now);
    const entry = queueEntry(sb, '/svc')!;
    expect(entry.count).toBe(1);
    expect(appOf(sb, '/svc').tasksRunning).toBe(1);
    const declined = Object.fromEntries(
      (entry.processedOffersSummary.rejectSummaryLaunchAttempt as Json[]).map((r) => [r.reason, r.declined]),
    );
    expect(declined.UnfulfilledConstraint).toBeGreaterThan(0);
    // Expunged at that reconciliation; the offers declined for 120 s come back and the replacement fits.
    waitFor(sb, () => appOf(sb, '/svc').tasksRunning === 2, 130_000, 500);
    expect(
      tasksOf(sb, '/svc')
        .map((t) => rackOf(t.host))
        .sort(),
    ).toEqual(['r1', 'r2']);
  });
});

describe('an instance that was replaced is never relaunched', () => {
  it('{0, 3600}: the replaced task is killed on a late return; the count stays', async () => {
    const sb = await spread({ inactiveAfterSeconds: 0, expungeAfterSeconds: 3600 });
    const { task, at } = crashFirst(sb);
    sb.advance(at + AGENT_UNREACHABLE_AFTER_MS + AGENT_REREGISTER_TIMEOUT_MS + 5000 - sb.now);
    expect(appOf(sb, '/svc').tasksRunning).toBe(3);
    fault(sb, 'agent-restore', task.host);
    sb.advance(20_000);
    expect(mesosTask(sb, task.id).state).toBe('TASK_KILLED');
    expect(appOf(sb, '/svc').tasksRunning).toBe(3);
    expect(tasksOf(sb, '/svc')).toHaveLength(3);
    expect(queueEntry(sb, '/svc')).toBeUndefined();
  });

  it('{0, 3600}: a replaced task that fails while unreachable is not relaunched', async () => {
    const sb = await spread({ inactiveAfterSeconds: 0, expungeAfterSeconds: 3600 });
    const { task } = crashFirst(sb);
    sb.advance(AGENT_UNREACHABLE_AFTER_MS + 10_000);
    expect(appOf(sb, '/svc').tasksRunning).toBe(3);
    fault(sb, 'task-crash', task.id);
    sb.advance(20_000);
    // The agent is cut off: it holds the update, and the master still has the task as unreachable.
    expect(mesosTask(sb, task.id).state).toBe('TASK_UNREACHABLE');
    fault(sb, 'agent-restore', task.host);
    sb.advance(10_000);
    // Re-registering, the agent reports the failure (not RUNNING).
    expect(mesosTask(sb, task.id).state).toBe('TASK_FAILED');
    expect(appOf(sb, '/svc').tasksRunning).toBe(3);
    expect(tasksOf(sb, '/svc')).toHaveLength(3);
    expect(queueEntry(sb, '/svc')).toBeUndefined();
  });

  it('{0, 300}: back before the expunge ("2 of 1"), then it crashes: not relaunched', async () => {
    const sb = await spread({ inactiveAfterSeconds: 0, expungeAfterSeconds: 300 });
    const { task } = crashFirst(sb);
    sb.advance(AGENT_UNREACHABLE_AFTER_MS + 30_000);
    fault(sb, 'agent-restore', task.host);
    sb.advance(10_000);
    expect(appOf(sb, '/svc').tasksRunning).toBe(4);
    fault(sb, 'task-crash', task.id);
    sb.advance(20_000);
    expect(appOf(sb, '/svc').tasksRunning).toBe(3);
    sb.advance(2 * RECONCILIATION_INTERVAL_MS);
    expect(appOf(sb, '/svc').tasksRunning).toBe(3);
    expect(tasksOf(sb, '/svc')).toHaveLength(3);
  });
});
