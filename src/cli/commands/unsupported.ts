/**
 * dcos-core-cli 2.2 commands the sandbox cannot do: they need a running process, a shell on a node, a
 * journal, an API the simulation does not have, or time to pass while they run. Each refuses with one line saying why, exit code 1, after
 * its flags are read as the real command declares them.
 */
import { fail } from '../format.ts';
import type { ArgKind, CommandSpec } from '../types.ts';

const NO_PROCESSES = 'the sandbox simulates tasks and runs no processes';

function refused(path: string[], summary: string, reason: string, flags: string[] = [], args?: ArgKind[]): CommandSpec {
  return {
    path,
    summary,
    flags,
    ...(args ? { args } : {}),
    run: () => Promise.resolve(fail(`Error: dcos ${path.join(' ')} is not available in the sandbox: ${reason}`)),
  };
}

export const unsupportedCommands: CommandSpec[] = [
  refused(
    ['task', 'attach'],
    'Attach the CLI to the stdio of an already running task',
    `${NO_PROCESSES}, so none to attach to`,
    ['no-stdin'],
    ['task'],
  ),
  refused(
    ['task', 'exec'],
    'Launch a process inside of a container for a task',
    `${NO_PROCESSES}, and no container to run one in`,
    ['interactive', 'tty', 'user'],
    ['task', 'text'],
  ),
  refused(
    ['task', 'ls'],
    'Print the list of files in the Mesos task sandbox',
    `${NO_PROCESSES}, so they have no sandbox directory`,
    ['all', 'completed', 'long'],
    ['task', 'text'],
  ),
  refused(
    ['task', 'download'],
    'Download files from the sandbox of a given task',
    `${NO_PROCESSES}, so they have no files`,
    ['target-dir'],
    ['task', 'text'],
  ),
  refused(
    ['node', 'ssh'],
    'Establish an SSH connection to the master or agent nodes of your DC/OS cluster',
    'its nodes are simulated, with no host to open a shell on',
    ['leader', 'master-proxy', 'mesos-id', 'proxy-ip', 'private-ip', 'user', 'config-file', 'option'],
  ),
  // The Python CLI polls every --interval seconds (wall-clock sleeps) until the deployment is gone.
  refused(
    ['marathon', 'deployment', 'watch'],
    'Monitor deployments.',
    'its time moves only between commands, so a deployment cannot be watched as it progresses',
    ['max-count', 'interval'],
    ['deployment'],
  ),
];
