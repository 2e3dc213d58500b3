// DRF allocator kernel: one call decides every offer of an allocation run. The host writes flat
// arrays and a header (layout.ts) and calls `allocate(header)`. The rules are those of
// src/kernels/allocator/twin.ts (the readable specification), and the answer must match it bit
// for bit: same f64 operations in the same order (Math.max/min are f64.max/min, as in JS).
// What differs is only the work done: DRF orders are kept incrementally (drf-order.ts), stage 1
// looks only at top-level roles and stops when no guarantee is left, an agent is left as soon
// as nothing allocatable remains on it (see `exhausted`), and once its unreserved part cannot be
// offered the walk visits only the leaves its pools can go to (see `unreservedDead`, pool-reach.ts).
import * as L from './layout';
import { Q, SCALARS } from './layout';
import { align8, f64At, i32At, setF64, setI32, slotI32, slotPtr, u8At } from './mem';
import {
  nRoles, nNodes, nPools, minCpus, minMem, headroom, agentFree, agentGpus, poolStart, poolRole,
  poolFree, roleParent, roleTop, roleLeaf, roleGuarantee, roleLimit, roleConsumed, nodeParent,
  nodeAlloc, nodeCount, nodeRole, fwGpu, fwAlloc, fwCount, filterStart, filterFw, filterRes, outFw,
  outAgent, outUnres, outPoolStart, outPools, outCapacity, outPoolCapacity, readHeader,
} from './run-header';
import { childAt, childBegin, childEnd, orderFlush, orderLayout, orderSetup, roleFwAt, roleFwBegin, roleFwEnd, touchFramework, touchNode } from './drf-order';
import { covered, markPools, nMarked, nextReachable, poolTaken, reachLayout, reachSetup, unmarkPools } from './pool-reach';

const CPUS: i32 = 0;
const MEM: i32 = 1;
const PORTS: i32 = 4;
const EPSILON: f64 = 1e-9;
/** Relative margin of the early exit: far above the rounding of a sum of a few pools. */
const EXIT_MARGIN: f64 = 1e-9;
/** Results of visiting a role or a subtree. */
const GO_ON: i32 = 0;
const AGENT_DONE: i32 = 1;
const OUTPUT_FULL: i32 = -1;

let nOut: i32 = 0;
let nOutPools: i32 = 0;

// Scratch.
let available: usize = 0; // f64[SCALARS]: headroom not yet offered
let required: usize = 0; // f64[SCALARS]: unsatisfied guarantees of top-level roles
let unres: usize = 0; // f64[Q]: the candidate's unreserved part
let cand: usize = 0; // f64[Q]: the candidate, pools included
let candPools: usize = 0; // i32[nPools]
let nCandPools: i32 = 0;
let rootRole: usize = 0; // i32[nNodes]: for a child of the root, the top-level role whose leaf lies there, else -1
let stage1Left: i32 = 0; // top-level roles with a leaf that may still have an unsatisfied guarantee
let dead = false; // unreservedDead for the agent being walked, in the state as it stands

function layoutScratch(at: usize, nNodes_: i32, nF_: i32, nRoles_: i32, nPools_: i32): usize {
  at = align8(at);
  available = at; at += <usize>SCALARS << 3;
  required = at; at += <usize>SCALARS << 3;
  unres = at; at += <usize>Q << 3;
  cand = at; at += <usize>Q << 3;
  candPools = at; at += <usize>(nPools_ + 1) << 2;
  rootRole = at; at += <usize>(nNodes_ + 1) << 2;
  at = reachLayout(align8(at), nNodes_, nRoles_, nPools_);
  return orderLayout(at, nNodes_, nF_, nRoles_);
}

/** Bytes of scratch `allocate` needs at P_SCRATCH for these counts. */
export function scratch_bytes(nNodes_: i32, nF_: i32, nRoles_: i32, nPools_: i32): i32 {
  return <i32>layoutScratch(0, nNodes_, nF_, nRoles_, nPools_);
}

/** The first address the host may use: past the module's static data. */
export function heap_base(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

export function allocator_abi(): i32 {
  return L.ALLOCATOR_ABI;
}

/** max(0, g - consumed) > 0 for some scalar: the role's guarantee is not yet satisfied. */
function unsatisfied(r: i32): bool {
  if (i32At(roleParent, r) != -1) return false;
  for (let s: i32 = 0; s < SCALARS; s++) {
    const g = f64At(roleGuarantee, r * SCALARS + s);
    if (g > 0 && g - f64At(roleConsumed, r * SCALARS + s) > 0) return true;
  }
  return false;
}

// What is left on an agent, unreserved and in every pool: set by sumLeft().
let leftCpus: f64 = 0;
let leftMem: f64 = 0;

function sumLeft(a: i32): void {
  let cpus = f64At(agentFree, a * Q + CPUS);
  let mem = f64At(agentFree, a * Q + MEM);
  const end = i32At(poolStart, a + 1);
  for (let p = i32At(poolStart, a); p < end; p++) {
    cpus += f64At(poolFree, p * Q + CPUS);
    mem += f64At(poolFree, p * Q + MEM);
  }
  leftCpus = cpus;
  leftMem = mem;
}

/** The spec's skip test: even everything on the agent is below the minimum allocatable. */
function nothingAllocatable(a: i32): bool {
  sumLeft(a);
  return leftCpus < minCpus && leftMem < minMem;
}

/**
 * Early exit after an offer. A later candidate on this agent is at most its free unreserved
 * (plus an ulp from the stage-1 split) plus a subset of its pools, so with the margin no later
 * candidate can pass the minimum-allocatable test: skipping the rest gives the same answer.
 */
function exhausted(a: i32): bool {
  sumLeft(a);
  return leftCpus + Math.abs(leftCpus) * EXIT_MARGIN < minCpus && leftMem + Math.abs(leftMem) * EXIT_MARGIN < minMem;
}

@inline function belowMin(x: f64, min: f64): bool {
  return x + Math.abs(x) * EXIT_MARGIN < min;
}

/**
 * The unreserved part of agent a can no longer pass the minimum allocatable, for any role: every
 * candidate's unreserved scalar is at most its free amount (plus an ulp from the stage-1 split,
 * far within the margin; NaN fails every test), and in stage 2, with no surplus headroom left, 0
 * or a leftover within EPSILON of 0 (see `candidate`). A candidate then reaches the minimum only
 * with pools' cpus or mem: a role no such pool covers cannot be offered anything on a.
 */
function unreservedDead(stage: i32, a: i32): bool {
  let cpus = f64At(agentFree, a * Q + CPUS);
  let mem = f64At(agentFree, a * Q + MEM);
  if (stage == 2) {
    if (Math.max(0, f64At(available, CPUS) - f64At(required, CPUS)) == 0 && !(cpus <= EPSILON)) cpus = 0;
    if (Math.max(0, f64At(available, MEM) - f64At(required, MEM)) == 0 && !(mem <= EPSILON)) mem = 0;
  }
  return belowMin(cpus, minCpus) && belowMin(mem, minMem);
}

function covers(poolR: i32, r: i32): bool {
  for (let x = r; x != -1; x = i32At(roleParent, x)) if (x == poolR) return true;
  return false;
}

/** Fills unres, cand and candPools for role r on agent a; false in stage 1 without a guarantee part. */
function candidate(stage: i32, a: i32, r: i32, top: i32): bool {
  let guaranteeAny = false;
  for (let s: i32 = 0; s < SCALARS; s++) {
    const free = f64At(agentFree, a * Q + s);
    const consumed = f64At(roleConsumed, top * SCALARS + s);
    const unsat = Math.max(0, f64At(roleGuarantee, top * SCALARS + s) - consumed);
    const guaranteePart = stage == 1 ? Math.min(free, unsat) : 0;
    if (guaranteePart != 0) guaranteeAny = true;
    const limitLeft = Math.max(0, f64At(roleLimit, top * SCALARS + s) - consumed - guaranteePart);
    const surplus = Math.max(0, f64At(available, s) - f64At(required, s));
    const rest = free - guaranteePart;
    const x = Math.min(limitLeft, surplus);
    const extra = rest <= x + EPSILON ? rest : Math.max(0, x);
    setF64(unres, s, guaranteePart + extra);
  }
  if (stage == 1 && !guaranteeAny) return false;
  setF64(unres, PORTS, f64At(agentFree, a * Q + PORTS));
  for (let q: i32 = 0; q < Q; q++) setF64(cand, q, f64At(unres, q));
  nCandPools = 0;
  const end = i32At(poolStart, a + 1);
  for (let p = i32At(poolStart, a); p < end; p++) {
    let any = false;
    for (let q: i32 = 0; q < Q; q++) if (f64At(poolFree, p * Q + q) > 0) any = true;
    if (!any || !covers(i32At(poolRole, p), r)) continue;
    setI32(candPools, nCandPools++, p);
    for (let q: i32 = 0; q < Q; q++) setF64(cand, q, f64At(cand, q) + f64At(poolFree, p * Q + q));
  }
  return true;
}

/** An agent's filters are sorted by framework (the packer's order): binary search to the first of `f`'s. */
function filtered(a: i32, f: i32): bool {
  const end = i32At(filterStart, a + 1);
  let lo = i32At(filterStart, a);
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (i32At(filterFw, mid) < f) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < end; k++) {
    if (i32At(filterFw, k) != f) break;
    let within = true;
    for (let q: i32 = 0; q < Q; q++) if (!(f64At(cand, q) <= f64At(filterRes, k * Q + q) + EPSILON)) within = false;
    if (within) return true;
  }
  return false;
}

function offer(stage: i32, a: i32, f: i32, r: i32, top: i32): void {
  setI32(outFw, nOut, f);
  setI32(outAgent, nOut, a);
  for (let q: i32 = 0; q < Q; q++) setF64(outUnres, nOut * Q + q, f64At(unres, q));
  for (let i: i32 = 0; i < nCandPools; i++) setI32(outPools, nOutPools++, i32At(candPools, i));
  nOut++;
  setI32(outPoolStart, nOut, nOutPools);

  for (let s: i32 = 0; s < SCALARS; s++) setF64(agentFree, a * Q + s, f64At(agentFree, a * Q + s) - f64At(unres, s));
  setF64(agentFree, a * Q + PORTS, f64At(agentFree, a * Q + PORTS) - f64At(unres, PORTS));
  for (let i: i32 = 0; i < nCandPools; i++) {
    const p = i32At(candPools, i);
    for (let q: i32 = 0; q < Q; q++) setF64(poolFree, p * Q + q, 0);
    poolTaken(p);
  }
  for (let q: i32 = 0; q < Q; q++) setF64(fwAlloc, f * Q + q, f64At(fwAlloc, f * Q + q) + f64At(cand, q));
  setI32(fwCount, f, i32At(fwCount, f) + 1);
  touchFramework(f);
  for (let n = i32At(roleLeaf, r); n != -1; n = i32At(nodeParent, n)) {
    for (let q: i32 = 0; q < Q; q++) setF64(nodeAlloc, n * Q + q, f64At(nodeAlloc, n * Q + q) + f64At(cand, q));
    setI32(nodeCount, n, i32At(nodeCount, n) + 1);
    touchNode(n);
  }
  for (let s: i32 = 0; s < SCALARS; s++) {
    const g = f64At(roleGuarantee, top * SCALARS + s);
    const beforeV = Math.max(0, g - f64At(roleConsumed, top * SCALARS + s));
    setF64(roleConsumed, top * SCALARS + s, f64At(roleConsumed, top * SCALARS + s) + f64At(unres, s));
    const afterV = Math.max(0, g - f64At(roleConsumed, top * SCALARS + s));
    setF64(required, s, f64At(required, s) + (afterV - beforeV));
    setF64(available, s, f64At(available, s) - f64At(unres, s));
  }
  // Stage 1 offers go only to subtrees of unsatisfied top-level roles: count the ones satisfied now.
  if (stage == 1 && !unsatisfied(top)) stage1Left--;
}

/** Offers agent a to the active frameworks of role r, in their DRF order. */
function visitRole(stage: i32, a: i32, r: i32): i32 {
  const from = roleFwBegin(r);
  const to = roleFwEnd(r);
  if (from == to) return GO_ON;
  const gpuAgent = u8At(agentGpus, a) == 1;
  const top = i32At(roleTop, r);
  // The candidate depends on the role and the state only: compute it again only after an offer.
  let fresh = false;
  let usable = false;
  for (let i = from; i < to; i++) {
    const f = roleFwAt(i);
    if (gpuAgent && u8At(fwGpu, f) == 0) continue;
    if (!fresh) {
      usable = candidate(stage, a, r, top) && (f64At(cand, CPUS) >= minCpus || f64At(cand, MEM) >= minMem);
      fresh = true;
    }
    if (!usable || filtered(a, f)) continue;
    if (nOut >= outCapacity || nOutPools + nCandPools > outPoolCapacity) return OUTPUT_FULL;
    offer(stage, a, f, r, top);
    if (exhausted(a)) return AGENT_DONE;
    dead = unreservedDead(stage, a);
    if (dead && nMarked == 0) return AGENT_DONE; // nothing but dead unreserved resources and pools without cpus or mem
    // The offer took every pool covering r with something free: r's other frameworks would get the dead unreserved part alone.
    if (dead) return GO_ON;
    fresh = false;
  }
  return GO_ON;
}

/**
 * The next child of sibling list `slot` to visit from index i on: i itself, or, while the agent's
 * unreserved part is dead outside a marked pool's subtree, the next child on the way to one (the
 * children skipped hold only leaves that cannot be offered anything: pool-reach.ts).
 */
@inline function nextChild(slot: i32, i: i32, end: i32): i32 {
  return dead && !covered(slot - 1) ? nextReachable(slot, i, end) : i;
}

/** The sorter leaves under `slot` in pre-order of the sorted sibling lists. */
function walk(stage: i32, slot: i32, a: i32): i32 {
  const end = childEnd(slot);
  for (let i = nextChild(slot, childBegin(slot), end); i < end; i = nextChild(slot, i + 1, end)) {
    const n = childAt(i);
    const r = i32At(nodeRole, n);
    const res = r >= 0 ? visitRole(stage, a, r) : walk(stage, n + 1, a);
    if (res != GO_ON) return res;
  }
  return GO_ON;
}

/**
 * Stage 1 visits the subtrees of top-level roles whose guarantee is unsatisfied (their own
 * frameworks and their sub-roles', whose consumption is charged to them). Each top-level role
 * is one child of the root, so the root's sorted child order is their DRF order.
 */
function walkStage1(a: i32): i32 {
  const end = childEnd(0);
  for (let i = nextChild(0, childBegin(0), end); i < end; i = nextChild(0, i + 1, end)) {
    const n = childAt(i);
    const top = i32At(rootRole, n);
    if (top < 0 || !unsatisfied(top)) continue;
    const r = i32At(nodeRole, n);
    const res = r >= 0 ? visitRole(1, a, r) : walk(1, n + 1, a);
    if (res != GO_ON) return res;
  }
  return GO_ON;
}

function runStage(stage: i32, order: usize, n: i32): bool {
  for (let i: i32 = 0; i < n; i++) {
    if (stage == 1 && stage1Left <= 0) return true; // no guarantee left: stage 1 cannot offer
    const a = i32At(order, i);
    if (nothingAllocatable(a)) continue;
    markPools(a);
    dead = unreservedDead(stage, a);
    const res = dead && nMarked == 0 ? AGENT_DONE : stage == 1 ? walkStage1(a) : walk(2, 0, a);
    unmarkPools();
    orderFlush();
    if (res == OUTPUT_FULL) return false;
  }
  return true;
}

function initHeadroom(): void {
  for (let s: i32 = 0; s < SCALARS; s++) {
    // Every unallocated reservation is out of it, on the run's agents or not: the host aggregates it.
    setF64(available, s, f64At(headroom, s));
    let req: f64 = 0;
    for (let r: i32 = 0; r < nRoles; r++) {
      if (i32At(roleParent, r) == -1) req += Math.max(0, f64At(roleGuarantee, r * SCALARS + s) - f64At(roleConsumed, r * SCALARS + s));
    }
    setF64(required, s, req);
  }
}

function initStage1(): void {
  for (let n: i32 = 0; n < nNodes; n++) setI32(rootRole, n, -1);
  stage1Left = 0;
  for (let r: i32 = 0; r < nRoles; r++) {
    let node = i32At(roleLeaf, r);
    if (node < 0) continue;
    while (i32At(nodeParent, node) != -1) node = i32At(nodeParent, node);
    const top = i32At(roleTop, r);
    if (i32At(rootRole, node) == top) continue;
    setI32(rootRole, node, top);
    if (unsatisfied(top)) stage1Left++;
  }
}

/** One allocation run. Returns the number of offers, or -1 when the output arrays were too small. */
export function allocate(header: usize): i32 {
  readHeader(header);
  layoutScratch(slotPtr(header, L.P_SCRATCH), nNodes, slotI32(header, L.N_FRAMEWORKS), nRoles, nPools);
  nOut = 0;
  nOutPools = 0;
  setI32(outPoolStart, 0, 0);
  initHeadroom();
  orderSetup(header);
  reachSetup();
  initStage1();
  if (!runStage(1, slotPtr(header, L.P_ORDER1), slotI32(header, L.N_ORDER1))) return -1;
  if (!runStage(2, slotPtr(header, L.P_ORDER2), slotI32(header, L.N_ORDER2))) return -1;
  return nOut;
}
