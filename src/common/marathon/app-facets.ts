/**
 * The RAML facets Marathon's JSON reader checks on a posted app before any rule (`types/*.raml`: minimum, maximum,
 * minLength, maxLength, pattern, minItems, maxItems, int32), answered as Play reports them in 422 "Invalid JSON":
 * `error.min`, `error.max`, `error.minLength`, `error.maxLength` (arrays too), `error.pattern` (a full match) and
 * `error.expected.int`. A field that is not of its JSON type is left to the type checks.
 */
import type { Violations } from './violations.ts';

interface Facets {
  int?: boolean;
  long?: boolean;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
}

const INT32_MAX = 2 ** 31 - 1;
const PATH_ID: Facets = {
  minLength: 1,
  pattern: /^(\/?((\.\.)|(([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9]))?($|\/))+$/,
};
const LEGACY_NAME: Facets = { minLength: 1, pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/ };
const NAME: Facets = { minLength: 1, maxLength: 63, pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/ };
const NETWORK_NAME: Facets = { minLength: 1, maxLength: 63, pattern: /^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$/ };
const URI: Facets = { minLength: 1, maxLength: 1024 };
const PORT: Facets = { int: true, min: 0, max: 65535 };
const COUNT: Facets = { int: true, min: 0 };
const AT_LEAST_0: Facets = { min: 0 };
const NOT_EMPTY: Facets = { minLength: 1 };
const PORT_MAPPING: Array<[string, Facets]> = [
  ['containerPort', PORT],
  ['hostPort', PORT],
  ['servicePort', PORT],
  ['name', LEGACY_NAME],
  ['networkNames.*', NAME],
];

/** Dotted paths below the app (`*`: every item of an array or value of a map) and their facets, in Marathon's field order. */
const APP_FACETS: Array<[string, Facets]> = [
  ['id', PATH_ID],
  ['backoffFactor', { min: 1 }],
  ['backoffSeconds', COUNT],
  ['cmd', NOT_EMPTY],
  ...PORT_MAPPING.map(([f, facets]): [string, Facets] => [`container.portMappings.*.${f}`, facets]),
  ...PORT_MAPPING.map(([f, facets]): [string, Facets] => [`container.docker.portMappings.*.${f}`, facets]),
  ['container.docker.image', NOT_EMPTY],
  ['container.docker.parameters.*.key', NOT_EMPTY],
  ['container.docker.pullConfig.secret', NOT_EMPTY],
  ['cpus', { min: 0.001 }],
  ['dependencies.*', PATH_ID],
  ['disk', AT_LEAST_0],
  ['executor', { pattern: /^(\/\/cmd)|(\/?[^/]+(\/[^/]+)*)|$/ }],
  ['executorResources.cpus', { min: 0.1 }],
  ['executorResources.mem', { min: 32 }],
  ['executorResources.disk', { min: 10 }],
  ['fetch.*.uri', URI],
  ['fetch.*.destPath', URI],
  ['healthChecks.*.gracePeriodSeconds', COUNT],
  ['healthChecks.*.intervalSeconds', COUNT],
  ['healthChecks.*.maxConsecutiveFailures', COUNT],
  ['healthChecks.*.port', PORT],
  ['healthChecks.*.portIndex', PORT],
  ['healthChecks.*.timeoutSeconds', { int: true }],
  ['healthChecks.*.delaySeconds', COUNT],
  ['instances', COUNT],
  ['maxLaunchDelaySeconds', COUNT],
  ['mem', AT_LEAST_0],
  ['gpus', COUNT],
  ['ipAddress.networkName', NOT_EMPTY],
  ['ipAddress.discovery.ports.*.number', PORT],
  ['ipAddress.discovery.ports.*.name', LEGACY_NAME],
  ['networks.*.name', NETWORK_NAME],
  ['ports.*', PORT],
  ['portDefinitions.*.port', PORT],
  ['portDefinitions.*.name', LEGACY_NAME],
  ['readinessChecks.*.name', NOT_EMPTY],
  ['readinessChecks.*.path', URI],
  ['readinessChecks.*.portName', LEGACY_NAME],
  ['readinessChecks.*.intervalSeconds', COUNT],
  ['readinessChecks.*.timeoutSeconds', { int: true, min: 1 }],
  ['readinessChecks.*.httpStatusCodesForReady', { minLength: 1 }],
  ['readinessChecks.*.httpStatusCodesForReady.*', { int: true, min: 100, max: 999 }],
  ['residency.relaunchEscalationTimeoutSeconds', { long: true, min: 0 }],
  ['secrets.*.source', NOT_EMPTY],
  ['taskKillGracePeriodSeconds', COUNT],
  ['upgradeStrategy.maximumOverCapacity', { min: 0, max: 1 }],
  ['upgradeStrategy.minimumHealthCapacity', { min: 0, max: 1 }],
  ['uris.*', URI],
  ['unreachableStrategy.inactiveAfterSeconds', { long: true, min: 0 }],
  ['unreachableStrategy.expungeAfterSeconds', { long: true, min: 0 }],
  ['role', NOT_EMPTY],
];

/**
 * Required fields of objects Marathon reads field by field (`json \ "f" validate`): a missing one is reported as
 * `'f' is undefined on object: <the object>` (`[object path, field]`; '' is the app).
 */
const REQUIRED: Array<[string, string]> = [
  ['', 'id'],
  ['container.docker', 'image'],
  ['container.docker.parameters.*', 'key'],
  ['container.docker.parameters.*', 'value'],
  ['container.docker.pullConfig', 'secret'],
  ['fetch.*', 'uri'],
  ['ipAddress.discovery.ports.*', 'name'],
  ['secrets.*', 'source'],
  ['upgradeStrategy', 'maximumOverCapacity'],
  ['upgradeStrategy', 'minimumHealthCapacity'],
];

/** Adds the errors of missing required fields and of facets (values of the wrong JSON type are left alone). */
export function appFacetViolations(json: Record<string, unknown>, types: Violations): void {
  volumeUnionViolations(json, types);
  for (const [path, field] of REQUIRED)
    visit(json, path ? path.split('.') : [], '', (object, at) => {
      if (isObject(object) && object[field] === undefined)
        types.add(`${at}/${field}`, `'${field}' is undefined on object: ${JSON.stringify(object)}`);
    });
  for (const [path, facets] of APP_FACETS)
    visit(json, path.split('.'), '', (value, at) => {
      for (const error of facetErrors(value, facets)) types.add(at || '/', error);
    });
}

/** Calls `found` with each value at the dotted path and where it is (`*` walks every item of an array or map). */
function visit(value: unknown, rest: string[], at: string, found: (value: unknown, at: string) => void): void {
  if (rest.length === 0) {
    found(value, at);
    return;
  }
  const [segment, ...below] = rest as [string, ...string[]];
  if (segment === '*') {
    if (Array.isArray(value)) value.forEach((x, i) => visit(x, below, `${at}(${i})`, found));
    else if (isObject(value)) for (const [k, x] of Object.entries(value)) visit(x, below, `${at}/${k}`, found);
  } else if (isObject(value) && value[segment] !== undefined && value[segment] !== null) {
    visit(value[segment], below, `${at}/${segment}`, found);
  }
}

/** Play's errors for one value, in its order: the int read first (it fails alone), then min, max, lengths, pattern. */
function facetErrors(value: unknown, f: Facets): string[] {
  const errors: string[] = [];
  if (typeof value === 'number') {
    if (f.int && (!Number.isInteger(value) || value > INT32_MAX || value < -INT32_MAX - 1)) return ['error.expected.int'];
    if (f.long && !Number.isSafeInteger(value)) return ['error.expected.long'];
    if (f.min !== undefined && value < f.min) errors.push('error.min');
    if (f.max !== undefined && value > f.max) errors.push('error.max');
  }
  const length = typeof value === 'string' || Array.isArray(value) ? value.length : null;
  if (length !== null) {
    if (f.minLength !== undefined && length < f.minLength) errors.push('error.minLength');
    if (f.maxLength !== undefined && length > f.maxLength) errors.push('error.maxLength');
  }
  if (typeof value === 'string' && f.pattern && !fullMatch(f.pattern, value)) errors.push('error.pattern');
  return errors;
}

/** Scala's `Regex.unapplySeq`: the whole string must match (alternatives of the pattern included). */
function fullMatch(pattern: RegExp, value: string): boolean {
  const whole = new RegExp(`^(?:${pattern.source})$`);
  return whole.test(value);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const READ_MODES = ['RO', 'RW'];
const isReadMode = (x: unknown): boolean => typeof x === 'string' && READ_MODES.includes(x.toUpperCase());

/**
 * `AppVolume` is a union read member by member (persistent, external, secret, host) with Play's `orElse`: every field
 * of a member required and its facets met, or the next member is tried; a volume no member reads gets the last
 * member's errors only, the host volume's (`UnionVisitor`), even when an earlier member failed on a facet alone.
 */
function volumeUnionViolations(json: Record<string, unknown>, types: Violations): void {
  const container = json.container;
  const volumes = isObject(container) && Array.isArray(container.volumes) ? (container.volumes as unknown[]) : [];
  volumes.forEach((vol, i) => {
    if (!isObject(vol) || readsAsMember(vol)) return;
    const at = `/container/volumes(${i})`;
    for (const field of ['containerPath', 'hostPath', 'mode'])
      if (vol[field] === undefined || vol[field] === null)
        types.add(`${at}/${field}`, `'${field}' is undefined on object: ${JSON.stringify(vol)}`);
      else if (field !== 'mode') for (const error of facetErrors(vol[field], NOT_EMPTY)) types.add(`${at}/${field}`, error);
    if (vol.mode !== undefined && vol.mode !== null && !isReadMode(vol.mode)) types.add(`${at}/mode`, 'error.unknown.enum.literal');
  });
}

const passes = (value: unknown, facets: Facets): boolean =>
  value === undefined || value === null || facetErrors(value, facets).length === 0;
const nonEmptyString = (x: unknown): boolean => typeof x === 'string' && x.length > 0;

function readsAsMember(vol: Record<string, unknown>): boolean {
  if (!nonEmptyString(vol.containerPath)) return false;
  const persistent = vol.persistent;
  if (
    isObject(persistent) &&
    typeof persistent.size === 'number' &&
    passes(persistent.size, AT_LEAST_0) &&
    passes(persistent.maxSize, AT_LEAST_0) &&
    (!Array.isArray(persistent.constraints) || persistent.constraints.every((c) => passes(c, { minLength: 2, maxLength: 3 }))) &&
    isReadMode(vol.mode)
  )
    return true;
  const external = vol.external;
  if (
    isObject(external) &&
    passes(external.size, AT_LEAST_0) &&
    passes(isObject(external.options) ? external.options.pluginName : undefined, NOT_EMPTY) &&
    isReadMode(vol.mode)
  )
    return true;
  if (nonEmptyString(vol.secret)) return true;
  return nonEmptyString(vol.hostPath) && isReadMode(vol.mode);
}
