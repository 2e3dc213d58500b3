/** Mesos' state and agents as the CLI reads them. */
import type { MesosAgent, MesosAgentList, MesosState } from '../../api/shapes/mesos.ts';
import { getJson } from '../format.ts';
import type { RequestFn } from '../types.ts';

export const getState = (request: RequestFn) => getJson<MesosState>(request, '/mesos/master/state');

export const getAgents = async (request: RequestFn): Promise<MesosAgent[]> =>
  (await getJson<MesosAgentList>(request, '/mesos/master/slaves')).slaves;

/** `slave(1)@10.1.0.10:5051` → `10.1.0.10`. */
export const ipOfPid = (pid: string): string => /@([^:]+)/.exec(pid)?.[1] ?? 'N/A';

/**
 * Region and zone. The real CLI reads the agent's fault domain first; the sandbox's agents have
 * none, so their `region` / `zone` attributes stand in.
 */
export function faultDomain(agent: MesosAgent | undefined): [string, string] {
  const attr = (k: string) => {
    const value = agent?.attributes[k];
    return typeof value === 'string' ? value : 'N/A';
  };
  return [attr('region'), attr('zone')];
}

export const TERMINAL_STATES = new Set([
  'TASK_FINISHED',
  'TASK_KILLED',
  'TASK_FAILED',
  'TASK_LOST',
  'TASK_ERROR',
  'TASK_GONE',
  'TASK_GONE_BY_OPERATOR',
  'TASK_DROPPED',
  'TASK_UNREACHABLE',
  'TASK_UNKNOWN',
]);
