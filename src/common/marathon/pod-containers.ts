/**
 * Reads a pod's `containers` (`podContainer.raml`, `PodsValidation.scala`): names, resources, endpoints and their
 * ports under the pod's networking, image, volume mounts and health check.
 */
import { CONTAINER_KNOWN_FIELDS, POD_DEFAULTS, type NetworkMode, type PodContainer, type PodEndpoint } from './pod-definition.ts';
import { readHealthCheck } from './pod-health-check.ts';
import { list, NAME, NAME_PROBLEM, obj, type AtLeast, type Json } from './pod-read-helpers.ts';
import type { Violations } from './violations.ts';

/** What the containers are read against. */
export interface PodNetworking {
  networkMode: NetworkMode;
  /** Modes named in `networks` (host-mode endpoint rules apply only to an explicit host network). */
  explicitModes: Set<NetworkMode>;
  volumeNames: string[];
}

/** The containers, then the pod-wide rules on them: unique container names, endpoint names, container and host ports. */
export function readContainers(rawContainers: Json[], net: PodNetworking, v: Violations, atLeast: AtLeast): PodContainer[] {
  if (rawContainers.length === 0) v.add('/containers', 'must not be empty');
  const names = rawContainers.map((c) => c.name as string);
  if (new Set(names).size !== names.length) v.add('/containers', 'container names are unique');
  const containers = rawContainers.map((c, i) => readContainer(c, `/containers(${i})`, net, v, atLeast));

  const endpoints = containers.flatMap((c) => c.endpoints);
  const unique = (xs: unknown[]) => new Set(xs).size === xs.length;
  if (!unique(endpoints.map((e) => e.name))) v.add('/', 'Endpoint names are unique');
  if (!unique(endpoints.flatMap((e) => (e.containerPort === undefined ? [] : [e.containerPort])))) v.add('/', 'Container ports are unique');
  if (!unique(endpoints.flatMap((e) => (e.hostPort ? [e.hostPort] : [])))) v.add('/', 'Host ports are unique');
  return containers;
}

function readContainer(c: Json, at: string, net: PodNetworking, v: Violations, atLeast: AtLeast): PodContainer {
  const name = c.name as string;
  if (name.length > 63 || !NAME.test(name)) v.add(`${at}/name`, NAME_PROBLEM);
  const r = c.resources as Json;
  const d = POD_DEFAULTS.resources;
  const resources = {
    cpus: atLeast(`${at}/resources/cpus`, (r.cpus as number | undefined) ?? d.cpus, 0, '0.0'),
    mem: atLeast(`${at}/resources/mem`, (r.mem as number | undefined) ?? d.mem, 0, '0.0'),
    disk: atLeast(`${at}/resources/disk`, (r.disk as number | undefined) ?? d.disk, 0, '0.0'),
    gpus: atLeast(`${at}/resources/gpus`, (r.gpus as number | undefined) ?? d.gpus, 0),
  };
  if (!Number.isInteger(resources.gpus)) v.add(`${at}/resources/gpus`, `got ${resources.gpus}, expected an integer`);
  const endpoints = list(c.endpoints).map((e, i) => readEndpoint(e, `${at}/endpoints(${i})`, net, v));
  const imageId = obj(c.image).id as string | undefined;
  if (imageId !== undefined && (imageId.length < 1 || imageId.length > 1024))
    v.add(`${at}/image/id`, `got ${imageId.length}, expected between 1 and 1024`);
  list(c.volumeMounts).forEach((m, i) => {
    if (!NAME.test(m.name as string)) v.add(`${at}/volumeMounts(${i})/name`, NAME_PROBLEM);
    if (!net.volumeNames.includes(m.name as string))
      v.add(`${at}/volumeMounts(${i})/name`, 'Referenced Volume in VolumeMount should exist');
  });
  const healthCheck =
    c.healthCheck === undefined ? null : readHealthCheck(c.healthCheck as Json, `${at}/healthCheck`, endpoints, v, atLeast);
  const extra: Json = {};
  for (const [k, val] of Object.entries(c)) if (!CONTAINER_KNOWN_FIELDS.has(k)) extra[k] = val;
  return { name, resources, endpoints, healthCheck, extra };
}

function readEndpoint(e: Json, at: string, net: PodNetworking, v: Violations): PodEndpoint {
  const name = e.name as string;
  if (name.length > 63 || !NAME.test(name)) v.add(`${at}/name`, NAME_PROBLEM);
  const containerPort = e.containerPort as number | undefined;
  // PodNormalization: outside container networking an endpoint without hostPort gets a dynamic one (0).
  const hostPort = (e.hostPort as number | undefined) ?? (net.networkMode === 'container' ? undefined : 0);
  const port = (key: string, x: number | undefined) => {
    if (x !== undefined && !(Number.isInteger(x) && x >= 0 && x <= 65535)) v.add(`${at}/${key}`, `got ${x}, expected between 0 and 65535`);
  };
  port('containerPort', containerPort);
  port('hostPort', hostPort);
  if (net.explicitModes.has('host') && containerPort !== undefined)
    v.add(`${at}/containerPort`, 'is not allowed when using host-mode networking');
  if (net.explicitModes.has('container') && containerPort === undefined)
    v.add(`${at}/containerPort`, 'is required when using container-mode networking');
  const protocol = e.protocol as string[] | undefined;
  if (protocol && new Set(protocol).size !== protocol.length)
    v.add(`${at}/protocol`, 'Duplicate protocols within the same endpoint are not allowed');
  const endpoint: PodEndpoint = { name };
  if (containerPort !== undefined) endpoint.containerPort = containerPort;
  if (hostPort !== undefined) endpoint.hostPort = hostPort;
  if (protocol && protocol.length > 0) endpoint.protocol = protocol;
  const labels = e.labels as Record<string, string> | undefined;
  if (labels && Object.keys(labels).length > 0) endpoint.labels = labels;
  const networkNames = e.networkNames as string[] | undefined;
  if (networkNames && networkNames.length > 0) endpoint.networkNames = networkNames;
  return endpoint;
}
