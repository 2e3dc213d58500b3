/** The What-if page's changes (src/ui/pages/forks/changes.ts): each kind's write, its refusals, and its name in words. */
import { describe, expect, it } from 'vitest';
import { changeWords, draftOf, variantName, variantOf, writeOf, type Change } from '../../../src/ui/pages/forks/changes.ts';

const weight: Change = { kind: 'weight', role: 'web', weight: 3 };
const quota: Change = { kind: 'quota', role: 'analytics', cpus: 4, memMb: 2048 };
const instances: Change = { kind: 'instances', app: '/prod/api', instances: 5 };
const unique: Change = {
  kind: 'constraint',
  app: '/web',
  field: 'hostname',
  operator: 'UNIQUE',
  value: '',
  current: [['rack', 'GROUP_BY', '2']],
};

describe('writeOf', () => {
  it("a role's weight: PUT /mesos/weights", () => {
    expect(writeOf(weight)).toEqual({ method: 'PUT', path: '/mesos/weights', body: [{ role: 'web', weight: 3 }] });
    expect(writeOf({ ...weight, role: '' })).toBe('Choose a role.');
    for (const w of [0, -1, Number.NaN]) expect(writeOf({ ...weight, weight: w })).toBe('A weight is a number above 0.');
    expect(writeOf({ ...weight, weight: 0.5 })).toMatchObject({ body: [{ role: 'web', weight: 0.5 }] });
  });

  it("a role's quota: POST /mesos/quota with a scalar guarantee of each", () => {
    expect(writeOf(quota)).toEqual({
      method: 'POST',
      path: '/mesos/quota',
      body: {
        role: 'analytics',
        guarantee: [
          { name: 'cpus', type: 'SCALAR', scalar: { value: 4 } },
          { name: 'mem', type: 'SCALAR', scalar: { value: 2048 } },
        ],
      },
    });
    expect(writeOf({ ...quota, role: '' })).toBe('Choose a role.');
    const none = 'A quota guarantees some CPUs or memory.';
    expect(writeOf({ ...quota, cpus: 0, memMb: 0 })).toBe(none);
    expect(writeOf({ ...quota, cpus: -1, memMb: 512 })).toBe(none);
    expect(writeOf({ ...quota, cpus: 2, memMb: Number.NaN })).toBe(none);
    expect(writeOf({ ...quota, cpus: 0, memMb: 512 })).toMatchObject({ method: 'POST', path: '/mesos/quota' });
  });

  it("an app's instances: PATCH the app with its instances", () => {
    expect(writeOf(instances)).toEqual({ method: 'PATCH', path: '/marathon/v2/apps/prod/api', body: { instances: 5 } });
    expect(writeOf({ ...instances, app: '//web', instances: 0 })).toEqual({
      method: 'PATCH',
      path: '/marathon/v2/apps/web',
      body: { instances: 0 },
    });
    expect(writeOf({ ...instances, app: '' })).toBe('Choose an app.');
    for (const n of [-1, 1.5, Number.NaN]) expect(writeOf({ ...instances, instances: n })).toBe('Instances is a whole number, 0 or more.');
  });

  it("a constraint: added to the app's current ones, UNIQUE without a value", () => {
    expect(writeOf(unique)).toEqual({
      method: 'PATCH',
      path: '/marathon/v2/apps/web',
      body: {
        constraints: [
          ['rack', 'GROUP_BY', '2'],
          ['hostname', 'UNIQUE'],
        ],
      },
    });
    expect(writeOf({ ...unique, field: ' rack ', operator: 'LIKE', value: ' r1 ', current: [] })).toEqual({
      method: 'PATCH',
      path: '/marathon/v2/apps/web',
      body: { constraints: [['rack', 'LIKE', 'r1']] },
    });
    expect(writeOf({ ...unique, value: 'x' })).toMatchObject({
      body: {
        constraints: [
          ['rack', 'GROUP_BY', '2'],
          ['hostname', 'UNIQUE', 'x'],
        ],
      },
    });
    expect(unique.kind === 'constraint' && unique.current).toEqual([['rack', 'GROUP_BY', '2']]);
    expect(writeOf({ ...unique, app: '' })).toBe('Choose an app.');
    expect(writeOf({ ...unique, field: '  ' })).toBe('A constraint needs a field (hostname, or an agent attribute).');
    expect(writeOf({ ...unique, operator: 'LIKE', value: ' ' })).toBe('LIKE needs a value.');
    expect(writeOf({ ...unique, operator: 'MAX_PER', value: '' })).toBe('MAX_PER needs a value.');
  });

  it('agents and faults: the sandbox endpoints', () => {
    expect(writeOf({ kind: 'add-agent', public: true })).toEqual({ method: 'POST', path: '/sandbox/v1/agents', body: { public: true } });
    expect(writeOf({ kind: 'add-agent', public: false })).toEqual({ method: 'POST', path: '/sandbox/v1/agents', body: { public: false } });
    expect(writeOf({ kind: 'remove-agent', agent: 'a 1/x' })).toEqual({ method: 'DELETE', path: '/sandbox/v1/agents/a%201%2Fx' });
    expect(writeOf({ kind: 'remove-agent', agent: '' })).toBe('Choose an agent.');
    expect(writeOf({ kind: 'fault', fault: 'master-crash', target: 'm1' })).toEqual({
      method: 'POST',
      path: '/sandbox/v1/faults',
      body: { kind: 'master-crash', target: 'm1' },
    });
    expect(writeOf({ kind: 'fault', fault: 'agent-crash', target: '' })).toBe('Choose a node.');
  });

  it('a raw write: its path, and its body parsed as JSON', () => {
    const raw = (path: string, body: string): Change => ({ kind: 'write', method: 'POST', path, body });
    expect(writeOf(raw('/sandbox/v1/faults', '{"kind": "heal"}'))).toEqual({
      method: 'POST',
      path: '/sandbox/v1/faults',
      body: { kind: 'heal' },
    });
    const bare = writeOf(raw('/sandbox/v1/agents', '  \n'));
    expect(bare).toStrictEqual({ method: 'POST', path: '/sandbox/v1/agents' });
    expect(writeOf(raw('marathon/v2/apps', ''))).toBe('A path starts with /, as behind Admin Router (/marathon/v2/apps/…).');
    let parseError = '';
    try {
      JSON.parse('{"kind": ');
    } catch (e) {
      parseError = (e as Error).message;
    }
    expect(writeOf(raw('/sandbox/v1/faults', '{"kind": '))).toBe(`The body is not JSON: ${parseError}`);
  });
});

describe('names', () => {
  it('each change in a few words', () => {
    expect(changeWords(weight)).toBe('weight 3 on web');
    expect(changeWords(quota)).toBe('quota 4 CPUs, 2048 MiB on analytics');
    expect(changeWords(instances)).toBe('/prod/api at 5');
    expect(changeWords(unique)).toBe('/web hostname:UNIQUE');
    expect(changeWords({ ...unique, field: 'rack', operator: 'LIKE', value: 'r1' })).toBe('/web rack:LIKE:r1');
    expect(changeWords({ kind: 'add-agent', public: true })).toBe('a public agent more');
    expect(changeWords({ kind: 'add-agent', public: false })).toBe('an agent more');
    expect(changeWords({ kind: 'remove-agent', agent: 'a3' })).toBe('a3 removed');
    expect(changeWords({ kind: 'fault', fault: 'agent-crash', target: 'a1' })).toBe('a1 crashed');
    expect(changeWords({ kind: 'write', method: 'DELETE', path: '/marathon/v2/apps/web', body: '' })).toBe('DELETE /marathon/v2/apps/web');
  });

  it("a variant's name from none, one, two or more changes, cut at 80 characters", () => {
    expect(variantName([])).toBe('no change');
    expect(variantName([weight])).toBe('weight 3 on web');
    expect(variantName([weight, instances])).toBe('weight 3 on web and /prod/api at 5');
    expect(variantName([weight, instances, quota])).toBe('weight 3 on web and 2 more changes');
    expect(variantName([weight, instances, quota, unique])).toBe('weight 3 on web and 3 more changes');
    const long: Change = { kind: 'remove-agent', agent: 'x'.repeat(100) };
    const cut = variantName([long]);
    expect(cut).toBe(`${'x'.repeat(79)}…`);
    expect(cut.length).toBe(80);
    const exactly: Change = { kind: 'remove-agent', agent: 'y'.repeat(72) }; // + " removed": 80 characters
    expect(variantName([exactly])).toBe(`${'y'.repeat(72)} removed`);
    expect(variantName([{ kind: 'remove-agent', agent: 'y'.repeat(73) }])).toBe(`${'y'.repeat(73)} remov…`);
  });
});

describe('variants and drafts', () => {
  it('variantOf: the typed name (trimmed) or one from the changes, and the writes that can be made', () => {
    expect(variantOf({ name: ' mine ', changes: [weight] })).toEqual({
      name: 'mine',
      writes: [{ method: 'PUT', path: '/mesos/weights', body: [{ role: 'web', weight: 3 }] }],
    });
    const named = variantOf({ name: '  ', changes: [weight, { kind: 'remove-agent', agent: '' }, { kind: 'add-agent', public: false }] });
    // Named after the changes it makes: the agent left unchosen is not one of them.
    expect(named.name).toBe('weight 3 on web and an agent more');
    expect(named.writes).toEqual([
      { method: 'PUT', path: '/mesos/weights', body: [{ role: 'web', weight: 3 }] },
      { method: 'POST', path: '/sandbox/v1/agents', body: { public: false } },
    ]);
    expect(variantOf({ name: '', changes: [] })).toEqual({ name: 'no change', writes: [] });
  });

  it('draftOf: a linked variant as raw writes, which variantOf turns back into the same writes', () => {
    const variant = {
      name: 'linked',
      writes: [
        { method: 'PUT' as const, path: '/mesos/weights', body: [{ role: 'web', weight: 3 }] },
        { method: 'DELETE' as const, path: '/sandbox/v1/agents/a1' },
        { method: 'PATCH' as const, path: '/marathon/v2/apps/web', body: { constraints: [['hostname', 'UNIQUE']] } },
      ],
    };
    const draft = draftOf(variant);
    expect(draft).toEqual({
      name: 'linked',
      changes: [
        { kind: 'write', method: 'PUT', path: '/mesos/weights', body: '[{"role":"web","weight":3}]' },
        { kind: 'write', method: 'DELETE', path: '/sandbox/v1/agents/a1', body: '' },
        { kind: 'write', method: 'PATCH', path: '/marathon/v2/apps/web', body: '{"constraints":[["hostname","UNIQUE"]]}' },
      ],
    });
    expect(variantOf(draft)).toStrictEqual(variant);
    // A body sent as text is kept as that text (written as a JSON string), headers too: the same write comes back.
    const sent = {
      method: 'POST' as const,
      path: '/package/install',
      body: 'not json',
      headers: { accept: 'application/vnd.dcos.package.install-response+json;charset=utf-8;version=v2' },
    };
    const text = draftOf({ name: 't', writes: [sent] });
    expect(text.changes[0]).toEqual({ kind: 'write', method: 'POST', path: '/package/install', body: '"not json"', headers: sent.headers });
    expect(variantOf(text).writes).toStrictEqual([sent]);
  });
});
