/** Every command of the sandbox's `dcos`, and the groups they sit in. */
import { appCommands } from './commands/marathon-app.ts';
import { deploymentCommands, groupCommands, podCommands } from './commands/marathon-other.ts';
import { marathonLeaderCommands } from './commands/marathon-leader.ts';
import { nodeCommands } from './commands/node.ts';
import { quotaCommands } from './commands/quota.ts';
import { taskCommands } from './commands/task.ts';
import type { CommandSpec } from './types.ts';

export const COMMANDS: CommandSpec[] = [
  ...nodeCommands,
  ...appCommands,
  ...deploymentCommands,
  ...groupCommands,
  ...podCommands,
  ...marathonLeaderCommands,
  ...taskCommands,
  ...quotaCommands,
];

/** Descriptions of the words that only group other commands. */
export const GROUPS: Record<string, string> = {
  marathon: 'Deploy and manage applications to DC/OS',
  'marathon app': 'Manage Marathon apps',
  'marathon deployment': 'Manage Marathon deployments',
  'marathon group': 'Manage Marathon groups',
  'marathon leader': 'Manage the Marathon leader',
  'marathon pod': 'Manage Marathon pods',
  node: 'View DC/OS node information',
  quota: 'Manage DC/OS quotas',
  service: 'Manage DC/OS services',
  task: 'Manage DC/OS tasks',
  help: 'Help about any command',
};

const startsWith = (path: string[], prefix: string[]) => prefix.every((w, i) => path[i] === w);

/** The command whose path is the longest prefix of `words`. */
export function findCommand(words: string[]): CommandSpec | undefined {
  let best: CommandSpec | undefined;
  for (const c of COMMANDS) if (startsWith(words, c.path) && (!best || c.path.length > best.path.length)) best = c;
  return best;
}

/**
 * The flags the command named by `words` (after `dcos`) takes: its spec's, none for a group or `help`
 * (cobra's `--help` is added by the parser).
 */
export function flagsOf(words: string[]): readonly string[] {
  if (words[0] === 'help') return [];
  return findCommand(words)?.flags ?? [];
}

/** The words that may follow `prefix` (sub-groups and commands), sorted. */
export function childWords(prefix: string[]): string[] {
  const words = new Set<string>();
  for (const c of COMMANDS) if (c.path.length > prefix.length && startsWith(c.path, prefix)) words.add(c.path[prefix.length]!);
  if (prefix.length === 0) words.add('help');
  return [...words].sort();
}

export const isGroup = (prefix: string[]) => childWords(prefix).length > 0;
