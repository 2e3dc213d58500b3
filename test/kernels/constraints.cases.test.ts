/**
 * Marathon placement constraints, case by case (SEMANTICS.md 3.1), on both matchers: every
 * operator on hostname and on an attribute, agents lacking the attribute, both constraint forms,
 * operators in any case, scalar formatting, GROUP_BY with and without a value.
 */
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/constraints-layout.ts';
import { OPERATORS } from '../../src/common/marathon/constraint-operators.ts';
import { Op, matches, matchingAgents, type ConstraintMatcher } from '../../src/kernels/constraints/contract.ts';
import { internMatch } from '../../src/kernels/constraints/pack.ts';
import {
  formatScalar,
  parseOperator,
  type AgentSpec,
  type MarathonConstraint,
  type MatchRequest,
} from '../../src/kernels/constraints/parse.ts';
import { tsMatcher } from '../../src/kernels/constraints/twin.ts';
import { loadWasmMatcher } from '../../src/kernels/constraints/wasm.ts';

const wasm = await loadWasmMatcher();

// a5 lacks rack and disk, a4 lacks gen, a3 lacks disk.
const AGENTS: AgentSpec[] = [
  { hostname: 'a1', attributes: { rack: 'r1', zone: 'z1', disk: 'ssd', gen: 1 }, region: 'east', zone: 'east-1' },
  { hostname: 'a2', attributes: { rack: 'r1', zone: 'z2', disk: 'hdd', gen: 1.0005 }, region: 'east', zone: 'east-2' },
  { hostname: 'a3', attributes: { rack: 'r2', zone: 'z1', gen: 2.5 }, region: 'west' },
  { hostname: 'a4', attributes: { rack: 'r2', zone: 'z2', disk: 'nvme' } },
  { hostname: 'a5', attributes: { zone: 'z3', gen: 1.00051 } },
];
const A1 = 0,
  A2 = 1,
  A3 = 2,
  A4 = 3,
  A5 = 4;

describe.each([
  ['ts', tsMatcher],
  ['wasm', wasm],
] as [string, ConstraintMatcher][])('%s matcher', (_name, matcher) => {
  /** Hostnames of the agents that satisfy every constraint, for each pending group. */
  const run = (request: MatchRequest) => {
    const out = matcher.match(internMatch(request));
    return request.pending.map((_, g) => request.agents.filter((_, a) => matches(out, g, a)).map((agent) => agent.hostname));
  };
  const matching = (constraints: MarathonConstraint[], placed: number[] = [], otherAgents?: AgentSpec[]) =>
    run({ agents: AGENTS, pending: [{ constraints, placed }], ...(otherAgents ? { otherAgents } : {}) })[0];
  const firstFailing = (constraints: MarathonConstraint[], placed: number[] = []) =>
    Array.from(
      matcher.match(internMatch({ agents: AGENTS, pending: [{ constraints, placed }] }), { firstFailing: true }).firstFailing ?? [],
    );

  it('is named', () => expect(['ts', 'wasm']).toContain(matcher.name));

  describe('UNIQUE', () => {
    it('on hostname: not where an instance runs', () => {
      expect(matching([['hostname', 'UNIQUE']])).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
      expect(matching([['hostname', 'UNIQUE']], [A1, A3])).toEqual(['a2', 'a4', 'a5']);
    });
    it('on an attribute: not on a value an instance has; a missing attribute never matches', () => {
      expect(matching([['rack', 'UNIQUE']])).toEqual(['a1', 'a2', 'a3', 'a4']);
      expect(matching([['rack', 'UNIQUE']], [A1])).toEqual(['a3', 'a4']);
      // An instance on an agent lacking the attribute blocks nothing.
      expect(matching([['rack', 'UNIQUE']], [A5])).toEqual(['a1', 'a2', 'a3', 'a4']);
    });
    it('counts instances on agents without an offer', () => {
      expect(matching([['rack', 'UNIQUE']], [AGENTS.length], [{ hostname: 'x', attributes: { rack: 'r2' } }])).toEqual(['a1', 'a2']);
    });
    it('on a scalar compares the formatted values (1 and 1.0005 are both "1")', () => {
      expect(matching([['gen', 'UNIQUE']], [A1])).toEqual(['a3', 'a5']);
    });
  });

  describe('CLUSTER', () => {
    it('with a value on hostname and on an attribute', () => {
      expect(matching([['hostname', 'CLUSTER', 'a2']])).toEqual(['a2']);
      expect(matching([['rack', 'CLUSTER', 'r2']], [A1])).toEqual(['a3', 'a4']);
      expect(matching([['rack', 'CLUSTER', 'r9']])).toEqual([]);
    });
    it('with a value compares plain strings (no scalar normalisation)', () => {
      expect(matching([['gen', 'CLUSTER', '1']])).toEqual(['a1', 'a2']);
      expect(matching([['gen', 'CLUSTER', '1.0']])).toEqual([]);
    });
    it('without a value: anything with the field first, then the first instance’s value', () => {
      expect(matching([['rack', 'CLUSTER']])).toEqual(['a1', 'a2', 'a3', 'a4']);
      expect(matching([['rack', 'CLUSTER']], [A3, A1])).toEqual(['a3', 'a4']);
      expect(matching([['hostname', 'CLUSTER']], [A2])).toEqual(['a2']);
      expect(matching([['hostname', 'CLUSTER', '']])).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
      // The first instance lacks the field: nothing matches.
      expect(matching([['rack', 'CLUSTER']], [A5, A1])).toEqual([]);
    });
  });

  describe('GROUP_BY (v1.10)', () => {
    it('without a value: new values and the smallest groups match', () => {
      expect(matching([['rack', 'GROUP_BY']])).toEqual(['a1', 'a2', 'a3', 'a4']);
      expect(matching([['rack', 'GROUP_BY']], [A1])).toEqual(['a1', 'a2', 'a3', 'a4']);
      expect(matching([['rack', 'GROUP_BY']], [A1, A2, A3])).toEqual(['a3', 'a4']);
      expect(matching([['hostname', 'GROUP_BY']], [A1, A1, A2])).toEqual(['a2', 'a3', 'a4', 'a5']);
    });
    it('with a value: existing groups wait until there are that many groups; new values always match', () => {
      expect(matching([['rack', 'GROUP_BY', '3']], [A1, A3])).toEqual([]);
      expect(matching([['zone', 'GROUP_BY', '3']], [A1, A2])).toEqual(['a5']);
      expect(matching([['zone', 'GROUP_BY', '2']], [A1, A2])).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
      expect(matching([['zone', 'GROUP_BY', 'inf']], [A1])).toEqual(['a2', 'a4', 'a5']);
      expect(matching([['zone', 'GROUP_BY', 'not-a-number']], [A1])).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    });
    it('instances lacking the field form a group of their own', () => {
      expect(matching([['rack', 'GROUP_BY']], [A5, A5, A1])).toEqual(['a1', 'a2', 'a3', 'a4']);
      expect(matching([['rack', 'GROUP_BY']], [A5, A1, A1])).toEqual(['a3', 'a4']);
      expect(matching([['rack', 'GROUP_BY', '3']], [A5, A1, A3])).toEqual(['a1', 'a2', 'a3', 'a4']);
    });
  });

  describe('LIKE / UNLIKE', () => {
    it('match the whole value', () => {
      expect(matching([['hostname', 'LIKE', 'a[12]']])).toEqual(['a1', 'a2']);
      expect(matching([['hostname', 'LIKE', 'a']])).toEqual([]);
      expect(matching([['hostname', 'UNLIKE', 'a[12]']])).toEqual(['a3', 'a4', 'a5']);
      expect(matching([['disk', 'LIKE', 'ssd|nvme']])).toEqual(['a1', 'a4']);
      expect(matching([['disk', 'LIKE', 'sd|nvm']])).toEqual([]);
    });
    it('a missing attribute matches UNLIKE only', () => {
      expect(matching([['disk', 'UNLIKE', 'ssd|nvme']])).toEqual(['a2', 'a3', 'a5']);
      expect(matching([['disk', 'LIKE', '.*']])).toEqual(['a1', 'a2', 'a4']);
    });
    it('on scalars match the formatted value', () => {
      expect(matching([['gen', 'LIKE', '1']])).toEqual(['a1', 'a2']);
      expect(matching([['gen', 'LIKE', '1\\.001']])).toEqual(['a5']);
    });
    it('an empty or invalid regex matches nothing, UNLIKE still takes agents lacking the field', () => {
      expect(matching([['disk', 'LIKE', '(']])).toEqual([]);
      expect(matching([['disk', 'UNLIKE', '(']])).toEqual(['a3', 'a5']);
      expect(matching([['disk', 'UNLIKE', '']])).toEqual(['a3', 'a5']);
      expect(matching([['disk', 'LIKE', 'a)|(b']])).toEqual([]);
    });
  });

  describe('MAX_PER', () => {
    it('on hostname and on an attribute', () => {
      expect(matching([['hostname', 'MAX_PER', '1']], [A1])).toEqual(['a2', 'a3', 'a4', 'a5']);
      expect(matching([['rack', 'MAX_PER', '2']], [A1, A3])).toEqual(['a1', 'a2', 'a3', 'a4']);
      expect(matching([['rack', 'MAX_PER', '2']], [A1, A2, A3])).toEqual(['a3', 'a4']);
      expect(matching([['rack', 'MAX_PER', '0']])).toEqual([]);
    });
    it('requires an integer value', () => {
      expect(() => internMatch({ agents: AGENTS, pending: [{ constraints: [['rack', 'MAX_PER', 'x']], placed: [] }] })).toThrow(
        /MAX_PER requires an integer/,
      );
    });
  });

  describe('IS', () => {
    it('on hostname and on text', () => {
      expect(matching([['hostname', 'IS', 'a3']])).toEqual(['a3']);
      expect(matching([['zone', 'IS', 'z1']])).toEqual(['a1', 'a3']);
      expect(matching([['rack', 'IS', 'r9']])).toEqual([]);
    });
    it('normalises a scalar-looking value', () => {
      expect(matching([['gen', 'IS', '1']])).toEqual(['a1', 'a2']);
      expect(matching([['gen', 'IS', '1.0']])).toEqual(['a1', 'a2']);
      expect(matching([['gen', 'IS', '2.50']])).toEqual(['a3']);
      expect(matching([['gen', 'IS', '1.0006']])).toEqual(['a5']);
    });
  });

  it('every operator but UNLIKE rejects an agent lacking the field, whatever the placements', () => {
    const ops: MarathonConstraint[] = [
      ['rack', 'UNIQUE'],
      ['rack', 'CLUSTER'],
      ['rack', 'GROUP_BY'],
      ['rack', 'LIKE', '.*'],
      ['rack', 'MAX_PER', '5'],
      ['rack', 'IS', 'r1'],
    ];
    for (const c of ops) expect(matching([c])).not.toContain('a5');
    expect(matching([['rack', 'UNLIKE', '.*']])).toEqual(['a5']);
    expect(matching([['nothing', 'UNLIKE', 'x']])).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
  });

  it('reads the object form, operators in any case, and @hostname / @region / @zone', () => {
    expect(matching([{ fieldName: 'rack', operator: 'cluster', value: 'r1' }])).toEqual(['a1', 'a2']);
    expect(matching([{ fieldName: 'hostname', operator: 'Unique' }], [A2])).toEqual(['a1', 'a3', 'a4', 'a5']);
    expect(matching([['@hostname', 'max_per', '1']], [A2])).toEqual(['a1', 'a3', 'a4', 'a5']);
    expect(matching([['@region', 'IS', 'east']])).toEqual(['a1', 'a2']);
    expect(matching([['@zone', 'unlike', 'east-1']])).toEqual(['a2', 'a3', 'a4', 'a5']);
    expect(() => matching([['rack', 'NEAR']])).toThrow(/unknown constraint operator/);
  });

  it('reports the first failing constraint of each pair', () => {
    const constraints: MarathonConstraint[] = [
      ['hostname', 'UNIQUE'],
      ['disk', 'LIKE', 'ssd|hdd'],
      ['rack', 'MAX_PER', '1'],
    ];
    // a1 runs an instance; a3, a4, a5 lack or mismatch disk; a2 shares rack r1 with the instance.
    expect(firstFailing(constraints, [A1])).toEqual([0, 2, 1, 1, 1]);
    expect(firstFailing(constraints, [A4])).toEqual([-1, -1, 1, 0, 1]);
  });

  it('answers several groups at once, each against its own placements', () => {
    const rows = run({
      agents: AGENTS,
      pending: [
        { constraints: [['rack', 'UNIQUE']], placed: [A1] },
        { constraints: [['rack', 'UNIQUE']], placed: [A4] },
        { constraints: [], placed: [A1] },
        {
          constraints: [
            ['zone', 'GROUP_BY'],
            ['hostname', 'UNIQUE'],
          ],
          placed: [A1, A2, A3],
        },
      ],
    });
    expect(rows).toEqual([
      ['a3', 'a4'],
      ['a1', 'a2'],
      ['a1', 'a2', 'a3', 'a4', 'a5'],
      ['a4', 'a5'],
    ]);
  });

  it('handles empty batches', () => {
    expect(run({ agents: AGENTS, pending: [] })).toEqual([]);
    expect(run({ agents: [], pending: [{ constraints: [['hostname', 'UNIQUE']], placed: [] }] })).toEqual([[]]);
    const out = matcher.match(internMatch({ agents: [], pending: [] }), { firstFailing: true });
    expect([out.match.length, out.firstFailing?.length]).toEqual([0, 0]);
  });

  it('answers a bitset row per group, and first-failing indices only when asked', () => {
    // 13 agents: rows of 2 bytes, the last 3 bits padding; even agents lack the rack.
    const agents = Array.from({ length: 13 }, (_, i): AgentSpec => ({ hostname: `h${i}`, attributes: i % 2 ? { rack: `r${i % 3}` } : {} }));
    const input = internMatch({
      agents,
      pending: [
        { constraints: [['rack', 'UNIQUE']], placed: [1] },
        { constraints: [['rack', 'UNLIKE', 'r1']], placed: [] },
      ],
    });
    const out = matcher.match(input);
    expect([out.rowBytes, out.match.length, out.firstFailing]).toEqual([2, 4, undefined]);
    expect(matchingAgents(out, 0)).toEqual([3, 5, 9, 11]);
    expect(matchingAgents(out, 1)).toEqual([0, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]);
    expect(Array.from(out.match)).toEqual([0b00101000, 0b00001010, 0b01111101, 0b00011111]);
    const explained = matcher.match(input, { firstFailing: true });
    expect(explained.match).toEqual(out.match);
    expect(Array.from(explained.firstFailing ?? [])).toEqual([
      0, 0, 0, -1, 0, -1, 0, 0, 0, -1, 0, -1, 0, -1, 0, -1, -1, -1, -1, -1, 0, -1, -1, -1, -1, -1,
    ]);
  });

  it('rejects a malformed input instead of reading out of bounds', () => {
    const input = internMatch({ agents: AGENTS, pending: [{ constraints: [['rack', 'IS', 'r1']], placed: [] }] });
    expect(() => matcher.match({ ...input, constraintArg: Int32Array.of(7) })).toThrow(RangeError);
    expect(() => matcher.match({ ...input, agentValue: input.agentValue.subarray(1) })).toThrow(RangeError);
    const counted = internMatch({ agents: AGENTS, pending: [{ constraints: [['rack', 'MAX_PER', '2']], placed: [A1, A1] }] });
    expect(Array.from(counted.countN)).toEqual([2]);
    const twice = { ...counted, countStart: Int32Array.of(0, 2), countValue: Int32Array.of(0, 0), countN: Int32Array.of(1, 1) };
    expect(() => matcher.match(twice)).toThrow(/listed twice/);
  });
});

describe('interning', () => {
  it('formats scalars like Java DecimalFormat("0.###"), HALF_EVEN', () => {
    const cases: [number, string][] = [
      [1, '1'],
      [1.0, '1'],
      [1.0005, '1'],
      [1.00051, '1.001'],
      [1.1005, '1.101'],
      [2.5, '2.5'],
      [0.1, '0.1'],
      [0.0625, '0.062'],
      [0.1875, '0.188'],
      [2.0625, '2.062'],
      [0.0005, '0.001'],
      [0.0004, '0'],
      [1234567.891, '1234567.891'],
      [1e21, '1000000000000000000000'],
      [-1.5, '-1.5'],
      [-0.0001, '-0'],
      [0, '0'],
    ];
    for (const [x, text] of cases) expect([x, formatScalar(x)]).toEqual([x, text]);
  });
  it('reads operators in any case, and the codes match the kernel', () => {
    expect(parseOperator('group_by')).toBe(Op.GROUP_BY);
    expect(parseOperator('Is')).toBe(Op.IS);
    expect(parseOperator('near')).toBeUndefined();
    expect(OPERATORS.map((n) => parseOperator(n))).toEqual([
      L.OP_UNIQUE,
      L.OP_CLUSTER,
      L.OP_GROUP_BY,
      L.OP_LIKE,
      L.OP_UNLIKE,
      L.OP_MAX_PER,
      L.OP_IS,
    ]);
  });
  it('has an AssemblyScript code for exactly the operators of the common list: 0..n-1, in its order', () => {
    const layoutCodes = Object.fromEntries(Object.entries(L).filter(([name]) => name.startsWith('OP_')));
    expect(layoutCodes).toEqual(Object.fromEntries(OPERATORS.map((name, code) => [`OP_${name}`, code])));
    expect(OPERATORS.map((name) => Op[name])).toEqual(OPERATORS.map((_, code) => code));
  });
  it('interns each field’s values once and shares regex tables', () => {
    const input = internMatch({
      agents: AGENTS,
      pending: [
        {
          constraints: [
            ['disk', 'LIKE', 'ssd'],
            ['hostname', 'UNIQUE'],
          ],
          placed: [A1, A1],
        },
        {
          constraints: [
            ['disk', 'LIKE', 'ssd'],
            ['disk', 'UNLIKE', 'ssd'],
          ],
          placed: [],
        },
      ],
    });
    expect(input.nFields).toBe(2);
    expect(Array.from(input.fieldValues)).toEqual([3, 5]);
    expect(Array.from(input.constraintTable)).toEqual([0, 0, 0, 3]);
    expect(Array.from(input.likeTable)).toEqual([1, 0, 0, 0, 1, 1]);
    expect([Array.from(input.countValue), Array.from(input.countN)]).toEqual([[0], [2]]);
  });
  it('rejects placements outside the agents', () => {
    expect(() => internMatch({ agents: AGENTS, pending: [{ constraints: [], placed: [5] }] })).toThrow(RangeError);
  });
});
