/** marathon-lb — mesosphere/universe:repo/packages/M/marathon-lb/{44,45} (HAProxy fed by Marathon; no SDK). */
import { bool, int, num, obj, str, toBase64, universeIcons } from './build.ts';
import type { UniversePackage } from './types.ts';

/** `first`…`last`, one per line, as the upstream template lists its service ports. */
const ports = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => `    ${first + i}`).join(',\n');

const TEMPLATE = `{
  "id": "{{marathon-lb.name}}",
  "instances": {{marathon-lb.instances}},
  "cpus": {{marathon-lb.cpus}},
  "mem": {{marathon-lb.mem}},
  "maintainer": "support@mesosphere.io",
  "container": {
    "type": "DOCKER",
    "docker": {
      "image": "{{resource.assets.container.docker.marathon-lb-docker}}",
      "network": "HOST",
      "privileged": true,
      "parameters": [
      {{#marathon-lb.parameters}}
        { "key": "{{key}}", "value": "{{value}}" },
      {{/marathon-lb.parameters}}
        { "key": "label", "value": "created_by=marathon" },
        { "key": "label", "value": "dcos_pkg_name=marathon-lb" }
      ]
    }
  },
  {{#marathon-lb.role}}
  "acceptedResourceRoles": ["{{marathon-lb.role}}"],
  {{/marathon-lb.role}}
  "healthChecks": [
    {
      "path": "/_haproxy_health_check",
  {{#marathon-lb.bind-http-https}}
      "portIndex": 2,
  {{/marathon-lb.bind-http-https}}
  {{^marathon-lb.bind-http-https}}
      "portIndex": 0,
  {{/marathon-lb.bind-http-https}}
      "protocol": "MESOS_HTTP",
      "gracePeriodSeconds": 60,
      "intervalSeconds": 5,
      "timeoutSeconds": 2,
      "maxConsecutiveFailures": 2,
      "ignoreHttp1xx": false
    }
  ],
  "upgradeStrategy": {
    "minimumHealthCapacity": {{marathon-lb.minimumHealthCapacity}},
    "maximumOverCapacity": {{marathon-lb.maximumOverCapacity}}
  },
  "args": [
    "sse",
    "-m", "{{marathon-lb.marathon-uri}}",
    "--health-check",
  {{^marathon-lb.bind-http-https}}
    "--dont-bind-http-https",
  {{/marathon-lb.bind-http-https}}
  {{#marathon-lb.haproxy-map}}
    "--haproxy-map",
  {{/marathon-lb.haproxy-map}}
  {{#marathon-lb.auto-assign-service-ports}}
    "--min-serv-port-ip-per-task", "10101",
    "--max-serv-port-ip-per-task", "10150",
  {{/marathon-lb.auto-assign-service-ports}}
  {{#marathon-lb.strict-mode}}
    "--strict-mode",
  {{/marathon-lb.strict-mode}}
    "--max-reload-retries", "{{marathon-lb.max-reload-retries}}",
    "--reload-interval", "{{marathon-lb.reload-interval}}",
    "--group", "{{marathon-lb.haproxy-group}}"
  ],
  "requirePorts": true,
  {{#marathon-lb.template-url}}
  "uris": ["{{marathon-lb.template-url}}"],
  {{/marathon-lb.template-url}}
  "env": {
    {{#marathon-lb.haproxy_global_default_options}}
    "HAPROXY_GLOBAL_DEFAULT_OPTIONS": "{{marathon-lb.haproxy_global_default_options}}",
    {{/marathon-lb.haproxy_global_default_options}}
    "HAPROXY_SSL_CERT": "{{marathon-lb.ssl-cert}}",
    "HAPROXY_SYSCTL_PARAMS": "{{marathon-lb.sysctl-params}}"
  },
  "ports": [
  {{#marathon-lb.bind-http-https}}
    80,
    443,
  {{/marathon-lb.bind-http-https}}
    9090,
    9091,
${ports(10000, 10100)}
  {{#marathon-lb.auto-assign-service-ports}}
    ,
${ports(10101, 10150)}
  {{/marathon-lb.auto-assign-service-ports}}
  ]
}
`;

const config = obj({
  'marathon-lb': obj(
    {
      'auto-assign-service-ports': bool(false),
      'bind-http-https': bool(true),
      cpus: num(2, { minimum: 1 }),
      haproxy_global_default_options: str('redispatch,http-server-close,dontlognull'),
      'haproxy-group': str('external'),
      'haproxy-map': bool(true),
      instances: int(1, { minimum: 1 }),
      mem: num(1024.0, { minimum: 256.0 }),
      minimumHealthCapacity: num(0.5, { minimum: 0 }),
      maximumOverCapacity: num(0.2, { minimum: 0 }),
      name: str('marathon-lb'),
      parameters: {
        type: 'array',
        items: { type: 'object', properties: { key: str(), value: str() }, required: ['key', 'value'] },
        default: [],
        description: 'Extra Docker parameters as {key, value} pairs.',
      },
      role: str('slave_public'),
      'ssl-cert': str(),
      'strict-mode': bool(false),
      'sysctl-params': str(
        'net.ipv4.tcp_tw_reuse=1 net.ipv4.tcp_fin_timeout=30 net.ipv4.tcp_max_syn_backlog=10240 net.ipv4.tcp_max_tw_buckets=400000 net.ipv4.tcp_max_orphans=60000 net.core.somaxconn=10000',
      ),
      'max-reload-retries': int(10),
      'reload-interval': int(10),
      'template-url': str(''),
      'marathon-uri': str('http://marathon.mesos:8080'),
    },
    ['cpus', 'mem', 'haproxy-group', 'instances', 'name'],
  ),
});

function marathonLb(releaseVersion: number, version: string): UniversePackage {
  return {
    packagingVersion: '4.0',
    name: 'marathon-lb',
    version,
    releaseVersion,
    maintainer: 'support@mesosphere.io',
    description: 'HAProxy configured using Marathon state',
    tags: ['loadbalancer', 'service-discovery', 'reverse-proxy', 'proxy', 'haproxy'],
    scm: 'https://github.com/mesosphere/marathon-lb',
    preInstallNotes: 'Give each Marathon-LB instance at least 2 CPUs and 1 GiB of memory. It runs on public agents (role slave_public).',
    postInstallNotes: 'Marathon-LB is installed. Docs: https://github.com/mesosphere/marathon-lb',
    postUninstallNotes: 'Marathon-LB is uninstalled.',
    licenses: [
      { name: 'Apache License Version 2.0', url: 'https://github.com/mesosphere/marathon/blob/master/LICENSE' },
      { name: 'GNU General Public License version 2', url: 'http://www.haproxy.org/download/1.6/doc/LICENSE' },
    ],
    minDcosReleaseVersion: '1.9',
    marathon: { v2AppMustacheTemplate: toBase64(TEMPLATE) },
    resource: {
      assets: { container: { docker: { 'marathon-lb-docker': `mesosphere/marathon-lb:v${version}` } } },
      images: universeIcons('marathon-lb'),
    },
    config,
  };
}

/** Newest first: 45 (1.15.0) and 44 (1.14.2); they differ only in version and image. */
export const MARATHON_LB: UniversePackage[] = [marathonLb(45, '1.15.0'), marathonLb(44, '1.14.2')];
