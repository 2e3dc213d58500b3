/** spark — mesosphere/universe:repo/packages/S/spark/1100 (the Spark dispatcher, a Marathon app; jobs run as frameworks). */
import { bool, cli, icons, LOG_LEVELS, NAME_PATTERN, num, obj, oneOf, str, toBase64 } from './build.ts';
import type { UniversePackage } from './types.ts';

const VERSION = '2.12.0-3.0.1';

/** Three dispatcher ports (submission 7077, UI 4040, proxy) with VIPs; container ports on a virtual network. */
const port = (i: number, name: string, vipPort: number, containerPort?: number) =>
  `{ ${containerPort ? `"containerPort": ${containerPort}` : '"port": 0'}, "protocol": "tcp", "name": "${name}", "labels": { "VIP_${i}": "dispatcher.{{service.name}}:${vipPort}" } }`;

const TEMPLATE = `{
  "id": "{{service.name}}",
  "cpus": {{service.cpus}},
  "mem": {{service.mem}},
  "cmd": "/sbin/init.sh",
  "constraints": {{service.constraints}},
  {{#service.user}}
  "user": "{{service.user}}",
  {{/service.user}}
  "env": {
    {{#service.virtual_network_enabled}}
    "VIRTUAL_NETWORK_ENABLED": "true",
    "VIRTUAL_NETWORK_NAME": "{{service.virtual_network_name}}",
    {{/service.virtual_network_enabled}}
    "DCOS_SERVICE_NAME": "{{service.name}}",
    "SPARK_HDFS_CONFIG_URL": "{{hdfs.config-url}}",
    "SPARK_USER": "{{service.user}}",
    "SPARK_DISPATCHER_MESOS_ROLE": "{{service.role}}",
    "SPARK_DISPATCHER_ENFORCE_ROLE": "{{service.enforce_role}}",
    "SPARK_DISPATCHER_MESOS_PRINCIPAL": "{{service.service_account}}",
    "SPARK_LOG_LEVEL": "{{service.log-level}}"
  },
  {{#service.virtual_network_enabled}}
  "networks": [{ "name": "{{service.virtual_network_name}}", "mode": "container" }],
  {{/service.virtual_network_enabled}}
  {{^service.virtual_network_enabled}}
  "portDefinitions": [
    ${port(0, 'dispatcher', 7077)},
    ${port(1, 'dispatcher-ui', 4040)},
    ${port(2, 'dispatcher-proxy', 80)}
  ],
  {{/service.virtual_network_enabled}}
  "container": {
    {{#service.UCR_containerizer}}
    "type": "MESOS",
    {{/service.UCR_containerizer}}
    {{^service.UCR_containerizer}}
    "type": "DOCKER",
    {{/service.UCR_containerizer}}
    "docker": {
      {{#service.docker-image}}
      "image": "{{service.docker-image}}",
      {{/service.docker-image}}
      {{^service.docker-image}}
      "image": "{{resource.assets.container.docker.spark_docker}}",
      {{/service.docker-image}}
      "forcePullImage": true
    }
    {{#service.virtual_network_enabled}}
    , "portMappings": [
      ${port(0, 'dispatcher', 7077, 7077)},
      ${port(1, 'dispatcher-ui', 4040, 4040)},
      ${port(2, 'dispatcher-proxy', 8080, 8080)}
    ]
    {{/service.virtual_network_enabled}}
  },
  "healthChecks": [
    {
      "protocol": "MESOS_HTTP",
      "path": "/",
      "portIndex": 2,
      "gracePeriodSeconds": 5,
      "intervalSeconds": 60,
      "timeoutSeconds": 10,
      "maxConsecutiveFailures": 3
    }
  ],
  "upgradeStrategy": { "minimumHealthCapacity": 0, "maximumOverCapacity": 0 },
  "unreachableStrategy": { "expungeAfterSeconds": 0, "inactiveAfterSeconds": 0 },
  "labels": {
    {{#hdfs.config-url}}
    "SPARK_HDFS_CONFIG_URL": "{{hdfs.config-url}}",
    {{/hdfs.config-url}}
    "DCOS_PACKAGE_FRAMEWORK_NAME": "{{service.name}}",
    "DCOS_SERVICE_NAME": "{{service.name}}",
    "DCOS_SERVICE_PORT_INDEX": "2",
    "DCOS_SERVICE_SCHEME": "http"
  },
  "uris": [
    {{#hdfs.config-url}}
    "{{hdfs.config-url}}/hdfs-site.xml",
    "{{hdfs.config-url}}/core-site.xml"
    {{/hdfs.config-url}}
  ]
}
`;

export const SPARK: UniversePackage = {
  packagingVersion: '4.0',
  name: 'spark',
  version: VERSION,
  releaseVersion: 1100,
  maintainer: 'support@mesosphere.io',
  description: 'Apache Spark: a cluster engine for large-scale data processing. This package runs its Mesos dispatcher.',
  tags: ['bigdata', 'mapreduce', 'batch', 'analytics'],
  selected: true,
  scm: 'https://github.com/mesosphere/spark-build.git',
  website: `https://docs.mesosphere.com/services/spark/${VERSION}/`,
  framework: true,
  preInstallNotes: 'Default configuration: 1 agent with 1 CPU and 1024 MB memory for the dispatcher.',
  postInstallNotes: `The Spark dispatcher is being installed.\n\n\tDocs: https://docs.mesosphere.com/services/spark/${VERSION}/`,
  postUninstallNotes: 'The Spark dispatcher is uninstalled.',
  licenses: [{ name: 'Apache License Version 2.0', url: 'https://raw.githubusercontent.com/apache/spark/master/LICENSE' }],
  minDcosReleaseVersion: '1.11',
  marathon: { v2AppMustacheTemplate: toBase64(TEMPLATE) },
  resource: {
    assets: { container: { docker: { spark_docker: 'mesosphere/spark:2.12.0-3.0.1-scala-2.12-hadoop-3.2' } } },
    images: icons('https://downloads.mesosphere.io/spark/assets/icon-service-spark'),
    cli: cli(
      `https://downloads.mesosphere.com/spark/assets/${VERSION}/dcos-spark-linux`,
      '3ef41ceda4a024274dd48f3d6a271771c0bb2015e0a80f738c4cf2386b128635',
    ),
  },
  config: obj({
    service: obj({
      name: str('spark', { pattern: NAME_PATTERN }),
      cpus: num(1, { minimum: 0.0 }),
      mem: num(1024.0, { minimum: 1024.0 }),
      role: str('*'),
      enforce_role: bool(false),
      service_account: str(''),
      constraints: { type: 'array', items: { type: 'array', items: [{ type: 'string' }] }, default: [] },
      user: str('nobody'),
      'docker-image': str(''),
      'log-level': oneOf('INFO', LOG_LEVELS),
      virtual_network_enabled: bool(false),
      virtual_network_name: str('dcos'),
      UCR_containerizer: bool(true),
    }),
    hdfs: obj({ 'config-url': str() }),
  }),
};
