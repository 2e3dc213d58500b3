/** One agent's details for the Nodes page, read from the cluster's own API inside the worker. */
import type { MesosAgentList, MesosTaskList, MesosTaskState } from '../api/shapes/mesos.ts';
import type { ApiResponse } from '../api/types.ts';
import type { Sandbox } from '../sandbox/types.ts';
import type { AgentDetails } from './protocol.ts';

const ALL_TASKS = 1_000_000_000;

export const NO_AGENT: AgentDetails = { agent: null, tasks: [], taskCount: 0 };

/** The agent's registration and its tasks (live first, then the newest completed), at most `taskLimit` of them. */
export function agentDetailsOf(sandbox: Sandbox, agentId: string, taskLimit: number): AgentDetails {
  const id = encodeURIComponent(agentId);
  const slaves = bodyOf<MesosAgentList>(sandbox.request({ method: 'GET', path: `/mesos/master/slaves?slave_id=${id}` }));
  const all = bodyOf<MesosTaskList>(sandbox.request({ method: 'GET', path: `/mesos/master/tasks?limit=${ALL_TASKS}&order=des` }));
  const mine = (all?.tasks ?? []).filter((t) => t.slave_id === agentId);
  const live = mine.filter((t) => !isTerminal(t.state));
  const done = mine.filter((t) => isTerminal(t.state));
  return { agent: slaves?.slaves[0] ?? null, tasks: [...live, ...done].slice(0, taskLimit), taskCount: mine.length };
}

/** A 2xx answer's body, which is the shape its route builds; null for an error (no leading master: 503). */
function bodyOf<T>(res: ApiResponse): T | null {
  return res.status >= 200 && res.status < 300 ? (res.body as T) : null;
}

function isTerminal(state: MesosTaskState): boolean {
  return state !== 'TASK_STAGING' && state !== 'TASK_STARTING' && state !== 'TASK_RUNNING' && state !== 'TASK_KILLING';
}
