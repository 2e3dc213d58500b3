/**
 * The DiscoveryInfo Marathon puts on every task it launches (MA:src/main/scala/mesosphere/mesos/TaskBuilder.scala:51,133-144),
 * derived from the engine's Marathon model: the engine's task has no `discovery` of its own.
 */
import type { ClusterState, TaskState } from '../core/model.ts';
import type { AppDefinition } from '../../common/marathon/app-definition.ts';
import type { PodDefinition } from '../../common/marathon/pod-definition.ts';
import { toHostname } from '../../common/marathon/path-id.ts';
import { listPorts } from '../../common/resources.ts';
import type { Definition, InstanceState, RunSpecRecord } from '../marathon/model.ts';
import type { DiscoveryPort } from './model.ts';

export interface TaskDiscovery {
  /** The run spec id reversed (MA:src/main/scala/mesosphere/marathon/state/PathId.scala:90): `/grp/app` → `app.grp`. */
  name: string;
  ports: DiscoveryPort[];
}

/** A task's DiscoveryInfo never changes while it lives: read once per task. */
const discoveries = new WeakMap<TaskState, TaskDiscovery | null>();

/** `marathonDiscovery`, kept per task. */
export function discoveryOf(state: ClusterState, task: TaskState, cache: DefinitionCache = new Map()): TaskDiscovery | null {
  let discovery = discoveries.get(task);
  if (discovery === undefined) {
    discovery = marathonDiscovery(state, task, cache);
    discoveries.set(task, discovery);
  }
  return discovery;
}

/** Definitions looked up once per run spec version during one pass over the tasks. */
export type DefinitionCache = Map<string, Definition | null>;

type Json = Record<string, unknown>;

/** The DiscoveryInfo of a Marathon task, or null for a task of another framework (or one Marathon no longer knows). */
export function marathonDiscovery(state: ClusterState, task: TaskState, cache: DefinitionCache): TaskDiscovery | null {
  const m = state.marathon;
  if (task.frameworkId !== m.frameworkId) return null;
  const instance = m.instances[m.taskInstance[task.id] ?? ''];
  const record = instance && m.runSpecs[instance.runSpecId];
  if (!instance || !record) return null;
  const definition = launchedDefinition(record, instance, cache);
  const ports =
    definition?.kind === 'app'
      ? appPorts(definition.app, hostPortsOf(instance, task, fixedAppPorts(definition.app)))
      : definition?.kind === 'pod'
        ? podPorts(definition.pod, instance.taskIds.indexOf(task.id), hostPortsOf(instance, task, fixedPodPorts(definition.pod)))
        : [];
  return { name: toHostname(record.spec.id), ports };
}

/** The definition the instance was launched with (its config version), else the current one. */
function launchedDefinition(record: RunSpecRecord, instance: InstanceState, cache: DefinitionCache): Definition | null {
  const key = `${instance.runSpecId}\u0000${instance.configVersion}`;
  let definition = cache.get(key);
  if (definition === undefined) {
    const current: Definition | null = record.app ? { kind: 'app', app: record.app } : record.pod ? { kind: 'pod', pod: record.pod } : null;
    definition = record.versions.find((v) => v.version === instance.configVersion)?.definition ?? current;
    cache.set(key, definition);
  }
  return definition;
}

/**
 * Hands out the instance's host ports in the order its port entries ask them. When the Marathon model keeps them
 * aligned with the entries (`hostPorts` on the instance) those are used; else a fixed port is itself and a dynamic
 * one is the next of the task's other ports, ascending (inferred: the order Marathon's matcher took them in is not
 * kept then).
 */
interface HostPortSource {
  next(entry: number, asked: number): number;
}

function hostPortsOf(instance: InstanceState, task: TaskState, fixed: number[]): HostPortSource {
  const aligned = (instance as { hostPorts?: Array<number | null> }).hostPorts;
  if (Array.isArray(aligned)) return { next: (entry, asked) => aligned[entry] ?? asked };
  const held = listPorts(task.portions.flatMap((p) => p.ports)).filter((port) => !fixed.includes(port));
  let cursor = 0;
  return {
    next: (_entry, asked) => {
      if (asked > 0) return asked;
      return held[cursor++] ?? 0;
    },
  };
}

function fixedAppPorts(app: AppDefinition): number[] {
  const mappings = Array.isArray(app.container?.portMappings) ? (app.container.portMappings as Json[]) : [];
  if (mappings.length > 0) return mappings.flatMap((pm) => (typeof pm.hostPort === 'number' && pm.hostPort > 0 ? [pm.hostPort] : []));
  return app.requirePorts ? app.portDefinitions.map((pd) => pd.port) : [];
}

function fixedPodPorts(pod: PodDefinition): number[] {
  return pod.containers.flatMap((c) => c.endpoints.flatMap((e) => (e.hostPort !== undefined && e.hostPort > 0 ? [e.hostPort] : [])));
}

/** `"udp,tcp"` → both; Marathon declares one discovery port per protocol. */
function protocolsOf(protocol: unknown): string[] {
  return typeof protocol === 'string' && protocol !== '' ? protocol.split(',') : ['tcp'];
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The labels Marathon adds to say where a port is reachable (PortDiscovery.scala `NetworkScopeLabel`). */
const hostScope = { 'network-scope': 'host' };
const containerScope = (network: string) => ({ 'network-scope': 'container', 'network-name': network });

/** The names of the `container` networks among `networks` (PortDiscovery's `containerNetworkNames`). */
function containerNetworkNames(networks: unknown): string[] {
  if (!Array.isArray(networks)) return [];
  return (networks as Json[]).flatMap((n) => (n.mode === 'container' && typeof n.name === 'string' ? [n.name] : []));
}

const labelsOf = (value: unknown): Record<string, string> =>
  value !== null && typeof value === 'object' ? { ...(value as Record<string, string>) } : {};

interface PortEntry {
  name: string;
  protocols: string[];
  labels: Record<string, string>;
  /** The host port taken for it, or null when it asks none. */
  hostPort: number | null;
  containerPort: number;
  networkNames: string[];
}

/**
 * MA:src/main/scala/mesosphere/mesos/PortDiscovery.scala `generate`: with host networking each entry advertises its
 * host port, with its own labels; else an entry with a host port advertises it with `network-scope: host`, and one
 * without advertises its containerPort once per protocol and container network, with `network-scope: container`.
 */
function discoveryPorts(hostNetworking: boolean, networks: unknown, entries: PortEntry[]): DiscoveryPort[] {
  return entries.flatMap((e) => {
    if (hostNetworking || e.hostPort !== null) {
      const labels = hostNetworking ? e.labels : { ...e.labels, ...hostScope };
      return e.protocols.map((protocol) => ({ number: e.hostPort ?? 0, name: e.name, protocol, labels }));
    }
    const names = e.networkNames.length > 0 ? e.networkNames : containerNetworkNames(networks);
    return e.protocols.flatMap((protocol) =>
      names.map((network) => ({ number: e.containerPort, name: e.name, protocol, labels: { ...e.labels, ...containerScope(network) } })),
    );
  });
}

const isHostNetworking = (networks: unknown): boolean => !Array.isArray(networks) || (networks as Json[]).every((n) => n.mode === 'host');

/** An app's task: its port mappings (container networking) or port definitions (host networking). */
function appPorts(app: AppDefinition, hostPorts: HostPortSource): DiscoveryPort[] {
  const networks = app.extra.networks;
  const mappings = Array.isArray(app.container?.portMappings) ? (app.container.portMappings as Json[]) : [];
  if (!isHostNetworking(networks)) {
    const entries = mappings.map((pm, i) => ({
      name: text(pm.name),
      protocols: protocolsOf(pm.protocol),
      labels: labelsOf(pm.labels),
      hostPort: typeof pm.hostPort === 'number' ? hostPorts.next(i, pm.hostPort) : null,
      containerPort: typeof pm.containerPort === 'number' ? pm.containerPort : 0,
      networkNames: Array.isArray(pm.networkNames) ? (pm.networkNames as string[]) : [],
    }));
    return discoveryPorts(false, networks, entries);
  }
  const entries = app.portDefinitions.map((pd, i) => ({
    name: pd.name ?? '',
    protocols: protocolsOf(pd.protocol),
    labels: labelsOf(pd.labels),
    hostPort: hostPorts.next(i, app.requirePorts ? pd.port : 0),
    containerPort: 0,
    networkNames: [],
  }));
  return discoveryPorts(true, networks, entries);
}

/** A pod's task (one per container) advertises that container's endpoints (inferred from the app rule). */
function podPorts(pod: PodDefinition, container: number, hostPorts: HostPortSource): DiscoveryPort[] {
  let entry = 0;
  for (let c = 0; c < container; c++) entry += pod.containers[c]?.endpoints.length ?? 0;
  const endpoints = pod.containers[container]?.endpoints ?? [];
  const entries = endpoints.map((e, k) => ({
    name: e.name,
    protocols: e.protocol ?? ['tcp'],
    labels: labelsOf(e.labels),
    hostPort: e.hostPort !== undefined ? hostPorts.next(entry + k, e.hostPort) : null,
    containerPort: e.containerPort ?? 0,
    networkNames: e.networkNames ?? [],
  }));
  return discoveryPorts(pod.networkMode === 'host', pod.extra.networks, entries);
}
