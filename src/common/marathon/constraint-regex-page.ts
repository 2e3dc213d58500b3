/**
 * The page's stand-in for constraint-regex.ts (vite.config.ts swaps it in for the page's bundle only): the page
 * reads scenarios (links, files, saved clusters) to name their bad fields before the worker opens them, but
 * carrying RE2 twice (~46 KiB gzip each) is the largest single cost of the app shell. So the page checks only
 * a LIKE / UNLIKE value's length; whether RE2 can compile it is the worker's answer, which refuses the scenario
 * at load with the same 422 message and field (`load` in sandbox.worker.ts never throws). Tests and the worker
 * use the full module.
 */
import { MAX_REGEX_LENGTH, tooLarge } from './constraint-regex-limits.ts';

export { MAX_REGEX_LENGTH };

/** The 422 message when the value is too long; undefined otherwise (the worker checks the rest). */
export function regexProblem(regex: string): string | undefined {
  return regex.length > MAX_REGEX_LENGTH ? tooLarge(`${regex.length} characters`) : undefined;
}
