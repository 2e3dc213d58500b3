/**
 * The contract of one constraint-matching batch, shared by the Wasm kernel
 * (assembly/constraints.ts) and its TypeScript twin (twin.ts): for P pending instance groups
 * (an app's pending launches and its constraints) × A agents (those of the current offers),
 * which pairs satisfy every constraint of the group, and for each pair the first constraint
 * that fails.
 *
 * No strings cross: pack.ts interns agents, constraints and placed instances into dense
 * integers. Values are interned per field (ids 0..fieldValues[f]-1), regexes are evaluated
 * once per distinct value into `likeTable`, IS / CLUSTER values become value ids, and the app's
 * counted instances become per-constraint (value, count) lists.
 *
 * Semantics: SEMANTICS.md 3.1 (Marathon `Constraints.scala`, GROUP_BY as released in v1.10).
 */
import * as L from '../../../assembly/constraints-layout.ts';
import { OPERATORS, type Operator } from '../../common/marathon/constraint-operators.ts';

/**
 * The code of each operator of the common list, as the Wasm kernel reads it (the constants are
 * AssemblyScript's own): codes are 0..OPERATORS.length - 1, and every operator has one.
 */
export const Op = {
  UNIQUE: L.OP_UNIQUE,
  CLUSTER: L.OP_CLUSTER,
  GROUP_BY: L.OP_GROUP_BY,
  LIKE: L.OP_LIKE,
  UNLIKE: L.OP_UNLIKE,
  MAX_PER: L.OP_MAX_PER,
  IS: L.OP_IS,
} as const satisfies Record<Operator, number>;
export type Op = (typeof Op)[keyof typeof Op];

/** CLUSTER argument: no value and no counted instance yet, any agent that has the field matches. */
export const ANY_VALUE = L.ANY_VALUE;
/** CLUSTER / IS argument: a value no agent has (or a first counted instance without the field): nothing matches. */
export const NO_VALUE = L.NO_VALUE;
/** `firstFailing` is an Int8Array: at most this many constraints per pending group. */
export const MAX_CONSTRAINTS = 127;
/** GROUP_BY "inf" (Marathon's Integer.MAX_VALUE). */
export const INT_MAX = 2147483647;

/**
 * Constraint c belongs to one pending group, so everything that depends on the app's counted
 * instances is resolved per constraint. Per operator:
 *
 * | op       | arg                                   | counts      | other            |
 * |----------|---------------------------------------|-------------|------------------|
 * | UNIQUE   | –                                     | yes         |                  |
 * | CLUSTER  | value id, ANY_VALUE or NO_VALUE       | –           |                  |
 * | GROUP_BY | minimum number of groups (≥ 0)        | yes         | groups, min      |
 * | LIKE     | –                                     | –           | table            |
 * | UNLIKE   | –                                     | –           | table            |
 * | MAX_PER  | maximum count (count < arg passes)    | yes         |                  |
 * | IS       | value id (normalised) or NO_VALUE     | –           |                  |
 *
 * An agent lacking the field (value -1) passes only UNLIKE.
 */
export interface MatchInput {
  nAgents: number;
  nFields: number;
  /** [nFields] number of distinct values of each field: its value ids are 0..fieldValues[f]-1. */
  fieldValues: Int32Array;
  /** [nAgents * nFields] value id of field f on agent a at a * nFields + f, -1 when the agent lacks it. */
  agentValue: Int32Array;

  nPending: number;
  /** [nPending + 1] the constraints of group g are [pendingStart[g], pendingStart[g+1]), in the app's order (≤ MAX_CONSTRAINTS). */
  pendingStart: Int32Array;
  /** [nConstraints] field index. */
  constraintField: Int32Array;
  /** [nConstraints] operator (Op). */
  constraintOp: Int32Array;
  /** [nConstraints] integer argument, see the table above (0 when unused). */
  constraintArg: Int32Array;
  /** [nConstraints] GROUP_BY: number of groups among the counted instances (instances lacking the field form one group). */
  constraintGroups: Int32Array;
  /** [nConstraints] GROUP_BY: the smallest group's count (0 when there are no instances). */
  constraintMin: Int32Array;
  /** [nConstraints] LIKE / UNLIKE: offset into likeTable of the field's fieldValues[f] entries (a non-empty table serves one field only). */
  constraintTable: Int32Array;
  /** [nConstraints + 1] counted instances of constraint c: [countStart[c], countStart[c+1]). */
  countStart: Int32Array;
  /** [nCounts] a value id (≥ 0, each at most once per constraint) that counted instances have... */
  countValue: Int32Array;
  /** [nCounts] ...and how many of them (≥ 1). Instances lacking the field are not listed. */
  countN: Int32Array;
  /** 1 = the value passes (LIKE: the whole value matches; UNLIKE: it does not). All 0 for an empty or invalid regex. */
  likeTable: Uint8Array;
}

export interface MatchOptions {
  /** Also answer, for every pair, which constraint fails first (the Debug view). Default false. */
  firstFailing?: boolean;
  /**
   * A buffer the caller owns and reuses across calls (a placement round asks every few milliseconds):
   * when it holds at least nPending × rowBytes bytes, the answer is written into it and `match` is a
   * view of it, good until the caller reuses the buffer. A fresh megabyte per call costs page faults.
   */
  matchInto?: Uint8Array;
}

export interface MatchOutput {
  nPending: number;
  nAgents: number;
  /** Bytes per row of `match`: ceil(nAgents / 8). */
  rowBytes: number;
  /**
   * [nPending * rowBytes] bitset, a row per group: agent a satisfies every constraint of group g
   * when bit (a & 7) of byte g * rowBytes + (a >> 3) is set (`matches`). Padding bits are 0.
   */
  match: Uint8Array;
  /**
   * With options.firstFailing only: [nPending * nAgents] at g * nAgents + a, the index within
   * group g's constraints of the first that agent a fails, -1 when it passes them all.
   */
  firstFailing?: Int8Array;
}

export interface ConstraintMatcher {
  readonly name: 'wasm' | 'ts';
  match(input: MatchInput, options?: MatchOptions): MatchOutput;
}

/** The first `bytes` of `into`, zeroed, when it is large enough; else a new buffer. */
export function outputBuffer(bytes: number, into: Uint8Array | undefined): Uint8Array {
  if (!into || into.length < bytes) return new Uint8Array(bytes);
  const view = into.subarray(0, bytes);
  view.fill(0);
  return view;
}

/** Does agent a satisfy every constraint of group g? */
export function matches(out: MatchOutput, g: number, a: number): boolean {
  return ((out.match[g * out.rowBytes + (a >> 3)]! >> (a & 7)) & 1) === 1;
}

/** Group g's answer as one byte per agent (1: every constraint holds), written into `into` (nAgents long at least). */
export function unpackRow(out: MatchOutput, g: number, into: Uint8Array): void {
  const row = out.match.subarray(g * out.rowBytes, (g + 1) * out.rowBytes);
  for (let a = 0; a < out.nAgents; a++) into[a] = (row[a >> 3]! >> (a & 7)) & 1;
}

/** The agents that satisfy every constraint of group g, in index order. */
export function matchingAgents(out: MatchOutput, g: number): number[] {
  const agents: number[] = [];
  for (let a = 0; a < out.nAgents; a++) if (matches(out, g, a)) agents.push(a);
  return agents;
}

/** Sizes of a checked input. */
export interface MatchSizes {
  nConstraints: number;
  nCounts: number;
  /** Σ fieldValues. */
  nValues: number;
}

/**
 * Throws a RangeError when the input breaks the contract (lengths, CSR bounds, ids out of range,
 * unknown operators, groups of more than MAX_CONSTRAINTS). Both matchers call it first: the Wasm
 * kernel trusts every index it reads.
 */
export function checkMatchInput(input: MatchInput): MatchSizes {
  const { nAgents, nFields, nPending } = input;
  const fail = (what: string): never => {
    throw new RangeError(`MatchInput: ${what}`);
  };
  const need = (name: keyof MatchInput, data: ArrayLike<number>, length: number): void => {
    if (data.length < length) fail(`${name} has ${data.length} elements, the counts need ${length}`);
  };
  if (!(nAgents >= 0 && nFields >= 0 && nPending >= 0)) fail('negative count');
  need('fieldValues', input.fieldValues, nFields);
  need('agentValue', input.agentValue, nAgents * nFields);
  need('pendingStart', input.pendingStart, nPending + 1);
  let nValues = 0;
  for (let f = 0; f < nFields; f++) {
    if (!(input.fieldValues[f]! >= 0)) fail(`fieldValues[${f}] = ${input.fieldValues[f]} is negative`);
    nValues += input.fieldValues[f]!;
  }
  for (let i = 0; i < nAgents * nFields; i++) {
    const v = input.agentValue[i]!;
    if (v < -1 || v >= input.fieldValues[i % nFields]!) fail(`agentValue[${i}] = ${v} is out of range`);
  }
  if (input.pendingStart[0] !== 0) fail('pendingStart[0] must be 0');
  for (let g = 0; g < nPending; g++) {
    const size = input.pendingStart[g + 1]! - input.pendingStart[g]!;
    if (size < 0 || size > MAX_CONSTRAINTS) fail(`group ${g} has ${size} constraints (at most ${MAX_CONSTRAINTS})`);
  }
  const nConstraints = input.pendingStart[nPending]!;
  for (const key of ['constraintField', 'constraintOp', 'constraintArg', 'constraintGroups', 'constraintMin', 'constraintTable'] as const) {
    need(key, input[key], nConstraints);
  }
  need('countStart', input.countStart, nConstraints + 1);
  if (input.countStart[0] !== 0) fail('countStart[0] must be 0');
  const nCounts = input.countStart[nConstraints]!;
  need('countValue', input.countValue, nCounts);
  need('countN', input.countN, nCounts);
  const tableField = new Map<number, number>();
  const seen = new Int32Array(Math.max(0, ...input.fieldValues.subarray(0, nFields))).fill(-1); // the constraint that last listed each value id
  for (let c = 0; c < nConstraints; c++) {
    const f = input.constraintField[c]!;
    const op = input.constraintOp[c]!;
    if (!(f >= 0 && f < nFields)) fail(`constraintField[${c}] = ${f} is out of range`);
    if (!(op >= 0 && op < OPERATORS.length)) fail(`constraintOp[${c}] = ${op} is not an operator`);
    const values = input.fieldValues[f]!;
    const arg = input.constraintArg[c]!;
    if (
      (op === Op.CLUSTER || op === Op.IS) &&
      !(arg < values && (arg >= 0 || arg === NO_VALUE || (op === Op.CLUSTER && arg === ANY_VALUE)))
    ) {
      fail(`constraintArg[${c}] = ${arg} is not a value of field ${f}`);
    }
    const table = input.constraintTable[c]!;
    if (op === Op.LIKE || op === Op.UNLIKE) {
      if (!(table >= 0 && table + values <= input.likeTable.length)) fail(`constraintTable[${c}] = ${table} is out of range`);
      if (values > 0 && (tableField.get(table) ?? f) !== f) fail(`constraintTable[${c}] = ${table} serves two fields`);
      if (values > 0) tableField.set(table, f);
    }
    const from = input.countStart[c]!;
    const to = input.countStart[c + 1]!;
    if (!(from <= to && to <= nCounts)) fail(`countStart[${c + 1}] = ${to} is out of range`);
    for (let i = from; i < to; i++) {
      const v = input.countValue[i]!;
      if (!(v >= 0 && v < values)) fail(`countValue[${i}] = ${v} is not a value of field ${f}`);
      if (seen[v] === c) fail(`countValue[${i}] = ${v} is listed twice for constraint ${c}`);
      if (!(input.countN[i]! >= 1)) fail(`countN[${i}] = ${input.countN[i]} is not a count of instances`);
      seen[v] = c;
    }
  }
  return { nConstraints, nCounts, nValues };
}
