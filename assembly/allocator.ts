// DRF allocator kernel: one call decides every offer of an allocation run. The host writes
// flat arrays and a header (layout.ts); this module keeps sorted orders incrementally, so a
// run costs about O(agents × log(roles)) instead of a full sort per agent. The rules are those
// of src/kernels/allocator/twin.ts, which this must match bit for bit.
import * as L from './layout';

const Q: i32 = 5;
const S: i32 = 4;
const PORTS: i32 = 4;
const EPSILON: f64 = 1e-9;

let hdr: usize = 0;
let nAgents: i32 = 0;
let nRoles: i32 = 0;
let nNodes: i32 = 0;
let nF: i32 = 0;
let minCpus: f64 = 0;
let minMem: f64 = 0;

let total: usize = 0;
let agentFree: usize = 0;
let agentGpus: usize = 0;
let poolStart: usize = 0;
let poolRole: usize = 0;
let poolFree: usize = 0;
let roleParent: usize = 0;
let roleTop: usize = 0;
let roleLeaf: usize = 0;
let roleGuarantee: usize = 0;
let roleLimit: usize = 0;
let roleConsumed: usize = 0;
let nodeParent: usize = 0;
let nodeWeight: usize = 0;
let nodeRank: usize = 0;
let nodeAlloc: usize = 0;
let nodeCount: usize = 0;
let nodeRole: usize = 0;
let fwRole: usize = 0;
let fwActive: usize = 0;
let fwGpu: usize = 0;
let fwRank: usize = 0;
let fwAlloc: usize = 0;
let fwCount: usize = 0;
let filterStart: usize = 0;
let filterFw: usize = 0;
let filterRes: usize = 0;
let outFw: usize = 0;
let outAgent: usize = 0;
let outUnres: usize = 0;
let outPoolStart: usize = 0;
let outPools: usize = 0;
let outCapacity: i32 = 0;
let outPoolCapacity: i32 = 0;
let nOut: i32 = 0;
let nOutPools: i32 = 0;

// Scratch (laid out by setupScratch).
let nodeShare: usize = 0; // f64[nNodes]
let fwShare: usize = 0; // f64[nF]
let oldShare: usize = 0; // f64[nNodes + nF]: keys before the current agent, to find an entry again
let oldCount: usize = 0; // i32[nNodes + nF]
let childStart: usize = 0; // i32[nNodes + 2]: children of node n at slot n + 1, root at slot 0
let childList: usize = 0; // i32[nNodes]
let roleFwStart: usize = 0; // i32[nRoles + 1]
let roleFwList: usize = 0; // i32[nF], active frameworks of each role, sorted
let touched: usize = 0; // i32[nNodes + nF] marks
let touchedList: usize = 0; // i32[nNodes + nF]: node n as n, framework f as nNodes + f
let nTouched: i32 = 0;
let stack: usize = 0; // i32[nNodes + 1]
let available: usize = 0; // f64[4]
let required: usize = 0; // f64[4]
let candUnres: usize = 0; // f64[5]
let candTotal: usize = 0; // f64[5]
let candPools: usize = 0; // i32[nPools]
let nCandPools: i32 = 0;

@inline function h(slot: i32): i32 {
  return load<i32>(hdr + (<usize>slot << 2));
}
@inline function p(slot: i32): usize {
  return <usize>load<i32>(hdr + (<usize>slot << 2));
}
@inline function f64At(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}
@inline function setF64(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}
@inline function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}
@inline function setI32(base: usize, i: i32, v: i32): void {
  store<i32>(base + (<usize>i << 2), v);
}
@inline function u8At(base: usize, i: i32): i32 {
  return <i32>load<u8>(base + <usize>i);
}

function dominantShare(alloc: usize, row: i32): f64 {
  let share: f64 = 0;
  for (let s: i32 = 0; s < S; s++) {
    const t = f64At(total, s);
    if (t > 0) share = Math.max(share, f64At(alloc, row * Q + s) / t);
  }
  return share;
}

/** Strict DRF order: lower share, then fewer allocations, then lower rank. */
@inline function before(shareA: f64, countA: i32, rankA: i32, shareB: f64, countB: i32, rankB: i32): bool {
  if (shareA != shareB) return shareA < shareB;
  if (countA != countB) return countA < countB;
  return rankA < rankB;
}

// While touched entries are being repositioned one by one, the ones not yet moved still sit
// where their old key puts them: compare them by that key so every list stays sorted.
@inline function effShare(entry: i32): f64 {
  if (i32At(touched, entry) != 0) return f64At(oldShare, entry);
  return entry < nNodes ? f64At(nodeShare, entry) : f64At(fwShare, entry - nNodes);
}
@inline function effCount(entry: i32): i32 {
  if (i32At(touched, entry) != 0) return i32At(oldCount, entry);
  return entry < nNodes ? i32At(nodeCount, entry) : i32At(fwCount, entry - nNodes);
}

function nodeBefore(a: i32, b: i32): bool {
  return before(effShare(a), effCount(a), i32At(nodeRank, a), effShare(b), effCount(b), i32At(nodeRank, b));
}
function fwBefore(a: i32, b: i32): bool {
  const ea = nNodes + a;
  const eb = nNodes + b;
  return before(effShare(ea), effCount(ea), i32At(fwRank, a), effShare(eb), effCount(eb), i32At(fwRank, b));
}

/** Insertion sort of list[from, to): used once at setup (lists are short per parent in practice, and stable cost is fine). */
function sortRange(list: usize, from: i32, to: i32, isNode: bool): void {
  for (let i = from + 1; i < to; i++) {
    const x = i32At(list, i);
    // Binary search the insertion point in [from, i).
    let lo = from;
    let hi = i;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const y = i32At(list, mid);
      if (isNode ? nodeBefore(y, x) : fwBefore(y, x)) lo = mid + 1;
      else hi = mid;
    }
    if (lo < i) memory.copy(list + (<usize>(lo + 1) << 2), list + (<usize>lo << 2), <usize>(i - lo) << 2);
    setI32(list, lo, x);
  }
}

function setupScratch(base: usize, nPools: i32): void {
  let at = (base + 7) & ~(<usize>7);
  nodeShare = at; at += <usize>nNodes << 3;
  fwShare = at; at += <usize>nF << 3;
  oldShare = at; at += <usize>(nNodes + nF) << 3;
  available = at; at += 32;
  required = at; at += 32;
  candUnres = at; at += 40;
  candTotal = at; at += 40;
  oldCount = at; at += <usize>(nNodes + nF) << 2;
  childStart = at; at += <usize>(nNodes + 2) << 2;
  childList = at; at += <usize>nNodes << 2;
  roleFwStart = at; at += <usize>(nRoles + 1) << 2;
  roleFwList = at; at += <usize>nF << 2;
  touched = at; at += <usize>(nNodes + nF) << 2;
  touchedList = at; at += <usize>(nNodes + nF) << 2;
  stack = at; at += <usize>(nNodes + 1) << 2;
  candPools = at; at += <usize>(nPools + 1) << 2;
}

/** Bytes of scratch the kernel needs past the address given in P_SCRATCH. */
export function scratch_bytes(nNodes_: i32, nF_: i32, nRoles_: i32, nPools_: i32): i32 {
  return 8 + 8 * (nNodes_ + nF_ + nNodes_ + nF_) + 32 + 32 + 40 + 40 + 4 * (nNodes_ + nF_) + 4 * (nNodes_ + 2) + 4 * nNodes_ + 4 * (nRoles_ + 1) + 4 * nF_ + 8 * (nNodes_ + nF_) + 4 * (nNodes_ + 1) + 4 * (nPools_ + 1) + 64;
}

/** Where the host may start writing: past the module's static data. */
export function heap_base(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

function buildOrders(): void {
  for (let i = 0; i < nNodes + nF; i++) setI32(touched, i, 0);
  nTouched = 0;
  // Children per parent slot (counting sort by parent), then sort each slot.
  for (let i = 0; i < nNodes + 2; i++) setI32(childStart, i, 0);
  for (let n = 0; n < nNodes; n++) {
    setF64(nodeShare, n, dominantShare(nodeAlloc, n) / f64At(nodeWeight, n));
    const slot = i32At(nodeParent, n) + 1;
    setI32(childStart, slot + 1, i32At(childStart, slot + 1) + 1);
  }
  for (let i = 1; i < nNodes + 2; i++) setI32(childStart, i, i32At(childStart, i) + i32At(childStart, i - 1));
  // Fill using `stack` as a per-slot cursor.
  for (let i = 0; i < nNodes + 1; i++) setI32(stack, i, i32At(childStart, i));
  for (let n = 0; n < nNodes; n++) {
    const slot = i32At(nodeParent, n) + 1;
    const k = i32At(stack, slot);
    setI32(childList, k, n);
    setI32(stack, slot, k + 1);
  }
  for (let slot = 0; slot < nNodes + 1; slot++) sortRange(childList, i32At(childStart, slot), i32At(childStart, slot + 1), true);

  for (let i = 0; i < nRoles + 1; i++) setI32(roleFwStart, i, 0);
  for (let f = 0; f < nF; f++) {
    setF64(fwShare, f, dominantShare(fwAlloc, f));
    if (u8At(fwActive, f) == 1) {
      const r = i32At(fwRole, f);
      setI32(roleFwStart, r + 1, i32At(roleFwStart, r + 1) + 1);
    }
  }
  for (let i = 1; i < nRoles + 1; i++) setI32(roleFwStart, i, i32At(roleFwStart, i) + i32At(roleFwStart, i - 1));
  for (let i = 0; i < nRoles; i++) setI32(stack, i, i32At(roleFwStart, i));
  for (let f = 0; f < nF; f++) {
    if (u8At(fwActive, f) != 1) continue;
    const r = i32At(fwRole, f);
    const k = i32At(stack, r);
    setI32(roleFwList, k, f);
    setI32(stack, r, k + 1);
  }
  for (let r = 0; r < nRoles; r++) sortRange(roleFwList, i32At(roleFwStart, r), i32At(roleFwStart, r + 1), false);
}

function touch(entry: i32): void {
  if (i32At(touched, entry) != 0) return;
  setI32(touched, entry, 1);
  setI32(touchedList, nTouched++, entry);
  if (entry < nNodes) {
    setF64(oldShare, entry, f64At(nodeShare, entry));
    setI32(oldCount, entry, i32At(nodeCount, entry));
  } else {
    const f = entry - nNodes;
    setF64(oldShare, entry, f64At(fwShare, f));
    setI32(oldCount, entry, i32At(fwCount, f));
  }
}

/** Move `x` to its new place in the sorted list[from, to), finding it by its old key. */
function reposition(list: usize, from: i32, to: i32, x: i32, isNode: bool, oldS: f64, oldC: i32, rank: i32): void {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const y = i32At(list, mid);
    if (y == x) { lo = mid; break; }
    const ey = isNode ? y : nNodes + y;
    const yBefore = before(effShare(ey), effCount(ey), isNode ? i32At(nodeRank, y) : i32At(fwRank, y), oldS, oldC, rank);
    if (yBefore) lo = mid + 1;
    else hi = mid;
  }
  // The list is sorted by effective keys, so the search lands on x; the scan is a safety net.
  let at = lo;
  if (at >= to || i32At(list, at) != x) {
    at = from;
    while (i32At(list, at) != x) at++;
  }
  memory.copy(list + (<usize>at << 2), list + (<usize>(at + 1) << 2), <usize>(to - at - 1) << 2);
  const last = to - 1;
  lo = from;
  hi = last;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const y = i32At(list, mid);
    if (isNode ? nodeBefore(y, x) : fwBefore(y, x)) lo = mid + 1;
    else hi = mid;
  }
  memory.copy(list + (<usize>(lo + 1) << 2), list + (<usize>lo << 2), <usize>(last - lo) << 2);
  setI32(list, lo, x);
}

function flushTouched(): void {
  for (let i = 0; i < nTouched; i++) {
    const e = i32At(touchedList, i);
    setI32(touched, e, 0);
    if (e < nNodes) {
      setF64(nodeShare, e, dominantShare(nodeAlloc, e) / f64At(nodeWeight, e));
      const slot = i32At(nodeParent, e) + 1;
      reposition(childList, i32At(childStart, slot), i32At(childStart, slot + 1), e, true, f64At(oldShare, e), i32At(oldCount, e), i32At(nodeRank, e));
    } else {
      const f = e - nNodes;
      setF64(fwShare, f, dominantShare(fwAlloc, f));
      const r = i32At(fwRole, f);
      reposition(roleFwList, i32At(roleFwStart, r), i32At(roleFwStart, r + 1), f, false, f64At(oldShare, e), i32At(oldCount, e), i32At(fwRank, f));
    }
  }
  nTouched = 0;
}

function nothingAllocatable(a: i32): bool {
  let cpus = f64At(agentFree, a * Q);
  let mem = f64At(agentFree, a * Q + 1);
  const end = i32At(poolStart, a + 1);
  for (let k = i32At(poolStart, a); k < end; k++) {
    cpus += f64At(poolFree, k * Q);
    mem += f64At(poolFree, k * Q + 1);
  }
  return cpus < minCpus && mem < minMem;
}

function hasUnsatisfiedGuarantee(r: i32): bool {
  if (i32At(roleParent, r) != -1) return false;
  for (let s = 0; s < S; s++) {
    const g = f64At(roleGuarantee, r * S + s);
    if (g > 0 && g - f64At(roleConsumed, r * S + s) > 0) return true;
  }
  return false;
}

function isAncestorOrSelf(ancestor: i32, role: i32): bool {
  for (let r = role; r != -1; r = i32At(roleParent, r)) if (r == ancestor) return true;
  return false;
}

/** Fills candUnres / candTotal / candPools; false in stage 1 when there is no guarantee part. */
function candidate(stage: i32, a: i32, role: i32): bool {
  const top = i32At(roleTop, role);
  let guaranteeAny = false;
  for (let s = 0; s < S; s++) {
    const free = f64At(agentFree, a * Q + s);
    const consumed = f64At(roleConsumed, top * S + s);
    const unsatisfied = Math.max(0, f64At(roleGuarantee, top * S + s) - consumed);
    const guaranteePart = stage == 1 ? Math.min(free, unsatisfied) : 0;
    if (guaranteePart > 0) guaranteeAny = true;
    const limitLeft = Math.max(0, f64At(roleLimit, top * S + s) - consumed - guaranteePart);
    const surplus = Math.max(0, f64At(available, s) - f64At(required, s));
    const rest = free - guaranteePart;
    const cap = Math.min(limitLeft, surplus);
    const extra = rest <= cap + EPSILON ? rest : Math.max(0, cap);
    setF64(candUnres, s, guaranteePart + extra);
  }
  if (stage == 1 && !guaranteeAny) return false;
  setF64(candUnres, PORTS, f64At(agentFree, a * Q + PORTS));
  for (let q = 0; q < Q; q++) setF64(candTotal, q, f64At(candUnres, q));
  nCandPools = 0;
  const end = i32At(poolStart, a + 1);
  for (let k = i32At(poolStart, a); k < end; k++) {
    if (!isAncestorOrSelf(i32At(poolRole, k), role)) continue;
    let any = false;
    for (let q = 0; q < Q; q++) if (f64At(poolFree, k * Q + q) > 0) any = true;
    if (!any) continue;
    setI32(candPools, nCandPools++, k);
    for (let q = 0; q < Q; q++) setF64(candTotal, q, f64At(candTotal, q) + f64At(poolFree, k * Q + q));
  }
  return true;
}

function filtered(a: i32, f: i32): bool {
  const end = i32At(filterStart, a + 1);
  for (let k = i32At(filterStart, a); k < end; k++) {
    if (i32At(filterFw, k) != f) continue;
    let covered = true;
    for (let q = 0; q < Q; q++) if (!(f64At(candTotal, q) <= f64At(filterRes, k * Q + q) + EPSILON)) covered = false;
    if (covered) return true;
  }
  return false;
}

/** Records the offer; false when the output arrays are full (the host grows them and calls again). */
function offer(a: i32, f: i32, role: i32): bool {
  if (nOut >= outCapacity || nOutPools + nCandPools > outPoolCapacity) return false;
  setI32(outFw, nOut, f);
  setI32(outAgent, nOut, a);
  for (let q = 0; q < Q; q++) setF64(outUnres, nOut * Q + q, f64At(candUnres, q));
  setI32(outPoolStart, nOut, nOutPools);
  for (let i = 0; i < nCandPools; i++) setI32(outPools, nOutPools++, i32At(candPools, i));
  nOut++;
  setI32(outPoolStart, nOut, nOutPools);

  for (let s = 0; s < S; s++) setF64(agentFree, a * Q + s, f64At(agentFree, a * Q + s) - f64At(candUnres, s));
  setF64(agentFree, a * Q + PORTS, f64At(agentFree, a * Q + PORTS) - f64At(candUnres, PORTS));
  for (let i = 0; i < nCandPools; i++) {
    const k = i32At(candPools, i);
    for (let q = 0; q < Q; q++) setF64(poolFree, k * Q + q, 0);
  }
  touch(nNodes + f);
  for (let q = 0; q < Q; q++) setF64(fwAlloc, f * Q + q, f64At(fwAlloc, f * Q + q) + f64At(candTotal, q));
  setI32(fwCount, f, i32At(fwCount, f) + 1);
  for (let n = i32At(roleLeaf, role); n != -1; n = i32At(nodeParent, n)) {
    touch(n);
    for (let q = 0; q < Q; q++) setF64(nodeAlloc, n * Q + q, f64At(nodeAlloc, n * Q + q) + f64At(candTotal, q));
    setI32(nodeCount, n, i32At(nodeCount, n) + 1);
  }
  const top = i32At(roleTop, role);
  for (let s = 0; s < S; s++) {
    const g = f64At(roleGuarantee, top * S + s);
    const beforeV = Math.max(0, g - f64At(roleConsumed, top * S + s));
    setF64(roleConsumed, top * S + s, f64At(roleConsumed, top * S + s) + f64At(candUnres, s));
    const afterV = Math.max(0, g - f64At(roleConsumed, top * S + s));
    setF64(required, s, f64At(required, s) + (afterV - beforeV));
    setF64(available, s, f64At(available, s) - f64At(candUnres, s));
  }
  return true;
}

/** Offers to the frameworks of one role on agent a; -1 when the output is full, 1 when the agent is exhausted. */
function visitRole(stage: i32, a: i32, role: i32): i32 {
  if (stage == 1 && !hasUnsatisfiedGuarantee(role)) return 0;
  const from = i32At(roleFwStart, role);
  const to = i32At(roleFwStart, role + 1);
  for (let i = from; i < to; i++) {
    const f = i32At(roleFwList, i);
    if (u8At(agentGpus, a) == 1 && u8At(fwGpu, f) == 0) continue;
    if (!candidate(stage, a, role)) continue;
    if (!(f64At(candTotal, 0) >= minCpus || f64At(candTotal, 1) >= minMem)) continue;
    if (filtered(a, f)) continue;
    if (!offer(a, f, role)) return -1;
    // Nothing left that any later candidate could be offered: stop early (same answer, less work).
    if (nothingAllocatable(a)) return 1;
  }
  return 0;
}

/** Pre-order walk of the sorted role tree for agent a. */
function visitAgent(stage: i32, a: i32): i32 {
  // Stack of child-list positions; children of the root first.
  let sp = 0;
  setI32(stack, sp++, i32At(childStart, 0));
  const rootEnd = i32At(childStart, 1);
  while (sp > 0) {
    const pos = i32At(stack, sp - 1);
    // End of the current list: the list's end is the start of the next slot of its parent.
    const parentSlot = sp == 1 ? 0 : i32At(childList, i32At(stack, sp - 2) - 1) + 1;
    const end = sp == 1 ? rootEnd : i32At(childStart, parentSlot + 1);
    if (pos >= end) { sp--; continue; }
    setI32(stack, sp - 1, pos + 1);
    const n = i32At(childList, pos);
    const role = i32At(nodeRole, n);
    if (role >= 0) {
      const r = visitRole(stage, a, role);
      if (r != 0) return r;
    } else {
      setI32(stack, sp++, i32At(childStart, n + 1));
    }
  }
  return 0;
}

function runStage(stage: i32, order: usize, n: i32): bool {
  for (let i = 0; i < n; i++) {
    const a = i32At(order, i);
    if (nothingAllocatable(a)) continue;
    const r = visitAgent(stage, a);
    flushTouched();
    if (r < 0) return false;
  }
  return true;
}

/** One allocation run. Returns the number of offers, or -1 when the output arrays were too small. */
export function allocate(header: usize): i32 {
  hdr = header;
  nAgents = h(L.N_AGENTS);
  const nPools = h(L.N_POOLS);
  nRoles = h(L.N_ROLES);
  nNodes = h(L.N_NODES);
  nF = h(L.N_FRAMEWORKS);
  outCapacity = h(L.OUT_CAPACITY);
  outPoolCapacity = h(L.OUT_POOL_CAPACITY);
  const params = p(L.P_PARAMS);
  minCpus = load<f64>(params);
  minMem = load<f64>(params + 8);
  total = p(L.P_TOTAL);
  agentFree = p(L.P_AGENT_FREE);
  agentGpus = p(L.P_AGENT_GPUS);
  poolStart = p(L.P_POOL_START);
  poolRole = p(L.P_POOL_ROLE);
  poolFree = p(L.P_POOL_FREE);
  roleParent = p(L.P_ROLE_PARENT);
  roleTop = p(L.P_ROLE_TOP);
  roleLeaf = p(L.P_ROLE_LEAF);
  roleGuarantee = p(L.P_ROLE_GUARANTEE);
  roleLimit = p(L.P_ROLE_LIMIT);
  roleConsumed = p(L.P_ROLE_CONSUMED);
  nodeParent = p(L.P_NODE_PARENT);
  nodeWeight = p(L.P_NODE_WEIGHT);
  nodeRank = p(L.P_NODE_RANK);
  nodeAlloc = p(L.P_NODE_ALLOC);
  nodeCount = p(L.P_NODE_COUNT);
  nodeRole = p(L.P_NODE_ROLE);
  fwRole = p(L.P_FW_ROLE);
  fwActive = p(L.P_FW_ACTIVE);
  fwGpu = p(L.P_FW_GPU);
  fwRank = p(L.P_FW_RANK);
  fwAlloc = p(L.P_FW_ALLOC);
  fwCount = p(L.P_FW_COUNT);
  filterStart = p(L.P_FILTER_START);
  filterFw = p(L.P_FILTER_FW);
  filterRes = p(L.P_FILTER_RES);
  outFw = p(L.P_OUT_FW);
  outAgent = p(L.P_OUT_AGENT);
  outUnres = p(L.P_OUT_UNRESERVED);
  outPoolStart = p(L.P_OUT_POOL_START);
  outPools = p(L.P_OUT_POOLS);
  setupScratch(p(L.P_SCRATCH), nPools);
  nOut = 0;
  nOutPools = 0;
  setI32(outPoolStart, 0, 0);

  for (let s = 0; s < S; s++) {
    let headroom = f64At(total, s);
    for (let n = 0; n < nNodes; n++) if (i32At(nodeParent, n) == -1) headroom -= f64At(nodeAlloc, n * Q + s);
    for (let k = 0; k < nPools; k++) headroom -= f64At(poolFree, k * Q + s);
    setF64(available, s, headroom);
    let req: f64 = 0;
    for (let r = 0; r < nRoles; r++) {
      if (i32At(roleParent, r) == -1) req += Math.max(0, f64At(roleGuarantee, r * S + s) - f64At(roleConsumed, r * S + s));
    }
    setF64(required, s, req);
  }
  buildOrders();

  let anyGuarantee = false;
  for (let i = 0; i < nRoles * S; i++) if (f64At(roleGuarantee, i) > 0) anyGuarantee = true;
  if (anyGuarantee && !runStage(1, p(L.P_ORDER1), h(L.N_ORDER1))) return -1;
  if (!runStage(2, p(L.P_ORDER2), h(L.N_ORDER2))) return -1;
  return nOut;
}
