/**
 * The port variables Marathon puts in an app task's environment (MA:src/main/scala/mesosphere/mesos/
 * EnvironmentHelper.scala:34-104) and `HOST` (TaskBuilder.scala:229-245). --env_vars_prefix is not simulated (DC/OS
 * sets none), so no variable is prefixed.
 */
import type { AppDefinition } from '../../common/marathon/app-definition.ts';
import type { RandomInt } from './ports-matcher.ts';

/** Container ports Marathon generates for a containerPort 0 without a host port: uniform in [1025, 65535]. */
const GENERATED_MIN = 1025;
const GENERATED_MAX = 65535;

interface PortRequest {
  /** The mapping's containerPort, or the port definition's (service) port; 0 = any. */
  port: number;
  name: string | undefined;
}

/** Mappings' (name, containerPort) when the container has mappings, else the port definitions' (name, port). */
export function portRequests(app: AppDefinition): PortRequest[] {
  const mappings = app.container?.portMappings;
  if (Array.isArray(mappings) && mappings.length > 0)
    return (mappings as Array<Record<string, unknown>>).map((m) => ({
      port: typeof m.containerPort === 'number' ? m.containerPort : 0,
      name: typeof m.name === 'string' ? m.name : undefined,
    }));
  return app.portDefinitions.map((p) => ({ port: p.port, name: p.name }));
}

/**
 * `hostPorts` aligned with the requests (null: the request has no host port). `random` draws the generated
 * container ports (the engine's seeded generator).
 */
export function portEnv(
  app: AppDefinition,
  hostPorts: ReadonlyArray<number | null>,
  hostname: string,
  random: RandomInt,
): Record<string, string> {
  const requests = portRequests(app);
  const env: Record<string, string> = {};
  if (requests.length > 0) Object.assign(env, portsEnv(requests, hostPorts, random));
  env.HOST = hostname;
  return env;
}

function portsEnv(requests: PortRequest[], hostPorts: ReadonlyArray<number | null>, random: RandomInt): Record<string, string> {
  const env: Record<string, string> = {};
  // Ports already named by a variable: a generated port is none of them (EnvironmentHelper.scala:41-55).
  const consumed = new Set<number>([...requests.map((r) => r.port), ...hostPorts.filter((p): p is number => p !== null)]);
  const generate = (): number => {
    for (;;) {
      const p = random(GENERATED_MIN, GENERATED_MAX);
      if (!consumed.has(p)) {
        consumed.add(p);
        return p;
      }
    }
  };
  // Per request without a host port: the port the container listens on (its containerPort, or a generated one).
  const containerSide = new Map<number, number>();
  requests.forEach((r, i) => {
    const host = hostPorts[i] ?? null;
    if (host !== null) env[`PORT${i}`] = String(host);
    else {
      const port = r.port === 0 ? generate() : r.port;
      containerSide.set(i, port);
      env[`PORT${i}`] = String(port);
    }
  });
  requests.forEach((r, i) => {
    const value = hostPorts[i] ?? containerSide.get(i)!;
    env[`PORT_${r.port === 0 ? value : r.port}`] = String(value);
  });
  requests.forEach((r, i) => {
    if (r.name !== undefined) env[`PORT_${r.name.toUpperCase()}`] = String(hostPorts[i] ?? containerSide.get(i)!);
  });
  // Host ports first, then the container-side ports in request order.
  const all = [...hostPorts.filter((p): p is number => p !== null), ...containerSide.values()];
  if (all.length > 0) env.PORT = String(all[0]);
  env.PORTS = all.join(',');
  return env;
}
