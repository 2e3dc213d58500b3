/**
 * Differential test: thousands of random batches (agents with missing attributes, 1–4
 * constraints per group in both forms and any case, random placements) through the Wasm kernel
 * and the TypeScript twin. Match bits and first-failing indices must be identical, and both must
 * agree with a string-level oracle written after Marathon's `Constraints.scala` (no interning),
 * so the interning is checked too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Op, matches, type MatchOutput } from '../../src/kernels/constraints/contract.ts';
import { internMatch } from '../../src/kernels/constraints/pack.ts';
import {
  fieldValue,
  formatScalar,
  parseConstraint,
  type AgentSpec,
  type MarathonConstraint,
  type MatchRequest,
} from '../../src/kernels/constraints/parse.ts';
import { tsMatcher } from '../../src/kernels/constraints/twin.ts';
import { loadWasmMatcher } from '../../src/kernels/constraints/wasm.ts';

const wasm = await loadWasmMatcher();
// The kernel's fallback paths: no agent masks at all, or room for only two per batch.
const wasmNoMasks = await loadWasmMatcher({ maxMasks: 0 });
const wasmTwoMasks = await loadWasmMatcher({ maxMasks: 2 });

// ---- The oracle: Marathon's checkConstraint on strings, one offer at a time. ----

function javaInt(s: string): number | undefined {
  return /^[+-]?[0-9]+$/.test(s) && Math.abs(Number(s)) <= 2147483647 ? Number(s) : undefined;
}

function meets(agent: AgentSpec, placed: AgentSpec[], constraint: MarathonConstraint): boolean {
  const { field, op, value } = parseConstraint(constraint);
  const offerValue = fieldValue(agent, field);
  const placedValues = placed.map((p) => fieldValue(p, field));
  if (offerValue === undefined) return op === Op.UNLIKE;
  const groups = new Map<string | undefined, number>();
  for (const v of placedValues) groups.set(v, (groups.get(v) ?? 0) + 1);
  // Marathon would throw on a regex Java rejects; the sandbox decides that an invalid one never matches.
  const regex = (): RegExp | undefined => {
    try {
      new RegExp(value);
      return value === '' ? undefined : new RegExp(`^(?:${value})$`);
    } catch {
      return undefined;
    }
  };
  switch (op) {
    case Op.UNIQUE:
      return placedValues.every((v) => v !== offerValue);
    case Op.CLUSTER:
      return value === '' ? placed.length === 0 || placedValues[0] === offerValue : offerValue === value;
    case Op.GROUP_BY: {
      // v1.10
      const minimum = Math.max(0, value === 'inf' ? 2147483647 : (javaInt(value) ?? 0));
      const min = groups.size === 0 ? 0 : Math.min(...groups.values());
      const count = groups.get(offerValue);
      return count === undefined || (groups.size >= minimum && count === min);
    }
    case Op.LIKE:
      return regex()?.test(offerValue) === true;
    case Op.UNLIKE:
      return regex()?.test(offerValue) === false;
    case Op.MAX_PER:
      return (groups.get(offerValue) ?? 0) < javaInt(value)!;
    case Op.IS:
      return offerValue === (/^[0-9]+(\.[0-9]+)?$/.test(value) ? formatScalar(Number(value)) : value);
  }
}

function oracle(request: MatchRequest): number[] {
  const all = [...request.agents, ...(request.otherAgents ?? [])];
  return request.pending.flatMap(({ constraints, placed }) =>
    request.agents.map((agent) =>
      constraints.findIndex(
        (c) =>
          !meets(
            agent,
            placed.map((i) => all[i]!),
            c,
          ),
      ),
    ),
  );
}

// ---- Random batches. ----

const SCALARS = [1, 1.0005, 1.00051, 1.5, 2, 0.0625, 10, 2.5];
const text = (prefix: string, n: number) => fc.integer({ min: 1, max: n }).map((i) => `${prefix}${i}`);
const attribute = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { freq: 4, nil: undefined });

const agent = fc
  .record({
    host: fc.integer({ min: 0, max: 40 }),
    rack: attribute(text('r', 4)),
    zone: attribute(text('z', 3)),
    gen: attribute(fc.constantFrom(...SCALARS)),
    disk: attribute(fc.constantFrom('ssd', 'hdd', 'nvme', '1.5')),
    region: attribute(text('reg', 2)),
  })
  .map(({ host, region, ...attrs }): AgentSpec => {
    const attributes = Object.fromEntries(Object.entries(attrs).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
    return { hostname: `h${host}`, attributes, ...(region === undefined ? {} : { region }) };
  });

// Weighted by repetition: mostly fields agents have.
const FIELDS = ['hostname', '@hostname', 'rack', 'rack', 'zone', 'zone', 'gen', 'gen', 'disk', '@region', 'absent'];
const VALUES = ['h1', 'h2', 'r1', 'r2', 'z1', 'reg1', 'ssd', '1', '1.0', '1.5', '1.50', '2', '0.062', '0.0625', '1.001', ''];
const REGEXES = [
  'h1',
  'h[0-9]',
  'h.*',
  'r1|r2',
  'r',
  'z[12]',
  '.*',
  '.*',
  '[a-z0-9.]+',
  '[^3]*',
  '1',
  '1\\.5',
  '1\\..*',
  's.d',
  '(',
  'a)|(b',
  '',
];
const INTS = ['0', '1', '2', '3', '+2', 'inf', 'x', ''];

const operator = (name: string) => fc.constantFrom(name, name.toLowerCase(), name[0] + name.slice(1).toLowerCase());
const valueFor = (op: string): fc.Arbitrary<string | undefined> => {
  switch (op) {
    case 'UNIQUE':
      return fc.constant(undefined);
    case 'CLUSTER':
      return fc.option(fc.constantFrom(...VALUES), { nil: undefined });
    case 'GROUP_BY':
      return fc.option(fc.constantFrom(...INTS), { nil: undefined });
    case 'MAX_PER':
      return fc.constantFrom('0', '1', '2', '2', '3', '3', '+1', '-1');
    case 'IS':
      return fc.constantFrom(...VALUES);
    default:
      return fc.constantFrom(...REGEXES);
  }
};
const constraint: fc.Arbitrary<MarathonConstraint> = fc
  // Weighted by repetition towards the operators most agents pass, so that all-pass pairs are common too.
  .constantFrom('UNIQUE', 'UNIQUE', 'CLUSTER', 'GROUP_BY', 'GROUP_BY', 'LIKE', 'UNLIKE', 'UNLIKE', 'MAX_PER', 'MAX_PER', 'IS')
  .chain((op) => fc.tuple(fc.constantFrom(...FIELDS), operator(op), valueFor(op), fc.boolean()))
  .map(([field, op, value, objectForm]): MarathonConstraint => {
    if (objectForm) return value === undefined ? { fieldName: field, operator: op } : { fieldName: field, operator: op, value };
    return value === undefined ? [field, op] : [field, op, value];
  });

interface Size {
  agents: [min: number, max: number];
  others: number;
  pending: number;
  placed: number;
}

const batches = (max: Size) =>
  fc
    .record({
      agents: fc.array(agent, { minLength: max.agents[0], maxLength: max.agents[1] }),
      otherAgents: fc.array(agent, { maxLength: max.others }),
      pending: fc.array(
        fc.record({
          constraints: fc.array(constraint, { minLength: 1, maxLength: 4 }),
          placed: fc.array(fc.nat(), { maxLength: max.placed }),
        }),
        {
          minLength: 1,
          maxLength: max.pending,
        },
      ),
    })
    .map(({ agents, otherAgents, pending }): MatchRequest => {
      const n = agents.length + otherAgents.length;
      return {
        agents,
        otherAgents,
        pending: pending.map((p) => ({ constraints: p.constraints, placed: n === 0 ? [] : p.placed.map((i) => i % n) })),
      };
    });

function firstDifference(a: MatchOutput, b: MatchOutput): string | undefined {
  if (a.rowBytes !== b.rowBytes || a.match.length !== b.match.length) return 'match sizes differ';
  for (let i = 0; i < a.match.length; i++) if (a.match[i] !== b.match[i]) return `match[${i}] ${a.match[i]} vs ${b.match[i]}`;
  const [x, y] = [a.firstFailing ?? [], b.firstFailing ?? []];
  if (x.length !== y.length) return `firstFailing.length ${x.length} vs ${y.length}`;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return `firstFailing[${i}] ${x[i]} vs ${y[i]}`;
  return undefined;
}

/** Runs `numRuns` batches; returns how many (group, agent) pairs had each first-failing index (-1 at 0, 0 at 1...). */
function agree(max: Size, numRuns: number, seed: number, kernel = wasm): number[] {
  const seen = [0, 0, 0, 0, 0];
  fc.assert(
    fc.property(batches(max), (request) => {
      const input = internMatch(request);
      const expected = tsMatcher.match(input, { firstFailing: true });
      const diff =
        firstDifference(kernel.match(input, { firstFailing: true }), expected) ??
        firstDifference(kernel.match(input), tsMatcher.match(input));
      if (diff) throw new Error(`Wasm and twin differ: ${diff}`);
      const first = expected.firstFailing!;
      expect(Array.from(first)).toEqual(oracle(request));
      const n = request.agents.length;
      first.forEach((k, i) => expect(matches(expected, Math.floor(i / n), i % n)).toBe(k === -1));
      if (n % 8) expected.match.forEach((byte, i) => i % expected.rowBytes === expected.rowBytes - 1 && expect(byte >> (n % 8)).toBe(0)); // padding
      for (const k of first) seen[k + 1]!++;
    }),
    { numRuns, seed },
  );
  return seen;
}

describe('Wasm matcher vs TypeScript twin vs string oracle: identical answers', () => {
  it('on small batches', () => {
    const [pass, ...first] = agree({ agents: [0, 8], others: 3, pending: 4, placed: 6 }, 4000, 20261124);
    expect(pass).toBeGreaterThan(3000);
    expect(Math.min(...first)).toBeGreaterThan(100); // every constraint position fails first somewhere
  });
  it('on larger batches', () => {
    const [pass, ...first] = agree({ agents: [20, 60], others: 10, pending: 12, placed: 25 }, 500, 77);
    expect(pass).toBeGreaterThan(8000);
    expect(Math.min(...first)).toBeGreaterThan(300);
  });
  it('with few or no agent masks (the kernel’s bucket walk)', () => {
    const size: Size = { agents: [5, 40], others: 5, pending: 10, placed: 12 };
    expect(agree(size, 300, 11, wasmNoMasks)[0]).toBeGreaterThan(2000);
    expect(agree(size, 300, 12, wasmTwoMasks)[0]).toBeGreaterThan(2000);
  });
  it('without mutating the input', () => {
    fc.assert(
      fc.property(batches({ agents: [0, 10], others: 2, pending: 3, placed: 5 }), (request) => {
        const input = internMatch(request);
        const before = structuredClone(input);
        wasm.match(input, { firstFailing: true });
        tsMatcher.match(input, { firstFailing: true });
        expect(input).toEqual(before);
      }),
      { numRuns: 100, seed: 5 },
    );
  });
  it('into a reused buffer: the same answer, whatever the buffer held before; a buffer too small is not used', () => {
    const dirty = new Uint8Array(64).fill(0xff);
    fc.assert(
      fc.property(batches({ agents: [0, 40], others: 2, pending: 4, placed: 5 }), (request) => {
        const input = internMatch(request);
        for (const matcher of [wasm, tsMatcher]) {
          const fresh = matcher.match(input);
          dirty.fill(0xff);
          const reused = matcher.match(input, { matchInto: dirty });
          expect([...reused.match]).toEqual([...fresh.match]);
          if (fresh.match.length <= dirty.length) expect(reused.match.buffer).toBe(dirty.buffer);
          const small = new Uint8Array(fresh.match.length === 0 ? 0 : fresh.match.length - 1);
          if (fresh.match.length > 0) expect(matcher.match(input, { matchInto: small }).match.buffer).not.toBe(small.buffer);
        }
      }),
      { numRuns: 200, seed: 6 },
    );
  });
});
