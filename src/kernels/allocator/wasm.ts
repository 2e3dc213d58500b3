/**
 * The Wasm allocator's host side: writes one run's arrays into linear memory behind a header
 * (assembly/layout.ts), makes ONE call, and copies the offers out into fresh typed arrays.
 * Regions are laid out per call from the counts; memory grows when needed (views are re-created
 * after growing). When the output capacity was too small the kernel answers -1: the whole run is
 * packed again with twice the capacity (the kernel worked on the previous copy).
 */
import * as L from '../../../assembly/layout.ts';
import { loadKernelModule, type KernelExports } from '../wasm-module.ts';
import { Q, SCALARS, type AllocationInput, type AllocationOutput, type AllocatorKernel } from './contract.ts';

type Typed = Float64Array | Int32Array | Uint8Array;
/** Header slot, data, element count the kernel reads, field name (for errors). */
type Region = [slot: number, data: Typed, length: number, field: string];

const align8 = (x: number): number => (x + 7) & ~7;

function inputRegions(input: AllocationInput, nPools: number, nFilters: number): Region[] {
  const { nAgents: a, nRoles: r, nNodes: n, nFrameworks: f } = input;
  return [
    [L.P_TOTAL, input.total, Q, 'total'],
    [L.P_HEADROOM, input.headroom, SCALARS, 'headroom'],
    [L.P_AGENT_FREE, input.agentFree, a * Q, 'agentFree'],
    [L.P_AGENT_GPUS, input.agentHasGpus, a, 'agentHasGpus'],
    [L.P_ORDER1, input.agentOrder1, input.agentOrder1.length, 'agentOrder1'],
    [L.P_ORDER2, input.agentOrder2, input.agentOrder2.length, 'agentOrder2'],
    [L.P_POOL_START, input.poolStart, a + 1, 'poolStart'],
    [L.P_POOL_ROLE, input.poolRole, nPools, 'poolRole'],
    [L.P_POOL_FREE, input.poolFree, nPools * Q, 'poolFree'],
    [L.P_ROLE_PARENT, input.roleParent, r, 'roleParent'],
    [L.P_ROLE_TOP, input.roleTop, r, 'roleTop'],
    [L.P_ROLE_LEAF, input.roleLeaf, r, 'roleLeaf'],
    [L.P_ROLE_GUARANTEE, input.roleGuarantee, r * SCALARS, 'roleGuarantee'],
    [L.P_ROLE_LIMIT, input.roleLimit, r * SCALARS, 'roleLimit'],
    [L.P_ROLE_CONSUMED, input.roleConsumed, r * SCALARS, 'roleConsumed'],
    [L.P_NODE_PARENT, input.nodeParent, n, 'nodeParent'],
    [L.P_NODE_WEIGHT, input.nodeWeight, n, 'nodeWeight'],
    [L.P_NODE_RANK, input.nodeRank, n, 'nodeRank'],
    [L.P_NODE_ALLOC, input.nodeAlloc, n * Q, 'nodeAlloc'],
    [L.P_NODE_COUNT, input.nodeCount, n, 'nodeCount'],
    [L.P_NODE_ROLE, input.nodeRole, n, 'nodeRole'],
    [L.P_FW_ROLE, input.fwRole, f, 'fwRole'],
    [L.P_FW_ACTIVE, input.fwActive, f, 'fwActive'],
    [L.P_FW_GPU, input.fwGpu, f, 'fwGpu'],
    [L.P_FW_RANK, input.fwRank, f, 'fwRank'],
    [L.P_FW_ALLOC, input.fwAlloc, f * Q, 'fwAlloc'],
    [L.P_FW_COUNT, input.fwCount, f, 'fwCount'],
    [L.P_FILTER_START, input.filterStart, a + 1, 'filterStart'],
    [L.P_FILTER_FW, input.filterFw, nFilters, 'filterFw'],
    [L.P_FILTER_RES, input.filterRes, nFilters * Q, 'filterRes'],
  ];
}

class WasmAllocator implements AllocatorKernel {
  readonly name = 'wasm';
  #buffer: ArrayBuffer | undefined;
  #f64 = new Float64Array(0);
  #i32 = new Int32Array(0);
  #u8 = new Uint8Array(0);
  /** Offer capacity that sufficed last time: a run needing more than its first guess retries once, not every time. */
  #capacity = 0;

  private readonly wasm: KernelExports;

  constructor(wasm: KernelExports) {
    this.wasm = wasm;
  }

  allocate(input: AllocationInput): AllocationOutput {
    let capacity = Math.max(this.#capacity, input.agentOrder1.length + input.agentOrder2.length + 16);
    for (;;) {
      const out = this.#run(input, capacity);
      if (out) return out;
      capacity *= 2;
      this.#capacity = capacity;
    }
  }

  #views(): void {
    const buffer = this.wasm.memory.buffer;
    if (buffer === this.#buffer) return;
    this.#buffer = buffer;
    this.#f64 = new Float64Array(buffer);
    this.#i32 = new Int32Array(buffer);
    this.#u8 = new Uint8Array(buffer);
  }

  #run(input: AllocationInput, capacity: number): AllocationOutput | undefined {
    const { wasm } = this;
    const nAgents = input.nAgents;
    const nPools = input.poolStart[nAgents] ?? 0;
    const nFilters = input.filterStart[nAgents] ?? 0;
    const regions = inputRegions(input, nPools, nFilters);
    const header = wasm.heap_base();
    const slots = new Int32Array(L.HEADER_SLOTS);
    let at = align8(header + L.HEADER_SLOTS * 4);
    const reserve = (slot: number, bytes: number): void => {
      slots[slot] = at;
      at = align8(at + bytes);
    };
    reserve(L.P_PARAMS, 16);
    for (const [slot, data, length, field] of regions) {
      if (data.length < length) throw new RangeError(`AllocationInput.${field} has ${data.length} elements, the counts need ${length}`);
      reserve(slot, length * data.BYTES_PER_ELEMENT);
    }
    const poolCapacity = Math.max(1, nPools); // a pool is offered at most once per run
    reserve(L.P_OUT_FW, capacity * 4);
    reserve(L.P_OUT_AGENT, capacity * 4);
    reserve(L.P_OUT_UNRESERVED, capacity * Q * 8);
    reserve(L.P_OUT_POOL_START, (capacity + 1) * 4);
    reserve(L.P_OUT_POOLS, poolCapacity * 4);
    reserve(L.P_SCRATCH, wasm.scratch_bytes(input.nNodes, input.nFrameworks, input.nRoles, nPools));
    const missing = at - wasm.memory.buffer.byteLength;
    if (missing > 0) wasm.memory.grow(Math.ceil(missing / 65536));
    this.#views();

    slots[L.N_AGENTS] = nAgents;
    slots[L.N_POOLS] = nPools;
    slots[L.N_ROLES] = input.nRoles;
    slots[L.N_NODES] = input.nNodes;
    slots[L.N_FRAMEWORKS] = input.nFrameworks;
    slots[L.N_ORDER1] = input.agentOrder1.length;
    slots[L.N_ORDER2] = input.agentOrder2.length;
    slots[L.OUT_CAPACITY] = capacity;
    slots[L.OUT_POOL_CAPACITY] = poolCapacity;
    this.#i32.set(slots, header >> 2);
    const params = slots[L.P_PARAMS]! >> 3;
    this.#f64[params] = input.minCpus;
    this.#f64[params + 1] = input.minMem;
    for (const [slot, data, length] of regions) {
      const src = data.length === length ? data : data.subarray(0, length);
      const to = slots[slot]!;
      if (src instanceof Float64Array) this.#f64.set(src, to >> 3);
      else if (src instanceof Int32Array) this.#i32.set(src, to >> 2);
      else this.#u8.set(src, to);
    }

    const n = wasm.allocate(header);
    if (n < 0) return undefined;
    this.#views(); // the kernel does not grow memory, but stay safe
    const i32At = (slot: number): number => slots[slot]! >> 2;
    const offerPoolStart = this.#i32.slice(i32At(L.P_OUT_POOL_START), i32At(L.P_OUT_POOL_START) + n + 1);
    return {
      nOffers: n,
      offerFw: this.#i32.slice(i32At(L.P_OUT_FW), i32At(L.P_OUT_FW) + n),
      offerAgent: this.#i32.slice(i32At(L.P_OUT_AGENT), i32At(L.P_OUT_AGENT) + n),
      offerUnreserved: this.#f64.slice(slots[L.P_OUT_UNRESERVED]! >> 3, (slots[L.P_OUT_UNRESERVED]! >> 3) + n * Q),
      offerPoolStart,
      offerPools: this.#i32.slice(i32At(L.P_OUT_POOLS), i32At(L.P_OUT_POOLS) + offerPoolStart[n]!),
    };
  }
}

/** The Wasm allocator kernel (name 'wasm'). Loads build/kernels.wasm on first use. */
export async function loadWasmAllocator(): Promise<AllocatorKernel> {
  return new WasmAllocator(await loadKernelModule());
}
