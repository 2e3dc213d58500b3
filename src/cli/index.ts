/**
 * The sandbox's `dcos` CLI: pure TypeScript, no DOM. Commands become DC/OS HTTP API calls through an
 * injected `request` (the sandbox's own, or the worker's proxy of it).
 */
export { runCommand } from './run.ts';
export { completions, commandLines, type Completion } from './complete.ts';
export { parseLine, tokenize } from './parse.ts';
export { renderGoTable, renderPyTable } from './table.ts';
export type { CliResult, Follow, KnownIds, RequestFn } from './types.ts';
