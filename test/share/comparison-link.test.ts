/** What-if comparison links (src/share/comparison-link.ts): `f=1.<packed JSON>`, read back trusting nothing. */
import { describe, expect, it } from 'vitest';
import { deflate, packJson, toBase64Url } from '../../src/common/packed.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { ScenarioError } from '../../src/common/scenario/reader.ts';
import { validateScenario } from '../../src/common/scenario/validate.ts';
import { decodeComparisonLink, encodeComparisonLink, isComparisonLink, type ComparisonSpec } from '../../src/share/comparison-link.ts';

const scenario = validateScenario(defaultScenario);
const heavier = { name: 'heavier web', writes: [{ method: 'PUT' as const, path: '/mesos/weights', body: [{ role: 'web', weight: 3 }] }] };
const spec: ComparisonSpec = {
  scenario,
  at: 60_000,
  untilMs: 240_000,
  sampleEveryMs: 10_000,
  baseline: 'as is',
  variants: [heavier, { name: 'one agent more', writes: [{ method: 'POST', path: '/sandbox/v1/agents', body: { public: false } }] }],
};

/** The fields of a link as plain JSON, so a test can spoil one of them. */
const fields = (): Record<string, unknown> => JSON.parse(JSON.stringify(spec)) as Record<string, unknown>;
const linkOf = async (value: unknown) => `f=1.${await packJson(value)}`;
const refusal = (why: string) => ({ ok: false, error: `This comparison link cannot be opened: ${why}.` });
const read = async (value: unknown) => decodeComparisonLink(await linkOf(value));

describe('comparison links', () => {
  it('round trip: the spec comes back as it was encoded', async () => {
    const link = await encodeComparisonLink(spec);
    expect(link.startsWith('f=1.')).toBe(true);
    expect(isComparisonLink(link)).toBe(true);
    const decoded = await decodeComparisonLink(link);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.spec).toEqual(spec);
    expect(decoded.spec.variants[0]!.writes[0]!.body).toEqual([{ role: 'web', weight: 3 }]);
  });

  it('validates and defaults the scenario it carries', async () => {
    const raw = { ...fields(), scenario: defaultScenario };
    const decoded = await read(raw);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.spec.scenario).toEqual(validateScenario(defaultScenario));
    expect(decoded.spec.at).toBe(60_000);
    expect(decoded.spec.untilMs).toBe(240_000);
    expect(decoded.spec.sampleEveryMs).toBe(10_000);
    expect(decoded.spec.baseline).toBe('as is');
  });

  it('knows its own links from scenario links', () => {
    expect(isComparisonLink('f=1.abc')).toBe(true);
    expect(isComparisonLink('s=4.abc')).toBe(false);
    expect(isComparisonLink('#f=1.abc')).toBe(false);
  });

  it('refuses a link that is not one, of another format or too long', async () => {
    expect(await decodeComparisonLink('s=4.abc')).toEqual(refusal('it does not start with f='));
    expect(await decodeComparisonLink('f=x.abc')).toEqual(refusal('it has no version number'));
    expect(await decodeComparisonLink('f=1abc')).toEqual(refusal('it has no version number'));
    expect(await decodeComparisonLink('f=.abc')).toEqual(refusal('it has no version number'));
    expect(await decodeComparisonLink('f=2.abc')).toEqual(
      refusal('it uses format 2; this page reads format 1 (reload to get the latest version)'),
    );
    expect(await decodeComparisonLink('f=0.abc')).toEqual(
      refusal('it uses format 0; this page reads format 1 (reload to get the latest version)'),
    );
    expect(await decodeComparisonLink(`f=1.${'A'.repeat(100_000)}`)).toEqual(refusal('it is longer than 100,000 characters'));
  });

  it('refuses data that is not base64url, not deflate, too large or not JSON', async () => {
    const base64 = refusal('its data is not valid base64url (was it cut or changed?)');
    expect(await decodeComparisonLink('f=1.%%%%')).toEqual(base64);
    expect(await decodeComparisonLink('f=1.')).toEqual(base64);
    expect(await decodeComparisonLink('f=1.AAAAA')).toEqual(base64); // 5 characters: no whole byte in the last group
    // 0xff: a final block of the reserved type 3, which no inflater reads.
    expect(await decodeComparisonLink(`f=1.${toBase64Url(Uint8Array.of(0xff, 0xff, 0xff, 0xff))}`)).toEqual(
      refusal('its data does not decompress (was it cut short?)'),
    );
    const bomb = await linkOf({ ...fields(), pad: 'x'.repeat(2_100_000) });
    expect(bomb.length).toBeLessThan(100_000);
    expect(await decodeComparisonLink(bomb)).toEqual(refusal('it expands to more than 2,000,000 bytes'));
    const cut = `f=1.${toBase64Url(await deflate(new TextEncoder().encode('{"at": 1')))}`;
    expect(await decodeComparisonLink(cut)).toEqual(refusal('its data is not JSON'));
  });

  it('refuses JSON that holds no comparison', async () => {
    for (const value of [null, 5, 'f', [fields()]])
      expect(await read(value), JSON.stringify(value).slice(0, 20)).toEqual(refusal('it holds no comparison'));
  });

  it('refuses a fork moment, a run or a sample interval out of range', async () => {
    const at = refusal('its fork moment must be from 0 to 21,600,000 ms');
    for (const bad of [-1, 21_600_001, '60000', null, Number.NaN]) expect(await read({ ...fields(), at: bad }), String(bad)).toEqual(at);
    const run = refusal('its variants must run from the fork for up to 6 h');
    expect(await read({ ...fields(), untilMs: 60_000 })).toEqual(run);
    expect(await read({ ...fields(), untilMs: 59_999 })).toEqual(run);
    expect(await read({ ...fields(), untilMs: 60_000 + 6 * 3_600_000 + 1 })).toEqual(run);
    expect(await read({ ...fields(), untilMs: '240000' })).toEqual(run);
    expect(await read({ ...fields(), untilMs: 60_000 + 6 * 3_600_000 })).toMatchObject({ ok: true });
    expect(await read({ ...fields(), at: 21_600_000, untilMs: 21_600_001 })).toMatchObject({ ok: true });
    const sample = refusal('its sample interval must be 1000 ms or more');
    expect(await read({ ...fields(), sampleEveryMs: 999 })).toEqual(sample);
    expect(await read({ ...fields(), sampleEveryMs: undefined })).toEqual(sample);
    expect(await read({ ...fields(), sampleEveryMs: 1000 })).toMatchObject({ ok: true });
  });

  it('refuses a baseline without a name and too few or too many variants', async () => {
    expect(await read({ ...fields(), baseline: '  ' })).toEqual(refusal('its baseline has no name'));
    expect(await read({ ...fields(), baseline: 7 })).toEqual(refusal('its baseline has no name'));
    const count = refusal('it must carry 1 to 3 variants besides the baseline');
    const named = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `v${i}`, writes: [] }));
    expect(await read({ ...fields(), variants: [] })).toEqual(count);
    expect(await read({ ...fields(), variants: named(4) })).toEqual(count);
    expect(await read({ ...fields(), variants: { name: 'v', writes: [] } })).toEqual(count);
    expect(await read({ ...fields(), variants: named(1) })).toMatchObject({ ok: true });
    expect(await read({ ...fields(), variants: named(3) })).toMatchObject({ ok: true });
  });

  it("refuses a name used twice, the baseline's included", async () => {
    expect(await read({ ...fields(), variants: [heavier, heavier] })).toEqual(refusal("variants[1].name 'heavier web' is used twice"));
    expect(await read({ ...fields(), variants: [{ ...heavier, name: 'as is' }] })).toEqual(
      refusal("variants[0].name 'as is' is used twice"),
    );
  });

  it('refuses a variant without a name, with too many writes or with a write that is not one', async () => {
    const variants = (second: unknown) => ({ ...fields(), variants: [heavier, second] });
    expect(await read(variants('v'))).toEqual(refusal('variants[1] is not an object'));
    const name = refusal('variants[1].name must be 1 to 80 characters');
    expect(await read(variants({ writes: [] }))).toEqual(name);
    expect(await read(variants({ name: ' ', writes: [] }))).toEqual(name);
    expect(await read(variants({ name: 'x'.repeat(81), writes: [] }))).toEqual(name);
    expect(await read(variants({ name: 'x'.repeat(80), writes: [] }))).toMatchObject({ ok: true });
    const writes = refusal('variants[1].writes must be a list of at most 20 requests');
    expect(await read(variants({ name: 'v' }))).toEqual(writes);
    const agent = { method: 'POST', path: '/sandbox/v1/agents' };
    expect(await read(variants({ name: 'v', writes: Array.from({ length: 21 }, () => agent) }))).toEqual(writes);
    expect(await read(variants({ name: 'v', writes: Array.from({ length: 20 }, () => agent) }))).toMatchObject({ ok: true });
    const request = (j: number) => refusal(`variants[1].writes[${j}] must be a request {method: POST, PUT, PATCH or DELETE, path, body?}`);
    expect(await read(variants({ name: 'v', writes: [agent, { method: 'GET', path: '/mesos/master/state' }] }))).toEqual(request(1));
    expect(await read(variants({ name: 'v', writes: [{ method: 'post', path: '/sandbox/v1/agents' }] }))).toEqual(request(0));
    expect(await read(variants({ name: 'v', writes: [{ method: 'POST' }] }))).toEqual(request(0));
    expect(await read(variants({ name: 'v', writes: ['POST /sandbox/v1/agents'] }))).toEqual(request(0));
  });

  it("refuses a scenario that does not validate, with the scenario's own message", async () => {
    const bad = { ...defaultScenario, seed: 'x' };
    let message = '';
    try {
      validateScenario(bad);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      message = e.message;
    }
    expect(message).not.toBe('');
    expect(await read({ ...fields(), scenario: bad })).toEqual(refusal(`its scenario is not valid: ${message}`));
    const missing = fields();
    delete missing.scenario;
    expect(await read(missing)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^This comparison link cannot be opened: its scenario is not valid: /),
    });
  });

  it("keeps only a request's own fields: extra keys dropped, headers only when every one is text", async () => {
    const writes = [
      {
        method: 'POST',
        path: '/sandbox/v1/agents',
        body: { public: true },
        evil: '<script>',
        headers: { 'Content-Type': 'application/json' },
      },
      { method: 'DELETE', path: '/sandbox/v1/agents/a1', headers: { 'X-Count': 1 } },
      { method: 'PUT', path: '/mesos/weights', body: [{ role: 'web', weight: 2 }], headers: ['Accept'] },
      { method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'heal' }, headers: 'Accept: */*' },
    ];
    const decoded = await read({ ...fields(), extra: 1, variants: [{ name: 'v', writes, colour: 'red' }] });
    if (!decoded.ok) throw new Error(decoded.error);
    expect(Object.keys(decoded.spec).sort()).toEqual(['at', 'baseline', 'sampleEveryMs', 'scenario', 'untilMs', 'variants']);
    expect(decoded.spec.variants).toStrictEqual([
      {
        name: 'v',
        writes: [
          { method: 'POST', path: '/sandbox/v1/agents', body: { public: true }, headers: { 'Content-Type': 'application/json' } },
          { method: 'DELETE', path: '/sandbox/v1/agents/a1' },
          { method: 'PUT', path: '/mesos/weights', body: [{ role: 'web', weight: 2 }] },
          { method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'heal' } },
        ],
      },
    ]);
  });
});
