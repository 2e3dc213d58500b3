import { describe, expect, it } from 'vitest';
import { classifyMarathon, planMarathonImport, readMarathonImport, runImport } from '../../src/share/marathon-import.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { untilBooted } from '../support/marathon.ts';

const app = (id: string, extra: Record<string, unknown> = {}) => ({ id, cmd: 'sleep 1000', cpus: 0.1, mem: 32, ...extra });
const plan = (raw: unknown) => planMarathonImport(raw, { defaultRole: 'slave_public' });
const paths = (raw: unknown) => {
  const p = plan(raw);
  if (p.ok) throw new Error('expected problems');
  return p.errors;
};

describe('Marathon import', () => {
  it('classifies an app, a list of apps, a pod and a group', () => {
    expect(classifyMarathon(app('/a'))).toBe('app');
    expect(classifyMarathon({ app: app('/a') })).toBe('app');
    expect(classifyMarathon([app('/a')])).toBe('apps');
    expect(classifyMarathon({ apps: [app('/a')] })).toBe('apps');
    expect(classifyMarathon({ id: '/p', containers: [] })).toBe('pod');
    expect(classifyMarathon({ id: '/g', groups: [] })).toBe('group');
    expect(classifyMarathon({ id: '/g', apps: [], dependencies: [] })).toBe('group');
    expect(classifyMarathon('app')).toBeNull();
  });

  it('one app is one POST /v2/apps, without runtime fields', () => {
    const p = plan({ ...app('web'), version: '2024-01-01T00:00:00.000Z', tasksRunning: 3, tasks: [], deployments: [] });
    expect(p).toEqual({
      ok: true,
      kind: 'app',
      steps: [{ kind: 'app', id: '/web', request: { method: 'POST', path: '/marathon/v2/apps', body: app('web') } }],
    });
  });

  it('an array is one POST per app', () => {
    const p = plan([app('/a'), app('/b/c')]);
    expect(p.ok && p.steps.map((s) => `${s.request.method} ${s.request.path} ${s.id}`)).toEqual([
      'POST /marathon/v2/apps /a',
      'POST /marathon/v2/apps /b/c',
    ]);
  });

  it('a group is one POST /v2/groups; the root group is split like a real Marathon takes it', () => {
    const group = { id: '/prod', apps: [app('db')], groups: [{ id: 'web', apps: [app('nginx')] }] };
    const p = plan(group);
    expect(p.ok && p.steps).toEqual([
      { kind: 'group', id: '/prod', request: { method: 'POST', path: '/marathon/v2/groups', body: group } },
    ]);
    const root = {
      id: '/',
      apps: [app('/lb', { dependencies: ['/prod/db'] })],
      groups: [group],
      pods: [{ id: '/pp', containers: [{ name: 'c', resources: { cpus: 0.1, mem: 32 } }] }],
    };
    const split = plan(root);
    expect(split.ok && split.steps.map((s) => `${s.kind} ${s.id} ${s.request.path}`)).toEqual([
      'group /prod /marathon/v2/groups',
      'app /lb /marathon/v2/apps',
      'pod /pp /marathon/v2/pods',
    ]);
    // Dependencies first, whatever the order in the document.
    const reversed = plan({ apps: [app('/lb', { dependencies: ['/prod/db'] })], groups: [group], id: '/' });
    expect(reversed.ok && reversed.steps.map((s) => s.id)).toEqual(['/prod', '/lb']);
  });

  it("invalid JSON comes back with Marathon's paths", () => {
    expect(paths(app('/a', { cpus: -1 }))).toEqual(['/cpus: error.min']);
    expect(paths({ id: '/a', cpus: 'x' })).toEqual(['/cpus: error.expected.jsnumber']);
    expect(paths([app('/a'), app('/b', { instances: -2, mem: -1 }), app('/a')])).toEqual([
      '(1)/instances: error.min',
      '(1)/mem: error.min',
      "(2)/id: the app '/a' is listed twice",
    ]);
    expect(
      paths({
        id: '/prod',
        groups: [
          { id: 'ok', apps: [app('x')] },
          { id: 'bad', apps: [app('y', { cpus: -1 })] },
        ],
      }),
    ).toEqual(['/groups(1)/apps(0)/cpus: error.min']);
    expect(paths([])).toEqual(['/: the list holds no apps']);
    expect(paths(42)).toEqual([expect.stringMatching(/^\/: expected a Marathon app/)]);
    const text = readMarathonImport('{"id": "/a",');
    expect(text.ok === false && text.errors[0]).toMatch(/^Not JSON/);
  });

  it('runs through the API, each step answered on its own', async () => {
    const sandbox = await createSandbox({ ...defaultScenario, marathon: { ...defaultScenario.marathon, apps: [] } });
    untilBooted(sandbox);
    const p = readMarathonImport(JSON.stringify([app('/a'), app('/b', { role: 'nope' })]), { defaultRole: 'slave_public' });
    if (!p.ok) throw new Error(p.errors.join('\n'));
    const results = await runImport(p.steps, (req) => sandbox.request(req));
    expect(results.map((r) => [r.step.id, r.ok, r.status])).toEqual([
      ['/a', true, 201],
      ['/b', false, 422],
    ]);
    expect(results[1]!.messages.join('\n')).toMatch(/role/);
    expect(sandbox.scenario().script.map((a) => a.request.path)).toEqual(['/marathon/v2/apps', '/marathon/v2/apps']);
  });
});
