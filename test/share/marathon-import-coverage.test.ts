/** Marathon import and scenario problems on hand-made JSON: pods, limits, the root group's order, API answers. */
import { describe, expect, it } from 'vitest';
import {
  classifyMarathon,
  detailLines,
  MAX_IMPORT_APPS,
  MAX_IMPORT_BYTES,
  planMarathonImport,
  podsIn,
  readMarathonImport,
  rootSteps,
  runImport,
} from '../../src/share/marathon-import.ts';
import { MAX_PROBLEMS, scenarioProblems } from '../../src/share/scenario-problems.ts';
import type { ApiResponse } from '../../src/api/types.ts';

type Json = Record<string, unknown>;
const app = (id: string, extra: Json = {}): Json => ({ id, cmd: 'sleep 100', cpus: 0.1, mem: 32, ...extra });
const pod = (id: string): Json => ({
  id,
  containers: [{ name: 'c', resources: { cpus: 0.1, mem: 32 }, exec: { command: { shell: 'sleep 1' } } }],
});

describe('planMarathonImport', () => {
  it('what is no object or array is no Marathon JSON', () => {
    expect(classifyMarathon('app')).toBeNull();
    expect(classifyMarathon(null)).toBeNull();
    expect(planMarathonImport(3)).toEqual({
      ok: false,
      kind: null,
      errors: ['/: expected a Marathon app, pod or group (a JSON object) or an array of apps'],
    });
  });

  it('refuses text too large or not JSON before reading it', () => {
    expect(readMarathonImport(' '.repeat(MAX_IMPORT_BYTES + 1))).toEqual({
      ok: false,
      kind: null,
      errors: [`The JSON is too large (5,000,001 characters, at most 5,000,000).`],
    });
    expect(readMarathonImport('{"id":')).toMatchObject({ ok: false, kind: null, errors: [expect.stringMatching(/^Not JSON: /)] });
  });

  it('a pod is one POST /v2/pods without its status; a bad pod gives its paths', () => {
    const body = pod('/p');
    expect(planMarathonImport({ ...body, version: 'v', status: 'STABLE', instances: [] })).toEqual({
      ok: true,
      kind: 'pod',
      steps: [{ kind: 'pod', id: '/p', request: { method: 'POST', path: '/marathon/v2/pods', body } }],
    });
    const bad = planMarathonImport({ id: '/p', containers: [] });
    expect(bad.ok).toBe(false);
    expect(bad).toMatchObject({ kind: 'pod', errors: [expect.stringMatching(/^\/\S*: /)] });
  });

  it('a list: empty, too long, or an id twice', () => {
    expect(planMarathonImport([])).toEqual({ ok: false, kind: 'apps', errors: ['/: the list holds no apps'] });
    const many = Array.from({ length: MAX_IMPORT_APPS + 1 }, (_, i) => app(`/a${i}`));
    expect(planMarathonImport({ apps: many })).toEqual({
      ok: false,
      kind: 'apps',
      errors: [`/: at most ${MAX_IMPORT_APPS} apps at once (got 1001)`],
    });
    expect(planMarathonImport([app('/a'), app('/b'), app('a')])).toEqual({
      ok: false,
      kind: 'apps',
      errors: ["(2)/id: the app '/a' is listed twice"],
    });
    expect(planMarathonImport({ app: app('/x', { cpus: -1 }) })).toMatchObject({
      ok: false,
      kind: 'app',
      errors: [expect.stringMatching(/^\/cpus: /)],
    });
    expect(planMarathonImport(['nope'])).toMatchObject({ ok: false, kind: 'apps', errors: [expect.stringMatching(/^\(0\)/)] });
  });

  it('a group of too many apps and pods is refused; a bad group gives its paths', () => {
    const apps = Array.from({ length: MAX_IMPORT_APPS }, (_, i) => app(`a${i}`));
    expect(planMarathonImport({ id: '/big', apps, pods: [pod('p')] })).toEqual({
      ok: false,
      kind: 'group',
      errors: [`/: at most ${MAX_IMPORT_APPS} apps and pods at once`],
    });
    expect(planMarathonImport({ id: '/g', apps: [app('x', { mem: -5 })] })).toMatchObject({
      ok: false,
      kind: 'group',
      errors: [expect.stringMatching(/^\/apps\(0\)\/mem: /)],
    });
  });
});

describe('rootSteps and podsIn', () => {
  it('orders top-level groups, apps and pods so that each comes after what it depends on', () => {
    const root = {
      id: '/',
      apps: [app('/web', { dependencies: ['/db/pg', 7] })],
      groups: [
        { id: 'front', apps: [app('/front/ui', { dependencies: ['/web'] })], groups: [{ id: '/front/sub', dependencies: ['/db'] }] },
        { id: '/db/', apps: [app('pg')], pods: [pod('side')], groups: [{ id: 'inner', pods: [pod('/db/inner/p')] }] },
        'junk',
      ],
      pods: [pod('/solo')],
    };
    const steps = rootSteps(root);
    expect(steps.map((s) => `${s.kind} ${s.id}`)).toEqual([
      'group /db',
      'app /web',
      'group /front',
      'pod /solo',
      'pod /db/side',
      'pod /db/inner/p',
    ]);
    // Groups are posted without their pods, at every level.
    expect(steps[0]!.request.body).toEqual({ id: '/db', apps: [app('pg')], groups: [{ id: 'inner' }] });
  });

  it('a cycle keeps the given order; ids that are not text fall back to the parent', () => {
    const steps = rootSteps({ apps: [app('/a', { dependencies: ['b'] }), app('/b', { dependencies: ['/a'] }), { cmd: 'x' }] });
    expect(steps.map((s) => s.id)).toEqual(['/b', '/a', '/']);
    expect(podsIn({ pods: [{ containers: [] }, 'x'], groups: [{ id: 'g', pods: [{ id: 'p' }] }] }).map((p) => p.id)).toEqual(['/', '/g/p']);
  });

  it('detailLines puts each path under the item', () => {
    expect(detailLines([], '', 'boom')).toEqual(['/: boom']);
    expect(detailLines([], '(3)', 'boom')).toEqual(['(3): boom']);
    expect(detailLines([{ path: '/', errors: ['a', 'b'] }], '(1)', 'm')).toEqual(['(1): a', '(1): b']);
    expect(detailLines([{ path: '/cpus', errors: ['c'] }], '', 'm')).toEqual(['/cpus: c']);
  });
});

describe('runImport', () => {
  it('reports each answer in words, whatever its body', async () => {
    const plan = planMarathonImport([app('/a'), app('/b'), app('/c'), app('/d'), app('/e')]);
    if (!plan.ok) throw new Error(plan.errors.join());
    const answers: ApiResponse[] = [
      { status: 201, body: {} },
      { status: 409, body: 'conflict' },
      { status: 500, body: [1] },
      { status: 422, body: { message: 'Invalid', details: [{ path: '/cpus', errors: ['too big', 'odd'] }, { path: '/x' }, 'y'] } },
      { status: 400, body: { error: 'no message' } },
    ] as ApiResponse[];
    let i = 0;
    const results = await runImport(plan.steps, () => answers[i++]!);
    expect(results.map((r) => [r.step.id, r.ok, r.status, r.messages])).toEqual([
      ['/a', true, 201, []],
      ['/b', false, 409, ['conflict']],
      ['/c', false, 500, ['[1]']],
      ['/d', false, 422, ['Invalid', '/cpus: too big', '/cpus: odd']],
      ['/e', false, 400, ['{"error":"no message"}']],
    ]);
  });
});

describe('scenarioProblems', () => {
  const agent = { hostname: 'a', resources: { cpus: 1, mem: 1 } };

  it('a valid scenario has none; what is not an object has its one', () => {
    expect(scenarioProblems({ cluster: { agents: [agent] } })).toEqual([]);
    expect(scenarioProblems('x')).toHaveLength(1);
  });

  it('frameworks, marathon and script that are not lists are each named', () => {
    const got = scenarioProblems({ cluster: { agents: [agent] }, frameworks: 'x', marathon: 'y', script: 'z' });
    expect(got.map((p) => p.split(':')[0])).toEqual(['frameworks', 'marathon', 'script']);
  });

  it('a cluster without agents is named once', () => {
    expect(scenarioProblems({ cluster: { agents: [] } })).toEqual([
      expect.stringMatching(/^cluster\.agents: must list at least one agent/),
    ]);
  });

  it('each bad agent, app and action at its own path, and a cap on how many', () => {
    const agents = Array.from({ length: MAX_PROBLEMS + 5 }, (_, i) => ({ hostname: `BAD_${i}`, resources: { cpus: 1, mem: 1 } }));
    const got = scenarioProblems({ cluster: { agents } });
    expect(got).toHaveLength(MAX_PROBLEMS + 1);
    expect(got[0]).toMatch(/^cluster\.agents\[0\]\.hostname: /);
    expect(got[MAX_PROBLEMS - 1]).toMatch(/^cluster\.agents\[49\]\.hostname: /);
    expect(got[MAX_PROBLEMS]).toBe('… and 5 more problems');
    const mixed = scenarioProblems({
      cluster: { agents: [agent] },
      marathon: { apps: [app('/ok'), app('/bad', { cpus: -1 })] },
      script: [{ at: 0, request: { method: 'GET', path: '/x' } }],
    });
    expect(mixed.map((p) => p.split(':')[0])).toEqual(['marathon.apps[1].cpus', 'script[0].request.method']);
  });
});
