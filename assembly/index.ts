// The Wasm module's exports: one line per kernel.
export { allocate, allocator_abi, heap_base, scratch_bytes } from './allocator';
export { match_constraints, match_scratch_bytes, constraints_abi } from './constraints';
