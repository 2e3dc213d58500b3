/**
 * How much a cluster records, so that whatever it accepted can be exported and imported again:
 * every write's body and the script of writes as a whole are bounded by what a scenario file carries.
 */

/** A scenario file, at most (larger ones are refused before parsing). */
export const MAX_SCENARIO_FILE_BYTES = 5_000_000;

/** One write's body, at most: the sandbox's own limit (answered 413). */
export const MAX_ACTION_BODY_BYTES = 1_000_000;

/**
 * The recorded writes together (their compact JSON), at most. A file pretty-prints them, at worst
 * about twice as large, and still fits in MAX_SCENARIO_FILE_BYTES with the rest of the scenario.
 */
export const MAX_SCRIPT_BYTES = 2_000_000;

/**
 * Nesting of a recorded write's body, at most. The APIs refuse bodies deeper than 1000 (json-limits.ts), and such a
 * refused write is still recorded so that a replay refuses it again; but a snapshot or a share link copies the
 * script with structuredClone, which V8 gives up on near 2000 levels.
 */
export const MAX_RECORDED_BODY_DEPTH = 1500;
