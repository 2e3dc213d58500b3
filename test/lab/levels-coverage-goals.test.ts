/** Each goal kind of a chaos level, checked against scripted API answers: when it holds, when it breaks, and its words. */
import { describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResponse } from '../../src/api/types.ts';
import { clock, compileGoals, describeGoal, type GoalSpec, type RequestFn } from '../../src/sandbox/levels/index.ts';

/** A request function answering from `routes` (path → answer), recording the paths read. */
function api(routes: Record<string, ApiResponse | undefined>): RequestFn & { reads: string[] } {
  const reads: string[] = [];
  const fn = (req: ApiRequest): ApiResponse => {
    reads.push(req.path);
    return routes[req.path] ?? { status: 404, body: { message: 'not found' } };
  };
  return Object.assign(fn, { reads });
}

const one = (spec: GoalSpec) => compileGoals([spec])[0]!;
const ok = (body: unknown): ApiResponse => ({ status: 200, body });
const noLeader: ApiResponse = { status: 503, body: { message: 'no leader' } };
const APP = '/marathon/v2/apps/shop?embed=apps.tasks';
const running = (id: string, host: string, alive?: boolean) => ({
  id,
  host,
  state: 'TASK_RUNNING',
  ...(alive === undefined ? {} : { healthCheckResults: [{ alive }] }),
});
const shop = (tasks: unknown[], more: Record<string, unknown> = {}) => ok({ app: { id: '/shop', tasks, ...more } });

describe('min-running', () => {
  it('reads nothing before `from`, then breaks at once when the app is missing', () => {
    const goal = one({ kind: 'min-running', app: '/shop', count: 1, from: 30000 });
    const req = api({});
    expect(goal.check(req, 29999)).toBeNull();
    expect(req.reads).toEqual([]);
    expect(goal.check(req, 30000)).toEqual({ text: '/shop has 0 running instances, fewer than 1', app: '/shop' });
  });

  it('holds while enough run, and names the task and agent that went when it breaks', () => {
    const goal = one({ kind: 'min-running', app: '/shop', count: 2 });
    const routes: Record<string, ApiResponse> = { [APP]: shop([running('shop.1', 'a-1'), running('shop.2', 'a-2')]) };
    const req = api(routes);
    expect(goal.check(req, 1000)).toBeNull();
    routes[APP] = shop([running('shop.1', 'a-1'), { id: 'shop.2', host: 'a-2', state: 'TASK_LOST' }]);
    expect(goal.check(req, 2000)).toEqual({
      text: '/shop has 1 running instance, fewer than 2',
      app: '/shop',
      task: 'shop.2',
      agent: 'a-2',
    });
  });

  it('is not broken while Marathon has no leader (503): nothing new is known', () => {
    const goal = one({ kind: 'min-running', app: '/shop', count: 5 });
    expect(goal.check(api({ [APP]: noLeader }), 1000)).toBeNull();
  });

  it('counts only tasks passing their health checks when `healthy`', () => {
    const goal = one({ kind: 'min-running', app: '/shop', count: 2, healthy: true });
    const req = api({ [APP]: shop([running('shop.1', 'a-1', true), running('shop.2', 'a-2'), running('shop.3', 'a-3', false)]) });
    expect(goal.check(req, 1000)).toEqual({ text: '/shop has 1 healthy instance, fewer than 2', app: '/shop' });
    const fine = one({ kind: 'min-running', app: '/shop', count: 2, healthy: true });
    expect(fine.check(api({ [APP]: shop([running('shop.1', 'a-1', true), running('shop.2', 'a-2', true)]) }), 1000)).toBeNull();
  });

  it('allows a dip of at most `forMs`, measured from the first check below, and forgets a dip that ended', () => {
    const goal = one({ kind: 'min-running', app: '/shop', count: 1, forMs: 30000 });
    const routes: Record<string, ApiResponse> = { [APP]: shop([]) };
    const req = api(routes);
    expect(goal.check(req, 10000)).toBeNull();
    expect(goal.check(req, 40000)).toBeNull(); // exactly 30 s below
    routes[APP] = shop([running('shop.1', 'a-1')]);
    expect(goal.check(req, 40500)).toBeNull();
    routes[APP] = shop([]);
    expect(goal.check(req, 50000)).toBeNull(); // a new dip starts here
    expect(goal.check(req, 80500)).toEqual({
      text: '/shop has 0 running instances, fewer than 1, for 30.5 s (since 0:50), more than 30 s',
      app: '/shop',
      task: 'shop.1',
      agent: 'a-1',
    });
  });
});

describe('max-unhealthy', () => {
  it('breaks once a running task fails its checks for more than maxMs, naming it', () => {
    const goal = one({ kind: 'max-unhealthy', app: '/shop', maxMs: 20000 });
    const req = api({ [APP]: shop([running('shop.1', 'a-1', true), running('shop.2', 'a-2', false)]) });
    expect(goal.check(req, 60000)).toBeNull();
    expect(goal.check(req, 80000)).toBeNull(); // exactly 20 s
    expect(goal.check(req, 80500)).toEqual({
      text: 'task shop.2 of /shop has failed its health checks for 20.5 s (since 1:00) and still runs',
      app: '/shop',
      task: 'shop.2',
      agent: 'a-2',
    });
  });

  it('starts the count again when the task recovers, and ignores tasks not running', () => {
    const goal = one({ kind: 'max-unhealthy', app: '/shop', maxMs: 10000 });
    const routes: Record<string, ApiResponse> = { [APP]: shop([running('shop.1', 'a-1', false)]) };
    const req = api(routes);
    expect(goal.check(req, 0)).toBeNull();
    routes[APP] = shop([running('shop.1', 'a-1', true)]);
    expect(goal.check(req, 5000)).toBeNull();
    routes[APP] = shop([
      running('shop.1', 'a-1', false),
      { id: 'shop.9', host: 'a-9', state: 'TASK_KILLING', healthCheckResults: [{ alive: false }] },
    ]);
    expect(goal.check(req, 9000)).toBeNull();
    expect(goal.check(req, 19000)).toBeNull(); // 10 s since 0:09, not since 0:00
    expect(goal.check(req, 19001)?.task).toBe('shop.1');
  });

  it('holds with no app, no leader, or tasks without checks', () => {
    const goal = one({ kind: 'max-unhealthy', app: '/shop', maxMs: 0 });
    expect(goal.check(api({}), 1000)).toBeNull();
    expect(goal.check(api({ [APP]: noLeader }), 2000)).toBeNull();
    expect(goal.check(api({ [APP]: shop([running('shop.1', 'a-1')]) }), 3000)).toBeNull();
  });
});

describe('traffic-errors', () => {
  const PATH = '/sandbox/v1/traffic/my%20client';
  const second = (at: number, errors: number) => ({ at, errors, byBackend: {} });

  it('holds before the client exists, and breaks on a run of erring seconds longer than maxSeconds', () => {
    const goal = one({ kind: 'traffic-errors', client: 'my client', maxSeconds: 2 });
    const routes: Record<string, ApiResponse> = {};
    const req = api(routes);
    expect(goal.check(req, 1000)).toBeNull();
    expect(req.reads).toEqual([PATH]);
    routes[PATH] = ok({ series: [second(60000, 0), second(61000, 3), second(62000, 1)] });
    expect(goal.check(req, 63000)).toBeNull(); // two seconds with errors: not more than 2
    routes[PATH] = ok({ series: [second(60000, 0), second(61000, 3), second(62000, 1), second(63000, 4)] });
    expect(goal.check(req, 64000)).toEqual({ text: 'requests of my client failed for 3 s in a row (from 1:01), more than 2 s' });
  });

  it('a second without errors ends the run, and seconds already judged are not counted twice', () => {
    const goal = one({ kind: 'traffic-errors', client: 'c', maxSeconds: 2 });
    const routes: Record<string, ApiResponse> = {};
    const req = api(routes);
    routes['/sandbox/v1/traffic/c'] = ok({ series: [second(0, 1), second(1000, 1), second(2000, 0), second(3000, 1), second(4000, 1)] });
    expect(goal.check(req, 5000)).toBeNull();
    expect(goal.check(req, 5000)).toBeNull(); // the same series again
    routes['/sandbox/v1/traffic/c'] = ok({ series: [second(4000, 1), second(5000, 2)] });
    expect(goal.check(req, 6000)?.text).toBe('requests of c failed for 3 s in a row (from 0:03), more than 2 s');
  });
});

describe('leader', () => {
  const SUMMARY = '/mesos/master/state-summary';

  it('breaks after maxMs without a leader, naming the master that last led', () => {
    const goal = one({ kind: 'leader', maxMs: 30000 });
    const routes: Record<string, ApiResponse> = { [SUMMARY]: ok({ hostname: 'master-2' }) };
    const req = api(routes);
    expect(goal.check(req, 0)).toBeNull();
    routes[SUMMARY] = noLeader;
    expect(goal.check(req, 1000)).toBeNull();
    expect(goal.check(req, 31000)).toBeNull();
    expect(goal.check(req, 32000)).toEqual({
      text: 'no Mesos master has led for 31 s (since 0:01), more than 30 s',
      master: 'master-2',
    });
  });

  it('starts over when a master leads again, and names no master if none ever led', () => {
    const goal = one({ kind: 'leader', maxMs: 5000 });
    const routes: Record<string, ApiResponse> = { [SUMMARY]: noLeader };
    const req = api(routes);
    expect(goal.check(req, 0)).toBeNull();
    routes[SUMMARY] = ok({ hostname: 'master-1' });
    expect(goal.check(req, 4000)).toBeNull();
    routes[SUMMARY] = noLeader;
    expect(goal.check(req, 6000)).toBeNull(); // 6 s after the first loss, but 0 after the second
    expect(goal.check(req, 11001)?.master).toBe('master-1');
    const never = one({ kind: 'leader', maxMs: 0 });
    expect(never.check(api({ [SUMMARY]: noLeader }), 0)).toBeNull();
    expect(never.check(api({ [SUMMARY]: noLeader }), 1)).toEqual({ text: 'no Mesos master has led for 0.0 s (since 0:00), more than 0 s' });
  });
});

describe('plan-complete', () => {
  const PLAN = '/service/kafka/v1/plans/deploy';

  it('has its deadline, and breaks at it with the plan’s status', () => {
    const goal = one({ kind: 'plan-complete', service: 'kafka', plan: 'deploy', by: 600000 });
    expect(goal.deadline).toBe(600000);
    const req = api({ [PLAN]: { status: 417, body: { status: 'IN_PROGRESS' } } });
    expect(goal.check(req, 1000)).toBeNull();
    expect(goal.check(req, 600000)).toEqual({ text: 'the deploy plan of kafka is IN_PROGRESS, not COMPLETE by 10:00', app: '/kafka' });
  });

  it('gives the HTTP status when the answer has none', () => {
    const goal = one({ kind: 'plan-complete', service: 'kafka', plan: 'deploy', by: 60000 });
    expect(goal.check(api({ [PLAN]: { status: 404, body: null } }), 60000)?.text).toBe(
      'the deploy plan of kafka is HTTP 404, not COMPLETE by 1:00',
    );
  });

  it('holds once the plan was seen COMPLETE before the deadline, even if it is not at the deadline', () => {
    const goal = one({ kind: 'plan-complete', service: 'kafka', plan: 'deploy', by: 60000 });
    const routes: Record<string, ApiResponse> = { [PLAN]: ok({ status: 'COMPLETE' }) };
    const req = api(routes);
    expect(goal.check(req, 30000)).toBeNull();
    routes[PLAN] = { status: 417, body: { status: 'IN_PROGRESS' } };
    expect(goal.check(req, 60000)).toBeNull();
    expect(goal.check(req, 90000)).toBeNull();
    expect(req.reads).toEqual([PLAN]); // done: never read again
  });

  it('holds when COMPLETE at the deadline itself', () => {
    const goal = one({ kind: 'plan-complete', service: 'kafka', plan: 'deploy', by: 60000 });
    expect(goal.check(api({ [PLAN]: ok({ status: 'COMPLETE' }) }), 60000)).toBeNull();
  });
});

describe('pods-running', () => {
  const STATUS = '/service/kafka/v1/pod/status';
  const pod = (name: string, ...statuses: string[]) => ({ name, tasks: statuses.map((status) => ({ status })) });

  it('is judged only at its moment, and names the pods that are not running', () => {
    const goal = one({ kind: 'pods-running', service: 'kafka', count: 3, at: 600000 });
    expect(goal.deadline).toBe(600000);
    const req = api({
      [STATUS]: ok({
        pods: [{ instances: [pod('kafka-0', 'RUNNING'), pod('kafka-1', 'UNREACHABLE')] }, { instances: [pod('kafka-2')] }, {}],
      }),
    });
    expect(goal.check(req, 599999)).toBeNull();
    expect(goal.check(req, 600001)).toBeNull();
    expect(req.reads).toEqual([]);
    expect(goal.check(req, 600000)).toEqual({
      text: 'at 10:00 kafka runs 1 of 3 pods (kafka-1 UNREACHABLE, kafka-2 without tasks)',
      app: '/kafka',
    });
  });

  it('counts a pod only when every task runs; holds when enough do; reads no pods from an error', () => {
    const goal = one({ kind: 'pods-running', service: 'kafka', count: 2, at: 1000 });
    const mixed = ok({ pods: [{ instances: [pod('kafka-0', 'RUNNING', 'STARTING'), pod('kafka-1', 'RUNNING')] }] });
    expect(goal.check(api({ [STATUS]: mixed }), 1000)?.text).toBe('at 0:01 kafka runs 1 of 2 pods (kafka-0 RUNNING)');
    const fine = ok({ pods: [{ instances: [pod('kafka-0', 'RUNNING', 'RUNNING'), pod('kafka-1', 'RUNNING')] }] });
    expect(goal.check(api({ [STATUS]: fine }), 1000)).toBeNull();
    expect(goal.check(api({ [STATUS]: { status: 500, body: {} } }), 1000)?.text).toBe('at 0:01 kafka runs 0 of 2 pods');
    expect(goal.check(api({ [STATUS]: ok({}) }), 1000)?.text).toBe('at 0:01 kafka runs 0 of 2 pods');
  });
});

describe('rolled-out', () => {
  const spec: GoalSpec = { kind: 'rolled-out', app: '/shop', cmd: 'v2', count: 2, by: 60000 };
  const v2 = (tasks: unknown[], deployments: unknown[] = []) => shop(tasks, { cmd: 'v2', deployments });
  const two = [running('shop.1', 'a-1', true), running('shop.2', 'a-2', true)];

  it('holds before the deadline, then says how far the roll-out got', () => {
    const goal = one(spec);
    expect(goal.deadline).toBe(60000);
    const routes: Record<string, ApiResponse> = { [APP]: v2([running('shop.1', 'a-1', true), running('shop.2', 'a-2', false)]) };
    expect(goal.check(api(routes), 59999)).toBeNull();
    expect(goal.check(api(routes), 60000)).toEqual({
      text: '/shop is not rolled out by 1:00: 1 of 2 healthy tasks run "v2" with no deployment left',
      app: '/shop',
    });
  });

  it('counts nothing while the command differs or a deployment is left, or the app is gone', () => {
    expect(one(spec).check(api({ [APP]: shop(two, { cmd: 'v1' }) }), 60000)?.text).toContain(': 0 of 2 healthy tasks');
    expect(one(spec).check(api({ [APP]: v2(two, [{ id: 'd' }]) }), 60000)?.text).toContain(': 0 of 2 healthy tasks');
    expect(one(spec).check(api({}), 60000)?.text).toContain(': 0 of 2 healthy tasks');
  });

  it('says Marathon has no leader when it cannot tell at the deadline', () => {
    expect(one(spec).check(api({ [APP]: noLeader }), 60000)?.text).toBe('/shop is not rolled out by 1:00: Marathon has no leader');
  });

  it('once rolled out, stays met: a later deployment does not break it', () => {
    const goal = one(spec);
    const routes: Record<string, ApiResponse> = { [APP]: v2(two) };
    expect(goal.check(api(routes), 30000)).toBeNull();
    routes[APP] = v2([], [{ id: 'd' }]);
    expect(goal.check(api(routes), 60000)).toBeNull();
    const atDeadline = one(spec);
    expect(atDeadline.check(api({ [APP]: v2(two) }), 60000)).toBeNull();
  });
});

describe('compileGoals', () => {
  it('gives one fresh check per spec, keeping no state between compilations', () => {
    const specs: GoalSpec[] = [{ kind: 'leader', maxMs: 0 }];
    const req = api({ '/mesos/master/state-summary': noLeader });
    const [first] = compileGoals(specs);
    expect(first!.check(req, 0)).toBeNull();
    expect(first!.check(req, 1000)).not.toBeNull();
    expect(compileGoals(specs)[0]!.check(req, 1000)).toBeNull(); // a new run starts counting afresh
    expect(compileGoals([])).toEqual([]);
  });
});

describe('describeGoal and clock', () => {
  it('words every kind of goal', () => {
    expect(describeGoal({ kind: 'min-running', app: '/shop', count: 2 })).toBe('/shop never has fewer than 2 running instances');
    expect(describeGoal({ kind: 'min-running', app: '/web', count: 4, healthy: true, from: 45000, forMs: 30000 })).toBe(
      '/web never has fewer than 4 healthy instances for more than 30 s (from 0:45)',
    );
    expect(describeGoal({ kind: 'min-running', app: '/web', count: 1, forMs: 1500 })).toBe(
      '/web never has fewer than 1 running instances for more than 1.5 s',
    );
    expect(describeGoal({ kind: 'max-unhealthy', app: '/api', maxMs: 20000 })).toBe(
      'no task of /api keeps failing its health checks for more than 20 s',
    );
    expect(describeGoal({ kind: 'traffic-errors', client: 'shoppers', maxSeconds: 5 })).toBe(
      'no request of shoppers fails for more than 5 s in a row',
    );
    expect(describeGoal({ kind: 'leader', maxMs: 30000 })).toBe('the cluster is never without a leading master for more than 30 s');
    expect(describeGoal({ kind: 'plan-complete', service: 'kafka', plan: 'deploy', by: 600000 })).toBe(
      'the deploy plan of kafka completes by 10:00',
    );
    expect(describeGoal({ kind: 'pods-running', service: 'kafka', count: 3, at: 600000 })).toBe('at 10:00 kafka runs 3 pods');
    expect(describeGoal({ kind: 'rolled-out', app: '/web', cmd: './web --version 2', count: 4, by: 240000 })).toBe(
      '/web runs 4 healthy tasks of "./web --version 2" by 4:00',
    );
  });

  it('shows minutes and zero-padded seconds, dropping milliseconds', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(5999)).toBe('0:05');
    expect(clock(125000)).toBe('2:05');
    expect(clock(3600000)).toBe('60:00');
  });
});
