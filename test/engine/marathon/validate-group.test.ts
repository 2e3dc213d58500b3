import { describe, expect, it } from 'vitest';
import { dependencyOrder, readGroup, type GroupContext } from '../../../src/common/marathon/validate-group.ts';

const ctx: GroupContext = { base: '/', defaultRole: '*' };

/** Marathon's docs example of group dependencies: the services start after the databases. */
const product = {
  id: '/product',
  groups: [
    {
      id: '/product/database',
      apps: [
        { id: '/product/database/mongo', cmd: 'mongod', mem: 1024 },
        { id: '/product/database/mysql', cmd: 'mysqld', mem: 1024 },
      ],
    },
    {
      id: '/product/service',
      dependencies: ['/product/database'],
      apps: [
        { id: '/product/service/rails-app', cmd: 'rails s', instances: 2 },
        { id: '/product/service/play-app', cmd: 'play run' },
      ],
    },
  ],
};

function accepted(raw: unknown, c: GroupContext = ctx) {
  const r = readGroup(raw, c);
  if (!r.ok) throw new Error(JSON.stringify(r.body));
  return r.group;
}

function rejected(raw: unknown, c: GroupContext = ctx) {
  const r = readGroup(raw, c);
  if (r.ok) throw new Error('expected a rejection');
  return r;
}

const ids = (steps: Array<Array<{ id: string }>>) => steps.map((s) => s.map((a) => a.id));

describe('reading a Marathon group body', () => {
  it('flattens the docs group and orders its apps by group dependency', () => {
    const g = accepted(product);
    expect(g.id).toBe('/product');
    expect(g.groups).toEqual([
      { id: '/product', dependencies: [], enforceRole: false },
      { id: '/product/database', dependencies: [] },
      { id: '/product/service', dependencies: ['/product/database'] },
    ]);
    expect(g.apps.map((a) => a.id)).toEqual([
      '/product/database/mongo',
      '/product/database/mysql',
      '/product/service/rails-app',
      '/product/service/play-app',
    ]);
    expect(g.apps[2]).toMatchObject({ instances: 2, cpus: 1, mem: 128, role: '*' });
    const order = dependencyOrder(g.apps, g.groups);
    if (!order.ok) throw new Error('cyclic');
    expect(ids(order.steps)).toEqual([
      ['/product/database/mongo', '/product/database/mysql'],
      ['/product/service/rails-app', '/product/service/play-app'],
    ]);
  });

  it('resolves relative ids against the enclosing group, dependencies against the declaring group', () => {
    const g = accepted({
      id: 'prod',
      dependencies: ['../shared'],
      apps: [{ id: 'web', cmd: 'nginx', dependencies: ['db/mysql', 'cache'] }],
      groups: [
        { id: 'db', apps: [{ id: 'mysql', cmd: 'mysqld' }] },
        { id: '/prod/cache', dependencies: ['../db'], apps: [{ id: 'redis', cmd: 'redis-server' }] },
      ],
    });
    expect(g.groups.map((x) => [x.id, x.dependencies])).toEqual([
      ['/prod', ['/shared']],
      ['/prod/db', []],
      ['/prod/cache', ['/prod/db']],
    ]);
    expect(g.apps.map((a) => [a.id, a.dependencies])).toEqual([
      ['/prod/web', ['/prod/db/mysql', '/prod/cache']],
      ['/prod/db/mysql', []],
      ['/prod/cache/redis', []],
    ]);
    const order = dependencyOrder(g.apps, g.groups);
    if (!order.ok) throw new Error('cyclic');
    expect(ids(order.steps)).toEqual([['/prod/db/mysql'], ['/prod/cache/redis'], ['/prod/web']]);
  });

  it('takes the group id from the request path when the body has none (PUT /v2/groups/prod)', () => {
    const g = accepted({ apps: [{ id: 'web', cmd: 'nginx' }] }, { ...ctx, base: '/prod' });
    expect(g.id).toBe('/prod');
    expect(g.apps.map((a) => a.id)).toEqual(['/prod/web']);
  });

  it('reads pods like apps: relative ids resolved, errors re-pathed', () => {
    const pod = { id: 'cache', containers: [{ name: 'redis', resources: { cpus: 0.5, mem: 256 } }] };
    const g = accepted({ id: '/prod', pods: [pod] });
    expect(g.pods.map((p) => [p.id, p.instances])).toEqual([['/prod/cache', 1]]);
    const r = rejected({ id: '/prod', pods: [{ ...pod, containers: [{ name: 'redis', resources: { cpus: -1 } }] }] });
    expect(r.body.details).toEqual([{ path: '/pods(0)/containers(0)/resources/cpus', errors: ['got -1, expected 0.0 or more'] }]);
  });

  it('re-paths app violations under their place in the tree', () => {
    const r = rejected({
      id: '/prod',
      apps: [{ id: 'web', cmd: 'nginx', cpus: -1 }],
      groups: [
        { id: 'a' },
        {
          id: 'b',
          apps: [
            { id: 'Bad', cmd: 'run x' },
            { id: 'ok', cmd: 'run x', constraints: [['rack', 'NEAR']] },
          ],
        },
      ],
    });
    expect(r.status).toBe(422);
    // The JSON reader answers first, for the whole body: the rules (the NEAR constraint) are not reached.
    expect(r.body.message).toBe('Invalid JSON');
    expect(r.body.details).toEqual([
      { path: '/apps(0)/cpus', errors: ['error.min'] },
      { path: '/groups(1)/apps(0)/id', errors: ['error.pattern'] },
    ]);
  });

  it.each([
    [
      'an app outside its group',
      { id: '/prod', apps: [{ id: '/staging/web', cmd: 'run x' }] },
      '/apps(0)/id',
      "Identifier is not child of '/prod'",
    ],
    [
      'an app two levels down',
      { id: '/prod', apps: [{ id: 'web/nginx', cmd: 'run x' }] },
      '/apps(0)/id',
      "Identifier is not child of '/prod'",
    ],
    [
      'a pod outside its group',
      { id: '/prod', pods: [{ id: '/dev/p', containers: [{ name: 'c', resources: {} }] }] },
      '/pods(0)/id',
      "Identifier is not child of '/prod'",
    ],
    [
      'a nested group outside its parent',
      { id: '/prod', groups: [{ id: '/staging/db' }] },
      '/groups(0)/id',
      "Identifier is not child of '/prod'",
    ],
    [
      'a deeper group outside its parent',
      { id: '/prod', groups: [{ id: 'db', groups: [{ id: '/prod/cache' }] }] },
      '/groups(0)/groups(0)/id',
      "Identifier is not child of '/prod/db'",
    ],
    ['a bad group id', { id: '/prod', groups: [{ id: 'DB' }] }, '/groups(0)/id', 'must fully match regular expression'],
    ['a bad dependency', { id: '/prod', dependencies: ['/Shared'] }, '/dependencies(0)', 'must fully match regular expression'],
    [
      'enforceRole below the top level',
      { id: '/prod', groups: [{ id: 'second', enforceRole: true }] },
      '/groups(0)/enforceRole',
      'enforceRole can only be set for top-level groups, and /prod/second is not top-level',
    ],
    [
      'an app and a group with one id',
      { id: '/prod', apps: [{ id: 'db', cmd: 'run x' }], groups: [{ id: 'db' }] },
      '/',
      'Groups and Applications may not have the same identifier.',
    ],
    [
      'an app and a pod with one id',
      { id: '/prod', apps: [{ id: 'db', cmd: 'run x' }], pods: [{ id: 'db', containers: [{ name: 'c', resources: {} }] }] },
      '/',
      'Applications and Pods may not share the same id',
    ],
    [
      'apps depending on each other',
      {
        id: '/prod',
        apps: [
          { id: 'a', cmd: 'run x', dependencies: ['b'] },
          { id: 'b', cmd: 'run x', dependencies: ['/prod/a'] },
        ],
      },
      '/',
      'Dependency graph has cyclic dependencies.',
    ],
    [
      'a group depending on its own child',
      { id: '/prod', dependencies: ['db'], groups: [{ id: 'db', apps: [{ id: 'mysql', cmd: 'run x' }] }] },
      '/',
      'Dependency graph has cyclic dependencies.',
    ],
  ])('rejects %s', (_name, raw, path, error) => {
    const r = rejected(raw);
    expect(r.status).toBe(422);
    expect(r.body.message).toBe('Object is not valid');
    expect(r.body.details).toContainEqual({ path, errors: expect.arrayContaining([expect.stringContaining(error)]) });
  });

  it('answers type errors anywhere in the tree as Invalid JSON, ahead of rule violations', () => {
    const r = rejected({
      id: '/prod',
      dependencies: [3],
      apps: [
        { id: 'web', cmd: 'run x', cpus: '1' },
        { id: '/elsewhere/x', cmd: 'run x' },
      ],
      groups: [{ apps: [] }, { id: 'db', enforceRole: 'yes', pods: [{ id: 'p', containers: 'none' }] }],
    });
    expect(r.status).toBe(422);
    expect(r.body).toEqual({
      message: 'Invalid JSON',
      details: [
        { path: '/dependencies(0)', errors: ['error.expected.jsstring'] },
        { path: '/apps(0)/cpus', errors: ['error.expected.jsnumber'] },
        { path: '/groups(0)/id', errors: ['error.path.missing'] },
        { path: '/groups(1)/enforceRole', errors: ['error.expected.jsboolean'] },
        { path: '/groups(1)/pods(0)/containers', errors: ['error.expected.jsarray'] },
      ],
    });
    expect(rejected('x').body.details).toEqual([{ path: '/', errors: ['error.expected.jsobject'] }]);
    expect(rejected({ id: '/prod', apps: [7] }).body.details).toEqual([{ path: '/apps(0)', errors: ['error.expected.jsobject'] }]);
  });

  describe('roles (GroupNormalization)', () => {
    /** Marathon with --mesos_role `*`, the given --new_group_enforce_role, groups and existing services. */
    const withRoles = (
      newGroupEnforceRole: 'top' | 'off',
      groups: Record<string, boolean> = {},
      existing: Record<string, string> = {},
    ): GroupContext => ({
      ...ctx,
      roles: {
        mesosRole: '*',
        newGroupEnforceRole,
        topLevelEnforceRole: (id) => groups[id],
        existingRole: (id) => existing[id],
      },
    });

    it('gives the services of an enforcing top-level group that group’s name as role; nested groups may also take --mesos_role', () => {
      const g = accepted(
        {
          id: '/dev',
          enforceRole: true,
          apps: [{ id: 'a', cmd: 'run x' }],
          groups: [{ id: 'team', apps: [{ id: 'b', cmd: 'run x' }] }],
        },
        withRoles('off'),
      );
      expect(g.groups[0]).toEqual({ id: '/dev', dependencies: [], enforceRole: true });
      expect(g.apps.map((a) => a.role)).toEqual(['dev', 'dev']);
      const r = rejected({ id: '/dev', enforceRole: true, apps: [{ id: 'a', cmd: 'run x', role: '*' }] }, withRoles('off'));
      expect(r.body.details).toEqual([{ path: '/apps(0)/role', errors: ['got *, expected one of: [dev]'] }]);
      // `visitChildGroup` checks a nested group's services against its own (absent) enforceRole.
      const nested = accepted(
        { id: '/dev', enforceRole: true, groups: [{ id: 'team', apps: [{ id: 'b', cmd: 'run x', role: '*' }] }] },
        withRoles('off'),
      );
      expect(nested.apps.map((a) => a.role)).toEqual(['*']);
    });

    it('enforces the role of a top-level group the body creates without enforceRole under --new_group_enforce_role top', () => {
      const g = accepted({ id: '/', groups: [{ id: 'prod', apps: [{ id: 'web', cmd: 'run x' }] }] }, withRoles('top'));
      expect(g.groups.find((x) => x.id === '/prod')).toEqual({ id: '/prod', dependencies: [], enforceRole: true });
      expect(g.apps.map((a) => [a.id, a.role])).toEqual([['/prod/web', 'prod']]);
      const off = accepted({ id: '/', groups: [{ id: 'prod', apps: [{ id: 'web', cmd: 'run x' }] }] }, withRoles('off'));
      expect(off.groups.find((x) => x.id === '/prod')?.enforceRole).toBe(false);
      expect(off.apps.map((a) => a.role)).toEqual(['*']);
    });

    it('allows only --mesos_role (or the service’s own) without enforcement, and in /', () => {
      expect(rejected({ id: '/dev', apps: [{ id: 'a', cmd: 'run x', role: 'dev' }] }, withRoles('off')).body.details).toEqual([
        { path: '/apps(0)/role', errors: ['got dev, expected one of: [*]'] },
      ]);
      expect(rejected({ id: '/', apps: [{ id: 'a', cmd: 'run x', role: 'dev' }] }, withRoles('top')).body.details).toEqual([
        { path: '/apps(0)/role', errors: ['got dev, expected one of: [*]'] },
      ]);
      const kept = accepted({ id: '/dev', apps: [{ id: 'a', cmd: 'run x', role: 'dev' }] }, withRoles('off', {}, { '/dev/a': 'dev' }));
      expect(kept.apps.map((a) => a.role)).toEqual(['dev']);
    });

    it('honours an existing enforcing top-level group for a body below it', () => {
      const g = accepted({ id: 'db', apps: [{ id: 'mysql', cmd: 'run x' }] }, { ...withRoles('off', { '/dev': true }), base: '/dev' });
      expect(g.apps.map((a) => [a.id, a.role])).toEqual([['/dev/db/mysql', 'dev']]);
      const open = accepted({ id: 'db', apps: [{ id: 'mysql', cmd: 'run x' }] }, { ...withRoles('top', { '/dev': false }), base: '/dev' });
      expect(open.apps.map((a) => a.role)).toEqual(['*']);
    });
  });
});

describe('ordering apps into deployment steps', () => {
  const app = (id: string, dependencies: string[] = []) => ({ id, dependencies });

  it('puts each app one step after its longest dependency chain, keeping input order within a step', () => {
    const order = dependencyOrder([app('/a', ['/b', '/c']), app('/b'), app('/c', ['/b']), app('/d')], []);
    if (!order.ok) throw new Error('cyclic');
    expect(ids(order.steps)).toEqual([['/b', '/d'], ['/c'], ['/a']]);
  });

  it('expands a dependency on a group to every app under it, and group dependencies to every app of the group', () => {
    const apps = [app('/front/web', ['/db']), app('/db/mysql'), app('/db/replica/mysql'), app('/batch/etl'), app('/batch/report')];
    const order = dependencyOrder(apps, [{ id: '/batch', dependencies: ['/front'] }]);
    if (!order.ok) throw new Error('cyclic');
    expect(ids(order.steps)).toEqual([['/db/mysql', '/db/replica/mysql'], ['/front/web'], ['/batch/etl', '/batch/report']]);
  });

  it('ignores dependencies on ids that do not exist, and group dependencies naming an app (Marathon only follows groups there)', () => {
    const order = dependencyOrder(
      [app('/a', ['/nowhere']), app('/g/b')],
      [
        { id: '/', dependencies: ['/gone'] },
        { id: '/g', dependencies: ['/a'] },
      ],
    );
    expect(order.ok && ids(order.steps)).toEqual([['/a', '/g/b']]);
  });

  it('answers a cycle, also one through a group, with a 422 at /', () => {
    const cycle = {
      ok: false,
      status: 422,
      body: { message: 'Object is not valid', details: [{ path: '/', errors: ['Dependency graph has cyclic dependencies.'] }] },
    };
    expect(dependencyOrder([app('/a', ['/b']), app('/b', ['/c']), app('/c', ['/a'])], [])).toEqual(cycle);
    expect(dependencyOrder([app('/g/a'), app('/h/b', ['/g'])], [{ id: '/g', dependencies: ['/h'] }])).toEqual(cycle);
    expect(dependencyOrder([app('/a', ['/a'])], [])).toEqual(cycle);
  });
});
