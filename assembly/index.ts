// The Wasm module's exports: one entry per kernel.
export { allocate, heap_base, scratch_bytes } from './allocator';
