/**
 * Runs through /service/metronome: start, the active list, stop, history, the launch queue, the application
 * endpoints, the sandbox's job behaviour route and the run's Mesos task (docs/metronome-sources.md §4, §5).
 */
import { describe, expect, it } from 'vitest';
import { timeOfUuid } from '../../../src/common/metronome/time-uuid.ts';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import type { Json } from '../../support/marathon.ts';
import { jobsCluster, mt, sleepJob } from './support.ts';

const time = (sb: Sandbox): string => new Date(Date.UTC(2026, 0, 1) + sb.now).toISOString().replace('Z', '+0000');
const RUN_ID = /^\d{14}[0-9A-Za-z]{5}$/;
const behavior = (sb: Sandbox, id: string, body?: unknown) =>
  sb.request({ method: body === undefined ? 'GET' : 'PUT', path: `/sandbox/v1/metronome/jobs/${id}/behavior`, body });

function metronomeFramework(sb: Sandbox): Json {
  const state = sb.request({ method: 'GET', path: '/mesos/master/state' }).body as Json;
  return (state.frameworks as Json[]).find((f) => f.name === 'metronome')!;
}

describe('POST and GET /v1/jobs/{id}/runs', () => {
  it('201 INITIAL with no tasks, then ACTIVE with a TASK_RUNNING task', async () => {
    const sb = await jobsCluster();
    mt.post(sb, '/v1/jobs', sleepJob('a', 30));
    const createdAt = time(sb);
    const started = mt.post(sb, '/v1/jobs/a/runs');
    expect(started).toEqual({
      status: 201,
      body: { id: expect.stringMatching(RUN_ID), jobId: 'a', status: 'INITIAL', createdAt, completedAt: null, tasks: [] },
    });
    expect(Object.keys(started.body)).toEqual(['id', 'jobId', 'status', 'createdAt', 'completedAt', 'tasks']);
    const runId: string = started.body.id;
    expect(runId.slice(0, 14)).toBe(createdAt.replace(/[-:T]/g, '').slice(0, 14));
    sb.advance(3000);
    const runs = mt.get(sb, '/v1/jobs/a/runs');
    expect(runs).toEqual({
      status: 200,
      body: [
        {
          ...started.body,
          status: 'ACTIVE',
          tasks: [{ id: expect.stringMatching(new RegExp(`^a_${runId}\\.`)), startedAt: expect.any(String), status: 'TASK_RUNNING' }],
        },
      ],
    });
    expect(Object.keys(runs.body[0].tasks[0])).toEqual(['id', 'startedAt', 'status']);
    expect(mt.get(sb, `/v1/jobs/a/runs/${runId}`)).toEqual({ status: 200, body: runs.body[0] });
    expect(mt.get(sb, '/v1/jobs/a?embed=activeRuns').body.activeRuns).toEqual(runs.body);
  });

  it('a finished run leaves the active list: 404 by id, in embed=history with finishedAt and its tasks', async () => {
    const sb = await jobsCluster();
    mt.post(sb, '/v1/jobs', sleepJob('a', 5));
    const run = mt.post(sb, '/v1/jobs/a/runs').body;
    sb.advance(2000);
    const taskId: string = mt.get(sb, `/v1/jobs/a/runs/${run.id}`).body.tasks[0].id;
    sb.advance(10_000);
    expect(mt.get(sb, '/v1/jobs/a/runs')).toEqual({ status: 200, body: [] });
    expect(mt.get(sb, `/v1/jobs/a/runs/${run.id}`)).toEqual({
      status: 404,
      body: { jobSpec: 'a', id: run.id, message: 'Job Run not found' },
    });
    const { history, historySummary } = mt.get(sb, '/v1/jobs/a?embed=history&embed=historySummary').body;
    const finished = history.successfulFinishedRuns[0];
    expect(history).toEqual({
      successCount: 1,
      failureCount: 0,
      lastSuccessAt: finished.finishedAt,
      lastFailureAt: null,
      successfulFinishedRuns: [{ id: run.id, createdAt: run.createdAt, finishedAt: expect.any(String), tasks: [taskId] }],
      failedFinishedRuns: [],
    });
    expect(Object.keys(finished)).toEqual(['id', 'createdAt', 'finishedAt', 'tasks']);
    expect(Date.parse(finished.finishedAt.replace('+0000', 'Z')) - Date.parse(run.createdAt.replace('+0000', 'Z'))).toBeGreaterThanOrEqual(
      5000,
    );
    expect(historySummary).toEqual({ successCount: 1, failureCount: 0, lastSuccessAt: finished.finishedAt, lastFailureAt: null });
    // The list shows no activeRuns key for a job whose runs are over.
    expect(Object.keys(mt.get(sb, '/v1/jobs?embed=activeRuns').body[0])).not.toContain('activeRuns');
  });

  it('stop: 200 FAILED with completedAt, the task killed, history failureCount 1', async () => {
    const sb = await jobsCluster();
    mt.post(sb, '/v1/jobs', sleepJob('a', 60));
    const run = mt.post(sb, '/v1/jobs/a/runs').body;
    sb.advance(3000);
    const active = mt.get(sb, `/v1/jobs/a/runs/${run.id}`).body;
    const stopped = mt.post(sb, `/v1/jobs/a/runs/${run.id}/actions/stop`);
    expect(stopped).toEqual({ status: 200, body: { ...active, status: 'FAILED', completedAt: time(sb) } });
    expect(mt.get(sb, '/v1/jobs/a/runs').body).toEqual([]);
    expect(mt.post(sb, `/v1/jobs/a/runs/${run.id}/actions/stop`)).toEqual({
      status: 404,
      body: { jobSpec: 'a', id: run.id, message: 'Job Run not found' },
    });
    const { history } = mt.get(sb, '/v1/jobs/a?embed=history').body;
    expect(history).toMatchObject({ successCount: 0, failureCount: 1, lastSuccessAt: null, lastFailureAt: time(sb) });
    expect(history.failedFinishedRuns).toEqual([
      { id: run.id, createdAt: run.createdAt, finishedAt: time(sb), tasks: [active.tasks[0].id] },
    ]);
    sb.advance(2000);
    const task = (metronomeFramework(sb).completed_tasks as Json[]).find((t) => t.id === active.tasks[0].id);
    expect(task?.state).toBe('TASK_KILLED');
  });
});

describe('GET /v1/queue', () => {
  it('lists a run no agent can take, by job; empty once it is stopped', async () => {
    const sb = await jobsCluster();
    mt.post(sb, '/v1/jobs', sleepJob('big', 30, { cpus: 64 }));
    mt.post(sb, '/v1/jobs', sleepJob('small', 30));
    const run = mt.post(sb, '/v1/jobs/big/runs').body;
    mt.post(sb, '/v1/jobs/small/runs');
    sb.advance(5000);
    expect(mt.get(sb, '/v1/queue')).toEqual({ status: 200, body: [{ jobId: 'big', runs: [{ runId: run.id }] }] });
    expect(mt.get(sb, `/v1/jobs/big/runs/${run.id}`).body).toMatchObject({ status: 'INITIAL', tasks: [] });
    mt.post(sb, `/v1/jobs/big/runs/${run.id}/actions/stop`);
    expect(mt.get(sb, '/v1/queue')).toEqual({ status: 200, body: [] });
  });
});

describe('/ping, /info, /leader', () => {
  it('answer as ApplicationController does', async () => {
    const sb = await jobsCluster();
    expect(mt.get(sb, '/ping')).toEqual({ status: 200, body: 'pong' });
    expect(mt.get(sb, '/info').body).toMatchObject({ version: '0.6.70', libVersion: '1.7.202' });
    // One master: its Metronome leads, on port 9000.
    const mesos = sb.request({ method: 'GET', path: '/mesos/master/state' }).body as Json;
    const ip = String(mesos.leader)
      .replace(/^master@/, '')
      .replace(/:5050$/, '');
    expect(ip).toMatch(/^10\.0\.0\.\d+$/);
    expect(mt.get(sb, '/leader')).toEqual({ status: 200, body: { leader: `${ip}:9000` } });
    expect(mt.post(sb, '/ping').status).toBe(404);
  });
});

describe('GET|PUT /sandbox/v1/metronome/jobs/{id}/behavior', () => {
  it('defaults from the command: sleep 30 runs 30 s, no failures', async () => {
    const sb = await jobsCluster();
    mt.post(sb, '/v1/jobs', sleepJob('a', 30));
    mt.post(sb, '/v1/jobs', { id: 'b', run: { cpus: 0.1, mem: 32, disk: 0, cmd: 'echo hi' } });
    expect(behavior(sb, 'a')).toEqual({ status: 200, body: { durationSeconds: 30, failureRate: 0 } });
    expect(behavior(sb, 'b')).toEqual({ status: 200, body: { durationSeconds: 10, failureRate: 0 } });
    expect(behavior(sb, 'x').status).toBe(404);
  });

  it('PUT validates each field', async () => {
    const sb = await jobsCluster();
    mt.post(sb, '/v1/jobs', sleepJob('a', 30));
    for (const body of [
      { failureRate: 2 },
      { failureRate: '0.5' },
      { durationSeconds: 0 },
      { durationSeconds: 1e9 },
      { speed: 1 },
      [1],
      'nope',
    ])
      expect(behavior(sb, 'a', body).status).toBe(400);
    expect(behavior(sb, 'a', { failureRate: 2 }).body).toEqual({ message: 'failureRate must be a number between 0 and 1' });
    expect(behavior(sb, 'a', { durationSeconds: 2 })).toEqual({ status: 200, body: { durationSeconds: 2, failureRate: 0 } });
    expect(behavior(sb, 'a')).toEqual({ status: 200, body: { durationSeconds: 2, failureRate: 0 } });
  });

  it('failureRate 1 makes every run fail after durationSeconds', async () => {
    const sb = await jobsCluster();
    mt.post(sb, '/v1/jobs', sleepJob('a', 30));
    expect(behavior(sb, 'a', { failureRate: 1, durationSeconds: 3 }).status).toBe(200);
    const first = mt.post(sb, '/v1/jobs/a/runs').body;
    sb.advance(10_000);
    const second = mt.post(sb, '/v1/jobs/a/runs').body;
    sb.advance(10_000);
    const { history } = mt.get(sb, '/v1/jobs/a?embed=history').body;
    expect(history).toMatchObject({ successCount: 0, failureCount: 2, lastSuccessAt: null });
    expect(history.failedFinishedRuns.map((r: Json) => r.id)).toEqual([second.id, first.id]);
    expect(history.failedFinishedRuns.every((r: Json) => r.tasks.length === 1)).toBe(true);
  });
});

describe('the run as a Mesos task', () => {
  it('framework metronome in role *, task name <runId>.<path reversed>, id <path joined by _>_<runId>.<uuid>', async () => {
    const sb = await jobsCluster();
    mt.post(sb, '/v1/jobs', sleepJob('prod.example.app', 30));
    const run = mt.post(sb, '/v1/jobs/prod.example.app/runs').body;
    sb.advance(3000);
    const fw = metronomeFramework(sb);
    expect(fw.role).toBe('*');
    // Registered from the leading master (the only one here), its Play port as web UI; a week's failover timeout.
    expect([fw.hostname, fw.webui_url, fw.failover_timeout]).toEqual(['10.0.0.11', 'http://10.0.0.11:9000', 604_800]);
    expect(fw.tasks).toHaveLength(1);
    const task = fw.tasks[0];
    expect(task.name).toBe(`${run.id}.app.example.prod`);
    expect(task.id).toMatch(new RegExp(`^prod_example_app_${run.id}\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`));
    expect(task.state).toBe('TASK_RUNNING');
    expect(mt.get(sb, `/v1/jobs/prod.example.app/runs/${run.id}`).body.tasks.map((t: Json) => t.id)).toEqual([task.id]);
  });

  // Marathon's legacy task id ends in a time-based (v1) UUID (docs/metronome-sources.md §4.1, §9 #10): it carries the launch time.
  it('the task id ends in a version-1 (time-based) UUID of the launch time', async () => {
    const sb = await jobsCluster();
    mt.post(sb, '/v1/jobs', sleepJob('a', 30));
    mt.post(sb, '/v1/jobs/a/runs');
    mt.post(sb, '/v1/jobs/a/runs');
    sb.advance(3000);
    const tasks = metronomeFramework(sb).tasks as Json[];
    expect(tasks).toHaveLength(2);
    for (const task of tasks) {
      const uuid = String(task.id).split('.')[1]!;
      expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-02000a00000b$/);
      const launched = mt
        .get(sb, '/v1/jobs/a/runs')
        .body.flatMap((r: Json) => r.tasks)
        .find((t: Json) => t.id === task.id).startedAt;
      expect(new Date(timeOfUuid(uuid)).toISOString().replace('Z', '+0000')).toBe(launched);
    }
    expect(tasks[0]!.id).not.toBe(tasks[1]!.id);
  });
});
