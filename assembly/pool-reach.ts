// Which sorter leaves can still be offered something on the agent being walked, once its unreserved
// part cannot pass the minimum allocatable any more (allocator.ts `unreservedDead`).
//
// A pool reserved to role R goes only to frameworks of R or of a descendant of R: the leaves of the
// sorter subtree of R's node (R's leaf, or its internal node when sub-roles have frameworks). While
// the unreserved part is dead, a leaf outside the subtrees of the agent's "marked" pools (pools with
// cpus > 0 or mem > 0) gets a candidate whose cpus and mem are the dead unreserved part plus
// non-positive pool amounts: below the minimum, so visiting it offers nothing and changes nothing.
// The walk therefore jumps, in each sibling list it is in, straight to the next child on the path
// to a marked pool's node: the leaves it still visits come in the same DRF order as before.
import { Q } from './layout';
import { align8, f64At, i32At, setI32, setU8, u8At } from './mem';
import { nRoles, nNodes, poolStart, poolRole, poolFree, roleParent, roleLeaf, nodeParent } from './run-header';
import { childIndex, nodeIsLive } from './drf-order';

const CPUS: i32 = 0;
const MEM: i32 = 1;

let roleNode: usize = 0; // i32[nRoles]: node whose subtree holds the leaves of the role and its descendants, -1 if none
let nodeDepth: usize = 0; // i32[nNodes]: 1 for a child of the root
let nodeMark: usize = 0; // i32[nNodes]: marked pools of the current agent with this node
let poolMarked: usize = 0; // u8[nPools]
let agent: i32 = -1;
/** Marked pools left on the current agent. */
export let nMarked: i32 = 0;

/** Lays out this module's scratch from `at`; returns its end. */
export function reachLayout(at: usize, nNodes_: i32, nRoles_: i32, nPools_: i32): usize {
  roleNode = at; at += <usize>nRoles_ << 2;
  nodeDepth = at; at += <usize>nNodes_ << 2;
  nodeMark = at; at += <usize>nNodes_ << 2;
  poolMarked = at; at += <usize>nPools_;
  return align8(at);
}

/**
 * Node depths (parents come before children), then each role's node: a leaf one level deeper than
 * its role is the virtual leaf `r/.`, whose parent is r's node; from there, the ancestors of the
 * role and of the node go up together (role paths are node paths). Call after orderSetup.
 */
export function reachSetup(): void {
  for (let n: i32 = 0; n < nNodes; n++) {
    const p = i32At(nodeParent, n);
    setI32(nodeDepth, n, p < 0 ? 1 : i32At(nodeDepth, p) + 1);
    setI32(nodeMark, n, 0);
  }
  for (let r: i32 = 0; r < nRoles; r++) setI32(roleNode, r, -1);
  for (let r: i32 = 0; r < nRoles; r++) {
    let n = i32At(roleLeaf, r);
    if (n < 0) continue;
    let depth: i32 = 0;
    for (let x = r; x != -1; x = i32At(roleParent, x)) depth++;
    if (i32At(nodeDepth, n) > depth) n = i32At(nodeParent, n);
    // Once a role's node is known, so are its ancestors'.
    for (let x = r; x != -1 && i32At(roleNode, x) < 0; x = i32At(roleParent, x)) {
      setI32(roleNode, x, n);
      n = i32At(nodeParent, n);
    }
  }
  agent = -1;
  nMarked = 0;
}

/** Starts agent a: marks its pools with cpus or mem free whose node has an active framework below it. */
export function markPools(a: i32): void {
  agent = a;
  nMarked = 0;
  const end = i32At(poolStart, a + 1);
  for (let p = i32At(poolStart, a); p < end; p++) {
    setU8(poolMarked, p, 0);
    if (!(f64At(poolFree, p * Q + CPUS) > 0 || f64At(poolFree, p * Q + MEM) > 0)) continue;
    const n = i32At(roleNode, i32At(poolRole, p));
    if (n < 0 || !nodeIsLive(n)) continue;
    setU8(poolMarked, p, 1);
    setI32(nodeMark, n, i32At(nodeMark, n) + 1);
    nMarked++;
  }
}

/** Pool p was offered (it goes whole): it no longer draws the walk. */
export function poolTaken(p: i32): void {
  if (u8At(poolMarked, p) == 0) return;
  setU8(poolMarked, p, 0);
  const n = i32At(roleNode, i32At(poolRole, p));
  setI32(nodeMark, n, i32At(nodeMark, n) - 1);
  nMarked--;
}

/** Ends the current agent: clears the marks left. */
export function unmarkPools(): void {
  if (agent < 0) return;
  const end = i32At(poolStart, agent + 1);
  for (let p = i32At(poolStart, agent); p < end; p++) poolTaken(p);
  agent = -1;
}

/** Some marked pool's node is `node` or one of its ancestors (-1, the root: none). */
export function covered(node: i32): bool {
  for (let x = node; x != -1; x = i32At(nodeParent, x)) if (i32At(nodeMark, x) > 0) return true;
  return false;
}

/**
 * The first index in [from, end) of the sibling list `slot` (slot 0 = root, n + 1 = children of n)
 * whose child is a marked pool's node or one of its ancestors; `end` if none. Only for a slot that
 * is not `covered`. The lists do not move during an agent (orderFlush runs after it).
 */
export function nextReachable(slot: i32, from: i32, end: i32): i32 {
  const parent = slot - 1;
  const depth = parent < 0 ? 1 : i32At(nodeDepth, parent) + 1;
  let best = end;
  const last = i32At(poolStart, agent + 1);
  for (let p = i32At(poolStart, agent); p < last; p++) {
    if (u8At(poolMarked, p) == 0) continue;
    let x = i32At(roleNode, i32At(poolRole, p));
    while (i32At(nodeDepth, x) > depth) x = i32At(nodeParent, x);
    if (i32At(nodeDepth, x) != depth || i32At(nodeParent, x) != parent) continue;
    const i = childIndex(slot, x);
    if (i >= from && i < best) best = i;
  }
  return best;
}
