/**
 * go-marathon's structs (dcos-core-cli 2.2 vendors github.com/gambol99/go-marathon): `Application` with its
 * `Container`, `Task`, `Residency`, `UpgradeStrategy` and `PortDefinition`; other nested structs are kept as
 * the API wrote them. `project(value, MARATHON_APP)` (go.ts) is what `dcos marathon app show|list --json` print.
 */
import type { GoField, GoType } from './go.ts';

const str = 'string';
const num = 'number';
const bool = 'bool';
const raw = 'raw';
const slice = (of: GoType): GoType => ({ slice: of });
const map = (of: GoType): GoType => ({ map: of });
const struct = (fields: GoField[]): GoType => ({ struct: fields });
const ptr = (of: GoType): GoType => ({ ptr: of });

/** go-marathon's `PortMapping` (docker.go). */
const portMapping = struct([
  ['containerPort', num, true],
  ['hostPort', num],
  ['labels', ptr(map(str)), true],
  ['name', str, true],
  ['servicePort', num, true],
  ['protocol', str, true],
  ['networkNames', ptr(slice(str)), true],
]);

/**
 * go-marathon's `Container` (docker.go): `type`, `docker`, `volumes`, `portMappings`. A persistent volume keeps
 * `type`, `size`, `maxSize` and `constraints` (no `profileName`); an external one `name`, `provider`, `options`.
 */
const container = struct([
  ['type', str, true],
  [
    'docker',
    ptr(
      struct([
        ['forcePullImage', ptr(bool), true],
        ['image', str, true],
        ['network', str, true],
        [
          'parameters',
          ptr(
            slice(
              struct([
                ['key', str, true],
                ['value', str, true],
              ]),
            ),
          ),
          true,
        ],
        ['portMappings', ptr(slice(portMapping)), true],
        ['privileged', ptr(bool), true],
        ['pullConfig', ptr(struct([['secret', str, true]])), true],
      ]),
    ),
    true,
  ],
  [
    'volumes',
    ptr(
      slice(
        struct([
          ['containerPath', str, true],
          ['hostPath', str, true],
          [
            'external',
            ptr(
              struct([
                ['name', str, true],
                ['provider', str, true],
                ['options', ptr(map('any')), true],
              ]),
            ),
            true,
          ],
          ['mode', str, true],
          [
            'persistent',
            ptr(
              struct([
                ['type', str, true],
                ['size', num],
                ['maxSize', num, true],
                ['constraints', ptr(slice(slice(str))), true],
              ]),
            ),
            true,
          ],
          ['secret', str, true],
        ]),
      ),
    ),
    true,
  ],
  ['portMappings', ptr(slice(portMapping)), true],
]);

/** go-marathon's `Task` (task.go): no `localVolumes`, no `role`. */
const task = struct([
  ['id', str],
  ['appId', str],
  ['host', str],
  [
    'healthCheckResults',
    slice(
      ptr(
        struct([
          ['alive', bool],
          ['consecutiveFailures', num],
          ['firstSuccess', str],
          ['lastFailure', str],
          ['lastFailureCause', str],
          ['lastSuccess', str],
          ['taskId', str],
        ]),
      ),
    ),
  ],
  ['ports', slice(num)],
  ['servicePorts', slice(num)],
  ['slaveId', str],
  ['stagedAt', str],
  ['startedAt', str],
  ['state', str],
  [
    'ipAddresses',
    slice(
      ptr(
        struct([
          ['ipAddress', str],
          ['protocol', str],
        ]),
      ),
    ),
  ],
  ['version', str],
]);

/**
 * go-marathon's `Application` (its `MarshalJSON`: the struct's fields, then `env` and `secrets`). Fields it
 * does not declare are dropped, as decoding drops them; `container`, `tasks` and `residency` are its structs.
 */
export const MARATHON_APP = struct([
  ['id', str, true],
  ['cmd', ptr(str), true],
  ['args', ptr(slice(str)), true],
  ['constraints', ptr(raw), true],
  ['container', ptr(container), true],
  ['cpus', num, true],
  ['gpus', ptr(num), true],
  ['disk', ptr(num), true],
  ['networks', ptr(raw), true],
  ['executor', ptr(str), true],
  ['healthChecks', ptr(raw), true],
  ['readinessChecks', ptr(raw), true],
  ['instances', ptr(num), true],
  ['mem', ptr(num), true],
  ['tasks', slice(ptr(task)), true],
  ['ports', slice(num)],
  [
    'portDefinitions',
    ptr(
      slice(
        struct([
          ['port', ptr(num), true],
          ['protocol', str, true],
          ['name', str, true],
          ['labels', ptr(map(str)), true],
        ]),
      ),
    ),
    true,
  ],
  ['requirePorts', ptr(bool), true],
  ['backoffSeconds', ptr(num), true],
  ['backoffFactor', ptr(num), true],
  ['maxLaunchDelaySeconds', ptr(num), true],
  ['taskKillGracePeriodSeconds', ptr(num), true],
  ['deployments', slice(map(str)), true],
  ['readinessCheckResults', ptr(raw), true],
  ['dependencies', slice(str)],
  ['tasksRunning', num, true],
  ['tasksStaged', num, true],
  ['tasksHealthy', num, true],
  ['tasksUnhealthy', num, true],
  ['taskStats', map(raw), true],
  ['user', str, true],
  [
    'upgradeStrategy',
    ptr(
      struct([
        ['minimumHealthCapacity', ptr(num), true],
        ['maximumOverCapacity', ptr(num), true],
      ]),
    ),
    true,
  ],
  ['unreachableStrategy', ptr(raw), true],
  ['killSelection', str, true],
  ['uris', ptr(slice(str)), true],
  ['version', str, true],
  ['versionInfo', ptr(raw), true],
  ['labels', ptr(map(str)), true],
  ['acceptedResourceRoles', slice(str), true],
  ['lastTaskFailure', ptr(raw), true],
  ['fetch', ptr(raw), true],
  ['ipAddress', ptr(raw), true],
  [
    'residency',
    ptr(
      struct([
        ['taskLostBehavior', str, true],
        ['relaunchEscalationTimeoutSeconds', num, true],
      ]),
    ),
    true,
  ],
  ['role', ptr(str), true],
  ['env', map(raw), true],
  ['secrets', map(raw), true],
]);
