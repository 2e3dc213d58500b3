/** Marathon's pod JSON (`/v2/pods`) and pod status (`/v2/pods/{id}::status`), rebuilt from the normalized definition. */
import type { ClusterState } from '../../engine/core/model.ts';
import type { InstanceState, RunSpecRecord } from '../../engine/marathon/model.ts';
import type { PodContainer, PodDefinition, PodHealthCheck } from '../../common/marathon/pod-definition.ts';
import { instancesOf, isoOf } from '../../engine/marathon/store.ts';
import { isHealthy } from '../../engine/marathon/instance-tally.ts';
import type { MarathonPod, PodContainerJson, PodHealthCheckJson } from '../shapes/marathon-definitions.ts';
import type { PodInstanceStatus, PodStatus } from '../shapes/marathon.ts';

export function podJson(pod: PodDefinition, version?: string): MarathonPod {
  const json: MarathonPod = {
    ...pod.extra,
    id: pod.id,
    labels: pod.labels,
    role: pod.role,
    containers: pod.containers.map(containerJson),
    scaling: { kind: 'fixed', instances: pod.instances, ...(pod.maxInstances === undefined ? {} : { maxInstances: pod.maxInstances }) },
    scheduling: {
      backoff: { backoff: pod.backoffSeconds, backoffFactor: pod.backoffFactor, maxLaunchDelay: pod.maxLaunchDelaySeconds },
      upgrade: pod.upgradeStrategy,
      placement: {
        constraints: pod.constraints.map(([fieldName, operator, value]) =>
          value === undefined ? { fieldName, operator } : { fieldName, operator, value },
        ),
        ...(pod.acceptedResourceRoles ? { acceptedResourceRoles: pod.acceptedResourceRoles } : {}),
      },
      killSelection: pod.killSelection,
      unreachableStrategy: pod.unreachableStrategy,
    },
    executorResources: pod.executorResources,
  };
  if (version) json.version = version;
  return json;
}

function containerJson(c: PodContainer): PodContainerJson {
  const json: PodContainerJson = { ...c.extra, name: c.name, resources: c.resources, endpoints: c.endpoints };
  if (c.healthCheck) json.healthCheck = healthCheckJson(c.healthCheck);
  return json;
}

function healthCheckJson(hc: PodHealthCheck): PodHealthCheckJson {
  const timing = {
    gracePeriodSeconds: hc.gracePeriodSeconds,
    intervalSeconds: hc.intervalSeconds,
    maxConsecutiveFailures: hc.maxConsecutiveFailures,
    timeoutSeconds: hc.timeoutSeconds,
    delaySeconds: hc.delaySeconds,
  };
  switch (hc.protocol) {
    case 'MESOS_HTTP':
    case 'MESOS_HTTPS':
      return { http: { endpoint: hc.endpoint, path: hc.path, scheme: hc.protocol === 'MESOS_HTTPS' ? 'HTTPS' : 'HTTP' }, ...timing };
    case 'MESOS_TCP':
      return { tcp: { endpoint: hc.endpoint }, ...timing };
    case 'COMMAND':
      return { exec: { command: hc.argv ? { argv: hc.argv } : { shell: hc.command?.value ?? '' } }, ...timing };
  }
}

/** PodStatus: STABLE when every instance runs healthy, DEGRADED otherwise. */
export function podStatusJson(state: ClusterState, record: RunSpecRecord): PodStatus {
  const instances = instancesOf(state.marathon, record).filter((i) => i.goal === 'Running');
  const stable = instances.filter((i) => isHealthy(record, i)).length;
  return {
    id: record.spec.id,
    spec: podJson(record.pod!, record.version),
    status: stable >= record.spec.instances ? 'STABLE' : 'DEGRADED',
    statusSince: record.version,
    instances: instances.map((i) => instanceStatusJson(state, record, i)),
    lastUpdated: record.version,
    lastChanged: record.lastConfigChangeAt,
  };
}

function instanceStatusJson(state: ClusterState, record: RunSpecRecord, i: InstanceState): PodInstanceStatus {
  const agent = i.agentIdx === null ? null : state.agents[i.agentIdx]!;
  const since = isoOf(i.since);
  const status =
    i.condition === 'Scheduled'
      ? 'PENDING'
      : i.condition === 'Running'
        ? isHealthy(record, i)
          ? 'STABLE'
          : 'DEGRADED'
        : ['Provisioned', 'Staging', 'Starting'].includes(i.condition)
          ? 'STAGING'
          : 'TERMINAL';
  return {
    id: i.id,
    status,
    statusSince: since,
    agentHostname: agent?.hostname ?? null,
    agentId: agent?.id ?? null,
    resources: {
      cpus: record.spec.resources[0],
      mem: record.spec.resources[1],
      disk: record.spec.resources[2],
      gpus: record.spec.resources[3],
    },
    networks: agent ? [{ addresses: [agent.ip] }] : [],
    containers: i.taskIds.map((taskId, k) => ({
      name: record.spec.containers[k]?.name ?? '',
      status: i.taskStates[k]!,
      statusSince: since,
      containerId: taskId,
      resources: record.pod!.containers[k]?.resources,
      lastUpdated: since,
      lastChanged: since,
    })),
    specReference: `/v2/pods${record.spec.id}::versions/${i.configVersion}`,
    lastUpdated: since,
    lastChanged: since,
  };
}
