/** An SDK service's HTTP API (`/service/<name>/v1/…`, dcos-commons `PlanInfo`, `PodQueries`). Types only. */
export type SdkStatus = 'PENDING' | 'PREPARED' | 'STARTING' | 'STARTED' | 'COMPLETE' | 'WAITING' | 'DELAYED' | 'ERROR' | 'IN_PROGRESS';

export interface SdkStepJson {
  id: string;
  status: SdkStatus;
  name: string;
  message: string;
}

export interface SdkPhaseJson {
  id: string;
  name: string;
  steps: SdkStepJson[];
  strategy: 'serial' | 'parallel';
  status: SdkStatus;
}

export interface SdkPlanJson {
  phases: SdkPhaseJson[];
  errors: string[];
  strategy: 'serial' | 'parallel';
  status: SdkStatus;
}

export interface SdkPodStatusJson {
  service: string;
  pods: Array<{ name: string; instances: Array<{ name: string; tasks: Array<{ id: string; name: string; status: string }> }> }>;
}
