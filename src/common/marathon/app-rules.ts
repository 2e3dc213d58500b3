/**
 * Marathon's rules on an app that the sandbox does not simulate but must answer the same (`AppValidation.scala`,
 * `EnvVarValidation.scala`, `SecretValidation.scala`, `SchedulingValidation.scala`, `AppDefinition.validAppDefinition`):
 * containers, secrets on a Marathon without the `secrets` feature (open DC/OS), port mappings over several networks,
 * readiness checks, resource limits, GPUs, SDK labels, and the rules of resident apps. Input: the app in canonical
 * form (after `migrateDeprecated`), its role and Marathon's features.
 */
import type { Violations } from './violations.ts';
import { asObject, objects, scalaDouble } from './json-values.ts';
import { csiRules, dvdiAppRules, volumeRules } from './app-volume-rules.ts';
import { isJavaUri } from './uri-syntax.ts';
import { hasPersistentVolume, volumesOf } from './pod-volumes.ts';

type Json = Record<string, unknown>;

export { scalaDouble };

const SECRETS_OFF = 'Feature secrets is not enabled. Enable with --enable_features secrets)';
const CMD_ARGS_OR_CONTAINER = "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.";
const SINGLE_INSTANCE_LABEL = 'MARATHON_SINGLE_INSTANCE_APP';

/** The fields the rules read, as the app gives them. */
interface AppView {
  json: Json;
  container: Json | undefined;
  docker: Json | undefined;
  engine: 'DOCKER' | 'MESOS' | undefined;
  secrets: Json;
  labels: Json;
  resident: boolean;
}

function viewOf(json: Json): AppView {
  const container = asObject(json.container);
  return {
    json,
    container,
    docker: asObject(container?.docker),
    engine: container ? (String(container.type ?? 'DOCKER').toUpperCase() === 'MESOS' ? 'MESOS' : 'DOCKER') : undefined,
    secrets: asObject(json.secrets) ?? {},
    labels: asObject(json.labels) ?? {},
    resident: hasPersistentVolume(volumesOf(container)),
  };
}

/** `validateOldAppAPI`'s rules on a container (before the deprecated fields are migrated). */
export function deprecatedContainerViolations(json: Json, v: Violations): void {
  const { docker, engine } = viewOf(json);
  if (!docker) return;
  if (docker.credential !== undefined) v.add('/container/docker/credential', 'must be empty');
  if (engine !== 'MESOS') return;
  if (docker.network !== undefined) v.add('/container/docker/network', 'must be empty');
  if (objects(docker.parameters).length > 0 || (Array.isArray(docker.parameters) && docker.parameters.length > 0))
    v.add('/container/docker/parameters', 'must be empty');
  if (docker.portMappings !== undefined) v.add('/container/docker/portMappings', 'must be empty');
}

/** The main pass's rules (`validateCanonicalAppAPI`) that the sandbox's reader does not already check. */
export function canonicalViolations(json: Json, features: readonly string[], v: Violations): void {
  const app = viewOf(json);
  objects(json.fetch).forEach((artifact, i) => {
    if (typeof artifact.uri === 'string' && !isJavaUri(artifact.uri)) v.add(`/fetch(${i})/uri`, 'URI has invalid syntax.');
  });
  acceptedRoleNameRules(json, v);
  containerRules(app, features, v);
  if (typeof json.gpus === 'number' && json.gpus > 0 && !features.includes('gpu_resources'))
    v.add('/', 'Feature gpu_resources is not enabled. Enable with --enable_features gpu_resources)');
  volumeRules(app, features, v);
  secretRules(app, features, v);
  portMappingRules(app, v);
  readinessRules(app, v);
  resourceLimitRules(app, v);
  labelRules(app, v);
  residentRules(app, v);
  dvdiAppRules(app, v);
}

/** The rules only `AppDefinition.validAppDefinition` answers (it runs when the main pass found nothing). */
export function modelViolations(json: Json, v: Violations): void {
  const app = viewOf(json);
  const hasCommand = typeof json.cmd === 'string' || objects(json.args).length > 0 || (Array.isArray(json.args) && json.args.length > 0);
  // Here a MESOS container counts only with an image (`AppDefinition.validBasicAppDefinition`).
  if (!hasCommand && app.engine === 'MESOS' && !app.docker) v.add('/', CMD_ARGS_OR_CONTAINER);
  if (app.labels[SINGLE_INSTANCE_LABEL] === 'true' && json.upgradeStrategy === undefined) {
    v.add('/isSingleInstance', 'must be false');
    v.add('/upgradeStrategy/minimumHealthCapacity', 'got 1.0, expected 0.0');
    v.add('/upgradeStrategy/maximumOverCapacity', 'got 1.0, expected 0.0');
  }
  if (json.check !== undefined && app.engine === 'DOCKER') v.add('/', "AppDefinition must not use 'checks' if using docker");
  if (app.engine === 'MESOS') linuxInfoRules(asObject(app.container?.linuxInfo), v);
  checkPortRule(app, v);
  unreachableOrderRule(json, v);
  csiRules(app, v);
}

/** `LinuxInfo` of a MESOS container (a DOCKER container's is dropped by the conversion): seccomp and IPC. */
function linuxInfoRules(linux: Json | undefined, v: Violations): void {
  const seccomp = asObject(linux?.seccomp);
  if (seccomp) {
    const profile = typeof seccomp.profileName === 'string' && seccomp.profileName !== '';
    if (profile && seccomp.unconfined === true)
      v.add('/container/linuxInfo/seccomp', 'Seccomp unconfined can NOT be true when Profile is defined');
    if (!profile && seccomp.unconfined !== true)
      v.add('/container/linuxInfo/seccomp', 'Seccomp unconfined must be true when Profile is NOT defined');
  }
  const ipc = asObject(linux?.ipcInfo);
  if (ipc && String(ipc.mode).toUpperCase() === 'SHARE_PARENT' && ipc.shmSize !== undefined)
    v.add('/container/linuxInfo/ipcInfo', 'ipcInfo shmSize can NOT be set when mode is SHARE_PARENT');
}

/** An http or tcp `check` must address a port as health checks do (`AppDefinition.complyWithCheckRules`). */
function checkPortRule(app: AppView, v: Violations): void {
  const check = asObject(app.json.check);
  const target = asObject(check?.http) ?? asObject(check?.tcp);
  if (!target) return;
  const mappings = objects(app.container?.portMappings);
  const ports = mappings.length > 0 ? mappings.length : objects(app.json.portDefinitions).length;
  const addressed = typeof target.portIndex === 'number' ? target.portIndex < ports : target.port !== undefined || ports === 1;
  if (!addressed) v.add('/check', 'check port index must address an element of the ports array or container port mappings.');
}

/** `UnreachableStrategy` on the model: inactive no later than expunge, reported at the first. */
function unreachableOrderRule(json: Json, v: Violations): void {
  const s = asObject(json.unreachableStrategy);
  const inactive = typeof s?.inactiveAfterSeconds === 'number' ? s.inactiveAfterSeconds : 0;
  const expunge = typeof s?.expungeAfterSeconds === 'number' ? s.expungeAfterSeconds : 0;
  if (s && inactive > expunge)
    v.add(
      '/unreachableStrategy/inactiveAfterSeconds',
      `inactiveAfterSeconds (${inactive}) must be less or equal to expungeAfterSeconds, which is ${expunge}`,
    );
}

/** Role names in `acceptedResourceRoles` (`ResourceRole.scala`); a bad character is reported at its index in the name. */
function acceptedRoleNameRules(json: Json, v: Violations): void {
  const roles = Array.isArray(json.acceptedResourceRoles) ? json.acceptedResourceRoles : [];
  for (const role of roles) {
    if (typeof role !== 'string') continue;
    if (role === '' || role === '.' || role === '..') v.add('/acceptedResourceRoles', `A role name must not be "${role}".`);
    else if (role.startsWith('-')) v.add('/acceptedResourceRoles', "A role name must not start with a '-'.");
    [...role].forEach((ch, k) => {
      const name = ROLE_CHARACTER_NAMES[ch];
      if (name)
        v.add(
          `/acceptedResourceRoles(${k})`,
          `A role name must not include a ${name} (\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}) character.`,
        );
    });
  }
}

const ROLE_CHARACTER_NAMES: Record<string, string> = {
  '\t': 'horizontal tab',
  '\n': 'line feed',
  '\v': 'vertical tab',
  '\f': 'form feed',
  '\r': 'carriage return',
  ' ': 'space',
  '/': 'slash',
  '\u007f': 'backspace',
};

function containerRules(app: AppView, features: readonly string[], v: Violations): void {
  const { container, docker, engine } = app;
  if (!container) return;
  if (engine === 'DOCKER' && !docker) v.add('/container/docker', 'not defined');
  if (docker?.pullConfig !== undefined) {
    const at = '/container/docker/pullConfig';
    if (engine === 'DOCKER') v.add(at, 'pullConfig is not supported with Docker containerizer');
    else {
      if (!features.includes('secrets')) {
        v.add(at, 'must be empty');
        v.add(at, SECRETS_OFF);
      }
      const secret = asObject(docker.pullConfig)?.secret;
      if (typeof secret !== 'string' || !(secret in app.secrets)) v.add(at, 'pullConfig.secret must refer to an existing secret');
    }
  }
  const containerNetworks = objects(app.json.networks).filter((n) => n.mode === 'container').length;
  if (engine === 'DOCKER' && containerNetworks > 1)
    v.add('/', 'may only specify a single container network when using the Docker container engine');
  if (typeof app.json.gpus === 'number' && app.json.gpus > 0 && engine === 'DOCKER')
    v.add('/', 'GPU resources only work with the Mesos containerizer');
}

function secretRules(app: AppView, features: readonly string[], v: Violations): void {
  const secretsOn = features.includes('secrets');
  if (secretsOn) Object.keys(app.secrets).forEach((name, i) => name === '' && v.add(`/secrets/keys(${i})`, 'must not be empty'));
  if (Object.keys(app.secrets).length > 0 && !secretsOn) v.add('/secrets', SECRETS_OFF);
  const env = asObject(app.json.env) ?? {};
  Object.keys(env).forEach((name, i) => {
    if (name === '') v.add(`/env/keys(${i})`, 'must not be empty');
  });
  const references = Object.entries(env).filter(([, value]) => asObject(value)?.secret !== undefined);
  if (references.length > 0 && !secretsOn)
    v.add('/env', 'use of secret-references in the environment requires the secrets feature to be enabled');
  for (const [name, value] of references)
    if (!(String((value as Json).secret) in app.secrets)) v.add(`/env/${name}/secret`, 'references an undefined secret');
  const volumes = objects(app.container?.volumes);
  if (volumes.some((vol) => vol.secret !== undefined) && !secretsOn) {
    v.add('/container/secretVolumes(container)', 'must be empty');
    v.add('/container/secretVolumes(container)', SECRETS_OFF);
  }
  volumes.forEach((vol, i) => {
    if (vol.secret !== undefined && !(String(vol.secret) in app.secrets))
      v.add(`/container/volumes(${i})`, 'volume.secret must refer to an existing secret');
  });
}

function portMappingRules(app: AppView, v: Violations): void {
  const mappings = objects(app.container?.portMappings);
  const names = mappings.flatMap((m) => (typeof m.name === 'string' ? [m.name] : []));
  if (new Set(names).size !== names.length) v.add('/container/portMappings', 'Port names must be unique.');
  const networks = objects(app.json.networks);
  const networkNames = networks.flatMap((n) => (typeof n.name === 'string' ? [n.name] : []));
  const containerNetworks = networks.filter((n) => n.mode === 'container').length;
  mappings.forEach((m, i) => {
    const listed = Array.isArray(m.networkNames) ? (m.networkNames as unknown[]) : [];
    listed.forEach((name, j) => {
      if (!networkNames.includes(String(name)))
        v.add(`/container/portMappings(${i})/networkNames(${j})`, `is not one of (${networkNames.join(',')})`);
    });
    if (containerNetworks > 1 && m.hostPort !== undefined && listed.length !== 1)
      v.add(
        `/container/portMappings(${i})`,
        'networkNames must be a single item list when hostPort is specified and more than 1 container network is defined',
      );
  });
}

function readinessRules(app: AppView, v: Violations): void {
  const checks = objects(app.json.readinessChecks);
  if (checks.length > 1) v.add('/readinessChecks/size', `got ${checks.length}, expected 1 or less`);
  const mappings = objects(app.container?.portMappings);
  const portNames = (mappings.length > 0 ? mappings : objects(app.json.portDefinitions)).flatMap((p) =>
    typeof p.name === 'string' ? [p.name] : [],
  );
  checks.forEach((check, i) => {
    const portName = typeof check.portName === 'string' ? check.portName : 'http-api';
    if (!portNames.includes(portName)) v.add(`/readinessChecks(${i})/portName`, `No port definition reference for portName ${portName}`);
    const timeout = typeof check.timeoutSeconds === 'number' ? check.timeoutSeconds : 10;
    const interval = typeof check.intervalSeconds === 'number' ? check.intervalSeconds : 30;
    if (timeout >= interval) v.add(`/readinessChecks(${i})/timeoutSeconds`, `got ${timeout}, expected less than ${interval}`);
  });
}

function resourceLimitRules(app: AppView, v: Violations): void {
  const limits = asObject(app.json.resourceLimits);
  if (!limits) return;
  const requested = {
    cpus: typeof app.json.cpus === 'number' ? app.json.cpus : 1,
    mem: typeof app.json.mem === 'number' ? app.json.mem : 128,
  };
  for (const resource of ['cpus', 'mem'] as const) {
    const limit = limits[resource];
    if (limit === undefined || limit === null || limit === 'unlimited') continue;
    const at = `/resourceLimits/${resource}`;
    if (typeof limit === 'string') v.add(at, `'${limit}' is an invalid resource limit. It must be 'unlimited' or a number`);
    else if (typeof limit === 'number' && limit < requested[resource])
      v.add(at, `resource limit must be greater than or equal to requested resource (${scalaDouble(requested[resource])})`);
  }
}

function labelRules(app: AppView, v: Violations): void {
  const { labels } = app;
  const migration = labels.DCOS_MIGRATION_API_VERSION;
  if (
    typeof migration === 'string' &&
    migration !== '' &&
    !(migration === 'v1' && !!labels.DCOS_PACKAGE_FRAMEWORK_NAME && !!labels.DCOS_MIGRATION_API_PATH)
  )
    v.add('/', 'DCOS_PACKAGE_FRAMEWORK_NAME and DCOS_MIGRATION_API_PATH must be defined when using DCOS_MIGRATION_API_VERSION');
  if (labels[SINGLE_INSTANCE_LABEL] !== 'true') return;
  if (typeof app.json.instances === 'number' && app.json.instances > 1) v.add('/', 'Single instance app may only have one instance');
  const strategy = asObject(app.json.upgradeStrategy);
  if (!strategy) return;
  for (const field of ['minimumHealthCapacity', 'maximumOverCapacity'] as const) {
    const x = strategy[field];
    if (typeof x === 'number' && x !== 0) v.add(`/upgradeStrategy/${field}`, `got ${scalaDouble(x)}, expected 0.0`);
  }
}

function residentRules(app: AppView, v: Violations): void {
  if (!app.resident) return;
  const accepted = app.json.acceptedResourceRoles;
  if (Array.isArray(accepted) && accepted.length > 0 && !(accepted.length === 1 && accepted[0] === '*'))
    v.add('/acceptedResourceRoles', 'A resident app must have `acceptedResourceRoles = ["*"]`.');
  const strategy = asObject(app.json.upgradeStrategy);
  const max = strategy?.maximumOverCapacity;
  if (typeof max === 'number' && max !== 0) v.add('/upgradeStrategy/maximumOverCapacity', `got ${scalaDouble(max)}, expected 0.0`);
  const unreachable = app.json.unreachableStrategy;
  if (unreachable !== undefined && unreachable !== null && unreachable !== 'disabled')
    v.add('/', 'unreachableStrategy must be disabled for resident tasks');
}
