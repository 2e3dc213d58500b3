/**
 * Marathon's app and pod definitions as it echoes them (`/v2/apps`, `/v2/pods`): every default
 * filled in, fields the sandbox does not simulate verbatim. Types only.
 */
import type { AppDefinition, SchedulingPolicy, UpgradeStrategy } from '../../common/marathon/app-definition.ts';
import type { PodEndpoint, PodResources } from '../../common/marathon/pod-definition.ts';

/** Fields the sandbox keeps but does not simulate (fetch, secrets, networks, …), echoed back as posted. */
export type UnsimulatedFields = { [field: string]: unknown };

/** Lists and maps Marathon leaves out when empty (`omitEmpty`), and `portDefinitions`, absent under container networking. */
type OmittedWhenEmpty = 'healthChecks' | 'constraints' | 'dependencies' | 'env' | 'portDefinitions';

export type AppDefinitionJson = Omit<AppDefinition, 'extra' | OmittedWhenEmpty> &
  Partial<Pick<AppDefinition, OmittedWhenEmpty>> &
  UnsimulatedFields;

export interface HealthCheckTiming {
  gracePeriodSeconds: number;
  intervalSeconds: number;
  maxConsecutiveFailures: number;
  timeoutSeconds: number;
  delaySeconds: number;
}

/** A pod container's check: `http` (MESOS_HTTP/S), `tcp` or `exec` (COMMAND). */
export type PodHealthCheckJson = HealthCheckTiming &
  (
    | { http: { endpoint?: string; path?: string; scheme: 'HTTP' | 'HTTPS' } }
    | { tcp: { endpoint?: string } }
    | { exec: { command: { argv: string[] } | { shell: string } } }
  );

export type PodContainerJson = UnsimulatedFields & {
  name: string;
  resources: PodResources;
  endpoints: PodEndpoint[];
  healthCheck?: PodHealthCheckJson;
};

export interface PodConstraint {
  fieldName: string;
  operator: string;
  value?: string;
}

export type MarathonPod = UnsimulatedFields & {
  id: string;
  labels: Record<string, string>;
  role: string;
  containers: PodContainerJson[];
  scaling: { kind: 'fixed'; instances: number; maxInstances?: number };
  scheduling: {
    backoff: { backoff: number; backoffFactor: number; maxLaunchDelay: number };
    upgrade: UpgradeStrategy;
    placement: { constraints: PodConstraint[]; acceptedResourceRoles?: string[] };
    killSelection: SchedulingPolicy['killSelection'];
    unreachableStrategy: SchedulingPolicy['unreachableStrategy'];
  };
  executorResources: { cpus: number; mem: number; disk: number };
  version?: string;
};
