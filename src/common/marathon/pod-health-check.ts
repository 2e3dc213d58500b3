/**
 * Reads a pod container's `healthCheck` (`healthCheck.raml`, `PodsValidation.healthCheckValidator`): exactly one of
 * http, tcp or exec, timings, and an endpoint the container declares.
 */
import { POD_HEALTH_CHECK_DEFAULTS, type PodEndpoint, type PodHealthCheck } from './pod-definition.ts';
import { obj, type AtLeast, type Json } from './pod-read-helpers.ts';
import type { Violations } from './violations.ts';

/** `endpoints` are the container's own. */
export function readHealthCheck(hc: Json, at: string, endpoints: PodEndpoint[], v: Violations, atLeast: AtLeast): PodHealthCheck {
  const kinds = (['http', 'tcp', 'exec'] as const).filter((k) => hc[k] !== undefined);
  if (kinds.length !== 1) v.add(at, 'Only one of http, tcp, or command may be specified');
  const n = { ...POD_HEALTH_CHECK_DEFAULTS, ...hc } as typeof POD_HEALTH_CHECK_DEFAULTS;
  for (const key of ['gracePeriodSeconds', 'intervalSeconds', 'maxConsecutiveFailures', 'timeoutSeconds', 'delaySeconds'] as const)
    atLeast(`${at}/${key}`, n[key], 0);
  if (n.timeoutSeconds >= n.intervalSeconds)
    v.add(`${at}/timeoutSeconds`, `got ${n.timeoutSeconds}, expected less than ${n.intervalSeconds}`);
  const check: PodHealthCheck = {
    protocol: 'MESOS_TCP',
    gracePeriodSeconds: n.gracePeriodSeconds,
    intervalSeconds: n.intervalSeconds,
    timeoutSeconds: n.timeoutSeconds,
    maxConsecutiveFailures: n.maxConsecutiveFailures,
    delaySeconds: n.delaySeconds,
  };
  const kind = kinds[0];
  if (kind === 'http' || kind === 'tcp') {
    const target = hc[kind] as Json;
    const endpoint = target.endpoint as string;
    if (!endpoints.some((e) => e.name === endpoint)) v.add(`${at}/${kind}/endpoint`, 'contained in the container endpoints');
    check.endpoint = endpoint;
    if (kind === 'http') {
      check.protocol = ((target.scheme as string | undefined) ?? 'HTTP').toUpperCase() === 'HTTPS' ? 'MESOS_HTTPS' : 'MESOS_HTTP';
      if (typeof target.path === 'string') check.path = target.path;
    }
  } else if (kind === 'exec') {
    const command = obj(obj(hc.exec).command);
    check.protocol = 'COMMAND';
    if (typeof command.shell === 'string') {
      if (command.shell.length === 0) v.add(`${at}/exec/command/shell`, 'got 0, expected more than 0');
      check.command = { value: command.shell };
    } else {
      const argv = (command.argv as string[] | undefined) ?? [];
      if (argv.length === 0) v.add(`${at}/exec/command/argv`, 'got 0, expected more than 0');
      check.command = { value: argv.join(' ') };
      check.argv = argv;
    }
  }
  return check;
}
