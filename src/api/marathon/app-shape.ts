/**
 * An app as Marathon writes it (`AppConversion.appWriter` through the RAML-generated serializers): the fields of
 * `app.raml` in its order; a field without a value is left out, an `omitEmpty` list or map is left out when empty,
 * every other list or map is written even when empty, and a field equal to its default is still written. Nested
 * shapes (container, port mappings, networks, health checks, fetch) follow their own RAML types the same way.
 */
import type { AppDefinition, HealthCheck } from '../../common/marathon/app-definition.ts';
import type { AppDefinitionJson } from '../shapes/marathon-definitions.ts';
import { artifactJson, nonEmpty, persistentInfoJson, pick, type Json } from './written-fields.ts';
import { hasPersistentVolume, volumesOf } from '../../common/marathon/pod-volumes.ts';

/** When the app was stored: `versionInfo` only once the store has versioned it (not in a POST's answer). */
export interface VersionStamp {
  version: string;
  versionInfo?: { lastScalingAt: string; lastConfigChangeAt: string };
}

export function writtenApp(app: AppDefinition, stamp?: VersionStamp): AppDefinitionJson {
  const x = app.extra;
  const networks = Array.isArray(x.networks) && x.networks.length > 0 ? (x.networks as Json[]) : [{ mode: 'host' }];
  const hostNetworking = networks.every((n) => n.mode === 'host');
  const out: Json = { id: app.id };
  if (app.acceptedResourceRoles && app.acceptedResourceRoles.length > 0) out.acceptedResourceRoles = app.acceptedResourceRoles;
  if (nonEmpty(app.args)) out.args = app.args;
  out.backoffFactor = app.backoffFactor;
  out.backoffSeconds = app.backoffSeconds;
  if (app.cmd !== undefined) out.cmd = app.cmd;
  if (app.constraints.length > 0) out.constraints = app.constraints;
  if (app.container) out.container = writtenContainer(app.container, hostNetworking);
  out.cpus = app.cpus;
  if (app.dependencies.length > 0) out.dependencies = app.dependencies;
  out.disk = app.disk;
  if (nonEmpty(app.env)) out.env = app.env;
  out.executor = typeof x.executor === 'string' ? x.executor : '';
  if (x.executorResources !== undefined) out.executorResources = { cpus: 0.1, mem: 32, disk: 10, ...(x.executorResources as Json) };
  if (nonEmpty(x.fetch)) out.fetch = (x.fetch as Json[]).map(artifactJson);
  if (app.healthChecks.length > 0) out.healthChecks = app.healthChecks.map(writtenHealthCheck);
  if (x.check !== undefined) out.check = x.check;
  out.instances = app.instances;
  out.labels = app.labels;
  out.maxLaunchDelaySeconds = app.maxLaunchDelaySeconds;
  out.mem = app.mem;
  out.gpus = app.gpus;
  out.networks = networks.map((n) => ({ ...pick(n, ['name', 'mode']), ...(nonEmpty(n.labels) ? { labels: n.labels } : {}) }));
  if (hostNetworking) out.portDefinitions = app.portDefinitions.map(writtenPortDefinition);
  if (nonEmpty(x.readinessChecks)) out.readinessChecks = x.readinessChecks;
  if (hasPersistentVolume(volumesOf(app.container)))
    out.residency = { relaunchEscalationTimeoutSeconds: 3600, taskLostBehavior: 'WAIT_FOREVER' };
  if (x.resourceLimits !== undefined) out.resourceLimits = x.resourceLimits;
  out.requirePorts = app.requirePorts;
  if (nonEmpty(x.secrets)) out.secrets = x.secrets;
  if (x.taskKillGracePeriodSeconds !== undefined) out.taskKillGracePeriodSeconds = x.taskKillGracePeriodSeconds;
  out.upgradeStrategy = {
    maximumOverCapacity: app.upgradeStrategy.maximumOverCapacity,
    minimumHealthCapacity: app.upgradeStrategy.minimumHealthCapacity,
  };
  if (x.user !== undefined) out.user = x.user;
  if (stamp) {
    out.version = stamp.version;
    if (stamp.versionInfo) out.versionInfo = stamp.versionInfo;
  }
  out.killSelection = app.killSelection;
  out.unreachableStrategy = app.unreachableStrategy;
  if (x.tty !== undefined) out.tty = x.tty;
  out.role = app.role;
  return out as AppDefinitionJson;
}

function writtenContainer(c: Json, hostNetworking: boolean): Json {
  const type = c.type === 'MESOS' ? 'MESOS' : 'DOCKER';
  const out: Json = { type };
  if (c.docker) {
    const d = c.docker as Json;
    out.docker = {
      ...(type === 'MESOS' ? pick(d, ['credential', 'pullConfig']) : {}),
      forcePullImage: d.forcePullImage ?? false,
      image: d.image,
      parameters: type === 'DOCKER' ? (d.parameters ?? []) : [],
      privileged: type === 'DOCKER' ? (d.privileged ?? false) : false,
    };
  }
  if (type === 'MESOS' && c.linuxInfo !== undefined) out.linuxInfo = c.linuxInfo;
  out.volumes = Array.isArray(c.volumes) ? (c.volumes as Json[]).map(writtenVolume) : [];
  if (!hostNetworking) out.portMappings = Array.isArray(c.portMappings) ? (c.portMappings as Json[]).map(writtenPortMapping) : [];
  return out;
}

function writtenPortMapping(m: Json): Json {
  const out: Json = { containerPort: m.containerPort ?? 0 };
  if (m.hostPort !== undefined && m.hostPort !== null) out.hostPort = m.hostPort;
  out.labels = m.labels ?? {};
  if (m.name !== undefined && m.name !== null) out.name = m.name;
  out.protocol = m.protocol ?? 'tcp';
  out.servicePort = m.servicePort ?? 0;
  if (nonEmpty(m.networkNames)) out.networkNames = m.networkNames;
  return out;
}

function writtenPortDefinition(p: AppDefinition['portDefinitions'][number]): Json {
  return {
    port: p.port,
    ...(nonEmpty(p.labels) ? { labels: p.labels } : {}),
    ...(p.name !== undefined ? { name: p.name } : {}),
    protocol: p.protocol,
  };
}

/**
 * An app's volume as written: a secret, a host, an external or a persistent one (`VolumeConversion`). `mode` is written
 * from the mount's read-only flag, so as the enum spells it (`RW`, `RO`) however it was posted (the reader ignores case).
 */
function writtenVolume(v: Json): Json {
  const mode = typeof v.mode === 'string' ? v.mode.toUpperCase() : v.mode;
  if (v.persistent === undefined)
    return v.secret !== undefined
      ? pick(v, ['containerPath', 'secret'])
      : pick({ ...v, mode }, ['containerPath', 'hostPath', 'external', 'mode']);
  return { containerPath: v.containerPath, persistent: persistentInfoJson(v.persistent as Json), mode };
}

/**
 * Marathon's health check writer: HTTP, HTTPS and TCP checks are written with `delaySeconds` 15 and
 * `ignoreHttp1xx` false whatever was posted (its reader drops both); every check has an `ipProtocol`.
 */
function writtenHealthCheck(hc: HealthCheck): Json {
  const marathonSide = hc.protocol === 'HTTP' || hc.protocol === 'HTTPS' || hc.protocol === 'TCP';
  const out: Json = {};
  if (hc.protocol === 'COMMAND') out.command = hc.command;
  out.gracePeriodSeconds = hc.gracePeriodSeconds;
  if (hc.protocol === 'HTTP' || hc.protocol === 'HTTPS') out.ignoreHttp1xx = false;
  out.intervalSeconds = hc.intervalSeconds;
  out.maxConsecutiveFailures = hc.maxConsecutiveFailures;
  if (hc.protocol !== 'COMMAND' && !hc.protocol.endsWith('TCP') && hc.path !== undefined) out.path = hc.path;
  if (hc.protocol !== 'COMMAND') Object.assign(out, pick(hc as unknown as Json, ['port', 'portIndex']));
  out.protocol = hc.protocol;
  out.ipProtocol = marathonSide || hc.protocol === 'COMMAND' ? 'IPv4' : (hc.ipProtocol ?? 'IPv4');
  out.timeoutSeconds = hc.timeoutSeconds;
  out.delaySeconds = marathonSide ? 15 : hc.delaySeconds;
  return out;
}
