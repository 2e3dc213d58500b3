/** Every command of the sandbox's `dcos`, and the groups they sit in. */
import { AUTH_GROUPS, authCommands } from './commands/auth.ts';
import { JOB_GROUPS, jobCommands } from './commands/job.ts';
import { appCommands } from './commands/marathon-app.ts';
import { appMoreCommands } from './commands/marathon-app-more.ts';
import { marathonDelayCommands } from './commands/marathon-delay.ts';
import { debugCommands } from './commands/marathon-debug.ts';
import { deploymentCommands } from './commands/marathon-deployment.ts';
import { groupCommands } from './commands/marathon-group.ts';
import { marathonLeaderCommands } from './commands/marathon-leader.ts';
import { marathonPingCommands } from './commands/marathon-ping.ts';
import { podCommands } from './commands/marathon-pod.ts';
import { marathonTaskCommands } from './commands/marathon-task.ts';
import { nodeCommands } from './commands/node.ts';
import { nodeMetricsCommands } from './commands/node-metrics.ts';
import { taskMetricsCommands } from './commands/task-metrics.ts';
import { nodeLogCommand } from './commands/node-log.ts';
import { PACKAGE_GROUPS, packageCommands } from './commands/package.ts';
import { quotaCommands } from './commands/quota.ts';
import { SDK_GROUPS, sdkCommands } from './commands/sdk.ts';
import { sdkUpdateCommands } from './commands/sdk-update.ts';
import { serviceLogCommand } from './commands/service-log.ts';
import { SECURITY_GROUPS, securityCommands } from './commands/security.ts';
import { secretsCommands } from './commands/security-secrets.ts';
import { SPARK_GROUPS, sparkCommands } from './commands/spark.ts';
import { taskCommands } from './commands/task.ts';
import { unsupportedCommands } from './commands/unsupported.ts';
import type { CommandSpec } from './types.ts';

export const COMMANDS: CommandSpec[] = [
  ...nodeCommands,
  ...nodeMetricsCommands,
  nodeLogCommand,
  ...jobCommands,
  ...appCommands,
  ...appMoreCommands,
  ...debugCommands,
  ...deploymentCommands,
  ...groupCommands,
  ...podCommands,
  ...marathonLeaderCommands,
  ...marathonPingCommands,
  ...marathonDelayCommands,
  ...marathonTaskCommands,
  ...taskCommands,
  ...taskMetricsCommands,
  serviceLogCommand,
  ...packageCommands,
  ...quotaCommands,
  ...sdkCommands,
  ...sdkUpdateCommands,
  ...sparkCommands,
  ...authCommands,
  ...securityCommands,
  ...secretsCommands,
  ...unsupportedCommands,
];

/** Descriptions of the words that only group other commands (dcos-core-cli 2.2's `Short` texts). */
export const GROUPS: Record<string, string> = {
  marathon: 'Deploy and manage applications to DC/OS',
  'marathon app': 'Manage apps',
  'marathon app version': 'Manage Marathon app versions.',
  'marathon debug': 'Debug app deployments.',
  'marathon delay': 'Control Marathon deployment delay.',
  'marathon deployment': 'Manage deployments.',
  'marathon group': 'Manage groups.',
  'marathon leader': 'Manage leader.',
  'marathon pod': 'Manage pods.',
  'marathon task': 'Manage tasks.',
  node: 'Display DC/OS node information',
  'node metrics': 'Display the metrics of a node',
  quota: 'Manage DC/OS quotas',
  service: 'Manage DC/OS services',
  task: 'Manage DC/OS tasks',
  'task metrics': 'Print the metrics of a task',
  ...JOB_GROUPS,
  ...PACKAGE_GROUPS,
  ...SDK_GROUPS,
  ...SPARK_GROUPS,
  ...AUTH_GROUPS,
  ...SECURITY_GROUPS,
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
