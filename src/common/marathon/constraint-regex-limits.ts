/** The sandbox's bounds on LIKE / UNLIKE regular expressions (Marathon has none), shared by the page and the worker. */

/** The longest LIKE / UNLIKE value the sandbox accepts, in UTF-16 code units. */
export const MAX_REGEX_LENGTH = 1000;
/** The most RE2 instructions a LIKE / UNLIKE value may compile to (`(.*){1000}` is 4002). */
export const MAX_REGEX_PROGRAM = 10_000;

export const tooLarge = (size: string): string =>
  `regular expression too large: ${size}; the sandbox accepts at most ${MAX_REGEX_LENGTH} characters and ${MAX_REGEX_PROGRAM} RE2 instructions`;
