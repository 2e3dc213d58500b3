/** How long the Mesos master's messages and timeouts take. */

/** Time for offers and calls to cross between master and scheduler. */
export const MESSAGE_LATENCY_MS = 5;

/** Mesos' agent ping timeouts: 15 s × 5 before a silent agent is marked unreachable. */
export const AGENT_UNREACHABLE_AFTER_MS = 15_000 * 5;

/** --agent_reregister_timeout: an agent back later than this after it was marked unreachable has its tasks killed. */
export const AGENT_REREGISTER_TIMEOUT_MS = 600_000;
