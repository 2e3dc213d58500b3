/**
 * The Go structs dcos-core-cli 2.2 decodes Mesos' JSON into before it prints `--json` (`pkg/mesos/types.go`;
 * go-marathon's are in go-marathon-shapes.ts). `project(value, shape)` (go.ts) gives what the Go CLI prints for `value`.
 */
import type { GoField, GoType } from './go.ts';

const str = 'string';
const num = 'number';
const bool = 'bool';
const slice = (of: GoType): GoType => ({ slice: of });
const map = (of: GoType): GoType => ({ map: of });
const struct = (fields: GoField[]): GoType => ({ struct: fields });

const resources = struct([
  ['cpus', num],
  ['disk', num],
  ['gpus', num],
  ['mem', num],
  ['ports', str],
]);

const label = struct([
  ['key', str],
  ['value', str],
]);

const containerId: GoType = struct([
  ['value', str],
  ['parent', { ptr: struct([['value', str]]) }],
]);

/** `mesos.Task` */
export const MESOS_TASK = struct([
  ['executor_id', str],
  ['framework_id', str],
  ['id', str],
  ['labels', slice(label)],
  ['name', str],
  ['resources', resources],
  ['slave_id', str],
  ['state', str],
  [
    'statuses',
    slice(
      struct([
        ['state', str],
        ['timestamp', num],
        [
          'container_status',
          struct([
            ['container_id', containerId],
            [
              'network_infos',
              slice(
                struct([
                  ['ip_address', str],
                  ['ip_addresses', slice(struct([['ip_address', str]]))],
                ]),
              ),
            ],
          ]),
        ],
      ]),
    ),
  ],
  [
    'discovery',
    struct([
      ['visibility', str],
      ['name', str],
      [
        'ports',
        struct([
          [
            'ports',
            slice(
              struct([
                ['number', num],
                ['protocol', str],
              ]),
            ),
          ],
        ]),
      ],
    ]),
  ],
  [
    'container',
    struct([
      ['type', str],
      [
        'docker',
        struct([
          ['image', str],
          ['network', str],
          [
            'port_mappings',
            slice(
              struct([
                ['host_port', num],
                ['container_port', num],
                ['protocol', str],
              ]),
            ),
          ],
          ['privileged', bool],
          ['parameters', slice(label)],
          ['force_pull_image', bool],
        ]),
      ],
    ]),
  ],
]);

const domain = struct([
  [
    'fault_domain',
    struct([
      ['region', struct([['name', str]])],
      ['zone', struct([['name', str]])],
    ]),
  ],
]);

/** `mesos.Slave`, as `dcos node list --json` fills it (task counters from the state summary, status, IPs). */
export const MESOS_SLAVE = struct([
  ['TASK_ERROR', num],
  ['TASK_FAILED', num],
  ['TASK_FINISHED', num],
  ['TASK_KILLED', num],
  ['TASK_KILLING', num],
  ['TASK_LOST', num],
  ['TASK_RUNNING', num],
  ['TASK_STAGING', num],
  ['TASK_STARTING', num],
  ['TASK_UNREACHABLE', num],
  ['active', bool],
  ['attributes', map('any')],
  ['capabilities', slice(str)],
  ['domain', domain],
  ['framework_ids', slice(str)],
  ['hostname', str],
  ['public_ips', slice(str)],
  ['id', str],
  ['pid', str],
  ['port', num],
  ['region', str],
  ['registered_time', num],
  ['resources', resources],
  ['used_resources', resources],
  ['offered_resources', resources],
  ['reserved_resources', map(resources)],
  ['unreserved_resources', resources],
  ['type', str],
  ['version', str],
  ['zone', str],
  ['status', str],
]);

/** `mesos.Host` (`dcos node dns`) */
export const MESOS_HOST = struct([
  ['host', str],
  ['ip', str],
]);

/** `mesos.Master` */
export const MESOS_MASTER = struct([
  ['host', str],
  ['ip', str],
  ['public_ips', slice(str)],
  ['type', str],
  ['region', str],
  ['zone', str],
  ['id', str],
  ['pid', str],
  ['version', str],
]);

const executor = struct([
  ['completed_tasks', slice(MESOS_TASK)],
  ['container', str],
  ['directory', str],
  ['id', str],
  ['name', str],
  ['resources', resources],
  ['source', str],
  ['queued_tasks', slice(MESOS_TASK)],
  ['tasks', slice(MESOS_TASK)],
]);

const offer = struct([
  ['id', str],
  ['framework_id', str],
  ['slave_id', str],
  ['hostname', str],
  [
    'url',
    struct([
      ['scheme', str],
      [
        'address',
        struct([
          ['hostname', str],
          ['ip', str],
          ['port', num],
        ]),
      ],
      ['path', str],
      ['parameters', slice(label)],
    ]),
  ],
  ['resources', resources],
  ['attributes', map(str)],
]);

/** `mesos.Framework` */
export const MESOS_FRAMEWORK = struct([
  ['active', bool],
  ['capabilities', slice(str)],
  ['checkpoint', bool],
  ['completed_tasks', slice(MESOS_TASK)],
  ['executors', slice(executor)],
  ['completed_executors', slice(executor)],
  ['failover_timeout', num],
  ['hostname', str],
  ['id', str],
  ['name', str],
  ['pid', str],
  ['offered_resources', resources],
  ['offers', slice(offer)],
  ['registered_time', num],
  ['reregistered_time', num],
  ['resources', resources],
  ['role', str],
  ['tasks', slice(MESOS_TASK)],
  ['unregistered_time', num],
  ['used_resources', resources],
  ['user', str],
  ['webui_url', str],
  ['label', slice(label)],
]);
