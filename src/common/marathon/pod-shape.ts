/**
 * The JSON shape of a Marathon pod (`pod.raml`, `podContainer.raml`, `resources.raml`, `network.raml`,
 * `healthCheck.raml`), checked before any rule: misfits answer 422 "Invalid JSON" like Marathon's RAML readers.
 */
import { checkEnvVars } from './env-vars.ts';
import { checkShape, type Shape } from './json-shape.ts';
import type { Violations } from './violations.ts';

/** `network.raml` modes, matched case-insensitively. */
export const NETWORK_MODES = ['container', 'container/bridge', 'host'] as const;
/** `scheduling.killSelection` values, matched case-insensitively. */
export const KILL_SELECTIONS = ['YOUNGEST_FIRST', 'OLDEST_FIRST'] as const;

const RESOURCES: Shape = { fields: { cpus: 'number', mem: 'number', disk: 'number', gpus: 'number' } };
const COMMAND: Shape = { fields: { shell: 'string', argv: { items: 'string' } } };
const HEALTH_CHECK: Shape = {
  fields: {
    http: { fields: { endpoint: 'string', path: 'string', scheme: { oneOf: ['HTTP', 'HTTPS'] } }, required: ['endpoint'] },
    tcp: { fields: { endpoint: 'string' }, required: ['endpoint'] },
    exec: { fields: { command: COMMAND }, required: ['command'] },
    gracePeriodSeconds: 'number',
    intervalSeconds: 'number',
    maxConsecutiveFailures: 'number',
    timeoutSeconds: 'number',
    delaySeconds: 'number',
  },
};
const ENDPOINT: Shape = {
  fields: {
    name: 'string',
    containerPort: 'number',
    hostPort: 'number',
    protocol: { items: 'string' },
    labels: { values: 'string' },
    networkNames: { items: 'string' },
  },
  required: ['name'],
};
const CONTAINER: Shape = {
  fields: {
    name: 'string',
    resources: RESOURCES,
    endpoints: { items: ENDPOINT },
    healthCheck: HEALTH_CHECK,
    exec: { fields: { command: COMMAND, overrideEntrypoint: 'boolean' }, required: ['command'] },
    image: { fields: { kind: { oneOf: ['DOCKER', 'APPC'] }, id: 'string', forcePull: 'boolean' }, required: ['kind', 'id'] },
    environment: 'object',
    user: 'string',
    labels: { values: 'string' },
    artifacts: {
      items: {
        fields: { uri: 'string', extract: 'boolean', executable: 'boolean', cache: 'boolean', destPath: 'string' },
        required: ['uri'],
      },
    },
    lifecycle: 'object',
    volumeMounts: { items: { fields: { name: 'string', mountPath: 'string' }, required: ['name', 'mountPath'] } },
  },
  required: ['name', 'resources'],
};
const POD: Shape = {
  fields: {
    id: 'string',
    containers: { items: CONTAINER },
    labels: { values: 'string' },
    user: 'string',
    role: 'string',
    environment: 'object',
    secrets: 'object',
    volumes: { items: { fields: { name: 'string' }, required: ['name'] } },
    networks: { items: { fields: { name: 'string', mode: { oneOf: NETWORK_MODES }, labels: { values: 'string' } } } },
    scaling: { fields: { kind: { oneOf: ['fixed'] }, instances: 'number', maxInstances: 'number' }, required: ['kind'] },
    scheduling: {
      fields: {
        backoff: { fields: { backoff: 'number', backoffFactor: 'number', maxLaunchDelay: 'number' } },
        upgrade: { fields: { minimumHealthCapacity: 'number', maximumOverCapacity: 'number' } },
        placement: { fields: { constraints: 'array', acceptedResourceRoles: { items: 'string' } } },
        killSelection: { oneOf: KILL_SELECTIONS },
      },
    },
    executorResources: { fields: { cpus: 'number', mem: 'number', disk: 'number' } },
  },
  required: ['id', 'containers'],
};

/** Adds a type error per misfit of a pasted pod; environments and the unreachable strategy are checked only when the rest fits. */
export function checkPodShape(raw: unknown, types: Violations): void {
  checkShape(raw, POD, '', types);
  if (!types.empty) return;
  const pod = raw as Record<string, unknown>;
  checkEnvVars(pod.environment, '/environment', types);
  ((pod.containers as Record<string, unknown>[] | undefined) ?? []).forEach((c, i) =>
    checkEnvVars(c.environment, `/containers(${i})/environment`, types),
  );
  const scheduling = pod.scheduling as Record<string, unknown> | null | undefined;
  checkUnreachableShape(scheduling?.unreachableStrategy, types);
}

/** `scheduling.unreachableStrategy` is `"disabled"` or `{inactiveAfterSeconds, expungeAfterSeconds}`. */
function checkUnreachableShape(raw: unknown, types: Violations): void {
  const at = '/scheduling/unreachableStrategy';
  if (typeof raw === 'string') {
    if (raw !== 'disabled') types.add(at, 'error.unknown.enum.literal');
  } else if (raw !== undefined && raw !== null) {
    checkShape(raw, { fields: { inactiveAfterSeconds: 'number', expungeAfterSeconds: 'number' } }, at, types);
  }
}
