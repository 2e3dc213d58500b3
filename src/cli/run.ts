/** One command line in, stdout / stderr / exit code out. */
import { commandHelp, groupHelp } from './commands/help.ts';
import { CliError, fail, ok } from './format.ts';
import { parseLine, tokenize } from './parse.ts';
import { findCommand, flagsOf, isGroup } from './registry.ts';
import { findTool } from './tools/index.ts';
import type { CliResult, RequestFn } from './types.ts';

export async function runCommand(line: string, request: RequestFn): Promise<CliResult> {
  const tool = findTool(tokenize(line).tokens[0]?.value ?? '');
  if (tool) return runTool(line, tool.run, request);
  const parsed = parseLine(line, flagsOf);
  const [first, ...words] = parsed.words;
  if (first === undefined) return ok();
  if (first !== 'dcos') return fail(`${first}: command not found (try: dcos help)`, 127);
  if (parsed.error) return fail(`Error: ${parsed.error}`);

  const spec = words[0] === 'help' ? undefined : findCommand(words);
  const args = spec ? words.slice(spec.path.length) : [];
  // An unknown word after a group (`dcos marathon ap`): cobra finds no command before it reads flags.
  if (words[0] !== 'help' && (!spec || (args.length > 0 && !spec.args && !spec.runsWithSubcommands && isGroup(spec.path)))) {
    const prefix = longestGroup(words);
    const rest = words.slice(prefix.length);
    if (rest.length > 0)
      return fail(
        `Error: unknown command "${rest[0]}" for "${['dcos', ...prefix].join(' ')}"\nRun '${['dcos', ...prefix].join(' ')} --help' for usage.`,
      );
  }
  // Then the flags, for every command alike: pflag's error and exit code 1, no usage (the root's SilenceUsage).
  if (parsed.flagError) return fail(`Error: ${parsed.flagError}`);

  if (words[0] === 'help') return helpFor(words.slice(1));
  if (!spec) {
    const prefix = longestGroup(words);
    return parsed.flags['help'] ? ok(groupHelp(prefix)) : fail(groupHelp(prefix));
  }
  if (parsed.flags['help']) return ok(isGroup(spec.path) ? groupHelp(spec.path) : commandHelp(spec));
  // `dcos node foo`, `dcos service foo`: the plugin's own RunE prints the usage, then `unknown command foo`.
  if (spec.runsWithSubcommands && args.length > 0) return fail(`Error: unknown command ${args[0]}`, 1, groupHelp(spec.path));
  try {
    return await spec.run({ args, flags: parsed.flags, flagLists: parsed.flagLists, body: parsed.body, hasBody: parsed.hasBody, request });
  } catch (e) {
    if (e instanceof CliError) return fail(e.message);
    return fail(`Error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** `dig` or `curl`: its words as the shell splits them (a `{` or `[` word included, as they take no JSON body). */
async function runTool(line: string, run: (args: string[], request: RequestFn) => Promise<CliResult>, request: RequestFn) {
  const { tokens, bodyText, unterminated } = tokenize(line);
  if (unterminated) return fail('Error: unterminated quote');
  const args = tokens.slice(1).map((t) => t.value);
  if (bodyText !== undefined) args.push(...bodyText.trim().split(/\s+/));
  try {
    return await run(args, request);
  } catch (e) {
    return fail(`${e instanceof Error ? e.message : String(e)}`);
  }
}

function longestGroup(words: string[]): string[] {
  let k = 0;
  while (k < words.length && isGroup(words.slice(0, k + 1))) k++;
  return words.slice(0, k);
}

function helpFor(words: string[]): CliResult {
  const prefix = longestGroup(words);
  if (prefix.length === words.length && (prefix.length === 0 || isGroup(prefix))) {
    const spec = findCommand(words);
    return ok(spec && spec.path.length === words.length && !isGroup(words) ? commandHelp(spec) : groupHelp(prefix));
  }
  const spec = findCommand(words);
  if (spec && spec.path.length === words.length) return ok(commandHelp(spec));
  return fail(`Error: unknown help topic "${words.join(' ')}"`);
}
