import type { ApiRequest, ApiResponse } from '../api/types.ts';

export type { ApiRequest, ApiResponse };

/** How the CLI reaches the cluster: the sandbox's `request`, or a worker proxy of it. */
export type RequestFn = (req: ApiRequest) => Promise<ApiResponse> | ApiResponse;

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** `--follow`: what keeps printing after `stdout`, until `signal` stops it (the terminal's Ctrl+C). */
  follow?: Follow;
}

/**
 * A command that keeps printing: `emit` each new piece of output; `pause` waits between reads (a wall second in the
 * terminal; tests pass one that moves the simulated clock). Resolves once `signal` is aborted.
 */
export type Follow = (emit: (stdout: string) => void, signal: AbortSignal, pause?: (signal: AbortSignal) => Promise<void>) => Promise<void>;

/** Flag values: `--json` → true, `--lines=5` or `--lines 5` → "5". */
export type Flags = Record<string, string | true>;

/** What a command receives once its words are matched. */
export interface CommandContext {
  /** Positional arguments after the command words. */
  args: string[];
  flags: Flags;
  /** Every value each value flag was given, in order (a repeated `--filter`); `flags` has the last. */
  flagLists?: Record<string, string[]>;
  /** JSON pasted after the command (already parsed), if any. */
  body: unknown;
  hasBody: boolean;
  request: RequestFn;
}

export type ArgKind = 'app' | 'task' | 'node' | 'deployment' | 'pod' | 'group' | 'job' | 'text';

export interface CommandSpec {
  /** Words after `dcos`: `['marathon', 'app', 'list']`. */
  path: string[];
  summary: string;
  /** Usage line after `dcos <path>`: `<app-id> [--force]`. */
  usage?: string;
  /** What each positional argument is, for completion. */
  args?: ArgKind[];
  /** Flags the command understands (without `--`), for completion and help. */
  flags?: string[];
  /** A group that also runs (`dcos node`): a word after it that is no subcommand is its own error. */
  runsWithSubcommands?: boolean;
  run(ctx: CommandContext): Promise<CliResult>;
}

/** Ids the completer may offer: a snapshot taken by the caller. */
export interface KnownIds {
  appIds?: string[];
  taskIds?: string[];
  hostnames?: string[];
  nodeIds?: string[];
  deploymentIds?: string[];
  podIds?: string[];
  groupIds?: string[];
  jobIds?: string[];
}
