/** Marathon's pod JSON (`/v2/pods`) and pod status (`/v2/pods/{id}::status`), rebuilt from the normalized definition. */
import type { ClusterState } from '../../engine/core/model.ts';
import type { InstanceState, RunSpecRecord } from '../../engine/marathon/model.ts';
import type { PodContainer, PodDefinition, PodEndpoint, PodHealthCheck } from '../../common/marathon/pod-definition.ts';
import { instancesOf, isoOf } from '../../engine/marathon/store.ts';
import { isHealthy } from '../../engine/marathon/instance-tally.ts';
import type { MarathonPod, PodContainerJson, PodHealthCheckJson } from '../shapes/marathon-definitions.ts';
import type { PodInstanceStatus, PodStatus } from '../shapes/marathon.ts';
import { artifactJson, nonEmpty, persistentInfoJson, pick, type Json } from './written-fields.ts';

/**
 * The pod as Marathon writes it (`PodConversion`, `ContainerConversion` through the RAML serializers): `pod.raml`'s
 * fields in its order; no value, no key; `omitEmpty` lists and maps left out when empty; fields Marathon does not
 * know are dropped.
 */
export function podJson(pod: PodDefinition, version?: string): MarathonPod {
  const x = pod.extra;
  const json: Json = { id: pod.id };
  if (nonEmpty(pod.labels)) json.labels = pod.labels;
  if (version) json.version = version;
  if (x.user !== undefined) json.user = x.user;
  if (nonEmpty(x.environment)) json.environment = x.environment;
  json.containers = pod.containers.map(containerJson);
  if (nonEmpty(x.secrets))
    json.secrets = Object.fromEntries(Object.entries(x.secrets as Json).map(([name, def]) => [name, pick(def as Json, ['source'])]));
  if (nonEmpty(x.volumes)) json.volumes = (x.volumes as Json[]).map(podVolumeJson);
  if (nonEmpty(x.networks)) json.networks = (x.networks as Json[]).map(networkJson);
  json.scaling = { instances: pod.instances, kind: 'fixed' };
  const placement: Json = {};
  if (pod.constraints.length > 0)
    placement.constraints = pod.constraints.map(([fieldName, operator, value]) =>
      value === undefined ? { fieldName, operator } : { fieldName, operator, value },
    );
  if (pod.acceptedResourceRoles?.length) placement.acceptedResourceRoles = [...new Set(pod.acceptedResourceRoles)];
  json.scheduling = {
    backoff: { backoff: pod.backoffSeconds, backoffFactor: pod.backoffFactor, maxLaunchDelay: pod.maxLaunchDelaySeconds },
    upgrade: {
      minimumHealthCapacity: pod.upgradeStrategy.minimumHealthCapacity,
      maximumOverCapacity: pod.upgradeStrategy.maximumOverCapacity,
    },
    placement,
    killSelection: pod.killSelection,
    unreachableStrategy: pod.unreachableStrategy,
  };
  const ex = pod.executorResources;
  json.executorResources = { cpus: ex.cpus, mem: ex.mem, disk: ex.disk };
  json.role = pod.role;
  if (x.linuxInfo !== undefined) json.linuxInfo = linuxInfoJson(x.linuxInfo as Json);
  if (x.legacySharedCgroups === true) json.legacySharedCgroups = true;
  return json as MarathonPod;
}

function containerJson(c: PodContainer): PodContainerJson {
  const x = c.extra;
  const json: Json = { name: c.name };
  if (x.exec !== undefined) json.exec = execJson(x.exec as Json);
  json.resources = c.resources;
  Object.assign(json, pick(x, ['resourceLimits']));
  if (c.endpoints.length > 0) json.endpoints = c.endpoints.map(endpointJson);
  if (x.linuxInfo !== undefined) json.linuxInfo = linuxInfoJson(x.linuxInfo as Json);
  if (x.image !== undefined) {
    const image = x.image as Json;
    json.image = {
      kind: String(image.kind ?? 'DOCKER').toUpperCase(),
      id: image.id,
      ...(image.pullConfig !== undefined ? { pullConfig: pick(image.pullConfig as Json, ['secret']) } : {}),
      ...pick(image, ['forcePull']),
      ...(nonEmpty(image.labels) ? { labels: image.labels } : {}),
    };
  }
  if (nonEmpty(x.environment)) json.environment = x.environment;
  if (x.user !== undefined) json.user = x.user;
  if (c.healthCheck) json.healthCheck = healthCheckJson(c.healthCheck);
  if (nonEmpty(x.volumeMounts))
    json.volumeMounts = (x.volumeMounts as Json[]).map((m) => ({ name: m.name, mountPath: m.mountPath, readOnly: m.readOnly ?? false }));
  if (nonEmpty(x.artifacts)) json.artifacts = (x.artifacts as Json[]).map(artifactJson);
  if (nonEmpty(x.labels)) json.labels = x.labels;
  if (x.lifecycle !== undefined) json.lifecycle = pick(x.lifecycle as Json, ['killGracePeriodSeconds']);
  if (x.tty !== undefined) json.tty = x.tty;
  return json as PodContainerJson;
}

/** `MesosExec`: a shell or an argv command (`MesosCommand`), and `overrideEntrypoint` when given. */
function execJson(exec: Json): Json {
  const command = (exec.command ?? {}) as Json;
  return {
    command: command.shell !== undefined ? { shell: command.shell } : pick(command, ['argv']),
    ...pick(exec, ['overrideEntrypoint']),
  };
}

function endpointJson(e: PodEndpoint): Json {
  return pick(e as unknown as Json, ['name', 'containerPort', 'hostPort', 'protocol', 'labels', 'networkNames']);
}

/** A network: its name (not for host networks), its mode, its labels when it has any. */
function networkJson(n: Json): Json {
  const mode = n.mode as string;
  return {
    ...(mode === 'container' && n.name !== undefined ? { name: n.name } : {}),
    mode,
    ...(mode !== 'host' && nonEmpty(n.labels) ? { labels: n.labels } : {}),
  };
}

/** A pod's volume as written: ephemeral, host, secret or persistent (`VolumeConversion`). */
function podVolumeJson(v: Json): Json {
  if (v.persistent === undefined) return pick(v, ['name', 'host', 'secret']);
  return { name: v.name, persistent: persistentInfoJson(v.persistent as Json) };
}

/** `seccomp.unconfined` is always written (false unless posted). */
function linuxInfoJson(l: Json): Json {
  const out: Json = {};
  if (l.seccomp !== undefined) {
    const s = l.seccomp as Json;
    out.seccomp = { ...pick(s, ['profileName']), unconfined: s.unconfined ?? false };
  }
  if (l.ipcInfo !== undefined) {
    const ipc = l.ipcInfo as Json;
    out.ipcInfo = { mode: String(ipc.mode).toUpperCase(), ...pick(ipc, ['shmSize']) };
  }
  return out;
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
      return {
        http: {
          endpoint: hc.endpoint,
          ...(hc.path === undefined ? {} : { path: hc.path }),
          scheme: hc.protocol === 'MESOS_HTTPS' ? 'HTTPS' : 'HTTP',
        },
        ...timing,
      };
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
