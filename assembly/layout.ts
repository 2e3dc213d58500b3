// The header the host writes before calling `allocate`: slot indices of i32 values (counts)
// and of byte addresses into linear memory. Shared by the AssemblyScript kernel and the
// TypeScript host (src/kernels/allocator/wasm.ts): plain integer constants, valid in both languages.
export const N_AGENTS = 0;
export const N_POOLS = 1;
export const N_ROLES = 2;
export const N_NODES = 3;
export const N_FRAMEWORKS = 4;
export const N_ORDER1 = 5;
export const N_ORDER2 = 6;
export const OUT_CAPACITY = 7;
export const OUT_POOL_CAPACITY = 8;
export const P_PARAMS = 9; // f64[2]: minCpus, minMem
export const P_TOTAL = 10;
export const P_AGENT_FREE = 11;
export const P_AGENT_GPUS = 12;
export const P_ORDER1 = 13;
export const P_ORDER2 = 14;
export const P_POOL_START = 15;
export const P_POOL_ROLE = 16;
export const P_POOL_FREE = 17;
export const P_ROLE_PARENT = 18;
export const P_ROLE_TOP = 19;
export const P_ROLE_LEAF = 20;
export const P_ROLE_GUARANTEE = 21;
export const P_ROLE_LIMIT = 22;
export const P_ROLE_CONSUMED = 23;
export const P_NODE_PARENT = 24;
export const P_NODE_WEIGHT = 25;
export const P_NODE_RANK = 26;
export const P_NODE_ALLOC = 27;
export const P_NODE_COUNT = 28;
export const P_NODE_ROLE = 29;
export const P_FW_ROLE = 30;
export const P_FW_ACTIVE = 31;
export const P_FW_GPU = 32;
export const P_FW_RANK = 33;
export const P_FW_ALLOC = 34;
export const P_FW_COUNT = 35;
export const P_FILTER_START = 36;
export const P_FILTER_FW = 37;
export const P_FILTER_RES = 38;
export const P_OUT_FW = 39;
export const P_OUT_AGENT = 40;
export const P_OUT_UNRESERVED = 41;
export const P_OUT_POOL_START = 42;
export const P_OUT_POOLS = 43;
export const P_SCRATCH = 44; // kernel working memory: scratch_bytes(...) bytes, 8-aligned
export const P_HEADROOM = 45; // f64[SCALARS]: the headroom at the start of the run
export const HEADER_SLOTS = 46;

/** Bumped whenever this header or the kernel's exports change: the host refuses a stale build. */
export const ALLOCATOR_ABI = 3;

/** Quantity columns and scalar columns (must equal Q and SCALARS in contract.ts; a test checks). */
export const Q = 5;
export const SCALARS = 4;
