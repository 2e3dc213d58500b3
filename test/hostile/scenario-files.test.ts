/**
 * Generated damaged scenario files (src/share/scenario-file.ts `readScenarioFile`): a valid file, in the
 * envelope form (`{format, version, at, scenario}`) and the bare form (the scenario object alone), with a
 * random path given the wrong type, deleted, given an extra field or a prototype key (`__proto__`,
 * `constructor`, `prototype`), nested thousands of levels deep or holding a huge string; and text that is
 * not JSON, JSON cut short, a byte-order mark, JSON that is not an object. Asserted for every one: the
 * reader does not throw; a refusal is a list of non-empty messages each naming a field (`scenario.seed: …`)
 * or the file (`The file …`), and the field named lies on the damaged path's part of the file; an
 * acceptance is a scenario that opens, runs to the file's moment and replays to the same history hash.
 * Nothing reaches Object.prototype. Each title carries its number of generated files.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox, ScenarioError, type Scenario } from '../../src/sandbox/index.ts';
import { validateScenario } from '../../src/common/scenario/validate.ts';
import { MAX_SCENARIO_FILE_BYTES, readScenarioFile, writeScenarioFile, type ReadScenarioFile } from '../../src/share/scenario-file.ts';
import { agent } from '../support/cluster.ts';
import { marathonScenario } from '../support/marathon.ts';

const FAST = { allocator: 'ts', matcher: 'ts' } as const;
const RUN_CAP_MS = 60_000;
const AT = 9000;

const SCENARIO: Scenario = validateScenario({
  ...marathonScenario([agent('a1', { cpus: 2, mem: 2048, disk: 500 }), agent('a2', { cpus: 2, mem: 2048, disk: 500 })], {
    marathon: { apps: [{ id: '/boot', cmd: 'sleep 1000', instances: 1, cpus: 0.1, mem: 32 }] },
    frameworks: [{ name: 'load', role: 'batch', task: { cpus: 0.1, mem: 64, disk: 0, gpus: 0, ports: 0 }, instances: 2 }],
  }),
  script: [
    {
      at: 3000,
      request: { method: 'POST', path: '/marathon/v2/apps', body: { id: '/web', cmd: 'sleep 1000', instances: 2, cpus: 0.1, mem: 32 } },
    },
    { at: 6000, request: { method: 'PUT', path: '/marathon/v2/apps/web', body: { instances: 1 } } },
  ],
});
type Path = (string | number)[];
type Form = 'envelope' | 'bare';
const FILES: Record<Form, unknown> = {
  envelope: JSON.parse(writeScenarioFile(SCENARIO, AT)) as unknown,
  bare: JSON.parse(JSON.stringify(SCENARIO)) as unknown,
};
const form = fc.constantFrom<Form>('envelope', 'bare');

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
}

/** `scenario.cluster.agents[2].resources` as the reader names fields. */
const fieldOf = (path: Path) => path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');

/** The field an error message names (the text before its first `: `), or null when it names the file. */
function withoutMarathonMissing(message: string): string {
  return message.replace(/'[^']*' is undefined on object: /g, '');
}

function namedField(message: string): string | null | undefined {
  if (/^The file /.test(message) || /^… and \d+ more problems$/.test(message)) return null;
  const colon = message.indexOf(': ');
  return colon > 0 ? message.slice(0, colon) : undefined;
}

/**
 * The reader's answer, checked: no exception; messages that name a field or the file; an accepted
 * scenario that opens and replays. `near`: the damaged path, which some message must be about.
 */
async function checkFile(text: string, near?: Path): Promise<ReadScenarioFile> {
  let read: ReadScenarioFile | undefined;
  const where = text.length > 120 ? `${text.slice(0, 60)}…${text.slice(-40)}` : text;
  try {
    read = readScenarioFile(text);
  } catch (e) {
    expect.fail(`readScenarioFile threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} on ${where}`);
  }
  const answer = read!;
  if (!answer.ok) {
    expect(answer.errors.length, where).toBeGreaterThan(0);
    for (const message of answer.errors) {
      expect(typeof message).toBe('string');
      expect(message.trim().length, where).toBeGreaterThan(0);
      // Readable: a 1000-level path makes a ~4 KB message today (reported); this bounds it from growing with depth.
      expect(message.length, where).toBeLessThan(8192);
      expect(message, where).not.toMatch(/\n\s+at |TypeError|RangeError|ReferenceError/);
      // (unless the file itself says so, quoted back)
      // Marathon's own words for a missing field ("'id' is undefined on object: {…}") are not a leak.
      if (!text.includes('undefined')) expect(withoutMarathonMissing(message), where).not.toMatch(/\bundefined\b/);
      if (!text.includes('[object Object]')) expect(message, where).not.toContain('[object Object]');
      expect(namedField(message), `"${message}" names no field and not the file`).not.toBeUndefined();
    }
    if (near) {
      // Some message is about the damaged part of the file: the file itself, or a field in the same part of
      // the scenario (`scenario.script…` for a change under `scenario.script[0].at`: the order error names
      // the action after it; `cluster…` in a bare file).
      const part = fieldOf(near.slice(0, near[0] === 'scenario' ? 2 : 1));
      const fields = answer.errors.map(namedField);
      const about = fields.some(
        (f) =>
          f === null ||
          f === undefined ||
          f === 'scenario' ||
          f.startsWith(part) ||
          part.startsWith(f) ||
          (near.length === 1 && f === fieldOf(near)),
      );
      expect(about, `no message about ${fieldOf(near)}: ${JSON.stringify(answer.errors)}`).toBe(true);
    }
    return answer;
  }
  expect(answer.at).toBeGreaterThanOrEqual(0);
  let sb;
  try {
    sb = await createSandbox(answer.scenario, FAST);
  } catch (e) {
    if (e instanceof ScenarioError) expect.fail(`an accepted file does not open: ${e.message} (${where})`);
    expect.fail(`createSandbox threw ${String(e)} on an accepted file (${where})`);
  }
  if (answer.at <= RUN_CAP_MS) {
    expect(() => sb.advance(answer.at), `advancing to ${answer.at}`).not.toThrow();
    const again = await createSandbox(sb.scenario(), FAST);
    again.advance(sb.now);
    expect(again.historyHash(), `replay of ${where}`).toBe(sb.historyHash());
  }
  return answer;
}

function pathsOf(root: unknown): Path[] {
  const out: Path[] = [];
  const walk = (v: unknown, path: Path) => {
    if (path.length > 0) out.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(root, []);
  return out;
}
const valueAt = (root: unknown, path: Path): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], root);
const objectPaths = (root: unknown): Path[] =>
  [[], ...pathsOf(root)].filter((p) => {
    const v = valueAt(root, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });

/** A JSON copy with `path` set to `value` (an own data property, even for `__proto__`) or deleted. */
function edit(root: unknown, path: Path, change: { set: unknown } | 'delete'): unknown {
  const copy = JSON.parse(JSON.stringify(root)) as unknown;
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path.at(-1)!;
  if (change === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else Object.defineProperty(parent, key, { value: change.set, enumerable: true, writable: true, configurable: true });
  return copy;
}

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('NaN', 'Infinity', '-1', '1e999', '', '__proto__', 'constructor', 'undefined', 'null', 'true'),
  fc.constantFrom(1e308, -1e308, -1, -0.5, 0, 2 ** 53 + 1, 1e-300, 21_600_001, 0.1),
  fc.constantFrom<unknown>(
    JSON.parse('{"__proto__": {"polluted": true}}'),
    { constructor: { prototype: { polluted: true } } },
    JSON.parse('[{"__proto__": {"polluted": 1}}]'),
  ),
);
const pick = <T>(xs: T[], n: number): T => xs[n % xs.length]!;

const N = {
  wrongTypes: 200,
  deletions: 100,
  extraFields: 100,
  prototypeKeys: 60,
  deepNesting: 10,
  hugeStrings: 6,
  notJson: 80,
  truncated: 80,
  bom: 4,
  notObject: 50,
};

describe(`hostile scenario files (${Object.values(N).reduce((a, b) => a + b)} generated files)`, () => {
  afterAll(() => expectNoPollution());

  it('the unchanged files, both forms, are read and replay', async () => {
    for (const f of ['envelope', 'bare'] as const) expect((await checkFile(JSON.stringify(FILES[f]))).ok, f).toBe(true);
  });

  it(`wrong types at random paths (${N.wrongTypes} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(form, fc.nat(), hostileValue, async (f, n, value) => {
        const path = pick(pathsOf(FILES[f]), n);
        await checkFile(JSON.stringify(edit(FILES[f], path, { set: value })), path);
        expectNoPollution();
      }),
      { seed: 0xf11e01, numRuns: N.wrongTypes },
    );
  });

  it(`deletions at random paths (${N.deletions} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(form, fc.nat(), async (f, n) => {
        const path = pick(pathsOf(FILES[f]), n);
        await checkFile(JSON.stringify(edit(FILES[f], path, 'delete')), path);
      }),
      { seed: 0xf11e02, numRuns: N.deletions },
    );
  });

  it(`extra fields in random objects (${N.extraFields} cases): refused naming the field's part, or ignored where free-form`, async () => {
    const key = fc.oneof(fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,12}$/), fc.constantFrom('hasOwnProperty', 'toString', 'valueOf', '0', ''));
    await fc.assert(
      fc.asyncProperty(form, fc.nat(), key, fc.jsonValue({ maxDepth: 2 }), async (f, n, k, value) => {
        const at = pick(objectPaths(FILES[f]), n);
        if (Object.hasOwn(valueAt(FILES[f], at) as object, k)) return; // not extra
        const path = [...at, k];
        await checkFile(JSON.stringify(edit(FILES[f], path, { set: value })), path);
      }),
      { seed: 0xf11e03, numRuns: N.extraFields },
    );
  });

  it(`prototype keys (__proto__, constructor, prototype) in random objects (${N.prototypeKeys} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(form, fc.nat(), fc.constantFrom('__proto__', 'constructor', 'prototype'), hostileValue, async (f, n, k, value) => {
        const at = pick(objectPaths(FILES[f]), n);
        const path = [...at, k];
        const text = JSON.stringify(edit(FILES[f], path, { set: value }));
        expect(text).toContain(`"${k}":`);
        await checkFile(text, path);
        expectNoPollution();
      }),
      { seed: 0xf11e04, numRuns: N.prototypeKeys },
    );
  });

  it(`a random leaf nested thousands of levels deep (${N.deepNesting} cases)`, async () => {
    const SLOT = '"@@DEEP@@"';
    await fc.assert(
      fc.asyncProperty(
        form,
        fc.nat(),
        fc.integer({ min: 1000, max: 20_000 }),
        fc.constantFrom('object', 'array'),
        async (f, n, levels, kind) => {
          const path = pick(pathsOf(FILES[f]), n);
          const deep =
            kind === 'object' ? `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}` : `${'['.repeat(levels)}1${']'.repeat(levels)}`;
          const text = JSON.stringify(edit(FILES[f], path, { set: '@@DEEP@@' })).replace(SLOT, deep);
          await checkFile(text, path);
        },
      ),
      { seed: 0xf11e05, numRuns: N.deepNesting },
    );
  });

  it(`a random leaf holding a huge string, under and over ${MAX_SCENARIO_FILE_BYTES / 1e6} MB (${N.hugeStrings} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        form,
        fc.nat(),
        fc.integer({ min: 500_000, max: 6_000_000 }),
        fc.constantFrom('x', 'é', '\u2028'),
        async (f, n, size, c) => {
          const path = pick(pathsOf(FILES[f]), n);
          const text = JSON.stringify(edit(FILES[f], path, { set: c.repeat(size) }));
          const read = await checkFile(text, new TextEncoder().encode(text).length > MAX_SCENARIO_FILE_BYTES ? undefined : path);
          if (new TextEncoder().encode(text).length > MAX_SCENARIO_FILE_BYTES) {
            expect(read.ok).toBe(false);
            if (!read.ok) expect(read.errors).toEqual([expect.stringMatching(/^The file is too large/)]);
          }
        },
      ),
      { seed: 0xf11e06, numRuns: N.hugeStrings },
    );
  });

  it(`text that is not JSON (${N.notJson} cases): refused, "The file is not JSON"`, async () => {
    const notJson = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc.constantFrom("{'seed': 1}", '{"seed": 1,}', 'NaN', 'undefined', '{"a":1}{"b":2}', '// comment\n{}', '\u0000'),
    );
    await fc.assert(
      fc.asyncProperty(notJson, async (text) => {
        let isJson = true;
        try {
          JSON.parse(text);
        } catch {
          isJson = false;
        }
        const read = await checkFile(text);
        if (!isJson) expect(read).toEqual({ ok: false, errors: [expect.stringMatching(/^The file is not JSON: ./)] });
      }),
      { seed: 0xf11e07, numRuns: N.notJson },
    );
  });

  it(`valid files cut short at any point (${N.truncated} cases): refused as not JSON`, async () => {
    await fc.assert(
      fc.asyncProperty(form, fc.nat(), fc.boolean(), async (f, n, pretty) => {
        const whole = (pretty ? JSON.stringify(FILES[f], null, 2) : JSON.stringify(FILES[f])).trimEnd();
        const read = await checkFile(whole.slice(0, n % whole.length));
        expect(read.ok).toBe(false);
        if (!read.ok) expect(read.errors[0]).toMatch(/^The file is not JSON/);
      }),
      { seed: 0xf11e08, numRuns: N.truncated },
    );
  });

  it(`a valid file after a byte-order mark (${N.bom} cases): an answer, never an exception`, async () => {
    await fc.assert(
      fc.asyncProperty(form, fc.constantFrom('\uFEFF', '\uFEFF\n', ' \uFEFF'), async (f, bom) => {
        await checkFile(`${bom}${JSON.stringify(FILES[f], null, 2)}\n`);
      }),
      { seed: 0xf11e09, numRuns: N.bom },
    );
  });

  it(`JSON that is not an object: arrays, numbers, strings, null (${N.notObject} cases)`, async () => {
    const notObject = fc.oneof(
      fc.jsonValue().filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)),
      fc.constant([FILES.envelope]),
      fc.constant([FILES.bare]),
    );
    await fc.assert(
      fc.asyncProperty(notObject, async (value) => {
        const read = await checkFile(JSON.stringify(value));
        expect(read).toEqual({ ok: false, errors: ['The file is not a scenario: it must hold a JSON object.'] });
      }),
      { seed: 0xf11e0a, numRuns: N.notObject },
    );
  });
});
