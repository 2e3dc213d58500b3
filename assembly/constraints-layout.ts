// The constraint matcher's header (assembly/constraints.ts), separate from the allocator's: slot
// indices of i32 counts and of byte addresses into linear memory, written by the host
// (src/kernels/constraints/wasm.ts) at heap_base() before calling `match_constraints`. Plain
// integer constants, valid in both AssemblyScript and TypeScript.
export const C_N_AGENTS = 0;
export const C_N_FIELDS = 1;
export const C_N_PENDING = 2;
export const C_N_LIKE = 3; // likeTable.length
export const C_MASK_CAPACITY = 4; // agent masks the scratch has room for (see match_scratch_bytes)
export const C_P_FIELD_VALUES = 5; // i32[nFields]
export const C_P_AGENT_VALUE = 6; // i32[nAgents * nFields]
export const C_P_PENDING_START = 7; // i32[nPending + 1]
export const C_P_FIELD = 8; // i32[nConstraints]
export const C_P_OP = 9; // i32[nConstraints]
export const C_P_ARG = 10; // i32[nConstraints]
export const C_P_GROUPS = 11; // i32[nConstraints]
export const C_P_MIN = 12; // i32[nConstraints]
export const C_P_TABLE = 13; // i32[nConstraints]
export const C_P_COUNT_START = 14; // i32[nConstraints + 1]
export const C_P_COUNT_VALUE = 15; // i32[nCounts]
export const C_P_COUNT_N = 16; // i32[nCounts]
export const C_P_LIKE = 17; // u8[likeTable.length]
export const C_P_OUT_MATCH = 18; // u8[nPending * ceil(nAgents / 8)]: bitset rows
export const C_P_OUT_FIRST = 19; // i8[nPending * nAgents], or 0 when the host does not want first-failing indices
export const C_P_SCRATCH = 20; // match_scratch_bytes(...) bytes, 8-aligned
export const C_HEADER_SLOTS = 21;

/** Bumped whenever this header or the matcher's exports change: the host refuses a stale build. */
export const CONSTRAINTS_ABI = 1;

/** Operator codes (src/kernels/constraints/contract.ts `Op`). */
export const OP_UNIQUE = 0;
export const OP_CLUSTER = 1;
export const OP_GROUP_BY = 2;
export const OP_LIKE = 3;
export const OP_UNLIKE = 4;
export const OP_MAX_PER = 5;
export const OP_IS = 6;

/** CLUSTER argument: no value given and nothing placed yet, any agent that has the field matches. */
export const ANY_VALUE = -1;
/** CLUSTER / IS argument: a value no agent has, nothing matches. */
export const NO_VALUE = -2;
