/**
 * The endpoint variables Marathon puts in a pod task's environment (MA:src/main/scala/mesosphere/mesos/
 * TaskGroupBuilder.scala:667-690 `endpointEnvVars`) and `HOST` (computeCommandInfo, :501). They are computed once for
 * the whole pod: every container's task gets the variables of all the pod's endpoints, its own and the other
 * containers' alike, so one record per instance holds them. --env_vars_prefix is not simulated (DC/OS sets none).
 */
import type { PodDefinition } from '../../common/marathon/pod-definition.ts';

/** `ENDPOINT_<name>`'s spelling: upper-cased, then every run of other characters than [A-Z0-9_] made one `_`. */
export function endpointEnvName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9_]+/g, '_');
}

/**
 * `hostPorts`: aligned with the pod's endpoints across its containers, in order (null: that endpoint has no host
 * port). Per endpoint: `ENDPOINT_<NAME>` (the host port on host networking, else the containerPort; absent when that
 * is absent), `EP_HOST_<NAME>` (the host port, when it has one) and `EP_CONTAINER_<NAME>` (the containerPort, when it
 * has one). Two names that escape alike: the later endpoint's value wins (Scala's `toMap`).
 */
export function podEnv(pod: PodDefinition, hostPorts: ReadonlyArray<number | null>, hostname: string): Record<string, string> {
  const env: Record<string, string> = { HOST: hostname };
  const hostNetwork = pod.networkMode === 'host';
  pod.containers
    .flatMap((c) => c.endpoints)
    .forEach((endpoint, i) => {
      const name = endpointEnvName(endpoint.name);
      const hostPort = hostPorts[i] ?? null;
      const port = hostNetwork ? hostPort : (endpoint.containerPort ?? null);
      if (port !== null) env[`ENDPOINT_${name}`] = String(port);
      if (hostPort !== null) env[`EP_HOST_${name}`] = String(hostPort);
      if (endpoint.containerPort !== undefined) env[`EP_CONTAINER_${name}`] = String(endpoint.containerPort);
    });
  return env;
}
