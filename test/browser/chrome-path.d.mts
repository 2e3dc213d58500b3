/** Types of chrome-path.mjs, for the TypeScript that shares it (the bench's browser section). */
export function findChromium(): string | undefined;
export const HOW_TO_GET_CHROMIUM: string;
export const CHROMIUM_ARGS: readonly string[];
