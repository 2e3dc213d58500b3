/** Small levels played through the runner: goals that break and hold on a real sandbox, deadlines, skipped writes, refusals. */
import { describe, expect, it } from 'vitest';
import { agent, app, cluster, fault, MINUTE, quickHealthCheck, SECOND } from '../../src/sandbox/levels/build.ts';
import { levelScenario, runLevel, scheduleOf, type GoalSpec, type Level } from '../../src/sandbox/levels/index.ts';

const base = (goals: GoalSpec[], more: Partial<Level> = {}): Level => ({
  id: 'small',
  title: 'Small',
  story: 'A small level for a test.',
  scenario: cluster({ agents: [agent('a', { count: 2 })], apps: [app('/shop', 1)] }),
  goals,
  until: 30 * SECOND,
  allowed: {},
  reference: { changes: {}, expect: { won: true } },
  naive: { changes: {}, expect: { won: true } },
  ...more,
});
const run = (level: Level, changes = {}) => runLevel(level, changes, { kernels: 'ts' });
const startTraffic = (target: string) => ({
  at: 5 * SECOND,
  request: { method: 'POST' as const, path: '/sandbox/v1/traffic', body: { name: 'probe', target, rps: 10 } },
});

describe('traffic-errors on a running sandbox', () => {
  it('is lost when a client’s requests keep failing longer than allowed', async () => {
    const level = base([{ kind: 'traffic-errors', client: 'probe', maxSeconds: 3 }], {
      actions: [startTraffic('nowhere.marathon.mesos:80')],
    });
    const result = await run(level);
    expect(result.skipped).toEqual([]);
    if (result.won) throw new Error('expected a loss');
    expect(result.violation.text).toMatch(/^requests of probe failed for 4 s in a row \(from 0:0\d\), more than 3 s$/);
    expect(result.at).toBeGreaterThan(5 * SECOND);
    expect(result.at).toBeLessThan(15 * SECOND);
  });

  it('is won when the run of failures never gets that long', async () => {
    const level = base([{ kind: 'traffic-errors', client: 'probe', maxSeconds: 60 }], {
      actions: [startTraffic('nowhere.marathon.mesos:80')],
    });
    expect(await run(level)).toMatchObject({ won: true, at: 30 * SECOND, skipped: [] });
  });
});

describe('deadline goals', () => {
  it('plan-complete of a service never installed is lost exactly at its deadline', async () => {
    const result = await run(base([{ kind: 'plan-complete', service: 'kafka', plan: 'deploy', by: 12345 }]));
    expect(result).toMatchObject({
      won: false,
      at: 12345,
      violation: { app: '/kafka', text: expect.stringMatching(/^the deploy plan of kafka is .+, not COMPLETE by 0:12$/) },
    });
  });

  it('pods-running is lost exactly at its moment, with no pods', async () => {
    const result = await run(base([{ kind: 'pods-running', service: 'kafka', count: 3, at: 7777 }]));
    expect(result).toMatchObject({ won: false, at: 7777, violation: { text: 'at 0:07 kafka runs 0 of 3 pods', app: '/kafka' } });
  });

  it('pods-running asking for no pods holds, and the level runs to its end', async () => {
    expect(await run(base([{ kind: 'pods-running', service: 'kafka', count: 0, at: 7777 }]))).toMatchObject({ won: true, at: 30000 });
  });

  it('rolled-out is lost at its deadline when the version never ships, and won when the app already runs it', async () => {
    const goal = (cmd: string): GoalSpec => ({ kind: 'rolled-out', app: '/shop', cmd, count: 1, by: 25 * SECOND });
    const checked = cluster({ agents: [agent('a', { count: 2 })], apps: [app('/shop', 1, { healthChecks: [quickHealthCheck] })] });
    const lost = await run(base([goal('./shop --version 2')], { scenario: checked }));
    expect(lost).toMatchObject({
      won: false,
      at: 25000,
      violation: { text: '/shop is not rolled out by 0:25: 0 of 1 healthy tasks run "./shop --version 2" with no deployment left' },
    });
    expect(await run(base([goal('./shop --version 1')], { scenario: checked }))).toMatchObject({ won: true, at: 30000 });
    // without a health check no task counts as healthy, so even the running version is not rolled out
    expect(await run(base([goal('./shop --version 1')]))).toMatchObject({ won: false, at: 25000 });
  });

  it('leader holds through a crash of one of three masters, and is lost with one', async () => {
    const level = base([{ kind: 'leader', maxMs: 10 * SECOND }], {
      faults: [fault(5 * SECOND, 'master-crash', '{{leader}}')],
      allowed: { masters: [1, 3] },
    });
    expect(await run(level, { masters: 3 })).toMatchObject({ won: true });
    const lost = await run(level, { masters: 1 });
    expect(lost).toMatchObject({ won: false, violation: { master: 'master-1', text: expect.stringContaining('more than 10 s') } });
  });
});

describe('skipped writes', () => {
  it('lists a fault whose placeholder has no value, and a write the API refuses, and plays on', async () => {
    const level = base([{ kind: 'min-running', app: '/shop', count: 1, from: 20 * SECOND }], {
      faults: [fault(10 * SECOND, 'agent-crash', '{{host:/nope}}')],
      actions: [{ at: 12 * SECOND, request: { method: 'DELETE', path: '/marathon/v2/apps/nope' } }],
    });
    const result = await run(level);
    expect(result.won).toBe(true);
    expect(result.skipped).toEqual([
      {
        at: 10000,
        request: { method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-crash', target: '{{host:/nope}}' } },
        error: 'cannot resolve {{host:/nope}} now',
      },
      { at: 12000, request: { method: 'DELETE', path: '/marathon/v2/apps/nope' }, error: expect.stringMatching(/^HTTP 404: /) },
    ]);
  });
});

describe('refused changes', () => {
  it('an app the whitelist opens but the scenario lacks', async () => {
    const level = base([{ kind: 'leader', maxMs: 1000 }], { allowed: { apps: { '/ghost': ['instances'] } } });
    expect(levelScenario(level, { apps: { '/ghost': { instances: 2 } } })).toBe('refused: the scenario has no app /ghost');
    expect(await run(level, { apps: { '/ghost': { instances: 2 } } })).toEqual({
      won: false,
      at: 0,
      violation: { text: 'refused: the scenario has no app /ghost' },
      events: 0,
      historyHash: '',
      refused: true,
      skipped: [],
    });
  });

  it('a value the scenario rejects', async () => {
    const level = base([{ kind: 'leader', maxMs: 1000 }], { allowed: { apps: { '/shop': ['instances'] } } });
    const scenario = levelScenario(level, { apps: { '/shop': { instances: 'many' } } });
    expect(scenario).toMatch(/^refused: .*instances/);
  });
});

describe('random faults in a level', () => {
  it('join the schedule in time order with the fixed faults, and play the same each time', async () => {
    const level = base([{ kind: 'min-running', app: '/shop', count: 0 }], {
      faults: [fault(15 * SECOND, 'heal')],
      randomFaults: { seed: 9, count: 4, from: 10 * SECOND, to: 25 * SECOND, kinds: ['agent-crash'] },
      until: 1 * MINUTE,
    });
    const scenario = levelScenario(level, {});
    if (typeof scenario === 'string') throw new Error(scenario);
    const schedule = scheduleOf(level, scenario, {});
    expect(schedule).toHaveLength(5);
    expect(schedule.map((s) => s.at)).toEqual([...schedule.map((s) => s.at)].sort((a, b) => a - b));
    expect(schedule.filter((s) => (s.request.body as { kind: string }).kind === 'agent-crash')).toHaveLength(4);
    const a = await run(level);
    const b = await run(level);
    expect(b).toEqual(a);
    expect(a.won).toBe(true);
  });
});
