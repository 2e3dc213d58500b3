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

const PORT_INDEX_RULE = 'Health check port indices must address an element of the ports array or container port mappings.';
const IPV6_RULE = 'IPv6 can only be used for container type DOCKER and Mesos http/https/tcp health checks';

/** What the app around the checks has: how many ports, and its container type (null without a container). */
export interface CheckedApp {
  ports: number;
  containerType: string | null;
}

/**
 * The checks with defaults filled in (types already checked) and the rules' violations (`AppValidation`); and the
 * error Marathon's conversion to its model throws for a check the rules let through (answered 500), if any.
 */
export function readHealthChecks(
  checks: readonly unknown[],
  app: CheckedApp,
  v: Violations,
): { checks: HealthCheck[]; conversionError: string | null } {
  let mesosSide = 0;
  let conversionError: string | null = null;
  const read = checks.map((raw, i) => {
    const given = Object.fromEntries(Object.entries(raw as Json).filter(([, x]) => x !== null));
    const hc = { ...HEALTH_CHECK_DEFAULTS, ...given } as unknown as HealthCheck;
    hc.protocol = protocolOf(hc.protocol) ?? 'HTTP';
    // An enum, read in any case (`ipv6` is IPv6).
    if (typeof hc.ipProtocol === 'string') hc.ipProtocol = hc.ipProtocol.toUpperCase() === 'IPV6' ? 'IPv6' : 'IPv4';
    const at = `/healthChecks(${i})`;
    const mesosProtocol = hc.protocol.startsWith('MESOS_');
    if (hc.ipProtocol === 'IPv6' && !(mesosProtocol && app.containerType === 'DOCKER')) v.add(at, IPV6_RULE);
    // Marathon's own checks drop what was posted for these (HealthCheckConversion): written as false, 15 and IPv4.
    if (hc.protocol === 'HTTP' || hc.protocol === 'HTTPS' || hc.protocol === 'TCP') {
      delete hc.ignoreHttp1xx;
      hc.delaySeconds = HEALTH_CHECK_DEFAULTS.delaySeconds;
      hc.ipProtocol = 'IPv4';
    }
    if (mesosProtocol && hc.command === undefined) mesosSide++;
    if (hc.command === undefined && hc.protocol !== 'COMMAND' && !addressesAPort(hc, app.ports)) v.add(at, PORT_INDEX_RULE);
    conversionError ??= conversionErrorOf(hc);
    return hc;
  });
  if (mesosSide > 1) v.add('/', 'AppDefinition can contain at most one Mesos health check');
  return { checks: read, conversionError };
}

/** A port index within the app's ports; or a port of its own; or, with neither, the app's only port. */
function addressesAPort(hc: HealthCheck, ports: number): boolean {
  if (hc.portIndex !== undefined) return hc.portIndex < ports;
  return hc.port !== undefined || ports === 1;
}

/** `HealthCheckConversion.appHealthCheckRamlReader`: the combinations it cannot convert. */
function conversionErrorOf(hc: HealthCheck): string | null {
  if (hc.command !== undefined) {
    if (hc.path !== undefined || hc.port !== undefined) return `Invalid combination of HealthCheck parameters in ${scalaText(hc)}`;
    return hc.protocol === 'COMMAND' ? null : `illegal protocol ${hc.protocol} specified with command`;
  }
  return hc.protocol === 'COMMAND' ? 'illegal protocol COMMAND for non-command health check' : null;
}

/** The check as Scala prints the `AppHealthCheck` case class (fields in the RAML's order, optional ones as Some/None). */
function scalaText(hc: HealthCheck): string {
  const option = (x: unknown) => (x === undefined ? 'None' : `Some(${String(x)})`);
  const fields = [
    option(hc.command && `AppCommandCheck(${hc.command.value})`),
    hc.gracePeriodSeconds,
    option(hc.ignoreHttp1xx),
    hc.intervalSeconds,
    hc.maxConsecutiveFailures,
    option(hc.path),
    option(hc.port),
    option(hc.portIndex),
    hc.protocol,
    hc.ipProtocol ?? 'IPv4',
    hc.timeoutSeconds,
    hc.delaySeconds,
  ];
  return `AppHealthCheck(${fields.join(',')})`;
}
