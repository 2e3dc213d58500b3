/** elastic — mesosphere/universe:repo/packages/E/elastic/1200 (DC/OS SDK; Elasticsearch 7.9.3). */
import {
  vars,
  bool,
  cli,
  int,
  num,
  obj,
  oneOf,
  placement,
  readiness,
  SDK_FETCH,
  sdkService,
  sdkTemplate,
  str,
  toBase64,
  universeIcons,
} from './build.ts';
import type { JsonSchema, UniversePackage } from './types.ts';

const VERSION = '3.2.0-7.9.3';
const ASSETS = `https://downloads.mesosphere.com/elastic/assets/${VERSION}/`;

/** One node type's env lines (`<P>_NODE_COUNT` but for masters, always 3). */
const nodeEnv = (p: string, g: string) =>
  `${p}_NODE_CPUS ${g}.cpus
${p}_NODE_MEM ${g}.mem
${p}_NODE_HEAP_MB ${g}.heap.size
${p}_NODE_DISK ${g}.disk
${p}_NODE_DISK_TYPE ${g}.disk_type
${p}_NODE_PLACEMENT &${g}.placement
${p}_NODE_READINESS_CHECK_INTERVAL ${g}.readiness_check.interval
${p}_NODE_READINESS_CHECK_DELAY ${g}.readiness_check.delay
${p}_NODE_READINESS_CHECK_TIMEOUT ${g}.readiness_check.timeout
`;

const ENV = vars(`
FRAMEWORK_NAME service.name
FRAMEWORK_USER service.user
FRAMEWORK_PRINCIPAL service.service_account
FRAMEWORK_LOG_LEVEL service.log_level
ELASTICSEARCH_URI resource.assets.uris.elasticsearch-tar-gz
BOOTSTRAP_URI resource.assets.uris.bootstrap-zip
JAVA_URI resource.assets.uris.jre-tar-gz
LIBMESOS_URI resource.assets.uris.libmesos-bundle-tar-gz
DEPLOY_STRATEGY service.deploy_strategy
UPDATE_STRATEGY service.update_strategy
MASTER_NODE_TRANSPORT_PORT master_nodes.transport_port
${nodeEnv('MASTER', 'master_nodes')}DATA_NODE_COUNT data_nodes.count
${nodeEnv('DATA', 'data_nodes')}INGEST_NODE_COUNT ingest_nodes.count
${nodeEnv('INGEST', 'ingest_nodes')}COORDINATOR_NODE_COUNT coordinator_nodes.count
${nodeEnv('COORDINATOR', 'coordinator_nodes')}{{#prometheus_exporter.prometheus_exporter_enabled}}
PROMETHEUS_EXPORTER_ENABLED prometheus_exporter.prometheus_exporter_enabled
{{/prometheus_exporter.prometheus_exporter_enabled}}
PROMETHEUS_EXPORTER_CPUS prometheus_exporter.cpus
PROMETHEUS_EXPORTER_MEM prometheus_exporter.mem
PROMETHEUS_EXPORTER_DISK prometheus_exporter.disk
TASKCFG_ALL_XPACK_SECURITY_ENABLED elasticsearch.xpack_security_enabled
TASKCFG_ALL_ELASTICSEARCH_PLUGINS elasticsearch.plugins
`);

/** A node type's options; `count` ([default, minimum]) only where it is an option (masters are always 3). */
function nodes(
  count: [number, number] | undefined,
  cpus: number,
  mem: number,
  heap: number,
  disk: number,
  extra: { [k: string]: JsonSchema } = {},
) {
  return obj(
    {
      ...(count === undefined ? {} : { count: int(count[0], { minimum: count[1] }) }),
      cpus: num(cpus),
      mem: int(mem),
      heap: obj({ size: int(heap) }),
      disk: int(disk),
      disk_type: str('ROOT'),
      ...extra,
      placement: placement('[["hostname", "UNIQUE"]]'),
      readiness_check: readiness(5, 5, 0, 0, 10, 10),
    },
    ['cpus', 'mem', 'disk', count === undefined ? 'transport_port' : 'count'],
  );
}

export const ELASTIC: UniversePackage = {
  packagingVersion: '4.0',
  name: 'elastic',
  version: VERSION,
  releaseVersion: 1200,
  maintainer: 'support@mesosphere.io',
  description: 'Elasticsearch 7 with X-Pack',
  tags: ['elastic', 'elasticsearch', 'kibana', 'x-pack'],
  selected: true,
  framework: true,
  preInstallNotes:
    'Default configuration: 3 agents. Pods: 3 master nodes (1.0 CPU, 2048 MB, 2000 MB disk), 2 data nodes (1.0 CPU, 4096 MB, 10000 MB disk), 1 coordinator node (1.0 CPU, 2048 MB, 1000 MB disk) and a Prometheus exporter (1.0 CPU, 128 MB, 256 MB disk); at most one node of a type per agent.',
  postInstallNotes: `Elastic is being installed.\n\n\tDocs: https://docs.mesosphere.com/service-docs/elastic/${VERSION}/`,
  postUninstallNotes: 'Elastic is being uninstalled.',
  licenses: [
    { name: 'Apache License Version 2.0', url: 'https://raw.githubusercontent.com/elastic/elasticsearch/master/LICENSE.txt' },
    { name: 'Elastic License', url: 'https://raw.githubusercontent.com/elastic/elasticsearch/master/x-pack/README.md' },
  ],
  minDcosReleaseVersion: '1.11',
  marathon: { v2AppMustacheTemplate: toBase64(sdkTemplate('elastic', VERSION, ENV, SDK_FETCH, false)) },
  resource: {
    assets: {
      uris: {
        'jre-tar-gz': 'https://downloads.mesosphere.com/java/openjdk-jre-11.0.3.7-hotspot-linux-x64.tar.gz',
        'libmesos-bundle-tar-gz': 'https://downloads.mesosphere.com/libmesos-bundle/libmesos-bundle-1.14-beta.tar.gz',
        'bootstrap-zip': `${ASSETS}bootstrap.zip`,
        'scheduler-zip': `${ASSETS}elastic-scheduler.zip`,
        'elasticsearch-tar-gz': 'https://downloads.mesosphere.com/elastic/assets/elasticsearch-7.9.3-linux-x86_64.tar.gz',
      },
    },
    images: universeIcons('elastic'),
    cli: cli(`${ASSETS}dcos-service-cli-linux`, '706f1aca1492a660c0b74c4ddab1e91d8a3955a3516fd7ef054bffdcd6fbbea7'),
  },
  config: obj({
    service: sdkService(
      'elastic',
      { deploy_strategy: oneOf('parallel', ['parallel', 'serial']), update_strategy: oneOf('serial', ['parallel', 'serial']) },
      ['name', 'user', 'deploy_strategy', 'update_strategy'],
    ),
    master_nodes: nodes(undefined, 1.0, 2048, 1024, 2000, { transport_port: int(9300) }),
    data_nodes: nodes([2, 1], 1.0, 4096, 2048, 10000),
    ingest_nodes: nodes([0, 0], 0.5, 2048, 512, 2000),
    coordinator_nodes: nodes([1, 0], 1.0, 2048, 1024, 1000),
    prometheus_exporter: obj(
      {
        prometheus_exporter_enabled: bool(true),
        cpus: num(1.0),
        mem: int(128),
        disk: int(256),
        disk_type: str('ROOT'),
      },
      ['cpus', 'mem', 'disk'],
    ),
    elasticsearch: obj({
      xpack_security_enabled: bool(false),
      plugins: str(''),
    }),
  }),
};
