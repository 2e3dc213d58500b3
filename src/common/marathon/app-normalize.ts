/**
 * Marathon's normalization of a posted app (`AppNormalization.scala`): the deprecated forms turned into the
 * canonical ones before validation (`uris` → `fetch`, `ports` → `portDefinitions`, `ipAddress` and
 * `container.docker.network` → `networks`, `container.docker.portMappings` → `container.portMappings`), and the
 * defaults that depend on networking after it (host network, default port mappings, bridge host ports, default
 * network name, `requirePorts`, the unreachable strategy of apps with persistent volumes). Input: JSON whose
 * types are already checked; output: the same JSON in canonical form (fields it does not touch are kept).
 */
import { Violations } from './violations.ts';
import type { MarathonFlags } from './flags.ts';
import { deprecatedContainerViolations } from './app-rules.ts';
import { isJavaUri } from './uri-syntax.ts';
import { hasPersistentVolume, volumesOf } from './pod-volumes.ts';
import { APP_DEFAULTS } from './app-definition.ts';
import { readinessCheckOf } from './readiness-check.ts';

type Json = Record<string, unknown>;

export interface NetworkConfig {
  /** --default_network_name: the name a `container` network without one gets (none by default). */
  defaultNetworkName: string | null;
  /** --mesos_bridge_name: an `ipAddress.networkName` equal to it means the bridge. */
  mesosBridgeName: string;
}

/** The networking flags in force. */
export function networkConfigOf(flags: MarathonFlags): NetworkConfig {
  return { defaultNetworkName: flags.default_network_name, mesosBridgeName: flags.mesos_bridge_name };
}

/** A `NormalizationException`: Marathon has no mapper for it, so the client gets a 500 with its message. */
export class NormalizationError extends Error {}

const DEFAULT_PORT_MAPPING = { containerPort: 0, name: 'default', protocol: 'tcp', servicePort: 0, labels: {} } as const;

/** `FetchUri.isExtract`: the suffixes the Mesos fetcher unpacks. */
const EXTRACT_SUFFIXES = ['.tar', '.tar.gz', '.tar.bz2', '.tar.xz', '.gz', '.tgz', '.tbz2', '.txz', '.zip'];

const objects = (x: unknown): Json[] => (Array.isArray(x) ? (x as Json[]) : []);
const upper = (x: unknown) => (typeof x === 'string' ? x.toUpperCase() : undefined);
const lower = (x: unknown) => (typeof x === 'string' ? x.toLowerCase() : undefined);
const isHost = (n: Json) => n.mode === 'host';

/** `validateOldAppAPI`: the rules on deprecated fields and their mix with canonical ones (422 "Object is not valid"). */
export function deprecatedFieldViolations(json: Json): Violations {
  const v = new Violations();
  const container = json.container as Json | undefined;
  const docker = container?.docker as Json | undefined;
  const ipAddress = json.ipAddress as Json | undefined;
  deprecatedContainerViolations(json, v);
  // Any discovery at all, even without ports (`discovery.nonEmpty` of an Option).
  if (ipAddress && container && upper(container.type ?? 'DOCKER') === 'DOCKER' && ipAddress.discovery !== undefined)
    v.add('/ipAddress', 'ipAddress/discovery is not allowed for Docker containers');
  const uris = json.uris as string[] | undefined;
  uris?.forEach((uri, i) => {
    if (!isJavaUri(uri)) v.add(`/uris(${i})`, 'URI has invalid syntax.');
  });
  if (uris && uris.length > 0 && objects(json.fetch).length > 0) v.add('/uris', 'may not be set in conjunction with fetch');
  const networks = json.networks as Json[] | undefined;
  if (docker?.network !== undefined && networks && networks.length > 0)
    v.add('/', 'must not specify both container.docker.network and networks');
  if (ipAddress && networks && networks.length > 0) v.add('/', 'must not specify both networks and ipAddress');
  const ports = (json.ports as number[] | undefined) ?? [];
  const fixed = ports.filter((p) => p !== 0);
  if (new Set(fixed).size !== fixed.length) v.add('/', 'ports must be unique');
  if (ipAddress && (ports.length > 0 || objects(json.portDefinitions).length > 0)) v.add('/', 'cannot specify both an IP address and port');
  const defs = json.portDefinitions as Json[] | undefined;
  if (json.ports !== undefined && defs !== undefined && JSON.stringify(defs.map((d) => d.port ?? 0)) !== JSON.stringify(ports))
    v.add('/', 'cannot specify both ports and port definitions');
  return v;
}

/** `forDeprecated`: the canonical form of the deprecated fields (before validation). Throws NormalizationError. */
export function migrateDeprecated(json: Json, config: NetworkConfig): Json {
  const out: Json = { ...json };
  const fetch = fetchOf(json);
  if (fetch !== undefined) out.fetch = fetch;
  delete out.uris;
  const networks = networksOf(json, config);
  out.networks = networks;
  delete out.ipAddress;
  const migratedPorts =
    (json.portDefinitions as Json[] | undefined) ?? (json.ports as number[] | undefined)?.map((port) => ({ port, protocol: 'tcp' }));
  delete out.ports;
  if (networks.some((n) => !isHost(n))) delete out.portDefinitions;
  else out.portDefinitions = migratedPorts ?? APP_DEFAULTS.portDefinitions.map((p) => ({ ...p }));
  const ipAddress = json.ipAddress as Json | undefined;
  const container = (json.container as Json | undefined) ?? (ipAddress ? { type: 'MESOS' } : undefined);
  if (container) out.container = containerPorts(container, networks, migratedPorts, ipAddress);
  const checks = json.healthChecks as Json[] | undefined;
  // Marathon looks at the ports as posted here, so a check of an app with only the default port keeps no portIndex
  // until Marathon reads the app back from its store (HealthCheck.scala), where it becomes 0. The sandbox stores the
  // app as read back: the same check then, and a definition that normalizes to itself when it is posted again.
  if (checks && (objects(out.portDefinitions).length > 0 || (out.container as Json | undefined)?.portMappings !== undefined))
    out.healthChecks = checks.map(withDefaultPortIndex);
  const readiness = json.readinessChecks as Json[] | undefined;
  if (readiness) out.readinessChecks = readiness.map((check) => ({ ...readinessCheckOf(check) }));
  return out;
}

/** `forPostValidation`: networking defaults that need valid input. */
export function normalizeNetworking(json: Json, config: NetworkConfig): Json {
  const out: Json = { ...json };
  const given = objects(json.networks);
  const networks = (given.length > 0 ? given : [{ mode: 'host' }]).map((n) =>
    n.mode === 'container' && n.name === undefined && config.defaultNetworkName !== null ? { ...n, name: config.defaultNetworkName } : n,
  );
  out.networks = networks;
  const nonHost = networks.some((n) => !isHost(n));
  const bridged = networks.some((n) => n.mode === 'container/bridge');
  const container =
    (json.container as Json | undefined) ?? (nonHost ? { type: 'MESOS', portMappings: [{ ...DEFAULT_PORT_MAPPING }] } : undefined);
  if (container) {
    const docker = container.docker as Json | undefined;
    const next: Json = { ...container };
    if (docker) {
      next.docker = { ...docker };
      delete (next.docker as Json).network;
    }
    if (bridged && Array.isArray(container.portMappings))
      next.portMappings = objects(container.portMappings).map((m) => (m.hostPort === undefined ? { ...m, hostPort: 0 } : m));
    out.container = next;
  }
  if (json.unreachableStrategy === undefined || json.unreachableStrategy === null)
    out.unreachableStrategy = hasPersistentVolume(volumesOf(container)) ? 'disabled' : { inactiveAfterSeconds: 0, expungeAfterSeconds: 0 };
  if (nonHost) out.requirePorts = false;
  return out;
}

function fetchOf(json: Json): Json[] | undefined {
  const uris = (json.uris as string[] | undefined) ?? [];
  const fetch = json.fetch as Json[] | undefined;
  if (uris.length > 0 && (fetch === undefined || fetch.length === 0)) return uris.map((uri) => ({ uri, extract: isExtract(uri) }));
  if (uris.length > 0 && fetch && fetch.length > 0) throw new NormalizationError('cannot specify both uris and fetch fields');
  return fetch;
}

function isExtract(uri: string): boolean {
  // Java's URI: an opaque one (`scheme:` not followed by `/`) has no path; a relative one is its own path.
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:(?!\/)/.test(uri)) return false;
  let path: string;
  try {
    path = /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(uri) ? new URL(uri).pathname : uri.split(/[?#]/)[0]!;
  } catch {
    return false;
  }
  return EXTRACT_SUFFIXES.some((s) => path.endsWith(s));
}

/** `NetworkTranslation`: `ipAddress` and `container.docker.network` (deprecated) or `networks` (canonical). */
function networksOf(json: Json, config: NetworkConfig): Json[] {
  const ipAddress = json.ipAddress as Json | undefined;
  const dockerNetwork = upper(((json.container as Json | undefined)?.docker as Json | undefined)?.network);
  const networks = objects(json.networks).map(canonicalNetwork);
  const given = networks.length > 0 ? networks : undefined;
  const labels = ipAddress?.labels !== undefined ? { labels: ipAddress.labels } : {};
  const byDockerNetwork = (type: string, name: unknown): Json[] => {
    if (type === 'HOST') return [{ mode: 'host' }];
    if (type === 'USER') return [{ mode: 'container', ...(name !== undefined ? { name } : {}), ...labels }];
    if (type === 'BRIDGE') return [{ mode: 'container/bridge', ...labels }];
    throw new NormalizationError(`unsupported docker network type ${type}`);
  };
  if (ipAddress && dockerNetwork && !given) return byDockerNetwork(dockerNetwork, ipAddress.networkName);
  if (ipAddress && !dockerNetwork && !given) {
    const name = ipAddress.networkName;
    if (name === config.mesosBridgeName) return [{ mode: 'container/bridge', ...labels }];
    return [{ mode: 'container', ...(name !== undefined ? { name } : {}), ...labels }];
  }
  if (!ipAddress && dockerNetwork && !given) return byDockerNetwork(dockerNetwork, undefined);
  if (!ipAddress && !dockerNetwork) return networks;
  throw new NormalizationError('cannot mix deprecated and canonical network APIs');
}

/** A network's mode as the enum spells it (`container` when absent, the RAML default). */
function canonicalNetwork(n: Json): Json {
  const mode = lower(n.mode) ?? 'container';
  return { ...n, mode };
}

/** The container's port mappings, in the order `forDeprecated` applies its rules (the order matters). */
function containerPorts(container: Json, networks: Json[], migratedPorts: unknown[] | undefined, ipAddress: Json | undefined): Json {
  let c: Json = { ...container, type: upper(container.type) ?? 'DOCKER' };
  // docker.portMappings move to the container.
  const docker = c.docker as Json | undefined;
  if (docker?.portMappings !== undefined) {
    const fromDocker = docker.portMappings as Json[];
    // Container-level mappings, even an empty list, win over empty docker ones and clash with any others.
    if (c.portMappings !== undefined && fromDocker.length > 0)
      throw new NormalizationError('cannot specify both portMappings and docker.portMappings');
    if (c.portMappings === undefined) c.portMappings = fromDocker;
    c.docker = { ...docker };
    delete (c.docker as Json).portMappings;
  }
  // ipAddress.discovery.ports become a MESOS container's port mappings.
  const discovered = objects((ipAddress?.discovery as Json | undefined)?.ports);
  if (discovered.length > 0) {
    if (c.type !== 'MESOS') throw new NormalizationError(`ipAddress.discovery.ports do not apply for container type ${String(c.type)}`);
    if (c.portMappings !== undefined)
      throw new NormalizationError('container.portMappings and ipAddress.discovery.ports must not both be set');
    c.portMappings = discovered.map((p) => ({
      containerPort: p.number,
      name: p.name,
      protocol: p.protocol ?? 'tcp',
      ...(p.labels !== undefined ? { labels: p.labels } : {}),
    }));
  }
  if ((c.docker as Json | undefined)?.network !== undefined) {
    c.docker = { ...(c.docker as Json) };
    delete (c.docker as Json).network;
  }
  const hostMode = networks.length === 0 || networks.some(isHost);
  if (hostMode) {
    c = { ...c };
    delete c.portMappings;
    return c;
  }
  if (c.portMappings === undefined) c.portMappings = [{ ...DEFAULT_PORT_MAPPING }];
  const missing = (migratedPorts?.length ?? 0) - (c.portMappings as unknown[]).length;
  if (missing > 0)
    c.portMappings = [
      ...(c.portMappings as Json[]),
      ...Array.from({ length: missing }, () => ({ containerPort: 0, protocol: 'tcp', servicePort: 0 })),
    ];
  return c;
}

/** Health checks on a port get `portIndex: 0` when they name neither a port nor an index. */
function withDefaultPortIndex(check: Json): Json {
  const protocol = upper(check.protocol) ?? 'HTTP';
  if (protocol === 'COMMAND' || check.port !== undefined || check.portIndex !== undefined) return check;
  return { ...check, portIndex: 0 };
}
