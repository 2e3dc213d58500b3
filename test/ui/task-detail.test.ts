/**
 * The task page: its hash route, and the task it shows as the APIs tell it (Marathon's task list of
 * the app, Mesos' /master/tasks), live, ended, unknown, and held while no leader answers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MesosTask } from '../../src/api/shapes/mesos.ts';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { MarathonClient } from '../../src/ui/pages/services/marathon-client.ts';
import { detailHref, parseServicesHash, taskHref } from '../../src/ui/pages/services/services-route.ts';
import type { ServicesData as ServicesDataType } from '../../src/ui/pages/services/services-data.svelte.ts';
import type { TaskData as TaskDataType } from '../../src/ui/pages/services/detail/task-data.svelte.ts';
import { findMesosTask, nextShown, NOTHING_SHOWN, taskView, type TaskView } from '../../src/ui/pages/services/detail/task-detail.ts';
import {
  boot,
  del,
  deploy,
  fault,
  isLiveMesosTask,
  mesosTasks,
  quickHealthCheck,
  tasksOf,
  waitFor,
  type Json,
} from '../support/marathon.ts';
import { installRunes } from '../support/runes.ts';

// The stores' runes without the Svelte compiler: `$state(v)` is plain `v`.
let ServicesData: typeof ServicesDataType;
let TaskData: typeof TaskDataType;
beforeAll(async () => {
  installRunes();
  ({ ServicesData } = await import('../../src/ui/pages/services/services-data.svelte.ts'));
  ({ TaskData } = await import('../../src/ui/pages/services/detail/task-data.svelte.ts'));
});

describe('task page route', () => {
  it('reads DC/OS task URLs and writes them back', () => {
    const id = 'prod_web.instance-4594d7cb._app.1';
    expect(taskHref('/prod/web', id)).toBe(`#/services/detail/%2Fprod%2Fweb/tasks/${id}/details`);
    expect(parseServicesHash(taskHref('/prod/web', id))).toEqual({ view: 'task', appId: '/prod/web', taskId: id, tab: 'details' });
    // Files links, no tab, a query after it: the details.
    for (const tail of ['/files', '', '?lesson=x'])
      expect(parseServicesHash(`#/services/detail/%2Fprod%2Fweb/tasks/${id}${tail}`)).toEqual({
        view: 'task',
        appId: '/prod/web',
        taskId: id,
        tab: 'details',
      });
    // The Logs tab, with or without a query.
    expect(taskHref('/prod/web', id, 'logs')).toBe(`#/services/detail/%2Fprod%2Fweb/tasks/${id}/logs`);
    for (const tail of ['/logs', '/logs?lesson=x'])
      expect(parseServicesHash(`#/services/detail/%2Fprod%2Fweb/tasks/${id}${tail}`)).toMatchObject({ tab: 'logs' });
    // An id with characters that need escaping goes there and back.
    const odd = 'a b/c%d';
    expect(parseServicesHash(taskHref('/x', odd))).toEqual({ view: 'task', appId: '/x', taskId: odd, tab: 'details' });
    // The Instances tab without a task id, and a task id that does not decode, stay on the app.
    expect(parseServicesHash('#/services/detail/%2Fprod%2Fweb/tasks')).toEqual({ view: 'detail', appId: '/prod/web', tab: 'tasks' });
    expect(parseServicesHash('#/services/detail/%2Fprod%2Fweb/tasks/%E0%A4%A')).toEqual({
      view: 'detail',
      appId: '/prod/web',
      tab: 'tasks',
    });
    expect(taskHref('/prod/web', id).startsWith(`${detailHref('/prod/web')}/tasks/`)).toBe(true);
  });
});

/** A task as Mesos lists it, for the shaping rules. */
function mesosTask(over: Partial<MesosTask> = {}): MesosTask {
  const status = (state: MesosTask['state'], timestamp: number) => ({
    state,
    timestamp,
    container_status: { network_infos: [{ ip_addresses: [{ protocol: 'IPv4' as const, ip_address: '10.0.0.7' }] }] },
  });
  return {
    id: 't1',
    name: 'web.prod',
    framework_id: 'f',
    executor_id: '',
    slave_id: 'S1',
    agent_id: 'S1',
    state: 'TASK_FINISHED',
    resources: { cpus: 0.5, mem: 256, disk: 0, gpus: 0, ports: '[31000-31001, 31005-31005]' },
    role: '*',
    statuses: [status('TASK_STAGING', 1_767_225_610), status('TASK_RUNNING', 1_767_225_611.5), status('TASK_FINISHED', 1_767_225_620.25)],
    ...over,
  };
}

describe('task view', () => {
  it('takes an ended task from Mesos alone', () => {
    const none = { appId: '/prod/web', taskId: 't1', marathon: undefined, agentHostname: 'a1', failure: undefined };
    const v = taskView({ ...none, mesos: mesosTask() })!;
    expect(v).toMatchObject({ state: 'TASK_FINISHED', ended: true, hostname: 'a1', agentId: 'S1', ipAddresses: ['10.0.0.7'] });
    expect(v).toMatchObject({ ports: '31000-31001, 31005', stagedAt: 10_000, startedAt: 11_500, endedAt: 20_250, inMarathon: false });
    expect(v.history.map((s) => s.state)).toEqual(['TASK_STAGING', 'TASK_RUNNING', 'TASK_FINISHED']);
    // Marathon's last failure fills in what Mesos does not say, when it is this task's.
    const failure = { taskId: 't1', message: 'Command exited with status 1', version: '2026-01-01T00:00:00.000Z' };
    expect(taskView({ ...none, mesos: mesosTask(), failure })).toMatchObject({ failureMessage: failure.message, version: failure.version });
    expect(taskView({ ...none, mesos: mesosTask(), failure: { ...failure, taskId: 't0' } })).toMatchObject({ failureMessage: undefined });
    expect(taskView({ ...none, mesos: undefined })).toBeNull();
  });

  it('takes the state Marathon lists while the task lives, and Mesos’ once it has ended', () => {
    const marathon = {
      id: 't1',
      appId: '/prod/web',
      host: 'a1',
      slaveId: 'S1',
      state: 'TASK_KILLING',
      startedAt: '2026-01-01T00:00:12.000Z',
      ports: [31000],
      ipAddresses: [{ ipAddress: '10.0.0.8' }],
      healthCheckResults: [],
      localVolumes: [],
    };
    const both = { appId: '/prod/web', taskId: 't1', marathon, agentHostname: undefined, failure: undefined };
    const running = mesosTask({ state: 'TASK_RUNNING', statuses: mesosTask().statuses.slice(0, 2) });
    expect(taskView({ ...both, mesos: running })).toMatchObject({ state: 'TASK_KILLING', ended: false, startedAt: 12_000, ports: '31000' });
    expect(taskView({ ...both, mesos: running })).toMatchObject({ ipAddresses: ['10.0.0.8'], endedAt: undefined, inMesos: true });
    expect(taskView({ ...both, mesos: mesosTask() })).toMatchObject({ state: 'TASK_FINISHED', ended: true, endedAt: 20_250 });
    expect(taskView({ ...both, mesos: undefined })).toMatchObject({ state: 'TASK_KILLING', history: [], resources: undefined });
  });

  it('finds the task only among the app’s own', () => {
    const body = { tasks: [mesosTask(), mesosTask({ id: 't2' })] };
    expect(findMesosTask(body, '/prod/web', 't2')?.id).toBe('t2');
    expect(findMesosTask(body, '/web', 't1')).toBeUndefined();
    expect(findMesosTask(undefined, '/prod/web', 't1')).toBeUndefined();
  });

  it('holds the last known task while no leader answers, never one from a later moment', () => {
    const view = { id: 't1' } as TaskView;
    const found = nextShown(NOTHING_SHOWN, { now: 5000, fresh: view, failed: null, held: null });
    expect(found).toEqual({ view, at: 5000, stale: null });
    // No leader: the APIs answer 503, the task stays as last known, with the reason.
    expect(nextShown(found, { now: 6000, fresh: null, failed: '503 No leader elected', held: 'no leading master' })).toEqual({
      view,
      at: 5000,
      stale: 'no leading master',
    });
    // A new leader whose agents are not back yet does not list the task: still last known.
    expect(nextShown(found, { now: 7000, fresh: null, failed: null, held: 'new leader, agents re-registering' })).toMatchObject({
      view,
      stale: 'new leader, agents re-registering',
    });
    const marathonOnly = { id: 't1', inMesos: false } as TaskView;
    const both = nextShown(NOTHING_SHOWN, { now: 5000, fresh: { ...view, inMesos: true }, failed: null, held: null });
    expect(nextShown(both, { now: 7000, fresh: marathonOnly, failed: null, held: 'new leader, agents re-registering' })).toEqual({
      ...both,
      stale: 'new leader, agents re-registering',
    });
    expect(nextShown(both, { now: 7000, fresh: marathonOnly, failed: null, held: null })).toEqual({
      view: marathonOnly,
      at: 7000,
      stale: null,
    });
    // A leader answers without it: not found. After a trip back, the later view is not shown.
    expect(nextShown(found, { now: 8000, fresh: null, failed: null, held: null })).toEqual({ view: null, at: 8000, stale: null });
    expect(nextShown(found, { now: 1000, fresh: null, failed: '503 No leader elected', held: null })).toEqual({
      view: null,
      at: 1000,
      stale: '503 No leader elected',
    });
  });
});

describe('task page data over the API', () => {
  const APP: Json = {
    id: '/prod/web',
    instances: 1,
    cpus: 0.5,
    mem: 256,
    cmd: 'nginx',
    container: { type: 'DOCKER', docker: { image: 'nginx:1.27-alpine' } },
    portDefinitions: [{ port: 0 }],
    healthChecks: [quickHealthCheck()],
  };

  async function open(sb: Sandbox, taskId: string, held: () => string | null = () => null) {
    const request = async (req: Parameters<Sandbox['request']>[0]) => sb.request(req);
    const services = new ServicesData(new MarathonClient(request));
    const task = new TaskData(request, services, () => ({ now: sb.now, held: held() }));
    services.setFocus({ appId: APP.id, placement: false });
    task.setFocus({ appId: APP.id, taskId });
    const poll = async (): Promise<void> => {
      await services.refresh(true);
      await task.refresh();
    };
    await poll();
    return { task, poll };
  }

  it('shows a live task, then the same task once it has ended, and an unknown one as not found', async () => {
    const sb = await boot([{ hostname: 'a1', resources: { cpus: 4, mem: 4096, disk: 1000, ports: [[31000, 31100]] } }], {
      allocator: 'ts',
      matcher: 'ts',
    });
    deploy(sb, APP);
    waitFor(sb, () => tasksOf(sb, APP.id).some((t) => t.healthCheckResults?.[0]?.alive === true), 60_000);
    const live = tasksOf(sb, APP.id)[0]!;
    const { task, poll } = await open(sb, live.id);
    expect(task.loaded).toBe(true);
    const v = task.shown.view!;
    expect(v).toMatchObject({ id: live.id, name: 'web.prod', state: 'TASK_RUNNING', ended: false, hostname: 'a1', inMarathon: true });
    expect(v).toMatchObject({ agentId: live.slaveId, ports: String(live.ports[0]), version: live.version, role: 'prod' });
    expect(v.resources).toMatchObject({ cpus: 0.5, mem: 256 });
    expect(v.history.map((s) => s.state)).toEqual(['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING']);
    expect(v.health[0]?.alive).toBe(true);
    expect(task.definition?.container).toMatchObject({ ...APP.container, volumes: [] });
    // Its networking, from the sandbox's view of it: the host's network, its host port, Marathon's PORT0.
    expect(task.network).toMatchObject({ ok: true, body: { taskId: live.id, networks: [], hostPorts: live.ports } });
    expect(task.network?.ok && task.network.body.environment?.PORT0).toBe(String(live.ports[0]));

    // Killed: Marathon replaces it and no longer lists it; Mesos keeps it among the completed tasks.
    expect(del(sb, `/marathon/v2/apps${APP.id}/tasks/${live.id}`).status).toBe(200);
    waitFor(sb, () => !tasksOf(sb, APP.id).some((t) => t.id === live.id), 30_000);
    await poll();
    const ended = task.shown.view!;
    expect(ended).toMatchObject({ id: live.id, state: 'TASK_KILLED', ended: true, inMarathon: false, inMesos: true, hostname: 'a1' });
    expect(ended.endedAt).toBe(ended.history.at(-1)!.at);
    expect(ended.health).toEqual([]);
    expect(task.network).toMatchObject({ ok: false });

    // The app deleted: Marathon answers 404 (its last answer, listing the task, is not used), Mesos keeps the ended task.
    waitFor(sb, () => tasksOf(sb, APP.id)[0]?.state === 'TASK_RUNNING', 30_000);
    const next = await open(sb, tasksOf(sb, APP.id)[0]!.id as string);
    expect(next.task.shown.view).toMatchObject({ inMarathon: true, ended: false });
    expect(del(sb, `/marathon/v2/apps${APP.id}?force=true`).status).toBe(200);
    const nextId = next.task.shown.view!.id;
    waitFor(sb, () => mesosTasks(sb, APP.id).some((t) => t.id === nextId && !isLiveMesosTask(t)), 30_000);
    expect(sb.request({ method: 'GET', path: `/marathon/v2/apps${APP.id}` }).status).toBe(404);
    await next.poll();
    expect(next.task.shown).toMatchObject({ stale: null, view: { state: 'TASK_KILLED', ended: true, inMarathon: false, hostname: 'a1' } });

    const unknown = await open(sb, 'prod_web.instance-nope._app.1');
    expect(unknown.task.loaded).toBe(true);
    expect(unknown.task.shown).toEqual({ view: null, at: sb.now, stale: null });
  });

  it('keeps the last known task while no master leads, marked as such', async () => {
    const sb = await boot([{ hostname: 'a1', resources: { cpus: 4, mem: 4096, disk: 1000, ports: [[31000, 31100]] } }], {
      allocator: 'ts',
      matcher: 'ts',
    });
    deploy(sb, { ...APP, healthChecks: [] });
    waitFor(sb, () => tasksOf(sb, APP.id)[0]?.state === 'TASK_RUNNING', 60_000);
    const id = tasksOf(sb, APP.id)[0]!.id as string;
    let held: string | null = null;
    const { task, poll } = await open(sb, id, () => held);
    const knownAt = task.shown.at;
    expect(task.shown.view?.state).toBe('TASK_RUNNING');

    const master = (sb.request({ method: 'GET', path: '/mesos/master/state' }).body as { hostname: string }).hostname;
    fault(sb, 'master-crash', master);
    sb.advance(1000);
    held = 'no leading master';
    await poll();
    expect(task.shown).toMatchObject({ at: knownAt, stale: 'no leading master' });
    expect(task.shown.view?.id).toBe(id);
  });
});
