/**
 * The Wasm constraint matcher's host side: writes one batch's arrays into linear memory behind a
 * header (assembly/constraints-layout.ts), makes ONE call, and copies the answers out into fresh
 * typed arrays: the match bitset, and the first-failing matrix only when asked for (it is 8 times
 * larger). Regions are laid out per call from the counts; memory grows when needed (views are
 * re-created after growing). It shares the module, and so the memory, with the allocator: every
 * call lays out its own regions from heap_base().
 */
import * as L from '../../../assembly/constraints-layout.ts';
import { loadKernelModule, type KernelExports } from '../wasm-module.ts';
import { checkMatchInput, outputBuffer, type ConstraintMatcher, type MatchInput, type MatchOptions, type MatchOutput } from './contract.ts';

type Typed = Int32Array | Uint8Array;
/** Header slot, data, element count the kernel reads. */
type Region = [slot: number, data: Typed, length: number];

const align8 = (x: number): number => (x + 7) & ~7;
/** Bytes of scratch for the agent masks of recurring value-only constraints (by default). */
const MASK_BUDGET = 4 << 20;

export interface WasmMatcherOptions {
  /** At most this many agent masks per batch (default: as many as fit in 4 MiB); the kernel falls back to its bucket walk beyond. */
  maxMasks?: number;
}

function inputRegions(input: MatchInput, nConstraints: number, nCounts: number): Region[] {
  return [
    [L.C_P_FIELD_VALUES, input.fieldValues, input.nFields],
    [L.C_P_AGENT_VALUE, input.agentValue, input.nAgents * input.nFields],
    [L.C_P_PENDING_START, input.pendingStart, input.nPending + 1],
    [L.C_P_FIELD, input.constraintField, nConstraints],
    [L.C_P_OP, input.constraintOp, nConstraints],
    [L.C_P_ARG, input.constraintArg, nConstraints],
    [L.C_P_GROUPS, input.constraintGroups, nConstraints],
    [L.C_P_MIN, input.constraintMin, nConstraints],
    [L.C_P_TABLE, input.constraintTable, nConstraints],
    [L.C_P_COUNT_START, input.countStart, nConstraints + 1],
    [L.C_P_COUNT_VALUE, input.countValue, nCounts],
    [L.C_P_COUNT_N, input.countN, nCounts],
    [L.C_P_LIKE, input.likeTable, input.likeTable.length],
  ];
}

class WasmMatcher implements ConstraintMatcher {
  readonly name = 'wasm';
  #buffer: ArrayBuffer | undefined;
  #i32 = new Int32Array(0);
  #u8 = new Uint8Array(0);
  #i8 = new Int8Array(0);

  private readonly wasm: KernelExports;
  private readonly maxMasks: number | undefined;

  constructor(wasm: KernelExports, maxMasks: number | undefined) {
    this.wasm = wasm;
    this.maxMasks = maxMasks;
  }

  #views(): void {
    const buffer = this.wasm.memory.buffer;
    if (buffer === this.#buffer) return;
    this.#buffer = buffer;
    this.#i32 = new Int32Array(buffer);
    this.#u8 = new Uint8Array(buffer);
    this.#i8 = new Int8Array(buffer);
  }

  match(input: MatchInput, options: MatchOptions = {}): MatchOutput {
    const { wasm } = this;
    const { nAgents, nFields, nPending } = input;
    const { nConstraints, nCounts, nValues } = checkMatchInput(input);
    const regions = inputRegions(input, nConstraints, nCounts);
    const header = wasm.heap_base();
    const slots = new Int32Array(L.C_HEADER_SLOTS);
    let at = align8(header + L.C_HEADER_SLOTS * 4);
    const reserve = (slot: number, bytes: number): void => {
      slots[slot] = at;
      at = align8(at + bytes);
    };
    for (const [slot, data, length] of regions) reserve(slot, length * data.BYTES_PER_ELEMENT);
    const rowBytes = (nAgents + 7) >> 3;
    const wantFirst = options.firstFailing === true;
    reserve(L.C_P_OUT_MATCH, nPending * rowBytes);
    if (wantFirst) reserve(L.C_P_OUT_FIRST, nPending * nAgents); // else slot 0: the kernel keeps its working row in scratch
    const maskCapacity = nAgents === 0 ? 0 : Math.min(nConstraints, this.maxMasks ?? Math.floor(MASK_BUDGET / nAgents));
    reserve(L.C_P_SCRATCH, wasm.match_scratch_bytes(nAgents, nFields, nValues, input.likeTable.length, nConstraints, maskCapacity));
    const missing = at - wasm.memory.buffer.byteLength;
    if (missing > 0) wasm.memory.grow(Math.ceil(missing / 65536));
    this.#views();

    slots[L.C_N_AGENTS] = nAgents;
    slots[L.C_N_FIELDS] = nFields;
    slots[L.C_N_PENDING] = nPending;
    slots[L.C_N_LIKE] = input.likeTable.length;
    slots[L.C_MASK_CAPACITY] = maskCapacity;
    this.#i32.set(slots, header >> 2);
    for (const [slot, data, length] of regions) {
      const src = data.length === length ? data : data.subarray(0, length);
      const to = slots[slot]!;
      if (src instanceof Int32Array) this.#i32.set(src, to >> 2);
      else this.#u8.set(src, to);
    }

    wasm.match_constraints(header);
    this.#views(); // the kernel does not grow memory, but stay safe
    const outMatch = slots[L.C_P_OUT_MATCH]!;
    const outFirst = slots[L.C_P_OUT_FIRST]!;
    const answer = this.#u8.subarray(outMatch, outMatch + nPending * rowBytes);
    const match = outputBuffer(answer.length, options.matchInto);
    match.set(answer);
    if (!wantFirst) return { nPending, nAgents, rowBytes, match };
    return { nPending, nAgents, rowBytes, match, firstFailing: this.#i8.slice(outFirst, outFirst + nPending * nAgents) };
  }
}

const REBUILD = 'run `npm run asbuild`';

/** The Wasm constraint matcher (name 'wasm'). Loads build/kernels.wasm on first use. */
export async function loadWasmMatcher(options: WasmMatcherOptions = {}): Promise<ConstraintMatcher> {
  const wasm = await loadKernelModule();
  const fns = ['match_constraints', 'match_scratch_bytes', 'constraints_abi'] as const;
  const missing = fns.filter((name) => typeof (wasm as Partial<KernelExports>)[name] !== 'function');
  if (missing.length > 0) throw new Error(`build/kernels.wasm lacks exports (${missing.join(', ')}): it is stale, ${REBUILD}`);
  const abi = wasm.constraints_abi();
  if (abi !== L.CONSTRAINTS_ABI)
    throw new Error(`build/kernels.wasm has constraints ABI ${abi}, expected ${L.CONSTRAINTS_ABI}: ${REBUILD}`);
  return new WasmMatcher(wasm, options.maxMasks);
}
