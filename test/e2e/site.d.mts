/** Types of the parts of site.mjs the TypeScript benches share (the browser forks section). */
export function buildSite(): Promise<string>;
export function startServer(dir: string): Promise<{ url: string; close: () => void }>;
