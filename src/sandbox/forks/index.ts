/** What-if forks (docs/what-if-forks.md): fork a cluster at a moment into variants, run each, compare them. */
export { forkScenarios, ForkError, MAX_VARIANTS, type ForkOptions } from './fork.ts';
export { writeProblem } from './writes.ts';
export { runVariant, type RunVariantOptions } from './run.ts';
export { compareVariants } from './compare.ts';
export type * from './types.ts';
