/**
 * /service/metronome/v1/jobs: leadership, the written job (defaults and key order), GET with embeds, the list,
 * PUT v1 / v0, DELETE and the error bodies of Metronome's controllers and Play's error handler
 * (docs/metronome-sources.md §1.3, §1.4, §2.6, §5).
 */
import { describe, expect, it } from 'vitest';
import { boot, type Json } from '../../support/marathon.ts';
import { jobsCluster, METRONOME, mt, sleepJob } from './support.ts';

const RUN_DEFAULTS = {
  env: {},
  placement: { constraints: [] },
  artifacts: [],
  maxLaunchDelay: 3600,
  volumes: [],
  restart: { policy: 'NEVER' },
  secrets: {},
  networks: [],
};
const writtenRun = (cmd: string) => ({ cpus: 0.1, mem: 32, disk: 0, gpus: 0, cmd, ...RUN_DEFAULTS });
const EMPTY_SUMMARY = { successCount: 0, failureCount: 0, lastSuccessAt: null, lastFailureAt: null };

describe('leadership', () => {
  it('answers 503 text until a Metronome leads, then 200', async () => {
    const sb = await boot([{ hostname: 'agent', count: 1, resources: { cpus: 4, mem: 8192, disk: 1024, gpus: 0 } }], { warmupMs: 0 });
    for (const path of ['/v1/jobs', '/ping', '/v1/queue'])
      expect(sb.request({ method: 'GET', path: `${METRONOME}${path}` })).toEqual({ status: 503, body: 'No consistent leadership' });
    for (let i = 0; i < 600 && mt.get(sb, '/v1/jobs').status === 503; i++) sb.advance(100);
    expect(mt.get(sb, '/v1/jobs')).toEqual({ status: 200, body: [] });
  });
});

describe('POST /v1/jobs', () => {
  it('answers 201 with every defaulted field, schedules before run', async () => {
    const sb = await jobsCluster();
    const res = mt.post(sb, '/v1/jobs', {
      id: 'prod.backup',
      description: 'nightly',
      labels: { team: 'ops' },
      schedules: [{ id: 'nightly', cron: '0 3 * * *' }],
      run: { cpus: 0.1, mem: 32, disk: 0, cmd: 'sleep 5' },
    });
    const schedule = {
      id: 'nightly',
      cron: '0 3 * * *',
      timezone: 'UTC',
      startingDeadlineSeconds: 900,
      concurrencyPolicy: 'ALLOW',
      enabled: true,
      nextRunAt: '2026-01-01T03:00:00.000+0000',
    };
    expect(res).toEqual({
      status: 201,
      body: {
        id: 'prod.backup',
        description: 'nightly',
        dependencies: [],
        labels: { team: 'ops' },
        schedules: [schedule],
        run: writtenRun('sleep 5'),
      },
    });
    expect(Object.keys(res.body)).toEqual(['id', 'description', 'dependencies', 'labels', 'schedules', 'run']);
    expect(Object.keys(res.body.run)).toEqual([
      'cpus',
      'mem',
      'disk',
      'gpus',
      'cmd',
      'env',
      'placement',
      'artifacts',
      'maxLaunchDelay',
      'volumes',
      'restart',
      'secrets',
      'networks',
    ]);
    expect(Object.keys(res.body.schedules[0])).toEqual(Object.keys(schedule));
  });

  it('writes nested defaults: artifacts, docker, constraints with EQ written back as IS', async () => {
    const sb = await jobsCluster();
    const res = mt.post(sb, '/v1/jobs', {
      id: 'dock',
      run: {
        cpus: 0.5,
        mem: 64,
        disk: 10,
        docker: { image: 'busybox' },
        artifacts: [{ uri: 'http://x/a.tgz' }],
        placement: { constraints: [{ attribute: 'hostname', operator: 'EQ', value: 'agent-1' }] },
        restart: { policy: 'ON_FAILURE', activeDeadlineSeconds: 120 },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.run).toEqual({
      cpus: 0.5,
      mem: 64,
      disk: 10,
      gpus: 0,
      ...RUN_DEFAULTS,
      placement: { constraints: [{ attribute: 'hostname', operator: 'IS', value: 'agent-1' }] },
      artifacts: [{ uri: 'http://x/a.tgz', extract: true, executable: false, cache: false }],
      docker: { image: 'busybox', privileged: false, parameters: [], forcePullImage: false },
      restart: { policy: 'ON_FAILURE', activeDeadlineSeconds: 120 },
    });
    expect(Object.keys(res.body.run).indexOf('docker')).toBe(Object.keys(res.body.run).indexOf('maxLaunchDelay') + 1);
  });

  it('409 for an id that exists, 422 for an unknown dependency', async () => {
    const sb = await jobsCluster();
    expect(mt.post(sb, '/v1/jobs', sleepJob('a')).status).toBe(201);
    expect(mt.post(sb, '/v1/jobs', sleepJob('a'))).toEqual({ status: 409, body: { message: 'Job with this id already exists' } });
    expect(mt.post(sb, '/v1/jobs', { ...sleepJob('b'), dependencies: [{ id: 'x' }, { id: 'a' }, { id: 'y' }] })).toEqual({
      status: 422,
      body: { message: 'Dependencies contain unknown jobs. unknown=[x, y]' },
    });
  });
});

describe('GET /v1/jobs[/{id}] with embeds', () => {
  it('a single job: run before schedules, activeRuns [] and empty histories with nulls', async () => {
    const sb = await jobsCluster();
    mt.post(sb, '/v1/jobs', sleepJob('a'));
    expect(mt.get(sb, '/v1/jobs/a')).toEqual({
      status: 200,
      body: { id: 'a', dependencies: [], labels: {}, run: writtenRun('sleep 5'), schedules: [] },
    });
    const all = mt.get(sb, '/v1/jobs/a?embed=activeRuns&embed=history&embed=historySummary&embed=schedules');
    expect(all.body).toEqual({
      id: 'a',
      dependencies: [],
      labels: {},
      run: writtenRun('sleep 5'),
      schedules: [],
      activeRuns: [],
      history: { ...EMPTY_SUMMARY, successfulFinishedRuns: [], failedFinishedRuns: [] },
      historySummary: EMPTY_SUMMARY,
    });
    expect(Object.keys(all.body)).toEqual(['id', 'dependencies', 'labels', 'run', 'schedules', 'activeRuns', 'history', 'historySummary']);
    expect(mt.get(sb, '/v1/jobs/a?embed=history,historySummary').body).toEqual(
      Object.fromEntries(Object.entries(all.body).filter(([k]) => k !== 'activeRuns')),
    );
  });

  it('the list is sorted by id and omits activeRuns for idle jobs', async () => {
    const sb = await jobsCluster();
    for (const id of ['zeta', 'alpha', 'mid.job']) mt.post(sb, '/v1/jobs', sleepJob(id, 60));
    const run = mt.post(sb, '/v1/jobs/mid.job/runs');
    const list = mt.get(sb, '/v1/jobs?embed=activeRuns,historySummary');
    expect(list.status).toBe(200);
    expect(list.body.map((j: { id: string }) => j.id)).toEqual(['alpha', 'mid.job', 'zeta']);
    expect(list.body.map((j: object) => 'activeRuns' in j)).toEqual([false, true, false]);
    expect(list.body[1].activeRuns).toEqual([run.body]);
    expect(list.body[0].historySummary).toEqual(EMPTY_SUMMARY);
  });

  it('an unknown embed is Play 400 {message, requestPath} without the query; so is an empty one', async () => {
    const sb = await jobsCluster();
    mt.post(sb, '/v1/jobs', sleepJob('a'));
    const message = 'Unknown embed options. Valid options are: activeRuns, schedules, history, historySummary';
    expect(mt.get(sb, '/v1/jobs?embed=activeRuns,tasks')).toEqual({ status: 400, body: { message, requestPath: '/v1/jobs' } });
    expect(mt.get(sb, '/v1/jobs/a?embed=')).toEqual({ status: 400, body: { message, requestPath: '/v1/jobs/a' } });
    // Java's split drops a trailing empty name.
    expect(mt.get(sb, '/v1/jobs/a?embed=activeRuns,').body.activeRuns).toEqual([]);
  });
});

describe('404, 400 and unknown routes', () => {
  it('answers Metronome bodies for unknown jobs, runs and schedules', async () => {
    const sb = await jobsCluster();
    mt.post(sb, '/v1/jobs', sleepJob('a'));
    const job = { status: 404, body: { id: 'x', message: 'Job not found' } };
    expect(mt.get(sb, '/v1/jobs/x')).toEqual(job);
    expect(mt.put(sb, '/v1/jobs/x', sleepJob('x'))).toEqual(job);
    expect(mt.del(sb, '/v1/jobs/x')).toEqual(job);
    expect(mt.get(sb, '/v1/jobs/x/runs')).toEqual(job);
    expect(mt.post(sb, '/v1/jobs/x/runs')).toEqual(job);
    expect(mt.get(sb, '/v1/jobs/x/schedules')).toEqual(job);
    expect(mt.post(sb, '/v1/jobs/x/runs/r/actions/stop')).toEqual(job);
    expect(mt.get(sb, '/v1/jobs/a/runs/r')).toEqual({ status: 404, body: { jobSpec: 'a', id: 'r', message: 'Job Run not found' } });
    // The run registry is asked without looking the job up first.
    expect(mt.get(sb, '/v1/jobs/x/runs/r')).toEqual({ status: 404, body: { jobSpec: 'x', id: 'r', message: 'Job Run not found' } });
    expect(mt.get(sb, '/v1/jobs/a/schedules/s')).toEqual({ status: 404, body: { id: 's', message: 'Schedule not found' } });
  });

  it('a bad path id is 400 "Not a valid id"; empty segments are dropped', async () => {
    const sb = await jobsCluster();
    mt.post(sb, '/v1/jobs', sleepJob('a.b'));
    expect(mt.get(sb, '/v1/jobs/Bad_Id')).toEqual({
      status: 400,
      body: { message: 'Not a valid id: Bad_Id', requestPath: '/v1/jobs/Bad_Id' },
    });
    expect(mt.post(sb, '/v1/jobs/-a/runs')).toEqual({
      status: 400,
      body: { message: 'Not a valid id: -a', requestPath: '/v1/jobs/-a/runs' },
    });
    expect(mt.get(sb, '/v1/jobs/a..b').body.id).toBe('a.b');
    // ErrorHandler HTML-escapes both strings.
    expect(mt.get(sb, "/v1/jobs/it's")).toEqual({
      status: 400,
      body: { message: 'Not a valid id: it&#x27;s', requestPath: '/v1/jobs/it&#x27;s' },
    });
  });

  it('an unknown route or method is Play 404 "Unknown route."', async () => {
    const sb = await jobsCluster();
    expect(mt.get(sb, '/v2/apps')).toEqual({ status: 404, body: { message: 'Unknown route.', requestPath: '/v2/apps' } });
    expect(mt.del(sb, '/v1/jobs')).toEqual({ status: 404, body: { message: 'Unknown route.', requestPath: '/v1/jobs' } });
    expect(mt.get(sb, '/v1/jobs/Bad_Id/tasks').status).toBe(404);
  });

  it('text that is not JSON is a 400 client error', async () => {
    const sb = await jobsCluster();
    expect(mt.post(sb, '/v1/jobs', '{"id": "a", run')).toEqual({
      status: 400,
      body: { message: expect.stringMatching(/^Invalid Json: [A-Z]/), requestPath: '/v1/jobs' },
    });
    expect(mt.get(sb, '/v1/jobs').body).toEqual([]);
  });
});

describe('PUT /v1/jobs/{id} and /v0/scheduled-jobs', () => {
  const withSchedule = (cmd: string, sid: string) => ({
    ...sleepJob('a'),
    run: { ...sleepJob('a').run, cmd },
    schedules: [{ id: sid, cron: '0 3 * * *' }],
  });

  it('v1 keeps the stored schedules and forces the path id; the body still needs a valid id', async () => {
    const sb = await jobsCluster();
    mt.post(sb, '/v1/jobs', withSchedule('sleep 5', 'keep'));
    const res = mt.put(sb, '/v1/jobs/a', { ...withSchedule('sleep 9', 'other'), id: 'elsewhere' });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe('a');
    expect(res.body.run.cmd).toBe('sleep 9');
    expect(res.body.schedules.map((s: { id: string }) => s.id)).toEqual(['keep']);
    expect(Object.keys(res.body)).toEqual(['id', 'dependencies', 'labels', 'schedules', 'run']);
    expect(mt.get(sb, '/v1/jobs?embed=schedules').body.map((j: { id: string }) => j.id)).toEqual(['a']);
    const { id: _, ...noId } = sleepJob('a');
    expect(mt.put(sb, '/v1/jobs/a', noId)).toEqual({
      status: 422,
      body: { message: 'Object is not valid', details: [{ path: '', errors: ['Property id missing.'] }] },
    });
  });

  it('v1 PUT: a dependency on itself is a cycle, an unknown one 422', async () => {
    const sb = await jobsCluster();
    mt.post(sb, '/v1/jobs', sleepJob('a'));
    expect(mt.put(sb, '/v1/jobs/a', { ...sleepJob('a'), dependencies: [{ id: 'a' }] })).toEqual({
      status: 422,
      body: { message: 'Dependencies have a cycle.' },
    });
    expect(mt.put(sb, '/v1/jobs/a', { ...sleepJob('a'), dependencies: [{ id: 'nope' }] })).toEqual({
      status: 422,
      body: { message: 'Dependencies contain unknown jobs. unknown=[nope]' },
    });
  });

  it('v0 PUT replaces the schedules too; v0 POST rejects taskKillGracePeriodSeconds', async () => {
    const sb = await jobsCluster();
    expect(mt.post(sb, '/v0/scheduled-jobs', withSchedule('sleep 5', 'first')).status).toBe(201);
    const res = mt.put(sb, '/v0/scheduled-jobs/a', withSchedule('sleep 5', 'second'));
    expect(res.status).toBe(200);
    expect(mt.get(sb, '/v1/jobs/a/schedules').body.map((s: { id: string }) => s.id)).toEqual(['second']);
    const grace = { ...sleepJob('g'), run: { ...sleepJob('g').run, taskKillGracePeriodSeconds: 5 } };
    expect(mt.post(sb, '/v0/scheduled-jobs', grace)).toEqual({
      status: 422,
      body: {
        message: 'Object is not valid',
        details: [{ path: '/run', errors: ["Additional properties are not allowed, but found properties 'taskKillGracePeriodSeconds'."] }],
      },
    });
    expect(mt.post(sb, '/v1/jobs', grace).body.run.taskKillGracePeriodSeconds).toBe(5);
    expect(mt.put(sb, '/v0/scheduled-jobs/nope', sleepJob('nope'))).toEqual({
      status: 404,
      body: { id: 'nope', message: 'Job not found' },
    });
  });

  it('v0 PUT with an unknown dependency is an unmapped failure: 500 {requestPath}', async () => {
    const sb = await jobsCluster();
    mt.post(sb, '/v1/jobs', sleepJob('a'));
    expect(mt.put(sb, '/v0/scheduled-jobs/a', { ...sleepJob('a'), dependencies: [{ id: 'x' }] })).toEqual({
      status: 500,
      body: { requestPath: '/v0/scheduled-jobs/a' },
    });
  });
});

describe('DELETE /v1/jobs/{id}', () => {
  it('200 with the deleted job; 409 while another job depends on it', async () => {
    const sb = await jobsCluster();
    mt.post(sb, '/v1/jobs', sleepJob('a'));
    mt.post(sb, '/v1/jobs', { ...sleepJob('b'), dependencies: [{ id: 'a' }] });
    mt.post(sb, '/v1/jobs', { ...sleepJob('c'), dependencies: [{ id: 'a' }] });
    expect(mt.del(sb, '/v1/jobs/a')).toEqual({ status: 409, body: { message: 'There are jobs with a dependency on a. children=[b, c]' } });
    const deleted = mt.del(sb, '/v1/jobs/b');
    expect(deleted).toEqual({
      status: 200,
      body: { id: 'b', dependencies: [{ id: 'a' }], labels: {}, schedules: [], run: writtenRun('sleep 5') },
    });
    expect(mt.get(sb, '/v1/jobs/b').status).toBe(404);
  });

  it('409 with active runs, then stopCurrentJobRuns=true stops them and deletes the job', async () => {
    const sb = await jobsCluster();
    mt.post(sb, '/v1/jobs', sleepJob('a', 60));
    const run = mt.post(sb, '/v1/jobs/a/runs').body;
    sb.advance(3000);
    expect(mt.del(sb, '/v1/jobs/a')).toEqual({
      status: 409,
      body: { message: 'There are active job runs. Override with stopCurrentJobRuns=true' },
    });
    expect(mt.del(sb, '/v1/jobs/a?stopCurrentJobRuns=maybe')).toEqual({
      status: 400,
      body: { message: 'Cannot parse parameter stopCurrentJobRuns as Boolean: should be true, false, 0 or 1', requestPath: '/v1/jobs/a' },
    });
    expect(mt.del(sb, '/v1/jobs/a?stopCurrentJobRuns=true')).toEqual({
      status: 200,
      body: { id: 'a', dependencies: [], labels: {}, schedules: [], run: writtenRun('sleep 60') },
    });
    expect(mt.get(sb, '/v1/jobs/a')).toEqual({ status: 404, body: { id: 'a', message: 'Job not found' } });
    sb.advance(3000);
    const state = sb.request({ method: 'GET', path: '/mesos/master/state' }).body as Json;
    const fw = (state.frameworks as Json[]).find((f) => f.name === 'metronome')!;
    const task = [...fw.tasks, ...fw.completed_tasks].find((t: Json) => t.id.startsWith(`a_${run.id}.`));
    expect(task.state).toBe('TASK_KILLED');
  });

  it('with stopCurrentJobRuns a job others depend on still answers 409, its runs already stopped (the run ends FAILED)', async () => {
    const sb = await jobsCluster();
    mt.post(sb, '/v1/jobs', sleepJob('a', 60));
    mt.post(sb, '/v1/jobs', { ...sleepJob('b'), dependencies: [{ id: 'a' }] });
    const run = mt.post(sb, '/v1/jobs/a/runs').body;
    sb.advance(3000);
    expect(mt.del(sb, '/v1/jobs/a?stopCurrentJobRuns=1').status).toBe(409);
    const job = mt.get(sb, '/v1/jobs/a?embed=activeRuns&embed=history').body;
    expect(job.activeRuns).toEqual([]);
    expect(job.history.failureCount).toBe(1);
    expect(job.history.failedFinishedRuns.map((r: { id: string }) => r.id)).toEqual([run.id]);
  });
});
