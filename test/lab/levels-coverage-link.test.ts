/** Level links and the whitelist of changes: every way a link or a change is refused, with its reason. */
import { describe, expect, it } from 'vitest';
import { deflate, toBase64Url } from '../../src/common/packed.ts';
import { applyChanges, changesProblem, decodeLevel, encodeLevel, levelProblem, type Level } from '../../src/sandbox/levels/index.ts';
import { MAX_LEVEL_BYTES, MAX_LEVEL_LINK_CHARS } from '../../src/sandbox/levels/link.ts';
import { agentCrash, leaderKill } from '../../src/sandbox/levels/shipped-apps.ts';
import { validateScenario } from '../../src/common/scenario/validate.ts';

const packBytes = async (bytes: Uint8Array) => `l=1.${toBase64Url(await deflate(bytes))}`;
const pack = (text: string) => packBytes(new TextEncoder().encode(text));
const plain = (): Record<string, unknown> => JSON.parse(JSON.stringify(agentCrash)) as Record<string, unknown>;
const bad = (patch: Record<string, unknown>) => levelProblem({ ...plain(), ...patch });

describe('decodeLevel refusals', () => {
  it('not a level link, with or without #', async () => {
    expect(await decodeLevel('#s=1.abc')).toEqual({ ok: false, error: 'This link does not contain a chaos level.' });
    expect(await decodeLevel('')).toEqual({ ok: false, error: 'This link does not contain a chaos level.' });
  });

  it('no version: no dot, or an empty or non-numeric version', async () => {
    const none = { ok: false, error: 'This level link is damaged: it has no version number.' };
    expect(await decodeLevel('l=1')).toEqual(none);
    expect(await decodeLevel('l=.abcd')).toEqual(none);
    expect(await decodeLevel('l=v1.abcd')).toEqual(none);
  });

  it('another version', async () => {
    expect(await decodeLevel('l=7.abcd')).toEqual({
      ok: false,
      error: 'This level link uses format 7; this sandbox reads format 1. Reload to get the latest version.',
    });
  });

  it('too long, judged before anything else is read', async () => {
    const long = `l=1.${'A'.repeat(MAX_LEVEL_LINK_CHARS)}`;
    expect(await decodeLevel(long)).toEqual({
      ok: false,
      error: 'This link is too long to be a level (at most 100000 characters).',
    });
    expect(await decodeLevel(`l=9.${'!'.repeat(MAX_LEVEL_LINK_CHARS)}`)).toMatchObject({ error: expect.stringContaining('too long') });
  });

  it('not base64url: bad characters, an impossible length, or no data', async () => {
    const error = 'This level link is damaged: its data is not valid base64url (was it cut or changed?).';
    expect(await decodeLevel('l=1.ab+c')).toEqual({ ok: false, error });
    expect(await decodeLevel('l=1.abcde')).toEqual({ ok: false, error }); // 5 characters: 1 left over
    expect(await decodeLevel('l=1.')).toEqual({ ok: false, error });
  });

  it('does not inflate', async () => {
    expect(await decodeLevel(`l=1.${toBase64Url(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))}`)).toEqual({
      ok: false,
      error: 'This level link is damaged: its data does not decompress (was it cut short?).',
    });
  });

  it('inflates past the limit', async () => {
    const link = await pack(' '.repeat(MAX_LEVEL_BYTES + 1));
    expect(link.length).toBeLessThan(MAX_LEVEL_LINK_CHARS);
    expect(await decodeLevel(link)).toEqual({ ok: false, error: 'This level link expands to more than 1000000 bytes.' });
  });

  it('not JSON, or not UTF-8', async () => {
    const error = 'This level link is damaged: its data is not JSON.';
    expect(await decodeLevel(await pack('{"id": '))).toEqual({ ok: false, error });
    expect(await decodeLevel(await packBytes(new Uint8Array([0x22, 0xc3, 0x28, 0x22])))).toEqual({ ok: false, error });
  });

  it('JSON that is not a valid level, with the field', async () => {
    expect(await decodeLevel(await pack('[1, 2]'))).toEqual({ ok: false, error: 'This level is not valid: a level must be a JSON object' });
    expect(await decodeLevel(await pack(JSON.stringify({ ...plain(), until: 500 })))).toEqual({
      ok: false,
      error: 'This level is not valid: until: must be a whole number of ms from 1000 to 7200000',
    });
  });

  it('a valid level passes', async () => {
    const link = await encodeLevel(agentCrash);
    expect((await decodeLevel(link)).ok).toBe(true);
  });
});

describe('levelProblem', () => {
  it('refuses a level that is not an object, or lacks its words', () => {
    expect(levelProblem(null)).toBe('a level must be a JSON object');
    expect(levelProblem('level')).toBe('a level must be a JSON object');
    expect(bad({ id: 'x'.repeat(61) })).toMatch(/^id:/);
    expect(bad({ id: 7 })).toMatch(/^id:/);
    expect(bad({ title: '' })).toBe('title and story: must be non-empty strings');
    expect(bad({ story: 'x'.repeat(2001) })).toBe('title and story: must be non-empty strings');
  });

  it('refuses an until that is not a whole number of ms in range', () => {
    const msg = 'until: must be a whole number of ms from 1000 to 7200000';
    for (const until of ['60000', 1000.5, 999, 7200001]) expect(bad({ until })).toBe(msg);
    expect(bad({ until: 7200000 })).toBeNull();
  });

  it('refuses missing or malformed goals, naming the field and what it must be', () => {
    expect(bad({ goals: [] })).toBe('goals: expected a non-empty list');
    expect(bad({ goals: 'all' })).toBe('goals: expected a non-empty list');
    expect(bad({ goals: ['leader'] })).toMatch(/^goals\[0\]\.kind: must be one of min-running, max-unhealthy, traffic-errors/);
    expect(bad({ goals: [{ kind: 'leader', maxMs: 1, app: '/shop' }] })).toBe("goals[0].app: not a field of a 'leader' goal");
    expect(bad({ goals: [{ kind: 'max-unhealthy', app: '', maxMs: 1 }] })).toBe('goals[0].app: must be a non-empty string');
    expect(bad({ goals: [{ kind: 'min-running', app: '/shop', count: 1, healthy: 'yes' }] })).toBe(
      'goals[0].healthy: must be true or false',
    );
    expect(bad({ goals: [{ kind: 'traffic-errors', client: 'c', maxSeconds: 10001 }] })).toBe(
      'goals[0].maxSeconds: must be a whole number from 0 to 10000',
    );
    expect(
      bad({
        goals: [
          { kind: 'leader', maxMs: 1 },
          { kind: 'plan-complete', service: 'kafka', plan: 'deploy', by: 240001 },
        ],
      }),
    ).toBe("goals[1].by: must be a whole number of ms from 0 to the level's until (240000)");
    expect(bad({ goals: [{ kind: 'pods-running', service: 'kafka', count: 3 }] })).toMatch(/^goals\[0\]\.at:/);
  });

  it('accepts every goal kind with its fields, optional ones left out', () => {
    expect(
      bad({
        goals: [
          { kind: 'min-running', app: '/shop', count: 1 },
          { kind: 'min-running', app: '/shop', count: 1, healthy: false, from: 0, forMs: 240000 },
          { kind: 'max-unhealthy', app: '/shop', maxMs: 0 },
          { kind: 'traffic-errors', client: 'c', maxSeconds: 10000 },
          { kind: 'leader', maxMs: 5 },
          { kind: 'plan-complete', service: 'kafka', plan: 'deploy', by: 240000 },
          { kind: 'pods-running', service: 'kafka', count: 0, at: 0 },
          { kind: 'rolled-out', app: '/shop', cmd: 'x', count: 2, by: 1000 },
        ],
      }),
    ).toBeNull();
  });

  it('refuses malformed actions and faults', () => {
    expect(bad({ actions: {} })).toBe('actions: expected a list');
    expect(bad({ actions: [null] })).toBe('actions[0].at: must be a whole number of ms from 0 to 240000');
    expect(bad({ actions: [{ at: 240001, request: {} }] })).toBe('actions[0].at: must be a whole number of ms from 0 to 240000');
    expect(bad({ actions: [{ at: 0, request: [] }] })).toBe('actions[0].request: expected an object');
    expect(bad({ actions: [{ at: 0, request: { method: 'POST' } }] })).toBe('actions[0].request: needs a method and a path');
    expect(bad({ actions: [{ at: 0, request: { method: 'POST', path: '/x' } }] })).toBeNull();
    expect(bad({ faults: 'none' })).toBe('faults: expected a list');
    expect(bad({ faults: [{ at: 0, fault: 'agent-crash' }] })).toBe('faults[0].fault: expected an object');
    expect(bad({ faults: [{ at: 0, fault: { target: 'a-1' } }] })).toBe('faults[0].fault.kind: must be a fault kind');
  });

  it('refuses a whitelist that is malformed or opens what no level may', () => {
    expect(bad({ allowed: null })).toMatch(/^allowed: expected an object/);
    expect(bad({ allowed: { apps: ['/shop'] } })).toBe('allowed.apps: expected an object by app id');
    expect(bad({ allowed: { apps: { '/shop': 'instances' } } })).toMatch(/^allowed\.apps\.\/shop: must list fields among instances/);
    expect(bad({ allowed: { masters: [2] } })).toBe('allowed.masters: must list numbers of masters among 1, 3, 5');
    expect(bad({ allowed: { masters: 3 } })).toBe('allowed.masters: must list numbers of masters among 1, 3, 5');
    const actions = 'allowed.actions: must list patterns "METHOD /path" (POST, PUT, PATCH or DELETE)';
    expect(bad({ allowed: { actions: ['GET /marathon/v2/apps'] } })).toBe(actions);
    expect(bad({ allowed: { actions: [7] } })).toBe(actions);
    expect(bad({ allowed: { actions: 'POST /x' } })).toBe(actions);
  });

  it('refuses malformed random faults', () => {
    const shape = 'randomFaults: expected {"seed", "count" (at most 100), "from", "to", "kinds"}';
    const good = { seed: 1, count: 3, from: 0, to: 240000, kinds: ['agent-crash'] };
    expect(bad({ randomFaults: good })).toBeNull();
    expect(bad({ randomFaults: [] })).toBe(shape);
    expect(bad({ randomFaults: { ...good, seed: -1 } })).toBe(shape);
    expect(bad({ randomFaults: { ...good, count: 101 } })).toBe(shape);
    expect(bad({ randomFaults: { ...good, from: 1.5 } })).toBe(shape);
    expect(bad({ randomFaults: { ...good, to: 240001 } })).toBe(shape);
    expect(bad({ randomFaults: { ...good, kinds: 'agent-crash' } })).toBe(shape);
    const kinds = 'randomFaults.kinds: must list agent-crash, leader-crash or task-crash';
    expect(bad({ randomFaults: { ...good, kinds: [] } })).toBe(kinds);
    expect(bad({ randomFaults: { ...good, kinds: ['agent-crash', 'disk-full'] } })).toBe(kinds);
  });

  it('refuses solutions without an expectation, or whose changes the whitelist refuses', () => {
    expect(bad({ reference: null })).toBe('reference: expected {"changes", "expect": {"won", …}}');
    expect(bad({ naive: { changes: {} } })).toBe('naive: expected {"changes", "expect": {"won", …}}');
    expect(bad({ naive: { changes: {}, expect: { won: 'no' } } })).toBe('naive: expected {"changes", "expect": {"won", …}}');
    expect(bad({ naive: { changes: { apps: { '/shop': { cmd: 'x' } } }, expect: { won: false } } })).toBe(
      'naive.changes: apps./shop.cmd: not a field this level lets you change (allowed: instances, constraints)',
    );
  });
});

describe('changesProblem refusals', () => {
  const kafkaLike: Level = {
    ...agentCrash,
    allowed: { actions: ['POST /service/kafka/v1/pod/*/replace', 'DELETE /marathon/v2/apps/shop'] },
  };

  it('changes that are not an object, or name something no level changes', () => {
    const shape = 'changes: expected an object {"apps"?, "masters"?, "actions"?}';
    expect(changesProblem(agentCrash, null)).toBe(shape);
    expect(changesProblem(agentCrash, [])).toBe(shape);
    expect(changesProblem(agentCrash, 'x')).toBe(shape);
    expect(changesProblem(agentCrash, { until: 1 })).toBe('until: not something a level lets you change');
    expect(changesProblem(agentCrash, {})).toBeNull();
  });

  it('apps: not an object, an app not opened, fields not an object, a field not opened', () => {
    expect(changesProblem(agentCrash, { apps: [] })).toBe('apps: expected an object by app id');
    expect(changesProblem(leaderKill, { apps: { '/shop': { instances: 3 } } })).toBe(
      'apps./shop: this level does not let you change /shop',
    );
    expect(changesProblem(agentCrash, { apps: { '/shop': 3 } })).toBe('apps./shop: expected an object of app fields');
    expect(changesProblem(agentCrash, { apps: { '/shop': { healthChecks: [] } } })).toBe(
      'apps./shop.healthChecks: not a field this level lets you change (allowed: instances, constraints)',
    );
    expect(changesProblem(agentCrash, { apps: { '/shop': { instances: 2 } } })).toBeNull();
  });

  it('masters: not among those allowed, or not opened at all', () => {
    expect(changesProblem(leaderKill, { masters: 3 })).toBeNull();
    expect(changesProblem(leaderKill, { masters: '3' })).toBe('masters: must be one of 1, 3, 5');
    expect(changesProblem(agentCrash, { masters: 3 })).toBe('masters: this level does not let you change the number of masters');
  });

  it('actions: not a list, malformed, out of time, or not matching a pattern', () => {
    const req = (method: string, path: string, at = 1000) => ({ actions: [{ at, request: { method, path } }] });
    expect(changesProblem(kafkaLike, { actions: {} })).toBe('actions: expected a list');
    const shape = 'actions[0]: expected {"at", "request": {"method", "path", "body"?}}';
    expect(changesProblem(kafkaLike, { actions: [null] })).toBe(shape);
    expect(changesProblem(kafkaLike, { actions: [{ at: 0 }] })).toBe(shape);
    expect(changesProblem(kafkaLike, req('POST', '/x', -1))).toBe('actions[0].at: must be a whole number of ms from 0 to 240000');
    expect(changesProblem(kafkaLike, req('POST', '/x', 0.5))).toMatch(/^actions\[0\]\.at/);
    expect(changesProblem(kafkaLike, { actions: [{ at: 0, request: { method: 'POST' } }] })).toBe(
      'actions[0].request: needs a method and a path',
    );
    expect(changesProblem(kafkaLike, req('DELETE', '/marathon/v2/apps/shop?force=true'))).toBeNull();
    expect(changesProblem(kafkaLike, req('POST', '/marathon/v2/apps/shop'))).toBe(
      'actions[0]: POST /marathon/v2/apps/shop is not an action this level allows (allowed: POST /service/kafka/v1/pod/*/replace, DELETE /marathon/v2/apps/shop)',
    );
    expect(changesProblem(kafkaLike, req('POST', '/service/kafka/v1/pod/kafka-0/replace/now'))).toMatch(/is not an action/);
    expect(
      changesProblem(kafkaLike, {
        actions: [
          { at: 0, request: { method: 'POST', path: '/service/kafka/v1/pod/kafka-0/replace' } },
          { at: 0, request: { method: 'PUT', path: '/x' } },
        ],
      }),
    ).toMatch(/^actions\[1\]: PUT \/x/);
  });
});

describe('applyChanges', () => {
  const scenario = validateScenario(agentCrash.scenario);

  it('sets masters and app fields on a copy, leaving the level’s scenario as it was', () => {
    const before = JSON.stringify(scenario);
    const out = applyChanges(scenario, { masters: 5, apps: { '/shop': { instances: 2, constraints: [['hostname', 'UNIQUE']] } } });
    expect(out.cluster.masters).toBe(5);
    expect(out.marathon.apps[0]).toMatchObject({ id: '/shop', instances: 2, constraints: [['hostname', 'UNIQUE']], cpus: 0.5 });
    expect(JSON.stringify(scenario)).toBe(before);
    expect(applyChanges(scenario, {})).toEqual(scenario);
  });

  it('throws for an app the scenario does not have', () => {
    expect(() => applyChanges(scenario, { apps: { '/ghost': { instances: 1 } } })).toThrow(
      new RangeError('the scenario has no app /ghost'),
    );
  });
});
