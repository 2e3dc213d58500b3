/** hdfs — mesosphere/universe:repo/packages/H/hdfs/800 (DC/OS SDK). Pod counts fixed by its svc.yml but data nodes. */
import {
  vars,
  bool,
  cli,
  DISK_TYPES,
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

const VERSION = '2.8.0-3.2.1';
const ASSETS = `https://downloads.mesosphere.com/hdfs/assets/${VERSION}/`;

const ENV = vars(`
FRAMEWORK_NAME service.name
FRAMEWORK_LOG_LEVEL service.log_level
DEPLOY_STRATEGY service.deploy_strategy
SERVICE_PRINCIPAL service.service_account
JOURNAL_CPUS journal_node.cpus
JOURNAL_MEM journal_node.mem
JOURNAL_DISK journal_node.disk
JOURNAL_DISK_TYPE journal_node.disk_type
NAME_CPUS name_node.cpus
NAME_MEM name_node.mem
NAME_DISK name_node.disk
NAME_DISK_TYPE name_node.disk_type
ZKFC_CPUS zkfc_node.cpus
ZKFC_MEM zkfc_node.mem
DATA_COUNT data_node.count
DATA_CPUS data_node.cpus
DATA_MEM data_node.mem
DATA_DISK data_node.disk
DATA_DISK_TYPE data_node.disk_type
LIBMESOS_URI resource.assets.uris.libmesos-bundle-tar-gz
HDFS_URI resource.assets.uris.hdfs-tar-gz
BOOTSTRAP_URI resource.assets.uris.bootstrap-zip
JAVA_URI resource.assets.uris.jre-tar-gz
{{#journal_node.enable_readiness_check}}
JOURNAL_READINESS_CHECK_ENABLED journal_node.enable_readiness_check
JOURNAL_NODE_READINESS_CHECK_DELAY journal_node.readiness_check.delay
JOURNAL_NODE_READINESS_CHECK_INTERVAL journal_node.readiness_check.interval
JOURNAL_NODE_READINESS_CHECK_TIMEOUT journal_node.readiness_check.timeout
{{/journal_node.enable_readiness_check}}
NAME_NODE_READINESS_CHECK_DELAY name_node.readiness_check.delay
NAME_NODE_READINESS_CHECK_INTERVAL name_node.readiness_check.interval
NAME_NODE_READINESS_CHECK_TIMEOUT name_node.readiness_check.timeout
DATA_NODE_READINESS_CHECK_DELAY data_node.readiness_check.delay
DATA_NODE_READINESS_CHECK_INTERVAL data_node.readiness_check.interval
DATA_NODE_READINESS_CHECK_TIMEOUT data_node.readiness_check.timeout
JOURNAL_NODE_PLACEMENT &journal_node.placement
NAME_NODE_PLACEMENT &name_node.placement
DATA_NODE_PLACEMENT &data_node.placement
TASKCFG_ALL_NAME_NODE_RPC_PORT hdfs.name_node_rpc_port
TASKCFG_ALL_NAME_NODE_HTTP_PORT hdfs.name_node_http_port
TASKCFG_ALL_JOURNAL_NODE_RPC_PORT hdfs.journal_node_rpc_port
TASKCFG_ALL_JOURNAL_NODE_HTTP_PORT hdfs.journal_node_http_port
TASKCFG_ALL_DATA_NODE_RPC_PORT hdfs.data_node_rpc_port
TASKCFG_ALL_DATA_NODE_HTTP_PORT hdfs.data_node_http_port
TASKCFG_ALL_PERMISSIONS_ENABLED hdfs.permissions_enabled
`);

/** cpus 0.3, mem 2048 (number, as upstream) and, with a volume, disk 5000 and its type. */
const node = (disk: boolean, extra: { [name: string]: JsonSchema } = {}): { [name: string]: JsonSchema } => ({
  cpus: num(0.3),
  mem: num(2048),
  ...(disk ? { disk: num(5000), disk_type: oneOf('ROOT', DISK_TYPES) } : {}),
  ...extra,
});

export const HDFS: UniversePackage = {
  packagingVersion: '4.0',
  name: 'hdfs',
  version: VERSION,
  releaseVersion: 800,
  maintainer: 'support@mesosphere.io',
  description: 'Apache Hadoop Distributed File System (HDFS)',
  tags: ['hdfs', 'hadoop'],
  selected: true,
  framework: true,
  preInstallNotes:
    'Default configuration: 5 agents. Pods: 3 journal and 2 name nodes (0.3 CPU, 2048 MB, 5000 MB disk each), 2 ZKFC (0.3 CPU, 2048 MB, one beside each name node) and 3 data nodes (0.3 CPU, 2048 MB, 5000 MB disk).',
  postInstallNotes: `HDFS is being installed.\n\n\tDocs: https://docs.mesosphere.com/service-docs/hdfs/${VERSION}/`,
  postUninstallNotes: 'HDFS is being uninstalled.',
  licenses: [{ name: 'Apache License Version 2.0', url: 'https://raw.githubusercontent.com/apache/hadoop/trunk/LICENSE.txt' }],
  minDcosReleaseVersion: '1.11',
  marathon: { v2AppMustacheTemplate: toBase64(sdkTemplate('hdfs', VERSION, ENV, SDK_FETCH, true)) },
  resource: {
    assets: {
      uris: {
        'jre-tar-gz': 'https://downloads.mesosphere.com/java/openjdk-jre-11.0.3.7-hotspot-linux-x64.tar.gz',
        'libmesos-bundle-tar-gz': 'https://downloads.mesosphere.com/libmesos-bundle/libmesos-bundle-1.14-beta.tar.gz',
        'hdfs-tar-gz': 'https://downloads.mesosphere.com/hdfs/assets/hadoop-3.2.0.tar.gz',
        'bootstrap-zip': `${ASSETS}bootstrap.zip`,
        'scheduler-zip': `${ASSETS}hdfs-scheduler.zip`,
      },
    },
    images: universeIcons('hdfs'),
    cli: cli(`${ASSETS}dcos-service-cli-linux`, '0e1b1df9a0f6e7a3734c7db5e2169f418688ab976c7206241fd07eb7c9075e1e'),
  },
  config: obj({
    service: sdkService('hdfs', { deploy_strategy: oneOf('parallel', ['parallel', 'serial']) }),
    journal_node: obj(
      node(true, { enable_readiness_check: bool(true), readiness_check: readiness(30, 30, 30, 30, 60, 60), placement: placement('[]') }),
      ['cpus', 'mem', 'disk', 'disk_type'],
      'Journal nodes (3)',
    ),
    name_node: obj(
      node(true, { readiness_check: readiness(5, 5, 0, 0, 180, 180), placement: placement('[]') }),
      ['cpus', 'mem', 'disk', 'disk_type'],
      'Name nodes (2)',
    ),
    zkfc_node: obj(node(false), ['cpus', 'mem'], 'ZKFC sidecars (one per name node)'),
    data_node: obj(
      node(true, { count: num(3), readiness_check: readiness(10, 10, 120, 120, 60, 60), placement: placement('[]') }),
      ['cpus', 'mem', 'disk', 'disk_type'],
      'Data nodes',
    ),
    hdfs: obj(
      {
        name_node_rpc_port: str('9001'),
        name_node_http_port: str('9002'),
        journal_node_rpc_port: str('8485'),
        journal_node_http_port: str('8480'),
        data_node_rpc_port: str('9003'),
        data_node_http_port: str('9004'),
        permissions_enabled: bool(false),
      },
      undefined,
      'hdfs-site.xml and core-site.xml settings',
    ),
  }),
};
