// DRF orders kept incrementally. Every sibling list of the sorter tree (the root's children and
// each internal node's children) and every role's list of active frameworks stays sorted by the
// key (share, allocation count, rank). The key an entry was placed with is stored beside it, so
// the lists are always consistent with the stored keys; after an agent, only the entries whose
// allocation changed are repositioned (find by stored key, refresh the key, binary-search the new
// place, one memory.copy). Ranks are unique, so the order is total and equals a full re-sort.
// Nodes with no active framework below them are left out of the lists: they cannot be offered
// anything during the run, and leaving them out does not change the order of the others.
import { Q, SCALARS } from './layout';
import * as L from './layout';
import { align8, f64At, i32At, setF64, setI32, setU8, slotPtr, u8At } from './mem';

let nNodes: i32 = 0;
let nRoles: i32 = 0;
let nF: i32 = 0;

let total: usize = 0;
let nodeParent: usize = 0;
let nodeWeight: usize = 0;
let nodeRank: usize = 0;
let nodeAlloc: usize = 0;
let nodeCount: usize = 0;
let roleLeaf: usize = 0;
let fwRole: usize = 0;
let fwActive: usize = 0;
let fwRank: usize = 0;
let fwAlloc: usize = 0;
let fwCount: usize = 0;

// Scratch, laid out by orderLayout.
let nodeKey: usize = 0; // f64[nNodes]: share the node is placed with
let fwKey: usize = 0; // f64[nF]
let nodeKeyCount: usize = 0; // i32[nNodes]: count the node is placed with
let fwKeyCount: usize = 0; // i32[nF]
let childStart: usize = 0; // i32[nNodes + 2]: slot 0 = root, slot n + 1 = children of node n
let childList: usize = 0; // i32[nNodes]
let roleFwStart: usize = 0; // i32[nRoles + 1]
let roleFwList: usize = 0; // i32[nF]: active frameworks of each role
let dirtyNodes: usize = 0; // i32[nNodes]
let dirtyFws: usize = 0; // i32[nF]
let nodeDirty: usize = 0; // u8[nNodes]
let fwDirty: usize = 0; // u8[nF]
let nodeLive: usize = 0; // u8[nNodes]: some active framework in the subtree
let tmp: usize = 0; // i32[max(nNodes, nF, nRoles) + 2]: merge buffer and fill cursors
let nDirtyNodes: i32 = 0;
let nDirtyFws: i32 = 0;

/** Lays out the order scratch from `at` (8-aligned); returns its end. */
export function orderLayout(at: usize, nNodes_: i32, nF_: i32, nRoles_: i32): usize {
  nNodes = nNodes_;
  nF = nF_;
  nRoles = nRoles_;
  let big = nNodes > nF ? nNodes : nF;
  if (nRoles > big) big = nRoles;
  nodeKey = at; at += <usize>nNodes << 3;
  fwKey = at; at += <usize>nF << 3;
  nodeKeyCount = at; at += <usize>nNodes << 2;
  fwKeyCount = at; at += <usize>nF << 2;
  childStart = at; at += <usize>(nNodes + 2) << 2;
  childList = at; at += <usize>nNodes << 2;
  roleFwStart = at; at += <usize>(nRoles + 1) << 2;
  roleFwList = at; at += <usize>nF << 2;
  dirtyNodes = at; at += <usize>nNodes << 2;
  dirtyFws = at; at += <usize>nF << 2;
  tmp = at; at += <usize>(big + 2) << 2;
  nodeDirty = at; at += <usize>nNodes;
  fwDirty = at; at += <usize>nF;
  nodeLive = at; at += <usize>nNodes;
  return align8(at);
}

function dominantShare(alloc: usize, row: i32): f64 {
  let share: f64 = 0;
  for (let s: i32 = 0; s < SCALARS; s++) {
    const t = f64At(total, s);
    if (t > 0) share = Math.max(share, f64At(alloc, row * Q + s) / t);
  }
  return share;
}

@inline function before(sa: f64, ca: i32, ra: i32, sb: f64, cb: i32, rb: i32): bool {
  if (sa < sb) return true;
  if (sa > sb) return false;
  if (ca != cb) return ca < cb;
  return ra < rb;
}
@inline function nodeBefore(a: i32, b: i32): bool {
  return before(f64At(nodeKey, a), i32At(nodeKeyCount, a), i32At(nodeRank, a), f64At(nodeKey, b), i32At(nodeKeyCount, b), i32At(nodeRank, b));
}
@inline function fwBefore(a: i32, b: i32): bool {
  return before(f64At(fwKey, a), i32At(fwKeyCount, a), i32At(fwRank, a), f64At(fwKey, b), i32At(fwKeyCount, b), i32At(fwRank, b));
}
@inline function entryBefore(isFw: bool, a: i32, b: i32): bool {
  return isFw ? fwBefore(a, b) : nodeBefore(a, b);
}

/** Bottom-up merge sort of list[0, n) through `tmp` (setup only). */
function sortList(list: usize, n: i32, isFw: bool): void {
  let src = list;
  let dst = tmp;
  for (let w: i32 = 1; w < n; w <<= 1) {
    for (let lo: i32 = 0; lo < n; lo += w << 1) {
      const mid = lo + w < n ? lo + w : n;
      const hi = lo + (w << 1) < n ? lo + (w << 1) : n;
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        const x = i32At(src, i);
        const y = i32At(src, j);
        if (entryBefore(isFw, y, x)) { setI32(dst, k++, y); j++; } else { setI32(dst, k++, x); i++; }
      }
      while (i < mid) setI32(dst, k++, i32At(src, i++));
      while (j < hi) setI32(dst, k++, i32At(src, j++));
    }
    const t = src; src = dst; dst = t;
  }
  if (src != list) memory.copy(list, src, <usize>n << 2);
}

/** Reads the tree and framework arrays from the header, computes every key, builds the sorted lists. */
export function orderSetup(header: usize): void {
  total = slotPtr(header, L.P_TOTAL);
  nodeParent = slotPtr(header, L.P_NODE_PARENT);
  nodeWeight = slotPtr(header, L.P_NODE_WEIGHT);
  nodeRank = slotPtr(header, L.P_NODE_RANK);
  nodeAlloc = slotPtr(header, L.P_NODE_ALLOC);
  nodeCount = slotPtr(header, L.P_NODE_COUNT);
  roleLeaf = slotPtr(header, L.P_ROLE_LEAF);
  fwRole = slotPtr(header, L.P_FW_ROLE);
  fwActive = slotPtr(header, L.P_FW_ACTIVE);
  fwRank = slotPtr(header, L.P_FW_RANK);
  fwAlloc = slotPtr(header, L.P_FW_ALLOC);
  fwCount = slotPtr(header, L.P_FW_COUNT);
  nDirtyNodes = 0;
  nDirtyFws = 0;
  memory.fill(nodeDirty, 0, <usize>nNodes);
  memory.fill(fwDirty, 0, <usize>nF);

  // Live nodes: the leaves of roles with an active framework, and their ancestors.
  memory.fill(nodeLive, 0, <usize>nNodes);
  for (let f: i32 = 0; f < nF; f++) {
    if (u8At(fwActive, f) != 1) continue;
    for (let n = i32At(roleLeaf, i32At(fwRole, f)); n != -1 && u8At(nodeLive, n) == 0; n = i32At(nodeParent, n)) setU8(nodeLive, n, 1);
  }

  // Sibling lists of live nodes: counting sort by parent slot, then sort each slot by key.
  memory.fill(childStart, 0, <usize>(nNodes + 2) << 2);
  for (let n: i32 = 0; n < nNodes; n++) {
    setF64(nodeKey, n, dominantShare(nodeAlloc, n) / f64At(nodeWeight, n));
    setI32(nodeKeyCount, n, i32At(nodeCount, n));
    if (u8At(nodeLive, n) == 0) continue;
    const slot = i32At(nodeParent, n) + 2;
    setI32(childStart, slot, i32At(childStart, slot) + 1);
  }
  for (let i: i32 = 1; i < nNodes + 2; i++) setI32(childStart, i, i32At(childStart, i) + i32At(childStart, i - 1));
  memory.copy(tmp, childStart, <usize>(nNodes + 1) << 2);
  for (let n: i32 = 0; n < nNodes; n++) {
    if (u8At(nodeLive, n) == 0) continue;
    const slot = i32At(nodeParent, n) + 1;
    const k = i32At(tmp, slot);
    setI32(childList, k, n);
    setI32(tmp, slot, k + 1);
  }
  for (let slot: i32 = 0; slot < nNodes + 1; slot++) {
    const from = i32At(childStart, slot);
    sortList(childList + (<usize>from << 2), i32At(childStart, slot + 1) - from, false);
  }

  // Active frameworks per role, the same way.
  memory.fill(roleFwStart, 0, <usize>(nRoles + 1) << 2);
  for (let f: i32 = 0; f < nF; f++) {
    setF64(fwKey, f, dominantShare(fwAlloc, f));
    setI32(fwKeyCount, f, i32At(fwCount, f));
    if (u8At(fwActive, f) != 1) continue;
    const r = i32At(fwRole, f) + 1;
    setI32(roleFwStart, r, i32At(roleFwStart, r) + 1);
  }
  for (let i: i32 = 1; i < nRoles + 1; i++) setI32(roleFwStart, i, i32At(roleFwStart, i) + i32At(roleFwStart, i - 1));
  memory.copy(tmp, roleFwStart, <usize>nRoles << 2);
  for (let f: i32 = 0; f < nF; f++) {
    if (u8At(fwActive, f) != 1) continue;
    const r = i32At(fwRole, f);
    const k = i32At(tmp, r);
    setI32(roleFwList, k, f);
    setI32(tmp, r, k + 1);
  }
  for (let r: i32 = 0; r < nRoles; r++) {
    const from = i32At(roleFwStart, r);
    sortList(roleFwList + (<usize>from << 2), i32At(roleFwStart, r + 1) - from, true);
  }
}

// Walking the orders. Slot 0 is the root; the children of node n are at slot n + 1.
@inline export function childBegin(slot: i32): i32 {
  return i32At(childStart, slot);
}
@inline export function childEnd(slot: i32): i32 {
  return i32At(childStart, slot + 1);
}
@inline export function childAt(i: i32): i32 {
  return i32At(childList, i);
}
@inline export function roleFwBegin(r: i32): i32 {
  return i32At(roleFwStart, r);
}
@inline export function roleFwEnd(r: i32): i32 {
  return i32At(roleFwStart, r + 1);
}
@inline export function roleFwAt(i: i32): i32 {
  return i32At(roleFwList, i);
}

/** Some active framework lies in the node's subtree: the node is in its sibling list. */
@inline export function nodeIsLive(n: i32): bool {
  return u8At(nodeLive, n) != 0;
}
/** Index of live node n in the sibling list `slot` (its parent + 1): binary search by its stored key. */
export function childIndex(slot: i32, n: i32): i32 {
  let lo = i32At(childStart, slot);
  let hi = i32At(childStart, slot + 1);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (nodeBefore(i32At(childList, mid), n)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Notes that the node's allocation changed: it is repositioned at the next orderFlush. */
export function touchNode(n: i32): void {
  if (u8At(nodeDirty, n) != 0) return;
  setU8(nodeDirty, n, 1);
  setI32(dirtyNodes, nDirtyNodes++, n);
}
export function touchFramework(f: i32): void {
  if (u8At(fwDirty, f) != 0) return;
  setU8(fwDirty, f, 1);
  setI32(dirtyFws, nDirtyFws++, f);
}

/** Moves x within the sorted list[0, len): found by its stored (old) key, re-placed by its new one. */
function reposition(list: usize, len: i32, x: i32, isFw: bool): void {
  let lo: i32 = 0;
  let hi: i32 = len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entryBefore(isFw, i32At(list, mid), x)) lo = mid + 1;
    else hi = mid;
  }
  const at = lo; // list[at] == x: keys are unique and the list is sorted by stored keys
  if (isFw) {
    setF64(fwKey, x, dominantShare(fwAlloc, x));
    setI32(fwKeyCount, x, i32At(fwCount, x));
  } else {
    setF64(nodeKey, x, dominantShare(nodeAlloc, x) / f64At(nodeWeight, x));
    setI32(nodeKeyCount, x, i32At(nodeCount, x));
  }
  // New place among the other len - 1 entries (skipping position `at`).
  lo = 0;
  hi = len - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entryBefore(isFw, i32At(list, mid < at ? mid : mid + 1), x)) lo = mid + 1;
    else hi = mid;
  }
  const to = lo;
  if (to > at) memory.copy(list + (<usize>at << 2), list + (<usize>(at + 1) << 2), <usize>(to - at) << 2);
  else if (to < at) memory.copy(list + (<usize>(to + 1) << 2), list + (<usize>to << 2), <usize>(at - to) << 2);
  setI32(list, to, x);
}

/** Repositions everything touched since the last flush (called after each agent). */
export function orderFlush(): void {
  for (let i: i32 = 0; i < nDirtyNodes; i++) {
    const n = i32At(dirtyNodes, i);
    setU8(nodeDirty, n, 0);
    const slot = i32At(nodeParent, n) + 1;
    const from = i32At(childStart, slot);
    reposition(childList + (<usize>from << 2), i32At(childStart, slot + 1) - from, n, false);
  }
  nDirtyNodes = 0;
  for (let i: i32 = 0; i < nDirtyFws; i++) {
    const f = i32At(dirtyFws, i);
    setU8(fwDirty, f, 0);
    const r = i32At(fwRole, f);
    const from = i32At(roleFwStart, r);
    reposition(roleFwList + (<usize>from << 2), i32At(roleFwStart, r + 1) - from, f, true);
  }
  nDirtyFws = 0;
}
