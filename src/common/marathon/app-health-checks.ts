/**
 * An app's `healthChecks` (`healthCheck.raml` AppHealthCheck, `AppValidation`): first their JSON types, as
 * Marathon's RAML readers report them (each check an object, `protocol` an AppHealthCheckProtocol matched
 * case-insensitively, numbers and strings where the RAML says so; null reads as absent), then the rules.
 */
import { HEALTH_CHECK_DEFAULTS, type HealthCheck, type HealthCheckProtocol } from './app-definition.ts';
import { fitsKind, type JsonKind } from './json-shape.ts';
import type { Violations } from './violations.ts';

type Json = Record<string, unknown>;

export const HC_PROTOCOLS: readonly HealthCheckProtocol[] = ['HTTP', 'HTTPS', 'TCP', 'COMMAND', 'MESOS_HTTP', 'MESOS_HTTPS', 'MESOS_TCP'];

/** The typed fields of an AppHealthCheck, in the RAML's order. */
const HC_FIELD_KINDS: [string, JsonKind][] = [
  ['command', 'object'],
  ['gracePeriodSeconds', 'number'],
  ['ignoreHttp1xx', 'boolean'],
  ['intervalSeconds', 'number'],
  ['maxConsecutiveFailures', 'number'],
  ['path', 'string'],
  ['port', 'number'],
  ['portIndex', 'number'],
  ['timeoutSeconds', 'number'],
  ['delaySeconds', 'number'],
];

const protocolOf = (raw: unknown): HealthCheckProtocol | undefined =>
  typeof raw === 'string' ? HC_PROTOCOLS.find((p) => p === raw.toUpperCase()) : undefined;

/** Type errors of `healthChecks` (already known to be an array), at `/healthChecks(i)/…`. */
export function checkHealthCheckTypes(checks: readonly unknown[], types: Violations): void {
  checks.forEach((raw, i) => {
    const at = `/healthChecks(${i})`;
    if (!fitsKind(raw, 'object')) {
      types.add(at, 'error.expected.jsobject');
      return;
    }
    const hc = raw as Json;
    for (const [field, kind] of HC_FIELD_KINDS) {
      const x = hc[field];
      if (x !== undefined && x !== null && !fitsKind(x, kind)) types.add(`${at}/${field}`, `error.expected.js${kind}`);
    }
    if (hc.protocol !== undefined && hc.protocol !== null && protocolOf(hc.protocol) === undefined)
      types.add(`${at}/protocol`, 'error.unknown.enum.literal');
    const command = hc.command;
    if (fitsKind(command, 'object')) {
      const value = (command as Json).value;
      if (value !== undefined && value !== null && typeof value !== 'string') types.add(`${at}/command/value`, 'error.expected.jsstring');
    }
  });
}

/** The checks with defaults filled in (types already checked), and rule violations; `ports`: how many the app has. */
export function readHealthChecks(checks: readonly unknown[], ports: number, v: Violations): HealthCheck[] {
  let mesosSide = 0;
  const read = checks.map((raw, i) => {
    const given = Object.fromEntries(Object.entries(raw as Json).filter(([, x]) => x !== null));
    const hc = { ...HEALTH_CHECK_DEFAULTS, ...given } as unknown as HealthCheck;
    hc.protocol = protocolOf(hc.protocol) ?? 'HTTP';
    // Marathon's own checks drop what was posted for these two (HealthCheckConversion): written as false and 15.
    if (hc.protocol === 'HTTP' || hc.protocol === 'HTTPS' || hc.protocol === 'TCP') {
      delete hc.ignoreHttp1xx;
      hc.delaySeconds = HEALTH_CHECK_DEFAULTS.delaySeconds;
      hc.ipProtocol = 'IPv4';
    }
    const at = `/healthChecks(${i})`;
    if (hc.protocol.startsWith('MESOS_') || hc.protocol === 'COMMAND') mesosSide++;
    if (hc.protocol === 'COMMAND') {
      if (!hc.command?.value) v.add(`${at}/command`, 'COMMAND health checks need a command value');
    } else if ((hc.portIndex ?? 0) >= ports) {
      v.add(at, 'Health check port indices must address an element of the ports array or container port mappings.');
    }
    for (const key of ['gracePeriodSeconds', 'intervalSeconds', 'timeoutSeconds', 'maxConsecutiveFailures', 'delaySeconds'] as const) {
      if (hc[key] < 0) v.add(`${at}/${key}`, 'must be a non-negative number');
    }
    return hc;
  });
  if (mesosSide > 1) v.add('/', 'AppDefinition can contain at most one Mesos health check');
  return read;
}
