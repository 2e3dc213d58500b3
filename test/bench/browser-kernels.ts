/**
 * The kernel calls the browser section compares, the same code in Node and, bundled by esbuild,
 * in Chromium. Each environment builds its inputs itself with the other sections' deterministic
 * builders, so nothing large crosses over: only the timings and a digest of each answer, which
 * shows that both environments made the same calls and got the same answers.
 */
import type { AllocatorKernel } from '../../src/kernels/allocator/contract.ts';
import { loadWasmAllocator } from '../../src/kernels/allocator/wasm.ts';
import type { ConstraintMatcher } from '../../src/kernels/constraints/contract.ts';
import { internMatch } from '../../src/kernels/constraints/pack.ts';
import { loadWasmMatcher } from '../../src/kernels/constraints/wasm.ts';
import { freshCluster } from './allocator-section.ts';
import { batch } from './constraints-section.ts';
import { time } from './harness.ts';

export type CaseName = 'allocate (DRF)' | 'match' | 'match, first-failing';

export interface KernelCase {
  name: CaseName;
  agents: number;
  /** Frameworks (one per role) for the allocator, pending groups for the matcher. */
  roles: number;
}

export interface CaseTiming extends KernelCase {
  medianMs: number;
  reps: number;
  /** The very first call, before the warm-up: lazy compilation and tier-up show here. */
  firstMs: number;
  digest: string;
}

export const CASES: KernelCase[] = [
  { name: 'allocate (DRF)', agents: 1000, roles: 100 },
  { name: 'allocate (DRF)', agents: 10000, roles: 1000 },
  { name: 'match', agents: 10000, roles: 1000 },
  { name: 'match, first-failing', agents: 10000, roles: 1000 },
];

/** One policy for every case and both environments. */
const POLICY = { warmup: 10, minReps: 15, maxReps: 101, budgetMs: 1500 };

/** FNV-1a over the bytes of typed arrays. */
function digest(...arrays: ArrayBufferView[]): string {
  let h = 0x811c9dc5;
  for (const a of arrays) for (const byte of new Uint8Array(a.buffer, a.byteOffset, a.byteLength)) h = Math.imul(h ^ byte, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The call to time, answering the output's arrays (digested once, outside the timed calls). Inputs are built here. */
function callFor(c: KernelCase, allocator: AllocatorKernel, matcher: ConstraintMatcher): () => ArrayBufferView[] {
  if (c.name === 'allocate (DRF)') {
    const input = freshCluster(c.agents, c.roles);
    return () => {
      const out = allocator.allocate(input);
      return [out.offerFw, out.offerAgent, out.offerUnreserved, out.offerPoolStart, out.offerPools];
    };
  }
  const input = internMatch(batch(c.agents, c.roles));
  // As Marathon's placement calls it: the answer goes into a buffer reused from call to call.
  const options = {
    firstFailing: c.name === 'match, first-failing',
    matchInto: new Uint8Array(input.nPending * ((input.nAgents + 7) >> 3)),
  };
  return () => {
    const out = matcher.match(input, options);
    return out.firstFailing ? [out.match, out.firstFailing] : [out.match];
  };
}

function timeCase(c: KernelCase, call: () => ArrayBufferView[]): CaseTiming {
  const t0 = performance.now();
  const answer = call();
  const firstMs = performance.now() - t0;
  const { medianMs, reps } = time(call, POLICY);
  return { ...c, medianMs, reps, firstMs, digest: digest(...answer) };
}

/** Times every case in this environment (Node or the page). */
export async function timeKernels(): Promise<CaseTiming[]> {
  const allocator = await loadWasmAllocator();
  const matcher = await loadWasmMatcher();
  return CASES.map((c) => timeCase(c, callFor(c, allocator, matcher)));
}
