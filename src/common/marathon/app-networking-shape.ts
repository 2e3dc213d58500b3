/**
 * The JSON types of an app's networking, container, fetch and other unsimulated fields (`app.raml`,
 * `appContainer.raml`, `network.raml`, `artifact.raml`, `readinessCheck.raml`, `secrets.raml`, `resources.raml`),
 * legacy forms included (`uris`, `ports`, `ipAddress`, `container.docker.network` and `.portMappings`), as Marathon's
 * RAML readers check them.
 */
import { checkShape, type Shape } from './json-shape.ts';
import type { Violations } from './violations.ts';

const APP_NETWORK_MODES = ['container', 'container/bridge', 'host'] as const;
const DOCKER_NETWORKS = ['BRIDGE', 'HOST', 'NONE', 'USER'] as const;
const ENGINE_TYPES = ['MESOS', 'DOCKER'] as const;
const PORT_PROTOCOLS = ['tcp', 'udp', 'udp,tcp'] as const;

const labels: Shape = { values: 'string' };

const PORT_MAPPING_SHAPE: Shape = {
  fields: {
    containerPort: 'number',
    hostPort: 'number',
    labels,
    name: 'string',
    protocol: { oneOf: PORT_PROTOCOLS },
    servicePort: 'number',
    networkNames: { items: 'string' },
  },
};

const DOCKER_SHAPE: Shape = {
  fields: {
    credential: { fields: { principal: 'string', secret: 'string' }, required: ['principal'] },
    pullConfig: { fields: { secret: 'string' } },
    forcePullImage: 'boolean',
    image: 'string',
    network: { oneOf: DOCKER_NETWORKS },
    parameters: { items: { fields: { key: 'string', value: 'string' } } },
    portMappings: { items: PORT_MAPPING_SHAPE },
    privileged: 'boolean',
  },
};

const CONTAINER_SHAPE: Shape = {
  fields: {
    type: { oneOf: ENGINE_TYPES },
    docker: DOCKER_SHAPE,
    volumes: { items: 'object' },
    portMappings: { items: PORT_MAPPING_SHAPE },
    linuxInfo: 'object',
  },
};

const NETWORK_SHAPE: Shape = { fields: { name: 'string', mode: { oneOf: APP_NETWORK_MODES }, labels } };

const IP_ADDRESS_SHAPE: Shape = {
  fields: {
    groups: { items: 'string' },
    labels,
    networkName: 'string',
    discovery: {
      fields: {
        ports: {
          items: {
            fields: { number: 'number', name: 'string', protocol: { oneOf: ['tcp', 'udp'] }, labels },
          },
        },
      },
    },
  },
};

const ARTIFACT_SHAPE: Shape = {
  fields: { uri: 'string', extract: 'boolean', executable: 'boolean', cache: 'boolean', destPath: 'string' },
};

const READINESS_CHECK_SHAPE: Shape = {
  fields: {
    name: 'string',
    protocol: { oneOf: ['HTTP', 'HTTPS'] },
    path: 'string',
    portName: 'string',
    intervalSeconds: 'number',
    timeoutSeconds: 'number',
    httpStatusCodesForReady: { items: 'number' },
    preserveLastResponse: 'boolean',
  },
};

const PORT_DEFINITION_SHAPE: Shape = { fields: { port: 'number', labels, name: 'string', protocol: { oneOf: PORT_PROTOCOLS } } };

/** Top-level fields and their shapes, in the order their type errors are reported. */
const FIELDS: [string, Shape][] = [
  ['container', CONTAINER_SHAPE],
  ['networks', { items: NETWORK_SHAPE }],
  ['ipAddress', IP_ADDRESS_SHAPE],
  ['uris', { items: 'string' }],
  ['fetch', { items: ARTIFACT_SHAPE }],
  ['ports', { items: 'number' }],
  ['portDefinitions', { items: PORT_DEFINITION_SHAPE }],
  ['readinessChecks', { items: READINESS_CHECK_SHAPE }],
  ['secrets', { values: 'object' }],
  ['check', 'object'],
  ['resourceLimits', 'object'],
  ['executorResources', { fields: { cpus: 'number', mem: 'number', disk: 'number' } }],
  ['taskKillGracePeriodSeconds', 'number'],
  ['user', 'string'],
  ['tty', 'boolean'],
];

/** Type errors of the networking, container, fetch and other unsimulated fields of an app (`raw` is an object). */
export function checkNetworkingTypes(json: Record<string, unknown>, types: Violations): void {
  for (const [field, shape] of FIELDS)
    if (json[field] !== undefined && json[field] !== null) checkShape(json[field], shape, `/${field}`, types);
}
