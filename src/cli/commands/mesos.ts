/** Mesos' state, state summary and agents as the CLI reads them, with the Go Mesos client's errors. */
import type { MesosAgent, MesosAgentList, MesosState, SandboxMaster, StateSummary } from '../../api/shapes/mesos.ts';
import { getOr, mesosError } from '../format.ts';
import type { RequestFn } from '../types.ts';

export const getState = (request: RequestFn) => getOr<MesosState>(request, '/mesos/master/state', mesosError);

export const getStateSummary = (request: RequestFn) => getOr<StateSummary>(request, '/mesos/master/state-summary', mesosError);

export const getAgents = async (request: RequestFn): Promise<MesosAgent[]> =>
  (await getOr<MesosAgentList>(request, '/mesos/master/slaves', mesosError)).slaves;

/** `slave(1)@10.1.0.10:5051` → `10.1.0.10` (the Go `Slave.IP`). */
export const ipOfPid = (pid: string): string => /@([^:]+)/.exec(pid)?.[1] ?? '';

/** The masters Mesos-DNS would list under `master.mesos` (the sandbox serves none): those that run. */
export const mesosDnsMasters = (state: MesosState): SandboxMaster[] => state.sandbox_masters.filter((m) => m.state !== 'down');
