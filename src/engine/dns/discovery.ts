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

/**
 * Port mappings: a mapping with a hostPort advertises the host port, one without advertises its containerPort;
 * port definitions (host networking) advertise the host port.
 */
function appPorts(app: AppDefinition, hostPorts: HostPortSource): DiscoveryPort[] {
  const mappings = Array.isArray(app.container?.portMappings) ? (app.container.portMappings as Json[]) : [];
  if (mappings.length > 0) {
    return mappings.flatMap((pm, i) => {
      const number =
        typeof pm.hostPort === 'number' ? hostPorts.next(i, pm.hostPort) : typeof pm.containerPort === 'number' ? pm.containerPort : 0;
      return protocolsOf(pm.protocol).map((protocol) => ({ number, name: text(pm.name), protocol }));
    });
  }
  return app.portDefinitions.flatMap((pd, i) => {
    const number = hostPorts.next(i, app.requirePorts ? pd.port : 0);
    return protocolsOf(pd.protocol).map((protocol) => ({ number, name: pd.name ?? '', protocol }));
  });
}

/** A pod's task (one per container) advertises that container's endpoints (inferred from the app rule). */
function podPorts(pod: PodDefinition, container: number, hostPorts: HostPortSource): DiscoveryPort[] {
  let entry = 0;
  for (let c = 0; c < container; c++) entry += pod.containers[c]?.endpoints.length ?? 0;
  const endpoints = pod.containers[container]?.endpoints ?? [];
  return endpoints.flatMap((e, k) => {
    const number = e.hostPort !== undefined ? hostPorts.next(entry + k, e.hostPort) : (e.containerPort ?? 0);
    return (e.protocol ?? ['tcp']).map((protocol) => ({ number, name: e.name, protocol }));
  });
}
