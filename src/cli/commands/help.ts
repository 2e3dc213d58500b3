/** `dcos help`, `dcos <group> --help` and `dcos <command> --help`. */
import { childWords, COMMANDS, GROUPS } from '../registry.ts';
import { toolsHelp } from '../tools/index.ts';
import type { CommandSpec } from '../types.ts';

function describe(prefix: string[], word: string): string {
  const path = [...prefix, word];
  const key = path.join(' ');
  return GROUPS[key] ?? COMMANDS.find((c) => c.path.join(' ') === key)?.summary ?? '';
}

export function groupHelp(prefix: string[]): string {
  const name = ['dcos', ...prefix].join(' ');
  const title = prefix.length === 0 ? 'Command line utility for the DC/OS sandbox' : (GROUPS[prefix.join(' ')] ?? '');
  const own = COMMANDS.find((c) => c.path.join(' ') === prefix.join(' '));
  let out = `${title}\n\nUsage:\n    ${name} [command]\n`;
  if (own) out += `    ${name} ${own.usage ?? ''}`.trimEnd() + '\n';
  out += '\nCommands:\n';
  for (const w of childWords(prefix)) out += `    ${w}\n        ${describe(prefix, w)}\n`;
  out += `\nOptions:\n    -h, --help\n        help for ${prefix.length === 0 ? 'dcos' : prefix[prefix.length - 1]}\n`;
  if (prefix.length === 0)
    out += '\nJSON bodies (app, group, pod definitions) are pasted after the command, on the same line or the next.\n' + toolsHelp();
  return out;
}

export function commandHelp(spec: CommandSpec): string {
  let out = `${spec.summary}\n\nUsage:\n    ${['dcos', ...spec.path, spec.usage ?? ''].join(' ').trimEnd()}\n`;
  if (spec.flags && spec.flags.length > 0) out += `\nOptions:\n${spec.flags.map((f) => `    --${f}\n`).join('')}`;
  return out;
}
