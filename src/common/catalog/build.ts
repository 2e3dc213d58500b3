/** What the package modules share: schema builders, base64, and the parts every DC/OS SDK package repeats. */
import type { Images, JsonSchema, Resource } from './types.ts';

type Props = { [name: string]: JsonSchema };
type Extra = Omit<JsonSchema, 'type' | 'default'>;

/** UTF-8 text → standard base64 (how gen_universe.py stores the template). */
export function toBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function fromBase64(base64: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
}

export const str = (d?: string, x?: Extra): JsonSchema => ({ type: 'string', ...(d === undefined ? {} : { default: d }), ...x });
export const int = (d: number, x?: Extra): JsonSchema => ({ type: 'integer', default: d, ...x });
export const num = (d: number, x?: Extra): JsonSchema => ({ type: 'number', default: d, ...x });
export const bool = (d: boolean): JsonSchema => ({ type: 'boolean', default: d });
export const obj = (properties: Props, required?: string[], description?: string): JsonSchema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  ...(required ? { required } : {}),
});
export const oneOf = (d: string, values: string[]): JsonSchema => str(d, { enum: values });

/** `service.name`'s pattern in the SDK packages, Jenkins and Spark. */
export const NAME_PATTERN =
  '^(\\/?((\\.\\.)|(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9]))?($|\\/))+$';
export const LOG_LEVELS = ['OFF', 'FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE', 'ALL'];
export const DISK_TYPES = ['ROOT', 'MOUNT'];
const placementMedia = { type: 'application/x-zone-constraints+json' };
export const placement = (d: string): JsonSchema => str(d, { media: placementMedia });

/** Readiness check options, each minimum after its default. */
export function readiness(interval: number, intervalMin: number, delay: number, delayMin: number, timeout: number, timeoutMin: number) {
  return obj({
    interval: int(interval, { minimum: intervalMin }),
    delay: int(delay, { minimum: delayMin }),
    timeout: int(timeout, { minimum: timeoutMin }),
  });
}

/** Real icon URLs (offline they fail to load and the UI falls back). */
export const icons = (prefix: string): Images => ({
  'icon-small': `${prefix}-small.png`,
  'icon-medium': `${prefix}-medium.png`,
  'icon-large': `${prefix}-large.png`,
});
export const universeIcons = (name: string): Images => icons(`https://downloads.mesosphere.com/assets/universe/000/${name}-icon`);

/** resource.cli with the linux binary only (upstream also lists darwin and windows). */
export const cli = (url: string, sha256: string): Resource['cli'] => ({
  binaries: { linux: { 'x86-64': { contentHash: [{ algo: 'sha256', value: sha256 }], kind: 'executable', url } } },
});

/** Env lines from `NAME path` lines (`&path`: unescaped `{{{path}}}`, `=text`: literal); `{{…}}` lines pass through. */
export function vars(lines: string): string {
  const out = lines
    .trim()
    .split('\n')
    .map((line) => {
      if (line.startsWith('{{')) return `    ${line}`;
      const [name, v = ''] = line.split(' ');
      const value = v.startsWith('=') ? v.slice(1) : v.startsWith('&') ? `{{{${v.slice(1)}}}}` : `{{${v}}}`;
      return `    "${name}": "${value}",`;
    });
  return out.join('\n').slice(0, -1);
}

/** The SDK packages' `service` group. */
export function sdkService(name: string, extra: Props, required?: string[]): JsonSchema {
  return obj(
    {
      name: str(name, { pattern: NAME_PATTERN }),
      user: str('nobody'),
      service_account: str('', { media: { type: 'application/x-service-account+string' } }),
      service_account_secret: str('', { media: { type: 'application/x-secret+string' } }),
      virtual_network_enabled: bool(false),
      virtual_network_name: str('dcos'),
      virtual_network_plugin_labels: str(''),
      log_level: oneOf('INFO', LOG_LEVELS),
      region: str('', { media: { type: 'application/x-region+string' } }),
      ...extra,
      check: obj({
        intervalSeconds: int(30, { minimum: 30 }),
        timeoutSeconds: int(20, { minimum: 20 }),
        delaySeconds: int(15, { minimum: 15 }),
      }),
    },
    required,
    'Scheduler settings',
  );
}

const cmd = (s: string) =>
  'export LD_LIBRARY_PATH=$MESOS_SANDBOX/libmesos-bundle/lib:$LD_LIBRARY_PATH; export MESOS_NATIVE_JAVA_LIBRARY=$(ls $MESOS_SANDBOX/libmesos-bundle/lib/libmesos-*.so); export JAVA_HOME=$(ls -d $MESOS_SANDBOX/jdk*/); export JAVA_HOME=${JAVA_HOME%/}; export PATH=$(ls -d $JAVA_HOME/bin):$PATH && export JAVA_OPTS=\\"-Xms256M -Xmx512M -XX:-HeapDumpOnOutOfMemoryError\\" && ./bootstrap -resolve=false -template=false && ' +
  `./${s}-scheduler/bin/${s} ./${s}-scheduler/svc.yml`;

/** The SDK fetch list (Kafka lists plain `uris` instead). */
export const SDK_FETCH = `"fetch": [
    { "uri": "{{resource.assets.uris.bootstrap-zip}}", "cache": true },
    { "uri": "{{resource.assets.uris.jre-tar-gz}}", "cache": true },
    { "uri": "{{resource.assets.uris.scheduler-zip}}", "cache": true },
    { "uri": "{{resource.assets.uris.libmesos-bundle-tar-gz}}", "cache": true }
  ]`;

/** An SDK package's scheduler app: 1 CPU / 1024 MB, options as env vars (`env` from `vars`), `/v1/health`. */
export function sdkTemplate(name: string, version: string, env: string, fetch: string, apiVip: boolean): string {
  return `{
  "id": "{{service.name}}",
  "cpus": 1.0,
  "mem": 1024,
  "instances": 1,
  "user": "{{service.user}}",
  "cmd": "${cmd(name)}",
  "labels": {
    "DCOS_COMMONS_API_VERSION": "v1",
    "DCOS_COMMONS_UNINSTALL": "true",
    "DCOS_PACKAGE_FRAMEWORK_NAME": "{{service.name}}",
    "MARATHON_SINGLE_INSTANCE_APP": "true",
    "DCOS_SERVICE_NAME": "{{service.name}}",
    "DCOS_SERVICE_PORT_INDEX": "0",
    "DCOS_SERVICE_SCHEME": "http"
  },
  {{#service.service_account_secret}}
  "container": {
    "type": "MESOS",
    "volumes": [{ "containerPath": "secrets/service-account.json", "secret": "serviceCredential" }]
  },
  "secrets": { "serviceCredential": { "source": "{{service.service_account_secret}}" } },
  {{/service.service_account_secret}}
  "env": {
    "PACKAGE_NAME": "${name}",
    "PACKAGE_VERSION": "${version}",
    {{#service.region}}
    "SERVICE_REGION": "{{service.region}}",
    {{/service.region}}
    {{#service.service_account_secret}}
    "DCOS_SERVICE_ACCOUNT_CREDENTIAL": "secrets/service-account.json",
    "MESOS_AUTHENTICATEE": "com_mesosphere_dcos_ClassicRPCAuthenticatee",
    "MESOS_HTTP_AUTHENTICATEE": "com_mesosphere_dcos_http_Authenticatee",
    {{/service.service_account_secret}}
    {{#service.virtual_network_enabled}}
    "ENABLE_VIRTUAL_NETWORK": "yes",
    "VIRTUAL_NETWORK_NAME": "{{service.virtual_network_name}}",
    "VIRTUAL_NETWORK_PLUGIN_LABELS": "{{service.virtual_network_plugin_labels}}",
    {{/service.virtual_network_enabled}}
${env}
  },
  ${fetch},
  "upgradeStrategy": { "minimumHealthCapacity": 0, "maximumOverCapacity": 0 },
  "healthChecks": [
    {
      "protocol": "MESOS_HTTP",
      "path": "/v1/health",
      "gracePeriodSeconds": 900,
      "intervalSeconds": 30,
      "portIndex": 0,
      "timeoutSeconds": 30,
      "maxConsecutiveFailures": 0
    }
  ],
  "portDefinitions": [{ "port": 0, "protocol": "tcp", "name": "api"${apiVip ? ', "labels": { "VIP_0": "/api.{{service.name}}:80" }' : ''} }],
  "check": {
    "http": { "portIndex": 0, "path": "/v1/health" },
    "intervalSeconds": {{service.check.intervalSeconds}},
    "timeoutSeconds": {{service.check.timeoutSeconds}},
    "delaySeconds": {{service.check.delaySeconds}}
  }
}
`;
}
