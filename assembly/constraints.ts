// Marathon placement-constraint matcher: one call answers a whole batch of pending instance
// groups × agents (src/kernels/constraints/contract.ts). The rules are those of
// src/kernels/constraints/twin.ts (the readable specification), which checks every pair; this
// kernel gives the same answer by marking the agents that FAIL:
//   - per group, a first-failing row (in the output when the host wants it, else in scratch)
//     starts at -1 ("all pass") and the group's constraints are applied from the last to the first,
//     each writing its index over the agents it rejects, so the index left is the first failing
//     one; the group's `match` bitset row is then packed from it, 8 agents at a time (SWAR);
//   - a constraint that depends only on the agent's value (LIKE, UNLIKE, IS, CLUSTER with a value)
//     and recurs in the batch gets a reject mask over the agents, built once and applied to each
//     row 8 agents at a time;
//   - the other constraints visit only the agents they reject, through the agents of each field
//     bucketed by value (a counting sort, once per batch; bucket 0 = agents lacking the field):
//     the counted values (UNIQUE, MAX_PER, GROUP_BY), every value but one (IS / CLUSTER), the
//     values the regex rejects.
import * as C from './constraints-layout';
import { align8, i32At, setI32, slotI32, slotPtr, u8At } from './mem';

let nAgents: i32 = 0;
let nFields: i32 = 0;
let nPending: i32 = 0;
let nLike: i32 = 0;
let maskCapacity: i32 = 0;
let nConstraints: i32 = 0;
let sumValues: i32 = 0;
let fieldValues: usize = 0;
let agentValue: usize = 0;
let pendingStart: usize = 0;
let cField: usize = 0;
let cOp: usize = 0;
let cArg: usize = 0;
let cGroups: usize = 0;
let cMin: usize = 0;
let cTable: usize = 0;
let countStart: usize = 0;
let countValue: usize = 0;
let countN: usize = 0;
let likeTable: usize = 0;
let outMatch: usize = 0;
let outFirst: usize = 0;

// Scratch.
let fieldStart: usize = 0; // i32[nFields]: where field f's slots begin in bucketStart (and in the value keys)
let bucketStart: usize = 0; // i32[Σ (fieldValues[f] + 2)]: bucket b of field f is [bucketStart[fieldStart[f] + b], ... + b + 1)
let bucketAgents: usize = 0; // i32[nFields * nAgents]: field f's agents at f * nAgents, by bucket
let keyUses: usize = 0; // i32[nKeys]: constraints per mask key (see maskKey)
let keySlot: usize = 0; // i32[nKeys]: the key's mask, -1 if none
let constraintMask: usize = 0; // i32[nConstraints]: the constraint's mask, -1 if none
let masks: usize = 0; // u8[maskCapacity * nAgents]: 0xff = rejected
let firstRow: usize = 0; // i8[nAgents]: the working row when the host wants no first-failing indices

@inline function nKeys(nLike_: i32, nFields_: i32, sumValues_: i32): i32 {
  return 2 * (nLike_ + 1) + sumValues_ + 2 * nFields_;
}

function layoutScratch(at: usize, nAgents_: i32, nFields_: i32, sumValues_: i32, nLike_: i32, nConstraints_: i32, maskCapacity_: i32): usize {
  const keys = nKeys(nLike_, nFields_, sumValues_);
  at = align8(at);
  fieldStart = at; at += <usize>nFields_ << 2;
  bucketStart = at; at += <usize>(sumValues_ + 2 * nFields_) << 2;
  bucketAgents = at; at += <usize>nFields_ * <usize>nAgents_ << 2;
  keyUses = at; at += <usize>keys << 2;
  keySlot = at; at += <usize>keys << 2;
  constraintMask = at; at += <usize>nConstraints_ << 2;
  masks = align8(at); at = masks + <usize>maskCapacity_ * <usize>nAgents_;
  firstRow = align8(at); at = firstRow + <usize>nAgents_;
  return align8(at);
}

/** Bytes of scratch `match_constraints` needs at C_P_SCRATCH; sumValues = Σ fieldValues, nLike = likeTable.length. */
export function match_scratch_bytes(nAgents_: i32, nFields_: i32, sumValues_: i32, nLike_: i32, nConstraints_: i32, maskCapacity_: i32): i32 {
  return <i32>layoutScratch(0, nAgents_, nFields_, sumValues_, nLike_, nConstraints_, maskCapacity_);
}

export function constraints_abi(): i32 {
  return C.CONSTRAINTS_ABI;
}

function readHeader(h: usize): void {
  nAgents = slotI32(h, C.C_N_AGENTS);
  nFields = slotI32(h, C.C_N_FIELDS);
  nPending = slotI32(h, C.C_N_PENDING);
  nLike = slotI32(h, C.C_N_LIKE);
  maskCapacity = slotI32(h, C.C_MASK_CAPACITY);
  fieldValues = slotPtr(h, C.C_P_FIELD_VALUES);
  agentValue = slotPtr(h, C.C_P_AGENT_VALUE);
  pendingStart = slotPtr(h, C.C_P_PENDING_START);
  cField = slotPtr(h, C.C_P_FIELD);
  cOp = slotPtr(h, C.C_P_OP);
  cArg = slotPtr(h, C.C_P_ARG);
  cGroups = slotPtr(h, C.C_P_GROUPS);
  cMin = slotPtr(h, C.C_P_MIN);
  cTable = slotPtr(h, C.C_P_TABLE);
  countStart = slotPtr(h, C.C_P_COUNT_START);
  countValue = slotPtr(h, C.C_P_COUNT_VALUE);
  countN = slotPtr(h, C.C_P_COUNT_N);
  likeTable = slotPtr(h, C.C_P_LIKE);
  outMatch = slotPtr(h, C.C_P_OUT_MATCH);
  outFirst = slotPtr(h, C.C_P_OUT_FIRST);
  nConstraints = i32At(pendingStart, nPending);
  sumValues = 0;
  for (let f: i32 = 0; f < nFields; f++) sumValues += i32At(fieldValues, f);
}

/** Counting sort of every field's agents by value: bucket value + 1, bucket 0 = lacks the field. */
function bucketAgentsByValue(): void {
  let at: i32 = 0;
  for (let f: i32 = 0; f < nFields; f++) {
    setI32(fieldStart, f, at);
    at += i32At(fieldValues, f) + 2;
  }
  memory.fill(bucketStart, 0, <usize>at << 2);
  for (let f: i32 = 0; f < nFields; f++) {
    const starts = bucketStart + (<usize>i32At(fieldStart, f) << 2);
    const buckets = i32At(fieldValues, f) + 1;
    // Sizes at b + 1, then prefix sums: bucketStart[b] = first slot of bucket b.
    for (let a: i32 = 0; a < nAgents; a++) {
      const b = i32At(agentValue, a * nFields + f) + 1;
      setI32(starts, b + 1, i32At(starts, b + 1) + 1);
    }
    for (let b: i32 = 1; b <= buckets; b++) setI32(starts, b, i32At(starts, b) + i32At(starts, b - 1));
    // Fill, using each start as a cursor (it ends at the next bucket's start), then shift back.
    const list = bucketAgents + ((<usize>f * <usize>nAgents) << 2);
    for (let a: i32 = 0; a < nAgents; a++) {
      const b = i32At(agentValue, a * nFields + f) + 1;
      const slot = i32At(starts, b);
      setI32(list, slot, a);
      setI32(starts, b, slot + 1);
    }
    for (let b: i32 = buckets; b > 0; b--) setI32(starts, b, i32At(starts, b - 1));
    setI32(starts, 0, 0);
  }
}

/**
 * The key of a constraint whose verdict depends only on the agent's value, -1 for the others:
 * LIKE / UNLIKE by regex table (a non-empty table belongs to one field), IS / CLUSTER by (field, value).
 */
function maskKey(c: i32): i32 {
  const op = i32At(cOp, c);
  if (op == C.OP_LIKE || op == C.OP_UNLIKE) {
    // An empty table (a field no agent has) may share its offset with another field's.
    if (i32At(fieldValues, i32At(cField, c)) == 0) return -1;
    return 2 * i32At(cTable, c) + (op == C.OP_UNLIKE ? 1 : 0);
  }
  const arg = i32At(cArg, c);
  if (op == C.OP_IS || (op == C.OP_CLUSTER && arg != C.ANY_VALUE)) {
    return 2 * (nLike + 1) + i32At(fieldStart, i32At(cField, c)) + (arg >= 0 ? arg + 1 : 0);
  }
  return -1;
}

/** Mask `slot` := the agents constraint c rejects (0xff), the rest 0. */
function buildMask(c: i32, slot: i32): void {
  const mask = masks + <usize>slot * <usize>nAgents;
  const f = i32At(cField, c);
  const op = i32At(cOp, c);
  const arg = i32At(cArg, c);
  const table = likeTable + <usize>i32At(cTable, c);
  const like = op == C.OP_LIKE || op == C.OP_UNLIKE;
  for (let a: i32 = 0; a < nAgents; a++) {
    const v = i32At(agentValue, a * nFields + f);
    const rejected = v < 0 ? op != C.OP_UNLIKE : like ? u8At(table, v) == 0 : v != arg;
    store<u8>(mask + <usize>a, rejected ? 0xff : 0);
  }
}

/** Gives a mask to every key that two or more constraints share, while there is room. */
function planMasks(): void {
  const keys = nKeys(nLike, nFields, sumValues);
  memory.fill(keyUses, 0, <usize>keys << 2);
  memory.fill(keySlot, 0xff, <usize>keys << 2);
  for (let c: i32 = 0; c < nConstraints; c++) {
    const key = maskKey(c);
    if (key >= 0) setI32(keyUses, key, i32At(keyUses, key) + 1);
  }
  let nMasks: i32 = 0;
  for (let c: i32 = 0; c < nConstraints; c++) {
    const key = maskKey(c);
    let slot: i32 = -1;
    if (key >= 0 && i32At(keyUses, key) >= 2) {
      slot = i32At(keySlot, key);
      if (slot < 0 && nMasks < maskCapacity) {
        slot = nMasks++;
        setI32(keySlot, key, slot);
        buildMask(c, slot);
      }
    }
    setI32(constraintMask, c, slot);
  }
}

/** Constraint index k over the agents mask `slot` rejects, in the first-failing row `out`, 8 agents at a time. */
function applyMask(slot: i32, out: usize, k: i32): void {
  const mask = masks + <usize>slot * <usize>nAgents;
  const kk = <u64>(k & 0xff) * 0x0101010101010101;
  const n8 = <usize>(nAgents & ~7);
  for (let i: usize = 0; i < n8; i += 8) {
    const m = load<u64>(mask + i);
    if (m == 0) continue;
    store<u64>(out + i, (load<u64>(out + i) & ~m) | (kk & m));
  }
  for (let i = n8; i < <usize>nAgents; i++) if (load<u8>(mask + i) != 0) store<i8>(out + i, <i8>k);
}

/** Constraint index k fails for every agent of bucket b of field f, in the first-failing row `out`. */
@inline function reject(f: i32, b: i32, out: usize, k: i32): void {
  const starts = bucketStart + (<usize>i32At(fieldStart, f) << 2);
  const list = bucketAgents + ((<usize>f * <usize>nAgents) << 2);
  const end = i32At(starts, b + 1);
  for (let i = i32At(starts, b); i < end; i++) store<i8>(out + <usize>i32At(list, i), <i8>k);
}

/** Marks the agents constraint c (index k in its group) rejects, bucket by bucket. */
function apply(c: i32, k: i32, out: usize): void {
  const f = i32At(cField, c);
  const op = i32At(cOp, c);
  const arg = i32At(cArg, c);
  const nValues = i32At(fieldValues, f);
  // Agents lacking the field satisfy only UNLIKE.
  if (op != C.OP_UNLIKE) reject(f, 0, out, k);
  const from = i32At(countStart, c);
  const to = i32At(countStart, c + 1);
  if (op == C.OP_UNIQUE) {
    for (let i = from; i < to; i++) if (i32At(countN, i) > 0) reject(f, i32At(countValue, i) + 1, out, k);
  } else if (op == C.OP_MAX_PER) {
    if (arg <= 0) {
      for (let v: i32 = 0; v < nValues; v++) reject(f, v + 1, out, k);
    } else {
      for (let i = from; i < to; i++) if (i32At(countN, i) >= arg) reject(f, i32At(countValue, i) + 1, out, k);
    }
  } else if (op == C.OP_GROUP_BY) {
    // Values that are not a group pass; a group passes only if there are enough groups and it is the smallest.
    const enough = i32At(cGroups, c) >= arg;
    const min = i32At(cMin, c);
    for (let i = from; i < to; i++) {
      const n = i32At(countN, i);
      if (n > 0 && !(enough && n == min)) reject(f, i32At(countValue, i) + 1, out, k);
    }
  } else if (op == C.OP_CLUSTER || op == C.OP_IS) {
    if (op == C.OP_IS || arg != C.ANY_VALUE) {
      for (let v: i32 = 0; v < nValues; v++) if (v != arg) reject(f, v + 1, out, k);
    }
  } else if (op == C.OP_LIKE || op == C.OP_UNLIKE) {
    const table = likeTable + <usize>i32At(cTable, c);
    for (let v: i32 = 0; v < nValues; v++) if (u8At(table, v) == 0) reject(f, v + 1, out, k);
  }
  // No other operator reaches here: the host checks the input (checkMatchInput).
}

/** Packs the bitset row at `dst` from the first-failing row `first`: bit a set when agent a passes (-1). */
function packRow(first: usize, dst: usize): void {
  const n8 = <usize>(nAgents & ~7);
  const low7: u64 = 0x7f7f7f7f7f7f7f7f;
  const high: u64 = 0x8080808080808080;
  for (let i: usize = 0; i < n8; i += 8) {
    const y = ~load<u64>(first + i); // a byte of y is 0 exactly where first is -1
    const nonZero = (((y & low7) + low7) | y) & high; // 0x80 in every non-zero byte of y
    const ones = (nonZero ^ high) >> 7; // 0x01 in every byte where first is -1
    store<u8>(dst + (i >> 3), <u8>((ones * 0x0102040810204080) >> 56)); // byte j → bit j
  }
  if (n8 < <usize>nAgents) {
    let bits: i32 = 0;
    for (let i = n8; i < <usize>nAgents; i++) if (load<i8>(first + i) == -1) bits |= 1 << <i32>(i - n8);
    store<u8>(dst + (n8 >> 3), <u8>bits);
  }
}

/** One batch: writes the match bitset rows and, when outFirst is set, the first-failing rows. */
export function match_constraints(header: usize): void {
  readHeader(header);
  layoutScratch(slotPtr(header, C.C_P_SCRATCH), nAgents, nFields, sumValues, nLike, nConstraints, maskCapacity);
  bucketAgentsByValue();
  planMasks();
  const rowBytes = <usize>(nAgents + 7) >> 3;
  for (let g: i32 = 0; g < nPending; g++) {
    const out = outFirst != 0 ? outFirst + <usize>g * <usize>nAgents : firstRow;
    memory.fill(out, 0xff, <usize>nAgents);
    const first = i32At(pendingStart, g);
    for (let c = i32At(pendingStart, g + 1) - 1; c >= first; c--) {
      const slot = i32At(constraintMask, c);
      if (slot >= 0) applyMask(slot, out, c - first);
      else apply(c, c - first, out);
    }
    packRow(out, outMatch + <usize>g * rowBytes);
  }
}
