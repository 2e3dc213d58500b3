/** What-if forks beyond the main tests: every write check, waiting reasons, deployments canceled, comparisons of figures. */
import { describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResponse } from '../../src/api/types.ts';
import { compareVariants, ForkError, forkScenarios, runVariant, writeProblem, type VariantReport } from '../../src/sandbox/forks/index.ts';
import { waitingReason } from '../../src/sandbox/forks/observe.ts';
import { ONE_APP, scaleWeb } from './forks-support.ts';

type Json = Record<string, unknown>;

describe('writeProblem: the shape of each kind of write', () => {
  it('refuses what is not a request or not a write', () => {
    expect(writeProblem(null)).toBe('must be a request {method, path, body?}');
    expect(writeProblem([])).toBe('must be a request {method, path, body?}');
    expect(writeProblem({ method: 'PUT', path: 'mesos/weights' })).toBe('path must be a string starting with /');
    expect(writeProblem({ method: 'PUT', path: 7 })).toBe('path must be a string starting with /');
    const deep: Json = {};
    let at = deep;
    for (let i = 0; i < 2000; i++) at = at.next = {};
    expect(writeProblem({ method: 'POST', path: '/marathon/v2/apps', body: deep })).toBe('its body cannot be written as JSON');
  });

  it('weights: PUT or POST with a list of roles and positive weights', () => {
    expect(writeProblem({ method: 'DELETE', path: '/mesos/weights' })).toBe('DELETE /mesos/weights takes PUT or POST');
    expect(writeProblem({ method: 'PATCH', path: '/mesos/weights', body: [] })).toBe('PATCH /mesos/weights takes PUT or POST');
    expect(writeProblem({ method: 'PUT', path: '/mesos/weights', body: [] })).toBe(
      'PUT /mesos/weights needs a body [{"role": "a", "weight": 2}]',
    );
    expect(writeProblem({ method: 'POST', path: '/mesos/weights', body: 'not json' })).toMatch(/needs a body \[/);
    expect(writeProblem({ method: 'PUT', path: '/mesos/weights', body: [{ role: 'a', weight: 1 }, 'b'] })).toBe(
      'PUT /mesos/weights body[1] needs a "role"',
    );
    expect(writeProblem({ method: 'PUT', path: '/mesos/weights', body: [{ role: '', weight: 1 }] })).toMatch(/body\[0\] needs a "role"$/);
    expect(writeProblem({ method: 'PUT', path: '/mesos/weights', body: [{ role: 'a', weight: '2' }] })).toMatch(
      /must be a number above 0$/,
    );
    // A body sent as JSON text is read as JSON; a query string is not part of the route.
    expect(writeProblem({ method: 'PUT', path: '/mesos/weights?x=1', body: '[{"role":"a","weight":2}]' })).toBeNull();
  });

  it('quota: POST with a role and a guarantee list', () => {
    expect(writeProblem({ method: 'DELETE', path: '/mesos/quota' })).toMatch(/^DELETE \/mesos\/quota takes POST/);
    expect(writeProblem({ method: 'POST', path: '/mesos/quota', body: { guarantee: [] } })).toBe(
      'POST /mesos/quota needs a body {"role", "guarantee": [...]}',
    );
    expect(writeProblem({ method: 'POST', path: '/mesos/quota', body: { role: 'web', guarantee: {} } })).toMatch(
      /^POST \/mesos\/quota needs "guarantee": \[/,
    );
  });

  it('an app: an object of its own id, whole instances and constraints as lists', () => {
    expect(writeProblem({ method: 'PUT', path: '/marathon/v2/apps/web', body: [1] })).toBe(
      'PUT /marathon/v2/apps/web needs an app definition as its body (a JSON object)',
    );
    expect(writeProblem({ method: 'PATCH', path: '/marathon/v2/apps/web', body: { instances: 1.5 } })).toMatch(
      /body.instances must be a whole number, 0 or more$/,
    );
    expect(writeProblem({ method: 'PUT', path: '/marathon/v2/apps/web', body: { constraints: ['hostname', 'UNIQUE'] } })).toBe(
      'PUT /marathon/v2/apps/web body.constraints must be a list of [field, operator, value?] lists',
    );
    expect(writeProblem({ method: 'PUT', path: '/marathon/v2/apps/web', body: { constraints: 'UNIQUE' } })).toMatch(/body.constraints/);
    // The id may be written with or without its slash, and the path may carry a query.
    expect(
      writeProblem({ method: 'PUT', path: '/marathon/v2/apps/prod/api?force=true', body: { id: 'prod/api', instances: 0 } }),
    ).toBeNull();
    expect(writeProblem({ method: 'PATCH', path: '/marathon/v2/apps/web', body: '{"instances": 2}' })).toBeNull();
    // Other Marathon writes pass the generic check only.
    expect(writeProblem({ method: 'DELETE', path: '/marathon/v2/apps/web' })).toBeNull();
  });

  it('agents: POST installs one (no body or an object), DELETE decommissions one', () => {
    expect(writeProblem({ method: 'POST', path: '/sandbox/v1/agents', body: { hostname: 'a9' } })).toBeNull();
    expect(writeProblem({ method: 'POST', path: '/sandbox/v1/agents', body: [1] })).toBe(
      'POST /sandbox/v1/agents takes an agent as a JSON object, or no body',
    );
    expect(writeProblem({ method: 'PUT', path: '/sandbox/v1/agents', body: {} })).toBe(
      'PUT /sandbox/v1/agents takes POST (install an agent)',
    );
    expect(writeProblem({ method: 'POST', path: '/sandbox/v1/agents/a1' })).toBe(
      'POST /sandbox/v1/agents/a1 takes DELETE (decommission the agent)',
    );
  });

  it('faults: POST of a known kind, with a target where one is needed', () => {
    expect(writeProblem({ method: 'PUT', path: '/sandbox/v1/faults', body: { kind: 'heal' } })).toBe('PUT /sandbox/v1/faults takes POST');
    expect(writeProblem({ method: 'POST', path: '/sandbox/v1/faults', body: '"heal"' })).toBe(
      'POST /sandbox/v1/faults needs a body {"kind", "target"}',
    );
    expect(writeProblem({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 3 } })).toMatch(
      /^POST \/sandbox\/v1\/faults unknown fault kind '3'/,
    );
    expect(writeProblem({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'master-crash', target: '' } })).toBe(
      "POST /sandbox/v1/faults fault 'master-crash' needs a target",
    );
    expect(writeProblem({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'heal' } })).toBeNull();
    expect(writeProblem({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'partition', sides: [['a1'], ['a2']] } })).toBeNull();
  });
});

describe('forkScenarios: names, writes and what a write carries', () => {
  const refusal = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      if (e instanceof ForkError) return e.message;
      throw e;
    }
    return 'no refusal';
  };

  it('refuses an empty name and writes that are not a list', () => {
    expect(refusal(() => forkScenarios(ONE_APP, 0, [{ name: ' ', writes: [] }], { baseline: 'b' }))).toBe(
      'variants[0].name: must be a non-empty string',
    );
    const notAList = [{ name: 'v', writes: 'PUT' }] as unknown as Parameters<typeof forkScenarios>[2];
    expect(refusal(() => forkScenarios(ONE_APP, 0, notAList, { baseline: 'b' }))).toBe('variants[0].writes: must be a list of requests');
    expect(refusal(() => forkScenarios(ONE_APP, Number.NaN, [{ name: 'v', writes: [] }], { baseline: 'b' }))).toBe(
      'at: must be a number of simulated ms, 0 or more (got NaN)',
    );
  });

  it('keeps a write’s headers and copies its body (the variant does not share it with the caller)', () => {
    const body = { id: '/web', cmd: 'serve', cpus: 0.5, mem: 128, instances: 2 };
    const [, v] = forkScenarios(
      ONE_APP,
      20_000,
      [{ name: 'v', writes: [{ method: 'PUT', path: '/marathon/v2/apps/web', body, headers: { 'x-trace': '1' } }] }],
      { baseline: 'b' },
    );
    const action = v!.scenario.script[v!.scenario.script.length - 1]!;
    expect(action).toEqual({ at: 20_000, request: { method: 'PUT', path: '/marathon/v2/apps/web', body, headers: { 'x-trace': '1' } } });
    body.instances = 9;
    expect((action.request.body as Json).instances).toBe(2);
  });
});

describe('runVariant: its arguments', () => {
  const [, v] = forkScenarios(ONE_APP, 20_000, [{ name: 'v', writes: [scaleWeb(2)] }], { baseline: 'b' });

  it('refuses a sample interval that is not above 0, a bad count of changes, and changes that are not at the fork', async () => {
    await expect(runVariant(v!, 30_000, 0, { kernels: 'ts' })).rejects.toThrow('sampleEveryMs must be above 0');
    await expect(runVariant({ ...v!, changes: 99 }, 30_000, 10_000, { kernels: 'ts' })).rejects.toThrow(
      'changes: not a count of the script',
    );
    await expect(runVariant({ ...v!, changes: 1.5 }, 30_000, 10_000, { kernels: 'ts' })).rejects.toThrow('changes: not a count');
    // Counting the scripted write at 0:10 as a change puts a change before the fork.
    await expect(runVariant({ ...v!, changes: 2 }, 30_000, 10_000, { kernels: 'ts' })).rejects.toThrow(
      "a variant's writes are made at its fork",
    );
  });
});

describe('waitingReason: the funnel stage that stops most agents', () => {
  const answering =
    (body: unknown, status = 200) =>
    (req: ApiRequest): ApiResponse => {
      expect(req).toEqual({ method: 'GET', path: '/sandbox/v1/marathon/apps/web/placement' });
      return { status, body } as ApiResponse;
    };

  it('says what it can from the placement diagnosis', () => {
    expect(waitingReason(answering({ message: 'no app' }, 404), '/web')).toBe('unknown (no placement diagnosis)');
    expect(waitingReason(answering({ agents: 0, stages: [] }), '/web')).toBe('no agent is registered');
    expect(waitingReason(answering({ agents: 3, fits: 2, stages: [{ stage: 'cpus', failed: 0 }] }), '/web')).toBe(
      '2 of 3 agents could take one: waiting for an offer or a launch delay',
    );
    expect(waitingReason(answering({ agents: 3, fits: 0 }), '/web')).toBe('waiting for offers');
    const p = {
      agents: 4,
      fits: 0,
      stages: [
        { stage: 'constraints', failed: 1 },
        { stage: 'mem', failed: 3 },
        { stage: 'cpus', failed: 2 },
      ],
      failures: [
        { stage: 'constraints', hostname: 'a1', detail: 'fails ["hostname","UNIQUE"]' },
        { stage: 'mem', hostname: 'a2', detail: 'has 64 MB free, needs 128' },
      ],
    };
    expect(waitingReason(answering(p), '/web')).toBe('mem: 3 of 4 agents fail (a2 has 64 MB free, needs 128)');
    expect(waitingReason(answering({ ...p, failures: [] }), '/web')).toBe('mem: 3 of 4 agents fail');
  });
});

describe('runVariant: deployments that end canceled, and writes refused', () => {
  /** /web runs; /big (64 cpus) can never be placed, so its deployment is still running at the fork. */
  const STUCK: Json = {
    seed: 9,
    cluster: {
      masters: 1,
      agents: ['a1', 'a2'].map((hostname) => ({ hostname, resources: { cpus: 4, mem: 4096, disk: 0, gpus: 0 } })),
      roles: {},
    },
    frameworks: [],
    marathon: {
      role: '*',
      apps: [
        { id: '/web', cmd: 'serve', cpus: 0.5, mem: 128, instances: 1 },
        { id: '/big', cmd: 'crunch', cpus: 64, mem: 128, instances: 1 },
      ],
    },
  };
  const big = (instances: number, force: boolean): ApiRequest => ({
    method: 'PUT',
    path: `/marathon/v2/apps/big${force ? '?force=true' : ''}`,
    body: { id: '/big', cmd: 'crunch', cpus: 64, mem: 128, instances },
  });

  it('reports the replaced deployment canceled, the locked app’s write refused, and compares them', async () => {
    const forks = forkScenarios(
      STUCK,
      30_000,
      [
        { name: 'forced', writes: [big(0, true)] },
        { name: 'locked', writes: [big(0, false)] },
      ],
      { baseline: 'as is' },
    );
    const [base, forced, locked] = (await Promise.all(forks.map((v) => runVariant(v, 60_000, 10_000, { kernels: 'ts' })))) as [
      VariantReport,
      VariantReport,
      VariantReport,
    ];
    // The boot deployment of /big started at 0:00 and is still running at the fork: it keeps its real start.
    const boot = base.deployments.find((d) => d.apps.includes('/big'))!;
    expect(boot).toMatchObject({ outcome: 'running', endedAt: null });
    expect(boot.startedAt).toBeLessThan(30_000);
    expect(base.waitingMs['/big']).toBe(30_000);
    expect(base.samples[0]!.apps.find((a) => a.app === '/big')!.reason).toMatch(/^cpus: 2 of 2 agents fail \(a\d has [\d.]+ cpus free/);

    expect(forced.writes[0]).toMatchObject({ status: 200, message: null });
    const byId = new Map(forced.deployments.map((d) => [d.id, d]));
    expect(byId.get(boot.id)).toMatchObject({ outcome: 'canceled', endedAt: 30_000 });
    // Scaled to 0 with nothing running, /big needs no deployment of its own.
    expect(forced.deployments).toHaveLength(1);
    expect(forced.waitingMs['/big']).toBeUndefined();

    expect(locked.writes[0]!.status).toBe(409);
    expect(locked.writes[0]!.message).toMatch(/locked/i);

    const c = compareVariants([base, forced, locked]);
    expect(c.differences.filter((d) => d.variant === 'forced').map((d) => d.text)).toEqual([
      'no instance of /big is left waiting (1 in as is)',
      '/big waits 0:30 less',
      "/big's deployment finishes by 1:00",
    ]);
    const lockedTexts = c.differences.filter((d) => d.variant === 'locked').map((d) => d.text);
    expect(lockedTexts).toEqual([expect.stringMatching(/^its write PUT \/marathon\/v2\/apps\/big was refused \(409: /)]);
  });
});

describe('compareVariants: figures that differ', () => {
  const report = (name: string, extra: Partial<VariantReport> = {}): VariantReport => ({
    name,
    at: 60_000,
    until: 3_600_000,
    sampleEveryMs: 60_000,
    hashAtFork: 'h0',
    hashAtEnd: `end-${name}`,
    events: 100,
    writes: [],
    samples: [],
    placements: {},
    deployments: [],
    waitingMs: {},
    ...extra,
  });
  const sample = (apps: [string, number, number, string | null][], roles: [string, number, number][] = []) => ({
    at: 3_600_000,
    roles: roles.map(([role, tasks, share]) => ({ role, tasks, share, weight: 1 })),
    apps: apps.map(([app, running, waiting, reason]) => ({ app, instances: running + waiting, running, staged: 0, waiting, reason })),
  });
  const finished = (app: string, startedAt: number, endedAt: number) => ({
    id: `d-${app}-${startedAt}`,
    apps: [app],
    startedAt,
    endedAt,
    outcome: 'finished' as const,
  });

  it('needs a report', () => {
    expect(() => compareVariants([])).toThrow(RangeError);
  });

  it('tells an app that is new or gone, and deployments finished on one side only', () => {
    const base = report('as is', {
      samples: [sample([['/old', 2, 0, null]])],
      deployments: [finished('/old', 60_000, 70_000)],
    });
    const changed = report('changed', {
      hashAtFork: 'other',
      samples: [sample([['/new', 1, 0, null]])],
      deployments: [finished('/new', 60_000, 65_000)],
    });
    const c = compareVariants([base, changed]);
    expect(c.sameHistoryAtFork).toBe(false);
    expect(c.variants).toEqual(['as is', 'changed']);
    expect(c.rows.filter((r) => r.metric === 'app running')).toEqual([
      { subject: '/new', metric: 'app running', values: [null, 1] },
      { subject: '/old', metric: 'app running', values: [2, null] },
    ]);
    expect(c.differences.map((d) => d.text)).toEqual(
      expect.arrayContaining([
        '/new runs 1 instance (it did not exist)',
        "/new's deployment takes 0:05 (none in as is)",
        '/old is gone',
        'no deployment of /old finishes after the fork (0:10 in as is)',
      ]),
    );
  });

  // Known defect: an app on one side only gets an 'app waiting' row of null against 0, and wordsFor tells it as
  // "no instance of /new is left waiting (0 in as is)", a difference that does not exist. Remove `.fails` once fixed.
  it('states no waiting difference for an app that exists on one side only', () => {
    const base = report('as is', { samples: [sample([['/old', 2, 0, null]])] });
    const changed = report('changed', { samples: [sample([['/new', 1, 0, null]])] });
    const texts = compareVariants([base, changed]).differences.map((d) => d.text);
    expect(texts.filter((t) => t.includes('left waiting'))).toEqual([]);
  });

  it('states each kind of difference in words, and counts what a summary leaves out', () => {
    const base = report('as is', {
      samples: [
        sample(
          [
            ['/api', 1, 0, null],
            ['/web', 3, 1, 'waiting for offers'],
          ],
          [['web', 4, 0.25]],
        ),
      ],
      deployments: [finished('/web', 60_000, 90_000)],
      waitingMs: { '/web': 10_000 },
      placements: { '/web': { a1: 2, a2: 1 }, spark: { a1: 3 } },
    });
    const changed = report('changed', {
      samples: [
        sample(
          [
            ['/api', 1, 1, 'constraints: 4 of 4 agents fail'],
            ['/web', 4, 0, null],
          ],
          [['web', 5, 0.251]],
        ),
      ],
      deployments: [finished('/web', 60_000, 150_000), { id: 'n', apps: ['/api'], startedAt: 60_000, endedAt: null, outcome: 'running' }],
      waitingMs: { '/web': 10_500, '/api': 3_540_000 },
      placements: { '/web': { a1: 2, a2: 2 }, spark: { a2: 3 } },
    });
    const c = compareVariants([base, changed]);
    expect(c.sameHistoryAtFork).toBe(true);
    expect(c.differences.map((d) => d.text)).toEqual([
      '1 more `web` task runs',
      '1 instance of /api still waits (0 in as is): constraints: 4 of 4 agents fail',
      '/api waits 59:00 longer',
      "/api's deployment is not done by 1:00:00",
      '/web runs 1 more instance',
      'no instance of /web is left waiting (1 in as is)',
      "/web's deployments take 1:00 longer",
      "/web's instances sit elsewhere (a2 1→2)",
    ]);
    // A share equal at two decimals, a wait 0.5 s longer and framework placements are no difference.
    expect(c.rows.find((r) => r.subject === 'web' && r.metric === 'role share')!.values).toEqual([0.25, 0.251]);
    expect(c.rows.find((r) => r.subject === '/web' && r.metric === 'app waiting ms')!.values).toEqual([10_000, 10_500]);
    expect(c.summary).toEqual([
      'with changed, 1 more `web` task runs, 1 instance of /api still waits (0 in as is): constraints: 4 of 4 agents fail, ' +
        "/api waits 59:00 longer, /api's deployment is not done by 1:00:00, /web runs 1 more instance " +
        'and 3 more differences (against as is, by 1:00:00)',
    ]);
  });

  it('tells shares, fewer tasks, shorter deployments and instances moved, and a refused write of the baseline', () => {
    const refused = { request: { method: 'DELETE' as const, path: '/sandbox/v1/agents/x' }, status: 404, message: null };
    const base = report('as is', {
      writes: [refused],
      samples: [sample([['/web', 2, 0, null]], [['web', 3, 0.5]])],
      deployments: [finished('/web', 60_000, 200_000)],
      placements: { '/web': { a1: 2 } },
    });
    const other = report('other', {
      samples: [sample([['/web', 2, 0, null]], [['web', 2, 0.25]])],
      deployments: [finished('/web', 60_000, 100_000)],
      waitingMs: { '/web': 5_000 },
      placements: { '/web': { a1: 1, a3: 1 } },
    });
    const c = compareVariants([base, other]);
    expect(c.sameHistoryAtFork).toBe(true);
    expect(c.differences.map((d) => [d.variant, d.metric, d.text])).toEqual([
      ['as is', 'write refused', 'its write DELETE /sandbox/v1/agents/x was refused (404: )'],
      ['other', 'role tasks', '1 fewer `web` task runs'],
      ['other', 'role share', "`web`'s dominant share ends at 0.25 (0.50)"],
      ['other', 'app waiting ms', '/web waits 0:05 longer'],
      ['other', 'app deployment ms', "/web's deployments take 1:40 less"],
      ['other', 'placement', "/web's instances sit elsewhere (a1 2→1 and a3 0→1)"],
    ]);
    expect(c.summary[0]).toBe(
      "with other, 1 fewer `web` task runs, `web`'s dominant share ends at 0.25 (0.50), /web waits 0:05 longer, " +
        "/web's deployments take 1:40 less and /web's instances sit elsewhere (a1 2→1 and a3 0→1) (against as is, by 1:00:00)",
    );
  });
});
