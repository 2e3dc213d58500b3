// The Wasm module's exports: one line per kernel.
export { allocate, allocator_abi, heap_base, scratch_bytes } from './allocator';
