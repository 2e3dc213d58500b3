/**
 * Marathon resident apps (docs/storage-sources-marathon.md §3): RESERVE + CREATE on the first fitting offer, LAUNCH
 * when the labelled resources come back, relaunch on the same agent and volume, volumes kept on scale-down, wipe.
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { agent } from '../../support/cluster.ts';
import { appOf, boot, deploy, del, fault, get, tasksOf, waitFor, type Json } from '../../support/marathon.ts';

const AGENTS = [1, 2, 3].map((i) => agent(`a${i}`, { cpus: 4, mem: 4096, disk: 20000 }));

const DB: Json = {
  id: '/db',
  cmd: 'postgres',
  instances: 1,
  cpus: 0.5,
  mem: 256,
  disk: 100,
  container: { type: 'MESOS', volumes: [{ containerPath: 'data', mode: 'RW', persistent: { size: 1024 } }] },
};

/** DC/OS's Marathon: --mesos_role slave_public, the role resident apps reserve for. */
const dcos = (agents: Json[]) => boot(agents, { marathon: { role: 'slave_public' } });

async function running(app: Json = DB, agents: Json[] = AGENTS): Promise<Sandbox> {
  const sb = await dcos(agents);
  expect(deploy(sb, app)).toBeDefined();
  waitFor(sb, () => appOf(sb, app.id).tasksRunning === app.instances && appOf(sb, app.id).deployments.length === 0, 60_000);
  return sb;
}

const slaves = (sb: Sandbox): Json[] => get(sb, '/mesos/master/slaves').slaves;

describe('resident app', () => {
  it('reserves for slave_public with Marathon labels, creates the volume, and launches on it', async () => {
    const sb = await running();
    const [task] = tasksOf(sb, '/db');
    expect(task!.localVolumes).toHaveLength(1);
    const volume = task!.localVolumes[0];
    expect(volume.persistenceId).toMatch(/^db#data#[0-9a-f-]{36}$/);
    const host = slaves(sb).find((s) => s.hostname === task!.host)!;
    // 0.5 cpus, 256 mem, 100 + 1024 disk reserved to the app's role.
    expect(host.reserved_resources.slave_public).toMatchObject({ cpus: 0.5, mem: 256, disk: 1124 });
    expect(appOf(sb, '/db').upgradeStrategy).toEqual({ minimumHealthCapacity: 0.5, maximumOverCapacity: 0 });
  });

  it('relaunches on the same agent and volume after the task fails', async () => {
    const sb = await running();
    const [before] = tasksOf(sb, '/db');
    fault(sb, 'task-crash', before!.id);
    waitFor(sb, () => tasksOf(sb, '/db').some((t) => t.id !== before!.id && t.state === 'TASK_RUNNING'), 120_000);
    const [after] = tasksOf(sb, '/db');
    expect(after!.host).toBe(before!.host);
    expect(after!.localVolumes).toEqual(before!.localVolumes);
    expect(after!.id.split('._app.')[0]).toBe(before!.id.split('._app.')[0]);
  });

  it('keeps the volume when scaled to 0 and takes the same instance back on scale up', async () => {
    const sb = await running();
    const [before] = tasksOf(sb, '/db');
    sb.request({ method: 'PUT', path: '/marathon/v2/apps/db', body: { instances: 0 } });
    waitFor(sb, () => appOf(sb, '/db').deployments.length === 0, 60_000);
    const parked = tasksOf(sb, '/db');
    expect(parked).toHaveLength(1);
    expect(parked[0]!.state).toBe('TASK_KILLED');
    const host = slaves(sb).find((s) => s.hostname === before!.host)!;
    expect(host.reserved_resources.slave_public.disk).toBe(1124);
    sb.request({ method: 'PUT', path: '/marathon/v2/apps/db', body: { instances: 1 } });
    waitFor(sb, () => appOf(sb, '/db').tasksRunning === 1 && appOf(sb, '/db').deployments.length === 0, 60_000);
    const [after] = tasksOf(sb, '/db');
    expect(after!.host).toBe(before!.host);
    expect(after!.localVolumes).toEqual(before!.localVolumes);
  });

  it('wipe destroys the volume and unreserves; a new instance reserves afresh', async () => {
    const sb = await running();
    const [before] = tasksOf(sb, '/db');
    const res = del(sb, `/marathon/v2/apps/db/tasks/${before!.id}?wipe=true`);
    expect(res.status).toBe(200);
    waitFor(sb, () => tasksOf(sb, '/db').some((t) => t.state === 'TASK_RUNNING' && t.id !== before!.id), 120_000);
    const [after] = tasksOf(sb, '/db');
    expect(after!.localVolumes[0].persistenceId).not.toBe(before!.localVolumes[0].persistenceId);
    // The old reservation goes when an offer brings it back.
    waitFor(sb, () => !JSON.stringify(get(sb, '/mesos/master/state')).includes(before!.localVolumes[0].uuid), 120_000);
  });

  it('scaled to 0 then wiped: the kept task goes, its reservation is cleaned, and nothing replaces it', async () => {
    const sb = await running();
    sb.request({ method: 'PUT', path: '/marathon/v2/apps/db', body: { instances: 0 } });
    waitFor(sb, () => appOf(sb, '/db').deployments.length === 0, 60_000);
    const [kept] = tasksOf(sb, '/db');
    expect(kept!.state).toBe('TASK_KILLED');
    expect(kept).not.toHaveProperty('startedAt');
    const res = sb.request({ method: 'POST', path: '/marathon/v2/tasks/delete?wipe=true', body: { ids: [kept!.id] } });
    expect(res.status).toBe(200);
    expect((res.body as Json).tasks.map((t: Json) => t.id)).toEqual([kept!.id]);
    expect(tasksOf(sb, '/db')).toEqual([]);
    waitFor(sb, () => Object.keys(slaves(sb).find((a) => a.hostname === kept!.host)!.reserved_resources).length === 0, 120_000);
    sb.advance(60_000);
    expect(tasksOf(sb, '/db')).toEqual([]);
    expect(appOf(sb, '/db').instances).toBe(0);
  });

  it('a restart kills first, then relaunches the same instance on its reservation with the new version', async () => {
    const sb = await running();
    const [before] = tasksOf(sb, '/db');
    const res = sb.request({ method: 'POST', path: '/marathon/v2/apps/db/restart' });
    expect(res.status).toBe(200);
    waitFor(sb, () => appOf(sb, '/db').deployments.length === 0 && appOf(sb, '/db').tasksRunning === 1, 120_000);
    const [after] = tasksOf(sb, '/db');
    expect(after!.id).not.toBe(before!.id);
    expect(after!.id.split('._app.')[0]).toBe(before!.id.split('._app.')[0]);
    expect(after!.host).toBe(before!.host);
    expect(after!.localVolumes).toEqual(before!.localVolumes);
    expect(after!.version).not.toBe(before!.version);
  });

  it('deleting the app destroys its volumes and unreserves their resources', async () => {
    const sb = await running();
    const [task] = tasksOf(sb, '/db');
    expect(sb.request({ method: 'DELETE', path: '/marathon/v2/apps/db' }).status).toBe(200);
    waitFor(sb, () => Object.keys(slaves(sb).find((a) => a.hostname === task!.host)!.reserved_resources).length === 0, 120_000);
    expect(JSON.stringify(get(sb, '/mesos/master/slaves'))).not.toContain(task!.localVolumes[0].uuid);
  });

  it('a volume no agent can hold keeps the instance waiting with InsufficientDisk', async () => {
    const sb = await dcos(AGENTS);
    deploy(sb, { ...DB, container: { type: 'MESOS', volumes: [{ containerPath: 'data', mode: 'RW', persistent: { size: 512_000 } }] } });
    sb.advance(30_000);
    expect(appOf(sb, '/db').tasksRunning).toBe(0);
    const entry = get(sb, '/marathon/v2/queue').queue[0];
    const disk = entry.processedOffersSummary.rejectSummaryLastOffers.find((r: Json) => r.reason === 'InsufficientDisk');
    expect(disk.declined).toBeGreaterThan(0);
    // The sandbox's placement view says which disk check fails, and on which agent.
    const placement = get(sb, '/sandbox/v1/marathon/apps/db/placement');
    expect(placement.fits).toBe(0);
    expect(placement.failures[0]).toMatchObject({ stage: 'disk' });
    expect(placement.failures[0].detail).toMatch(
      /^has \d+ MB of ROOT disk free, needs 512100 MB \(100 MB sandbox \+ 512000 MB volume data\)$/,
    );
  });

  it('a mount volume with no MOUNT disk large enough: the placement view names the volume', async () => {
    const agents = [agent('m1', { cpus: 4, mem: 4096, disk: 2000 }, { disks: [{ type: 'MOUNT', root: '/dcos/volume0', size: 5_000 }] })];
    const sb = await dcos(agents);
    deploy(sb, {
      ...DB,
      container: { type: 'MESOS', volumes: [{ containerPath: 'data', mode: 'RW', persistent: { type: 'mount', size: 10_000 } }] },
    });
    sb.advance(10_000);
    const [failure] = get(sb, '/sandbox/v1/marathon/apps/db/placement').failures;
    expect(failure.detail).toBe('has no free MOUNT disk of at least 10000 MB for volume data');
  });

  it('while it waits for its agent, offers from other agents count as NoCorrespondingReservationFound', async () => {
    const sb = await running();
    const [task] = tasksOf(sb, '/db');
    // Its agent offers nothing (deactivated for maintenance) when the task fails: it waits for that agent's offers.
    const agentId = task!.slaveId as string;
    sb.request({
      method: 'POST',
      path: '/mesos/api/v1',
      body: { type: 'DEACTIVATE_AGENT', deactivate_agent: { agent_id: { value: agentId } } },
    });
    fault(sb, 'task-crash', task!.id);
    sb.advance(30_000);
    const entry = get(sb, '/marathon/v2/queue').queue.find((q: Json) => q.app?.id === '/db');
    for (const summary of ['rejectSummaryLaunchAttempt', 'rejectSummaryLastOffers']) {
      const reasons = entry.processedOffersSummary[summary];
      expect(reasons.find((r: Json) => r.reason === 'NoCorrespondingReservationFound').declined).toBe(2);
    }
    expect(appOf(sb, '/db').tasksRunning).toBe(0);
    sb.request({
      method: 'POST',
      path: '/mesos/api/v1',
      body: { type: 'REACTIVATE_AGENT', reactivate_agent: { agent_id: { value: agentId } } },
    });
    waitFor(sb, () => appOf(sb, '/db').tasksRunning === 1, 60_000);
    expect(tasksOf(sb, '/db')[0]!.host).toBe(task!.host);
  });

  it('a mount volume takes a whole MOUNT disk', async () => {
    const agents = [agent('m1', { cpus: 4, mem: 4096, disk: 2000 }, { disks: [{ type: 'MOUNT', root: '/dcos/volume0', size: 50_000 }] })];
    const app = {
      ...DB,
      container: { type: 'MESOS', volumes: [{ containerPath: 'data', mode: 'RW', persistent: { type: 'mount', size: 10_000 } }] },
    };
    const sb = await running(app, agents);
    const slave = slaves(sb)[0]!;
    expect(slave.reserved_resources.slave_public.disk).toBe(50_100);
  });

  it('waits for its agent when the agent is lost, and comes back there', async () => {
    const sb = await running();
    const [before] = tasksOf(sb, '/db');
    fault(sb, 'agent-crash', before!.host);
    sb.advance(200_000);
    expect(tasksOf(sb, '/db').every((t) => t.host === before!.host)).toBe(true);
    expect(appOf(sb, '/db').tasksRunning).toBe(0);
    fault(sb, 'agent-restore', before!.host);
    waitFor(sb, () => appOf(sb, '/db').tasksRunning === 1, 300_000);
    expect(tasksOf(sb, '/db')[0]!.host).toBe(before!.host);
  });
});
