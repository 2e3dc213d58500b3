/**
 * The Wasm allocator: writes one run's arrays into linear memory behind a header
 * (assembly/layout.ts), makes one call, and copies the offers out.
 */
import * as L from '../../../assembly/layout.ts';
import { loadKernelModule, type KernelExports } from '../wasm-module.ts';
import { Q, type AllocationInput, type AllocationOutput, type AllocatorKernel } from './contract.ts';

type Typed = Float64Array | Int32Array | Uint8Array;

/** Lays out regions one after another, 8-byte aligned, and writes them once memory is big enough. */
class Arena {
  #at: number;
  readonly writes: Array<[number, Typed]> = [];

  constructor(base: number) {
    this.#at = base;
  }

  get end(): number {
    return this.#at;
  }

  reserve(bytes: number): number {
    const at = this.#at;
    this.#at = (at + bytes + 7) & ~7;
    return at;
  }

  put(data: Typed): number {
    const at = this.reserve(Math.max(8, data.byteLength));
    this.writes.push([at, data]);
    return at;
  }
}

function ensureMemory(memory: WebAssembly.Memory, bytes: number): void {
  const missing = bytes - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / 65536));
}

function runOnce(wasm: KernelExports, input: AllocationInput, outCapacity: number, outPoolCapacity: number): AllocationOutput | undefined {
  const nPools = input.poolRole.length;
  const arena = new Arena(wasm.heap_base());
  const header = arena.reserve(L.HEADER_SLOTS * 4);
  const slots = new Int32Array(L.HEADER_SLOTS);
  slots[L.N_AGENTS] = input.nAgents;
  slots[L.N_POOLS] = nPools;
  slots[L.N_ROLES] = input.nRoles;
  slots[L.N_NODES] = input.nNodes;
  slots[L.N_FRAMEWORKS] = input.nFrameworks;
  slots[L.N_ORDER1] = input.agentOrder1.length;
  slots[L.N_ORDER2] = input.agentOrder2.length;
  slots[L.OUT_CAPACITY] = outCapacity;
  slots[L.OUT_POOL_CAPACITY] = outPoolCapacity;
  const put: Array<[number, Typed]> = [
    [L.P_PARAMS, Float64Array.of(input.minCpus, input.minMem)],
    [L.P_TOTAL, input.total],
    [L.P_AGENT_FREE, input.agentFree],
    [L.P_AGENT_GPUS, input.agentHasGpus],
    [L.P_ORDER1, input.agentOrder1],
    [L.P_ORDER2, input.agentOrder2],
    [L.P_POOL_START, input.poolStart],
    [L.P_POOL_ROLE, input.poolRole],
    [L.P_POOL_FREE, input.poolFree],
    [L.P_ROLE_PARENT, input.roleParent],
    [L.P_ROLE_TOP, input.roleTop],
    [L.P_ROLE_LEAF, input.roleLeaf],
    [L.P_ROLE_GUARANTEE, input.roleGuarantee],
    [L.P_ROLE_LIMIT, input.roleLimit],
    [L.P_ROLE_CONSUMED, input.roleConsumed],
    [L.P_NODE_PARENT, input.nodeParent],
    [L.P_NODE_WEIGHT, input.nodeWeight],
    [L.P_NODE_RANK, input.nodeRank],
    [L.P_NODE_ALLOC, input.nodeAlloc],
    [L.P_NODE_COUNT, input.nodeCount],
    [L.P_NODE_ROLE, input.nodeRole],
    [L.P_FW_ROLE, input.fwRole],
    [L.P_FW_ACTIVE, input.fwActive],
    [L.P_FW_GPU, input.fwGpu],
    [L.P_FW_RANK, input.fwRank],
    [L.P_FW_ALLOC, input.fwAlloc],
    [L.P_FW_COUNT, input.fwCount],
    [L.P_FILTER_START, input.filterStart],
    [L.P_FILTER_FW, input.filterFw],
    [L.P_FILTER_RES, input.filterRes],
  ];
  for (const [slot, data] of put) slots[slot] = arena.put(data);
  slots[L.P_OUT_FW] = arena.reserve(outCapacity * 4);
  slots[L.P_OUT_AGENT] = arena.reserve(outCapacity * 4);
  slots[L.P_OUT_UNRESERVED] = arena.reserve(outCapacity * Q * 8);
  slots[L.P_OUT_POOL_START] = arena.reserve((outCapacity + 1) * 4);
  slots[L.P_OUT_POOLS] = arena.reserve(Math.max(1, outPoolCapacity) * 4);
  slots[L.P_SCRATCH] = arena.reserve(wasm.scratch_bytes(input.nNodes, input.nFrameworks, input.nRoles, nPools));
  ensureMemory(wasm.memory, arena.end);

  const buffer = wasm.memory.buffer;
  new Int32Array(buffer, header, L.HEADER_SLOTS).set(slots);
  for (const [at, data] of arena.writes) {
    const view = data instanceof Float64Array ? new Float64Array(buffer, at, data.length) : data instanceof Int32Array ? new Int32Array(buffer, at, data.length) : new Uint8Array(buffer, at, data.length);
    view.set(data);
  }

  const n = wasm.allocate(header);
  if (n < 0) return undefined;
  const poolStart = new Int32Array(buffer, slots[L.P_OUT_POOL_START]!, n + 1).slice();
  return {
    nOffers: n,
    offerFw: new Int32Array(buffer, slots[L.P_OUT_FW]!, n).slice(),
    offerAgent: new Int32Array(buffer, slots[L.P_OUT_AGENT]!, n).slice(),
    offerUnreserved: new Float64Array(buffer, slots[L.P_OUT_UNRESERVED]!, n * Q).slice(),
    offerPoolStart: poolStart,
    offerPools: new Int32Array(buffer, slots[L.P_OUT_POOLS]!, poolStart[n]!).slice(),
  };
}

export async function loadWasmAllocator(): Promise<AllocatorKernel> {
  const wasm = await loadKernelModule();
  return {
    name: 'wasm',
    allocate(input: AllocationInput): AllocationOutput {
      let offers = 2 * (input.agentOrder1.length + input.agentOrder2.length) + 16;
      let pools = 2 * input.poolRole.length + 16;
      for (;;) {
        const out = runOnce(wasm, input, offers, pools);
        if (out) return out;
        offers *= 2;
        pools *= 2;
      }
    },
  };
}
