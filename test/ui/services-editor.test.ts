import { describe, expect, it } from 'vitest';
import { editableDefinition, fieldErrors, formFromJson, jsonFromForm, newAppDefinition } from '../../src/ui/pages/services/app-form.ts';
import { formatJson } from '../../src/ui/pages/services/json-format.ts';
import { lineOfPath, locateJson, markErrors, normalizeErrorPath, parentPath } from '../../src/ui/pages/services/json-locate.ts';

const definition = {
  id: '/prod/web',
  cpus: -1,
  constraints: [
    ['hostname', 'UNIQUE'],
    ['rack', 'NEAR'],
  ],
  healthChecks: [{ protocol: 'HTTP', path: '/health' }],
  upgradeStrategy: { minimumHealthCapacity: 1.2 },
};
const text = JSON.stringify(definition, null, 2);

describe('locating Marathon error paths in JSON text', () => {
  it('records the line of every field and array element', () => {
    const loc = locateJson(text);
    if (!loc.ok) throw new Error(loc.message);
    expect(loc.value).toEqual(definition);
    const line = (p: string) => lineOfPath(loc.lines, p);
    expect(line('/')).toEqual({ line: 1, exact: true });
    expect(line('/cpus')).toEqual({ line: 3, exact: true });
    expect(line('/constraints(1)')).toEqual({ line: 9, exact: true });
    expect(line('/healthChecks(0)/path')).toEqual({ line: 17, exact: true });
    expect(line('/upgradeStrategy/minimumHealthCapacity').line).toBe(
      text.split('\n').findIndex((l) => l.includes('minimumHealthCapacity')) + 1,
    );
    // a missing field points at its object
    expect(line('/healthChecks(0)/portIndex')).toEqual({ line: 15, exact: false });
    expect(line('/instances')).toEqual({ line: 1, exact: false });
    // other spellings of array indices
    expect(line('/constraints[1]').line).toBe(9);
    expect(line('constraints/1').line).toBe(9);
  });

  it('reports a syntax error with line and column', () => {
    const bad = '{\n  "id": "/a",\n  "cpus": 1,\n}';
    const loc = locateJson(bad);
    expect(loc).toMatchObject({ ok: false, line: 4, column: 1 });
    expect(locateJson('{"a": tru}')).toMatchObject({ ok: false, line: 1 });
    expect(locateJson('{"a": 1} x')).toMatchObject({ ok: false, message: "Unexpected 'x': expected the end of the text" });
    expect(locateJson('')).toMatchObject({ ok: false, message: 'Unexpected end of input: expected a value' });
    expect(locateJson('[1, "two", {"x": null}]')).toMatchObject({ ok: true, value: [1, 'two', { x: null }] });
  });

  it('pins details to lines, one mark per path, missing fields on their object', () => {
    const loc = locateJson(text);
    if (!loc.ok) throw new Error(loc.message);
    const marks = markErrors(
      loc.lines,
      [
        { path: '/constraints(1)', errors: ['bad operator'] },
        { path: '/cpus', errors: ['error.min'] },
        { path: '/cpus', errors: ['second'] },
        { path: '/instances', errors: ['error.path.missing'] },
      ],
      (e) => e.toUpperCase(),
    );
    expect(marks).toEqual([
      { line: 1, exact: false, path: '/instances', messages: ['ERROR.PATH.MISSING'] },
      { line: 3, exact: true, path: '/cpus', messages: ['ERROR.MIN', 'SECOND'] },
      { line: 9, exact: true, path: '/constraints(1)', messages: ['BAD OPERATOR'] },
    ]);
  });

  it('normalises and walks up paths', () => {
    expect(normalizeErrorPath('/a[0]/b')).toBe('/a(0)/b');
    expect(normalizeErrorPath('')).toBe('/');
    expect(parentPath('/a(0)/b')).toBe('/a(0)');
    expect(parentPath('/a(0)')).toBe('/a');
    expect(parentPath('/a')).toBe('/');
  });
});

describe('the app form', () => {
  it('round-trips the main fields and keeps the rest of the definition', () => {
    const base = {
      id: '/prod/web',
      instances: 3,
      cpus: 0.5,
      mem: 256,
      cmd: 'nginx',
      constraints: [['rack', 'GROUP_BY', '3']],
      labels: { a: 'b' },
      acceptedResourceRoles: ['slave_public'],
    };
    const form = formFromJson(base);
    expect(form).toMatchObject({
      id: '/prod/web',
      instances: '3',
      cpus: '0.5',
      constraints: 'rack:GROUP_BY:3',
      acceptedResourceRoles: 'slave_public',
      disk: '',
    });
    expect(jsonFromForm(form, base)).toEqual(base);
    const changed = jsonFromForm(
      { ...form, instances: '5', constraints: 'hostname:UNIQUE\n\n["rack","LIKE","r[12]"]', acceptedResourceRoles: '' },
      base,
    );
    expect(changed).toMatchObject({
      instances: 5,
      constraints: [
        ['hostname', 'UNIQUE'],
        ['rack', 'LIKE', 'r[12]'],
      ],
      labels: { a: 'b' },
    });
    expect(changed).not.toHaveProperty('acceptedResourceRoles');
  });

  it('edits the container image and runtime, keeping the rest of the container', () => {
    const plain = formFromJson({ id: '/web', cmd: 'nginx' });
    expect(plain).toMatchObject({ image: '', runtime: 'MESOS' });
    expect(jsonFromForm({ ...plain, image: ' nginx:1.25 ', runtime: 'DOCKER' }, { id: '/web', cmd: 'nginx' })).toEqual({
      id: '/web',
      cmd: 'nginx',
      container: { type: 'DOCKER', docker: { image: 'nginx:1.25' } },
    });
    const base = {
      id: '/web',
      container: { type: 'DOCKER', docker: { image: 'nginx:1.24', forcePullImage: true }, volumes: [{ containerPath: '/d' }] },
    };
    const form = formFromJson(base);
    expect(form).toMatchObject({ image: 'nginx:1.24', runtime: 'DOCKER' });
    expect(jsonFromForm(form, base)).toEqual(base);
    expect(jsonFromForm({ ...form, image: 'nginx:1.25', runtime: 'MESOS' }, base).container).toEqual({
      type: 'MESOS',
      docker: { image: 'nginx:1.25', forcePullImage: true },
      volumes: [{ containerPath: '/d' }],
    });
    expect(jsonFromForm({ ...form, image: '' }, base).container).toEqual({
      type: 'DOCKER',
      docker: { forcePullImage: true },
      volumes: [{ containerPath: '/d' }],
    });
    const imageOnly = { id: '/x', container: { type: 'MESOS', docker: { image: 'busybox' } } };
    expect(jsonFromForm({ ...formFromJson(imageOnly), image: '' }, imageOnly)).toEqual({ id: '/x' });
    expect(fieldErrors([{ path: '/container/docker/image', errors: ['must not be empty'] }]).byField.image).toEqual(['must not be empty']);
  });

  it('sends a non-number as text so the API names the field, and drops empty optional fields', () => {
    const out = jsonFromForm({ ...formFromJson({ id: 'x', cmd: 'sleep 1' }), cpus: 'lots', mem: '', cmd: '' }, { mem: 128 });
    expect(out).toEqual({ id: 'x', cpus: 'lots' });
  });

  it('sorts 422 details onto fields; constraint indices become lines', () => {
    const errs = fieldErrors([
      { path: '/cpus', errors: ['error.min'] },
      { path: '/constraints(1)', errors: ['operator must be one of the following UNIQUE, CLUSTER, GROUP_BY, LIKE, MAX_PER, UNLIKE or IS'] },
      { path: '/', errors: ["AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'."] },
      {
        path: '/healthChecks(0)',
        errors: ['Health check port indices must address an element of the ports array or container port mappings.'],
      },
      { path: '/id', errors: ['error.path.missing'] },
    ]);
    expect(errs.byField.cpus).toEqual(['is below the minimum']);
    expect(errs.byField.constraints).toEqual([
      'line 2: operator must be one of the following UNIQUE, CLUSTER, GROUP_BY, LIKE, MAX_PER, UNLIKE or IS',
    ]);
    expect(errs.byField.cmd?.[0]).toMatch(/must either contain one of 'cmd'/);
    expect(errs.byField.id).toEqual(['is required']);
    expect(errs.other).toEqual([
      {
        path: '/healthChecks(0)',
        message: 'Health check port indices must address an element of the ports array or container port mappings.',
      },
    ]);
  });

  it('edits a definition without its status fields; a new app starts in the current group', () => {
    expect(editableDefinition({ id: '/a', cmd: 'run x', version: 'v', tasks: [], tasksRunning: 1, deployments: [] })).toEqual({
      id: '/a',
      cmd: 'run x',
    });
    expect(newAppDefinition('/prod').id).toBe('/prod/new-service');
    expect(newAppDefinition('/').id).toBe('/new-service');
  });
});

describe('formatting definitions', () => {
  it('puts lists of plain values on one line and nests the rest', () => {
    const text = formatJson({
      id: '/a',
      constraints: [
        ['hostname', 'UNIQUE'],
        ['rack', 'GROUP_BY', '3'],
      ],
      empty: [],
      obj: {},
      hc: [{ path: '/' }],
      skip: undefined,
    });
    expect(text).toBe(
      '{\n  "id": "/a",\n  "constraints": [\n    ["hostname", "UNIQUE"],\n    ["rack", "GROUP_BY", "3"]\n  ],\n  "empty": [],\n  "obj": {},\n  "hc": [\n    {\n      "path": "/"\n    }\n  ]\n}',
    );
    expect(JSON.parse(text)).toEqual({
      id: '/a',
      constraints: [
        ['hostname', 'UNIQUE'],
        ['rack', 'GROUP_BY', '3'],
      ],
      empty: [],
      obj: {},
      hc: [{ path: '/' }],
    });
  });
});
