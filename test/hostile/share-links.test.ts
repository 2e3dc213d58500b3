/**
 * Generated damaged share links (`#s=1.<base64url of deflate-raw JSON>`, src/share/link.ts): valid links cut
 * short, with characters flipped, random base64url, wrong versions, bytes that are not deflate, deflate of
 * text that is not JSON, payloads with a random leaf or subtree replaced by a wrong type or a prototype key,
 * zip-bomb-ish payloads and over-long fragments. Asserted for every one: `decodeScenarioLink` resolves (never
 * rejects) to either a refusal with a plain sentence for the user, or a scenario that `createSandbox` opens
 * (or refuses with a ScenarioError), runs to the link's moment, and replays from its own saved scenario to the
 * same history hash. `isScenarioLink` agrees with the decoder, and nothing reaches Object.prototype.
 */
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, ScenarioError, type Scenario } from '../../src/sandbox/index.ts';
import { validateScenario } from '../../src/common/scenario/validate.ts';
import { decodeScenarioLink, encodeScenarioLink, isScenarioLink, MAX_LINK_CHARS, type DecodedLink } from '../../src/share/link.ts';
import { agent } from '../support/cluster.ts';
import { marathonScenario } from '../support/marathon.ts';

const FAST = { allocator: 'ts', matcher: 'ts' } as const;
/** Links further in than this are decoded and opened but not run (keeps the suite fast). */
const RUN_CAP_MS = 60_000;
const AT = 9000;

const SCENARIO: Scenario = validateScenario({
  ...marathonScenario([agent('a1', { cpus: 2, mem: 2048, disk: 500 }), agent('a2', { cpus: 2, mem: 2048, disk: 500 })], {
    marathon: { apps: [{ id: '/boot', cmd: 'sleep 1000', instances: 1, cpus: 0.1, mem: 32 }] },
  }),
  script: [
    {
      at: 3000,
      request: { method: 'POST', path: '/marathon/v2/apps', body: { id: '/web', cmd: 'sleep 1000', instances: 2, cpus: 0.1, mem: 32 } },
    },
    { at: 6000, request: { method: 'PUT', path: '/marathon/v2/apps/web', body: { instances: 1 } } },
  ],
});
const PAYLOAD = { at: AT, scenario: SCENARIO };
let GOOD = '';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const linkOfBytes = (bytes: Uint8Array, version = '1') => `#s=${version}.${b64(bytes)}`;
const linkOfText = (text: string) => linkOfBytes(deflateRawSync(Buffer.from(text, 'utf8')));
const B64URL = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];
const base64url = (maxLength: number) => fc.string({ unit: fc.constantFrom(...B64URL), maxLength });

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
  expect(Object.getOwnPropertyNames(Array.prototype)).not.toContain('polluted');
}

/** A refusal the user can read: one sentence, no leaked internals. */
function expectHumanSentence(error: unknown, link: string): void {
  const where = `error for ${link.slice(0, 60)}`;
  expect(typeof error, where).toBe('string');
  const text = error as string;
  expect(text.trim().length, where).toBeGreaterThan(0);
  expect(text.length, where).toBeLessThan(8192);
  // Marathon's own words for a missing field ("'id' is undefined on object: {…}") are not a leak.
  expect(text.replace(/'[^']*' is undefined on object: /g, ''), where).not.toMatch(
    /undefined|\[object Object\]|\n\s+at |TypeError|RangeError|SyntaxError|ReferenceError/,
  );
}

/** What every decoded link must satisfy; returns the answer for stronger checks in a property. */
async function checkLink(link: string): Promise<DecodedLink> {
  let decoded: DecodedLink | undefined;
  try {
    decoded = await decodeScenarioLink(link);
  } catch (e) {
    expect.fail(`decodeScenarioLink rejected for ${link.slice(0, 80)}: ${String(e)}`);
  }
  const answer = decoded!;
  expect(isScenarioLink(link), link.slice(0, 40)).toBe(answer.ok || !/does not contain a scenario/.test(answer.error));
  if (!answer.ok) {
    expectHumanSentence(answer.error, link);
    return answer;
  }
  expect(answer.at).toBeGreaterThanOrEqual(0);
  expect(answer.view === null || answer.view.startsWith('/')).toBe(true);
  let sb;
  try {
    sb = await createSandbox(answer.scenario, FAST);
  } catch (e) {
    if (e instanceof ScenarioError) return answer;
    expect.fail(`createSandbox threw ${String(e)} for a decoded link ${link.slice(0, 80)}`);
  }
  if (answer.at > RUN_CAP_MS) return answer;
  expect(() => sb.advance(answer.at), `advancing to ${answer.at}`).not.toThrow();
  const again = await createSandbox(sb.scenario(), FAST);
  again.advance(sb.now);
  expect(again.historyHash(), `replay of ${link.slice(0, 60)}`).toBe(sb.historyHash());
  return answer;
}

/** Every path (as keys) to a value inside `root`, root itself included. */
function pathsOf(root: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    out.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(root, []);
  return out;
}

/** A copy of `root` with the value at `path` replaced (JSON copy: own `__proto__` keys stay plain keys). */
function replaceAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = JSON.parse(JSON.stringify(root)) as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  Object.defineProperty(at, path.at(-1)!, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Values of the wrong type, prototype keys and numbers at the edges. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '-1', '1e999', '', ' ', '__proto__', 'constructor', 'undefined', 'null'),
  fc.constantFrom(1e308, -1e308, -1, -0.5, 0, 2 ** 53 + 1, -(2 ** 31), 4294967296, 1e-300, 21_600_001),
  fc.constantFrom(
    JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
    { constructor: { prototype: { polluted: true } } },
    JSON.parse('[{"__proto__": {"polluted": 1}}]') as unknown,
    { prototype: { polluted: true } },
  ),
);

/** The payload JSON text with one random path replaced by `value`, or a prototype key added to an object. */
const mutatedPayload = fc
  .record({
    pick: fc.nat(),
    value: hostileValue,
    addKey: fc.boolean(),
    key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted'),
  })
  .map(({ pick, value, addKey, key }) => {
    const paths = pathsOf(PAYLOAD);
    if (addKey) {
      const objects = paths.filter((p) => {
        let v: unknown = PAYLOAD;
        for (const k of p) v = (v as Record<string | number, unknown>)[k];
        return v !== null && typeof v === 'object' && !Array.isArray(v);
      });
      const path = objects[pick % objects.length]!;
      return { path: [...path, key].join('.'), text: JSON.stringify(replaceAt(PAYLOAD, [...path, key], value)) };
    }
    const path = paths[pick % paths.length]!;
    return { path: path.join('.'), text: JSON.stringify(replaceAt(PAYLOAD, path, value)) };
  });

const N = {
  truncated: 60,
  flipped: 80,
  junk: 80,
  versions: 40,
  notDeflate: 80,
  notJson: 60,
  wrongTypes: 150,
  bombs: 6,
  overLong: 12,
};

describe(`hostile share links (${Object.values(N).reduce((a, b) => a + b)} generated links)`, () => {
  beforeAll(async () => {
    GOOD = `#${await encodeScenarioLink(SCENARIO, AT)}`;
    const decoded = await checkLink(GOOD);
    expect(decoded.ok).toBe(true);
  });
  afterAll(() => expectNoPollution());

  it(`valid links cut short at any point (${N.truncated} cases): refused as damaged, or a shorter valid prefix`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (n) => {
        const cut = GOOD.slice(0, n % GOOD.length);
        const decoded = await checkLink(cut);
        // A cut link never opens: deflate-raw's final block is gone, so the data cannot be whole.
        expect(decoded.ok, cut.slice(-20)).toBe(false);
      }),
      { seed: 0x5eed01, numRuns: N.truncated },
    );
  });

  it(`valid links with 1–4 characters of their data replaced (${N.flipped} cases)`, async () => {
    const data = GOOD.indexOf('.') + 1;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...B64URL), fc.constantFrom('=', '+', '/', '%', '\u0000', 'é', ' '))), {
          minLength: 1,
          maxLength: 4,
        }),
        async (flips) => {
          const chars = [...GOOD];
          for (const [pos, c] of flips) chars[data + (pos % (GOOD.length - data))] = c;
          await checkLink(chars.join(''));
        },
      ),
      { seed: 0x5eed02, numRuns: N.flipped },
    );
  });

  it(`random base64url after a valid version (${N.junk} cases): always refused`, async () => {
    await fc.assert(
      fc.asyncProperty(base64url(400), fc.boolean(), async (junk, hash) => {
        const decoded = await checkLink(`${hash ? '#' : ''}s=1.${junk}`);
        expect(decoded.ok).toBe(false);
      }),
      { seed: 0x5eed03, numRuns: N.junk },
    );
  });

  it(`wrong, missing and odd versions on valid data (${N.versions} cases): only a version that reads as 1, 2 or 3 opens`, async () => {
    const data = GOOD.slice(GOOD.indexOf('.') + 1);
    const version = fc.oneof(
      fc.constantFrom(
        '0',
        '2',
        '3',
        '4',
        '-1',
        '1e3',
        '1.0',
        '01',
        '',
        ' 1',
        '1 ',
        '+1',
        '0x1',
        '１',
        '9'.repeat(400),
        '1'.repeat(30),
        'NaN',
      ),
      fc.string({ maxLength: 8 }),
    );
    await fc.assert(
      fc.asyncProperty(version, async (v) => {
        const link = `#s=${v}.${data}`;
        const decoded = await checkLink(link);
        // `s=1.0.<data>`: the version is what comes before the first dot, so a dot in it changes the data.
        if (!/^0*[123]$/.test(v)) expect(decoded.ok, `version ${JSON.stringify(v)}`).toBe(false);
        else expect(decoded.ok, `version ${JSON.stringify(v)}`).toBe(true);
      }),
      { seed: 0x5eed04, numRuns: N.versions },
    );
  });

  it(`random bytes that are not (or are barely) deflate-raw (${N.notDeflate} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 600 }), async (bytes) => {
        await checkLink(linkOfBytes(bytes));
      }),
      { seed: 0x5eed05, numRuns: N.notDeflate },
    );
  });

  it(`deflate of text that is not JSON, or not UTF-8 (${N.notJson} cases): refused as "not JSON"`, async () => {
    const notJson = fc.oneof(
      fc.string({ maxLength: 200 }).filter((s) => {
        try {
          JSON.parse(s);
          return false;
        } catch {
          return true;
        }
      }),
      fc.constantFrom(JSON.stringify(PAYLOAD).slice(0, -1), `${JSON.stringify(PAYLOAD)}}`, "{'at': 0}", '{"at":0,"scenario":{},}', 'NaN'),
    );
    await fc.assert(
      fc.asyncProperty(notJson, fc.boolean(), async (text, badUtf8) => {
        const bytes = badUtf8
          ? Buffer.concat([Buffer.from(JSON.stringify(PAYLOAD).slice(0, 40)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(text)])
          : Buffer.from(text, 'utf8');
        const decoded = await checkLink(linkOfBytes(deflateRawSync(bytes)));
        expect(decoded.ok).toBe(false);
        if (!decoded.ok && text.length > 0) expect(decoded.error).toMatch(/not JSON/);
      }),
      { seed: 0x5eed06, numRuns: N.notJson },
    );
  });

  it(`deflate of the valid payload with a random leaf or subtree of the wrong type, or a prototype key (${N.wrongTypes} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(mutatedPayload, async ({ path, text }) => {
        const decoded = await checkLink(linkOfText(text));
        // The envelope fields are checked by the decoder itself: a wrong `at` never opens.
        if (path === 'at' && !decoded.ok) expect(decoded.error).toMatch(/time is not valid|damaged/);
        expectNoPollution();
      }),
      { seed: 0x5eed07, numRuns: N.wrongTypes },
    );
  });

  it(`zip-bomb-ish payloads: megabytes of one character, raw or inside the JSON (${N.bombs} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.constantFrom(' ', 'a', '{', '0'), fc.boolean(), async (mb, c, wrapped) => {
        const fill = c.repeat(mb * 1_000_000);
        const text = wrapped ? JSON.stringify({ at: 0, scenario: { ...SCENARIO, seed: 1, note: fill } }) : fill;
        const link = linkOfText(text);
        expect(link.length).toBeLessThan(MAX_LINK_CHARS); // small link, huge data
        const decoded = await checkLink(link);
        expect(decoded.ok).toBe(false);
        if (!decoded.ok && text.length > 2_000_000) expect(decoded.error).toMatch(/expands to more than/);
      }),
      { seed: 0x5eed08, numRuns: N.bombs },
    );
  });

  it(`fragments around and over ${MAX_LINK_CHARS.toLocaleString('en-US')} characters (${N.overLong} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -8, max: 8 }), fc.constantFrom('A', '_', 'é'), async (delta, c) => {
        const text = `s=1.${c.repeat(MAX_LINK_CHARS - 4 + delta)}`;
        const decoded = await checkLink(`#${text}`);
        expect(decoded.ok).toBe(false);
        if (!decoded.ok && delta > 0) expect(decoded.error).toMatch(/too long/);
      }),
      { seed: 0x5eed09, numRuns: N.overLong },
    );
  });
});
