/** cassandra — mesosphere/universe:repo/packages/C/cassandra/1000 (DC/OS SDK). */
import {
  vars,
  bool,
  cli,
  DISK_TYPES,
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
import type { UniversePackage } from './types.ts';

const VERSION = '2.10.0-3.11.6';
const ASSETS = `https://downloads.mesosphere.com/cassandra/assets/${VERSION}/`;

const ENV = vars(`
SERVICE_NAME service.name
SERVICE_USER service.user
SERVICE_PRINCIPAL service.service_account
FRAMEWORK_LOG_LEVEL service.log_level
CASSANDRA_VERSION =3.11.6
NODES nodes.count
CASSANDRA_CPUS nodes.cpus
CASSANDRA_MEMORY_MB nodes.mem
CASSANDRA_DISK_MB nodes.disk
CASSANDRA_DISK_TYPE nodes.disk_type
TASKCFG_ALL_CASSANDRA_HEAP_SIZE_MB nodes.heap.size
TASKCFG_ALL_CASSANDRA_HEAP_NEW_MB nodes.heap.new
CASSANDRA_HEAP_GC nodes.heap.gc
PLACEMENT_CONSTRAINT &nodes.placement_constraint
ENABLE_AUTOMATIC_POD_REPLACEMENT service.pod-replacement-failure-policy.enable-automatic-pod-replacement
PERMANENT_FAILURE_TIMEOUT_SECS service.pod-replacement-failure-policy.permanent-failure-timeout-secs
MIN_REPLACE_DELAY_SECS service.pod-replacement-failure-policy.min-replace-delay-secs
TASKCFG_ALL_CASSANDRA_CLUSTER_NAME cassandra.cluster_name
TASKCFG_ALL_CASSANDRA_LOCATION_DATA_CENTER service.data_center
TASKCFG_ALL_CASSANDRA_LOCATION_RACK service.rack
TASKCFG_ALL_JMX_PORT cassandra.jmx_port
TASKCFG_ALL_CASSANDRA_NUM_TOKENS cassandra.num_tokens
TASKCFG_ALL_CASSANDRA_STORAGE_PORT cassandra.storage_port
TASKCFG_ALL_CASSANDRA_SSL_STORAGE_PORT cassandra.ssl_storage_port
TASKCFG_ALL_CASSANDRA_NATIVE_TRANSPORT_PORT cassandra.native_transport_port
BOOTSTRAP_URI resource.assets.uris.bootstrap-zip
CASSANDRA_URI resource.assets.uris.cassandra-tar-gz
JAVA_URI resource.assets.uris.jre-tar-gz
LIBMESOS_URI resource.assets.uris.libmesos-bundle-tar-gz
READINESS_CHECK_INTERVAL service.readiness_check.interval
READINESS_CHECK_DELAY service.readiness_check.delay
READINESS_CHECK_TIMEOUT service.readiness_check.timeout
`);

export const CASSANDRA: UniversePackage = {
  packagingVersion: '4.0',
  name: 'cassandra',
  version: VERSION,
  releaseVersion: 1000,
  maintainer: 'support@mesosphere.io',
  description: 'Apache Cassandra',
  tags: ['cassandra'],
  selected: true,
  framework: true,
  preInstallNotes: 'Default configuration: 3 agents, each with 0.5 CPU, 4096 MB memory and 10240 MB disk for a node.',
  postInstallNotes: `Apache Cassandra is being installed.\n\n\tDocs: https://docs.mesosphere.com/service-docs/cassandra/${VERSION}/`,
  postUninstallNotes: 'Apache Cassandra is being uninstalled.',
  licenses: [{ name: 'Apache License Version 2.0', url: 'https://raw.githubusercontent.com/apache/cassandra/trunk/LICENSE.txt' }],
  minDcosReleaseVersion: '1.11',
  marathon: { v2AppMustacheTemplate: toBase64(sdkTemplate('cassandra', VERSION, ENV, SDK_FETCH, false)) },
  resource: {
    assets: {
      uris: {
        'jre-tar-gz': 'https://downloads.mesosphere.com/java/openjdk-jre-11.0.3.7-hotspot-linux-x64.tar.gz',
        'libmesos-bundle-tar-gz': 'https://downloads.mesosphere.com/libmesos-bundle/libmesos-bundle-1.14-beta.tar.gz',
        'scheduler-zip': `${ASSETS}cassandra-scheduler.zip`,
        'cassandra-tar-gz': 'https://downloads.mesosphere.com/cassandra/assets/apache-cassandra-3.11.6-bin-dcos.tar.gz',
        'bootstrap-zip': `${ASSETS}bootstrap.zip`,
      },
    },
    images: universeIcons('cassandra'),
    cli: cli(`${ASSETS}dcos-service-cli-linux`, '8085bc61b9ce596cf4b5b6053424ec732d237830b2f31acd419af2ea2ffd4668'),
  },
  config: obj({
    service: sdkService(
      'cassandra',
      {
        data_center: str('datacenter1'),
        rack: str('rack1'),
        readiness_check: readiness(5, 5, 0, 0, 60, 60),
        'pod-replacement-failure-policy': obj({
          'enable-automatic-pod-replacement': bool(false),
          'permanent-failure-timeout-secs': int(120),
          'min-replace-delay-secs': int(240),
        }),
      },
      ['name', 'user'],
    ),
    nodes: obj(
      {
        count: int(3, { minimum: 3 }),
        cpus: num(0.5),
        mem: int(4096),
        disk: int(10240),
        disk_type: oneOf('ROOT', DISK_TYPES),
        placement_constraint: placement('[["hostname", "MAX_PER", "1"]]'),
        heap: {
          ...obj({ size: int(2048), new: int(100), gc: oneOf('CMS', ['G1', 'CMS']) }, ['size', 'new', 'gc']),
          additionalProperties: false,
        },
      },
      ['cpus', 'mem', 'disk', 'heap', 'count'],
      'Cassandra node pods',
    ),
    cassandra: obj(
      {
        cluster_name: str('cassandra'),
        jmx_port: int(7199),
        num_tokens: int(256),
        storage_port: int(7000),
        ssl_storage_port: int(7001),
        native_transport_port: int(9042),
      },
      ['cluster_name', 'jmx_port', 'num_tokens', 'storage_port', 'native_transport_port'],
      'cassandra.yaml settings',
    ),
  }),
};
