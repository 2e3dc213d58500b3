/**
 * The terminal's programs besides `dcos`: sandbox tools that answer from the simulated model (no packet leaves the
 * page). They read their own arguments, as the real programs do, not cobra's flags.
 */
import type { CliResult, RequestFn } from '../types.ts';
import { curl } from './curl.ts';
import { dig } from './dig.ts';

export interface Tool {
  name: string;
  usage: string;
  summary: string;
  /** Words completion offers after the program's name. */
  words: string[];
  run(args: string[], request: RequestFn): Promise<CliResult>;
}

export const TOOLS: Tool[] = [
  {
    name: 'dig',
    usage: 'dig [-t A|SRV] <name> [A|SRV] [+short]',
    summary: 'Look a name up as a node does: dcos-dns for *.thisdcos.directory, Mesos-DNS for *.mesos',
    words: ['+short', '-t', 'A', 'SRV'],
    run: dig,
  },
  {
    name: 'curl',
    usage: 'curl [-s] [-v] [-I] [http://]<host>:<port>[/path]',
    summary: 'Send one request from an agent: name resolution, VIP load balancing, the task that answers',
    words: ['-I', '-s', '-v'],
    run: curl,
  },
];

export const findTool = (name: string): Tool | undefined => TOOLS.find((t) => t.name === name);

/** The lines `dcos help` ends with. */
export const toolsHelp = (): string =>
  '\nSandbox tools (not part of dcos; they answer from the simulated model):\n' +
  TOOLS.map((t) => `    ${t.usage}\n        ${t.summary}\n`).join('');
