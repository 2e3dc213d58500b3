/**
 * The TypeScript twin of the constraint matcher: the readable specification of one batch and
 * the oracle the Wasm kernel (assembly/constraints.ts) is tested against. It checks every
 * (pending group, agent) pair against the group's constraints in order, exactly as Marathon's
 * `Constraints.meetsConstraint` does for one offer (SEMANTICS.md 3.1). The kernel instead marks
 * the agents that fail, value by value, but must give identical answers.
 */
import {
  ANY_VALUE,
  Op,
  checkMatchInput,
  outputBuffer,
  type ConstraintMatcher,
  type MatchInput,
  type MatchOptions,
  type MatchOutput,
} from './contract.ts';

/** Counted instances of constraint c per value id. */
function countsOf(input: MatchInput, c: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = input.countStart[c]!; i < input.countStart[c + 1]!; i++) counts.set(input.countValue[i]!, input.countN[i]!);
  return counts;
}

/** Does an agent whose field value is `value` (-1: it lacks the field) satisfy constraint c? */
function passes(input: MatchInput, c: number, value: number, counts: Map<number, number>): boolean {
  const op = input.constraintOp[c]!;
  // A missing field only satisfies UNLIKE.
  if (value < 0) return op === Op.UNLIKE;
  const arg = input.constraintArg[c]!;
  switch (op) {
    case Op.UNIQUE:
      // No counted instance has the same value.
      return !counts.has(value);
    case Op.CLUSTER:
      // The given value, or the first counted instance's; anything while nothing is placed.
      return arg === ANY_VALUE || value === arg;
    case Op.GROUP_BY: {
      // v1.10: a value that is not yet a group matches; an existing group only when there are
      // enough groups and it is (one of) the smallest.
      const count = counts.get(value);
      return count === undefined || (input.constraintGroups[c]! >= arg && count === input.constraintMin[c]!);
    }
    case Op.LIKE:
    case Op.UNLIKE:
      // The regex was evaluated once per distinct value of the field.
      return input.likeTable[input.constraintTable[c]! + value] === 1;
    case Op.MAX_PER:
      return (counts.get(value) ?? 0) < arg;
    case Op.IS:
      return value === arg;
    default:
      throw new RangeError(`constraint ${c} has unknown operator ${op}`);
  }
}

export function matchTwin(input: MatchInput, options: MatchOptions = {}): MatchOutput {
  checkMatchInput(input);
  const { nAgents, nFields, nPending } = input;
  const rowBytes = (nAgents + 7) >> 3;
  const match = outputBuffer(nPending * rowBytes, options.matchInto);
  const firstFailing = options.firstFailing ? new Int8Array(nPending * nAgents) : undefined;
  for (let g = 0; g < nPending; g++) {
    const first = input.pendingStart[g]!;
    const end = input.pendingStart[g + 1]!;
    const counts: Map<number, number>[] = [];
    for (let c = first; c < end; c++) counts.push(countsOf(input, c));
    for (let a = 0; a < nAgents; a++) {
      let failing = -1;
      for (let c = first; c < end && failing < 0; c++) {
        const value = input.agentValue[a * nFields + input.constraintField[c]!]!;
        if (!passes(input, c, value, counts[c - first]!)) failing = c - first;
      }
      if (failing < 0) match[g * rowBytes + (a >> 3)]! |= 1 << (a & 7);
      if (firstFailing) firstFailing[g * nAgents + a] = failing;
    }
  }
  return firstFailing ? { nPending, nAgents, rowBytes, match, firstFailing } : { nPending, nAgents, rowBytes, match };
}

/** The TypeScript matcher (name 'ts'). */
export const tsMatcher: ConstraintMatcher = { name: 'ts', match: matchTwin };
