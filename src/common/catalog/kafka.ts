/** kafka — mesosphere/universe:repo/packages/K/kafka/{1100,1200} (DC/OS SDK, dcos-kafka-service). */
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
  sdkService,
  sdkTemplate,
  str,
  toBase64,
  universeIcons,
} from './build.ts';
import type { UniversePackage } from './types.ts';

const ENV = vars(`
FRAMEWORK_NAME service.name
FRAMEWORK_PRINCIPAL service.service_account
FRAMEWORK_USER service.user
FRAMEWORK_LOG_LEVEL service.log_level
BROKER_KILL_GRACE_PERIOD brokers.kill_grace_period
LIBMESOS_URI resource.assets.uris.libmesos-bundle-tar-gz
BOOTSTRAP_URI resource.assets.uris.bootstrap-zip
KAFKA_URI resource.assets.uris.kafka-tgz
JAVA_URI resource.assets.uris.jre-tar-gz
KAFKA_VERSION =2.12-2.4.0
PLACEMENT_CONSTRAINTS &service.placement_constraint
DEPLOY_STRATEGY service.deploy_strategy
BROKER_COUNT brokers.count
BROKER_CPUS brokers.cpus
BROKER_MEM brokers.mem
BROKER_DISK_SIZE brokers.disk
BROKER_DISK_TYPE brokers.disk_type
BROKER_DISK_PATH brokers.disk_path
BROKER_JAVA_HEAP brokers.heap.size
BROKER_PORT brokers.port
KAFKA_ZOOKEEPER_URI kafka.kafka_zookeeper_uri
{{#kafka.kafka_advertise_host_ip}}
TASKCFG_ALL_KAFKA_ADVERTISE_HOST =true
{{/kafka.kafka_advertise_host_ip}}
TASKCFG_ALL_KAFKA_AUTO_CREATE_TOPICS_ENABLE kafka.auto_create_topics_enable
TASKCFG_ALL_KAFKA_DELETE_TOPIC_ENABLE kafka.delete_topic_enable
TASKCFG_ALL_KAFKA_NUM_PARTITIONS kafka.num_partitions
TASKCFG_ALL_KAFKA_DEFAULT_REPLICATION_FACTOR kafka.default_replication_factor
TASKCFG_ALL_KAFKA_MIN_INSYNC_REPLICAS kafka.min_insync_replicas
TASKCFG_ALL_KAFKA_LOG_RETENTION_HOURS kafka.log_retention_hours
READINESS_CHECK_INTERVAL service.readiness_check.interval
READINESS_CHECK_DELAY service.readiness_check.delay
READINESS_CHECK_TIMEOUT service.readiness_check.timeout
`);

const URIS = `"uris": [
    "{{resource.assets.uris.bootstrap-zip}}",
    "{{resource.assets.uris.kafka-scheduler-zip}}",
    "{{resource.assets.uris.libmesos-bundle-tar-gz}}",
    "{{resource.assets.uris.kafka-tgz}}",
    "{{resource.assets.uris.jre-tar-gz}}"
  ]`;

const config = obj({
  service: sdkService(
    'kafka',
    {
      placement_constraint: placement('[["hostname", "MAX_PER", "1"]]'),
      deploy_strategy: oneOf('serial', ['serial', 'serial-canary', 'parallel-canary', 'parallel']),
      readiness_check: readiness(60, 5, 0, 0, 120, 10),
    },
    ['deploy_strategy'],
  ),
  brokers: obj(
    {
      cpus: num(1.0),
      mem: int(2048),
      heap: { ...obj({ size: int(512) }, ['size']), additionalProperties: false },
      disk: int(5000),
      disk_type: str('ROOT'),
      disk_path: str('kafka-broker-data'),
      count: num(3),
      port: int(0),
      kill_grace_period: int(30),
    },
    ['cpus', 'mem', 'disk', 'count'],
    'Kafka broker pods',
  ),
  kafka: {
    ...obj(
      {
        kafka_zookeeper_uri: str('', { description: 'ZooKeeper for Kafka; empty: the DC/OS ZooKeeper.' }),
        kafka_advertise_host_ip: bool(true),
        auto_create_topics_enable: bool(true),
        delete_topic_enable: bool(false),
        num_partitions: int(1, { minimum: 1 }),
        default_replication_factor: int(1),
        min_insync_replicas: int(1, { minimum: 1 }),
        log_retention_hours: int(168),
      },
      undefined,
      'Kafka broker settings',
    ),
    additionalProperties: false,
  },
});

function kafka(releaseVersion: number, version: string): UniversePackage {
  const assets = `https://downloads.mesosphere.com/kafka/assets/${version}/`;
  return {
    packagingVersion: '4.0',
    name: 'kafka',
    version,
    releaseVersion,
    maintainer: 'support@mesosphere.io',
    description: 'Apache Kafka: a distributed, replicated log for streaming data pipelines.',
    tags: ['message', 'broker', 'pubsub', 'kafka'],
    selected: true,
    scm: 'https://github.com/mesosphere/dcos-kafka-service',
    website: `https://docs.mesosphere.com/services/kafka/${version}`,
    framework: true,
    preInstallNotes:
      'Default configuration: 3 agents, each with 1.0 CPU, 2048 MB memory and 5000 MB disk for a broker. Brokers use the DC/OS ZooKeeper unless kafka.kafka_zookeeper_uri names another.',
    postInstallNotes: `Apache Kafka is being installed.\n\n\tDocs: https://docs.mesosphere.com/service-docs/kafka/${version}/`,
    postUninstallNotes: 'Apache Kafka is being uninstalled.',
    licenses: [{ name: 'Apache License Version 2.0', url: 'https://raw.githubusercontent.com/apache/kafka/trunk/LICENSE' }],
    minDcosReleaseVersion: '1.11',
    marathon: { v2AppMustacheTemplate: toBase64(sdkTemplate('kafka', version, ENV, URIS, true)) },
    resource: {
      assets: {
        uris: {
          'jre-tar-gz': 'https://downloads.mesosphere.com/java/openjdk-jre-11.0.3.7-hotspot-linux-x64.tar.gz',
          'libmesos-bundle-tar-gz': 'https://downloads.mesosphere.com/libmesos-bundle/libmesos-bundle-1.14-beta.tar.gz',
          'bootstrap-zip': 'https://downloads.mesosphere.com/dcos-commons/artifacts/0.57.3/bootstrap.zip',
          'kafka-tgz': 'https://downloads.mesosphere.com/kafka/assets/kafka_2.12-2.4.0.tgz',
          'kafka-scheduler-zip': `${assets}kafka-scheduler.zip`,
        },
      },
      images: universeIcons('kafka'),
      cli: cli(`${assets}dcos-service-cli-linux`, 'd3f0eb6607eed06711c4455ac9cf27082cafde2422d0ff68338971435ebb382c'),
    },
    config,
  };
}

/** Newest first: 1200 (2.10.0-2.4.0) and 1100 (2.9.0-2.4.0); both need DC/OS 1.11+. */
export const KAFKA: UniversePackage[] = [kafka(1200, '2.10.0-2.4.0'), kafka(1100, '2.9.0-2.4.0')];
