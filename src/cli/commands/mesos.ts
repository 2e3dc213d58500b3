/** The parts of Mesos' state the CLI reads. */
import { getJson } from '../format.ts';
import type { RequestFn } from '../types.ts';

export interface MesosResources {
  cpus?: number;
  mem?: number;
  disk?: number;
  gpus?: number;
}

export interface MesosStatus {
  state: string;
  timestamp: number;
  message?: string;
  reason?: string;
  healthy?: boolean;
}

export interface MesosTask {
  id: string;
  name: string;
  framework_id: string;
  slave_id: string;
  state: string;
  resources?: MesosResources;
  statuses?: MesosStatus[];
}

export interface MesosAgent {
  id: string;
  pid: string;
  hostname: string;
  attributes?: Record<string, unknown>;
  domain?: { fault_domain?: { region?: { name?: string }; zone?: { name?: string } } };
  active?: boolean;
  [key: string]: unknown;
}

export interface MesosFramework {
  id: string;
  name: string;
  hostname?: string;
  active: boolean;
  user?: string;
  tasks: MesosTask[];
  completed_tasks?: MesosTask[];
  unreachable_tasks?: MesosTask[];
  resources?: MesosResources;
  used_resources?: MesosResources;
}

export interface MesosState {
  id: string;
  pid: string;
  hostname: string;
  leader_info?: { address?: { ip?: string } };
  domain?: MesosAgent['domain'];
  /** The sandbox's extension: every master and its state (real Mesos has no such field). */
  sandbox_masters?: SandboxMaster[];
  slaves: MesosAgent[];
  frameworks: MesosFramework[];
  completed_frameworks?: MesosFramework[];
}

export interface SandboxMaster {
  hostname: string;
  ip: string;
  state: 'leading' | 'standby' | 'recovering' | 'down';
}

export const getState = (request: RequestFn) => getJson<MesosState>(request, '/mesos/master/state');

export const getAgents = async (request: RequestFn): Promise<MesosAgent[]> => (await getJson<{ slaves: MesosAgent[] }>(request, '/mesos/master/slaves')).slaves;

/** `slave(1)@10.1.0.10:5051` → `10.1.0.10`. */
export const ipOfPid = (pid: string | undefined): string => /@([^:]+)/.exec(pid ?? '')?.[1] ?? 'N/A';

/** Region and zone: the fault domain, else the `region` / `zone` attributes. */
export function faultDomain(agent: MesosAgent | undefined): [string, string] {
  const fd = agent?.domain?.fault_domain;
  const attr = (k: string) => (typeof agent?.attributes?.[k] === 'string' ? (agent.attributes[k] as string) : undefined);
  return [fd?.region?.name ?? attr('region') ?? 'N/A', fd?.zone?.name ?? attr('zone') ?? 'N/A'];
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
