/**
 * Marathon services and catalog packages of a dump. Apps become the scenario's `marathon.apps` (deployed at boot;
 * their groups are made by their first app, as DC/OS's Marathon makes them); pods and package installs, which the
 * scenario has no field for, become its first scripted actions, made once Marathon leads (`SERVICES_AT_MS`). Apps
 * a package installed (labels `DCOS_PACKAGE_NAME`) are made again by installing the package with the options it
 * was installed with (label `DCOS_PACKAGE_OPTIONS`). Runtime fields are left out; unknown fields and group features
 * the scenario cannot hold are dropped and listed.
 */
import { fromBase64 } from '../../common/catalog/build.ts';
import { readPod } from '../../common/marathon/validate-pod.ts';
import type { ScriptAction } from '../../common/scenario/types.ts';
import { detailLines, stripApp, stripPod } from '../marathon-import.ts';
import { isObject, list, objects, str, type Json } from './common.ts';

/** Simulated ms at which pods and packages are made: Marathon and Cosmos lead within a few seconds of boot. */
export const SERVICES_AT_MS = 10_000;

/** Marathon's App (docs/rest-api/public/api/v2/types/app.raml), runtime fields included (they are stripped). */
const APP_FIELDS = new Set([
  ...['id', 'acceptedResourceRoles', 'args', 'backoffFactor', 'backoffSeconds', 'cmd', 'constraints', 'container', 'cpus'],
  ...['dependencies', 'disk', 'env', 'executor', 'executorResources', 'fetch', 'healthChecks', 'check', 'instances', 'labels'],
  ...['maxLaunchDelaySeconds', 'mem', 'gpus', 'ipAddress', 'networks', 'ports', 'portDefinitions', 'readinessChecks'],
  ...['residency', 'resourceLimits', 'requirePorts', 'secrets', 'taskKillGracePeriodSeconds', 'upgradeStrategy', 'uris'],
  ...['user', 'version', 'versionInfo', 'killSelection', 'unreachableStrategy', 'tty', 'role', 'storeUrls'],
  ...['tasksStaged', 'tasksRunning', 'tasksHealthy', 'tasksUnhealthy', 'deployments', 'readinessCheckResults', 'tasks'],
  ...['lastTaskFailure', 'tasksStats', 'taskStats'],
]);
/** Marathon's Pod (pod.raml), with the status fields `/v2/pods/::status` adds. */
const POD_FIELDS = new Set([
  ...['id', 'labels', 'version', 'user', 'environment', 'containers', 'secrets', 'volumes', 'networks', 'scaling'],
  ...['scheduling', 'executorResources', 'role', 'linuxInfo', 'legacySharedCgroups', 'status', 'instances'],
]);
const GROUP_FIELDS = new Set(['id', 'apps', 'groups', 'pods', 'dependencies', 'version', 'versionInfo', 'enforceRole']);

export interface PackageInstall {
  name: string;
  version?: string;
  appId: string;
  options?: Json;
}

/** The packages the sandbox can install, by name: their versions (Cosmos' `/package/search`). Absent: not checked. */
export type Catalog = ReadonlyMap<string, readonly string[]>;

export interface ServicesRead {
  apps: Json[];
  pods: Json[];
  packages: PackageInstall[];
  /** `new_group_enforce_role: off` when every top-level group of the dump enforces no role. */
  enforceRoleOff: boolean;
  /** Names under which package services register with Mesos (for the frameworks of /master/state). */
  packageFrameworks: Set<string>;
}

const abs = (id: unknown, parent: string): string => {
  const s = typeof id === 'string' ? id : '';
  const joined = s.startsWith('/') ? s : `${parent.replace(/\/$/, '')}/${s}`;
  return `/${joined
    .split('/')
    .filter((p) => p !== '')
    .join('/')}`;
};

/** Apps, pods and packages of Marathon's tree (or app list) and the package list. */
export function readServices(
  marathon: unknown,
  packageList: unknown,
  defaultRole: string,
  dropped: string[],
  catalog?: Catalog,
): ServicesRead {
  const apps: Json[] = [];
  const pods: Json[] = [];
  const topEnforce: boolean[] = [];
  const packageApps: Json[] = [];
  const walk = (group: Json, id: string, depth: number) => {
    for (const key of Object.keys(group))
      if (!GROUP_FIELDS.has(key)) dropped.push(`group ${id}: field ${key}: not a field of a Marathon group`);
    if (id !== '/' && list(group.dependencies).length > 0)
      dropped.push(
        `group ${id}: dependencies ${JSON.stringify(group.dependencies)}: the scenario makes groups through their apps, which cannot carry a group's dependencies`,
      );
    if (depth === 1 && typeof group.enforceRole === 'boolean') topEnforce.push(group.enforceRole);
    const before = apps.length + pods.length + packageApps.length;
    for (const app of objects(group.apps)) {
      const full: Json = { ...app, id: abs(app.id, id) };
      if (isObject(full.labels) && typeof full.labels.DCOS_PACKAGE_NAME === 'string') packageApps.push(full);
      else apps.push(cleanApp(full, dropped));
    }
    for (const pod of objects(group.pods)) pods.push(...cleanPod({ ...pod, id: abs(pod.id, id) }, defaultRole, dropped));
    for (const sub of objects(group.groups)) walk(sub, abs(sub.id, id), depth + 1);
    if (id !== '/' && apps.length + pods.length + packageApps.length === before)
      dropped.push(`group ${id}: it holds no app or pod; the scenario makes groups through their apps`);
  };
  if (Array.isArray(marathon)) walk({ id: '/', apps: marathon }, '/', 0);
  else if (isObject(marathon) && Array.isArray(marathon.apps) && Object.keys(marathon).length === 1)
    walk({ id: '/', apps: marathon.apps }, '/', 0);
  else if (isObject(marathon))
    walk(marathon, abs(marathon.id ?? '/', '/'), marathon.id === undefined || abs(marathon.id, '/') === '/' ? 0 : 1);

  const enforceRoleOff = topEnforce.length > 0 && topEnforce.every((e) => !e);
  if (!enforceRoleOff && topEnforce.some((e) => !e))
    dropped.push(
      `groups with enforceRole false: the sandbox's Marathon (DC/OS's new_group_enforce_role top) makes every top-level group with enforceRole true when its first app arrives`,
    );
  const packages = readPackages(packageApps, packageList, dropped, catalog);
  const packageFrameworks = new Set(packages.map((p) => frameworkName(p)));
  return { apps, pods, packages, enforceRoleOff, packageFrameworks };
}

function cleanApp(app: Json, dropped: string[]): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(app)) {
    if (APP_FIELDS.has(key)) out[key] = value;
    else dropped.push(`app ${String(app.id)}: field ${key}: not a field of a Marathon app (Marathon ignores it)`);
  }
  return stripApp(out);
}

function cleanPod(pod: Json, defaultRole: string, dropped: string[]): Json[] {
  const body: Json = {};
  for (const [key, value] of Object.entries(pod)) {
    if (POD_FIELDS.has(key)) body[key] = value;
    else dropped.push(`pod ${String(pod.id)}: field ${key}: not a field of a Marathon pod`);
  }
  const clean = stripPod(body);
  const read = readPod(clean, { base: '/', defaultRole });
  if (read.ok) return [clean];
  dropped.push(
    ...detailLines(read.body.details, '', read.body.message).map((line) => `pod ${String(pod.id)}: ${line}; the pod is not imported`),
  );
  return [];
}

/** Installs, from the apps packages made (their options) and the package list (name and version by app id). */
function readPackages(packageApps: readonly Json[], packageList: unknown, dropped: string[], catalog?: Catalog): PackageInstall[] {
  const listed = new Map<string, { name: string; version?: string }>();
  const cosmos = isObject(packageList) ? objects(packageList.packages) : [];
  for (const p of cosmos) {
    const def =
      isObject(p.packageInformation) && isObject(p.packageInformation.packageDefinition) ? p.packageInformation.packageDefinition : {};
    if (typeof def.name === 'string') listed.set(abs(p.appId, '/'), { name: def.name, version: str(def.version) });
  }
  for (const p of Array.isArray(packageList) ? objects(packageList) : [])
    for (const appId of list(p.apps))
      if (typeof p.name === 'string') listed.set(abs(appId, '/'), { name: p.name, version: str(p.version) });

  const installs = new Map<string, PackageInstall>();
  for (const app of packageApps) {
    const labels = app.labels as Json;
    const options = decodeOptions(labels.DCOS_PACKAGE_OPTIONS);
    if (options === null)
      dropped.push(
        `package app ${String(app.id)}: its DCOS_PACKAGE_OPTIONS label is not base64 JSON; it is installed with the package's defaults`,
      );
    installs.set(String(app.id), {
      name: String(labels.DCOS_PACKAGE_NAME),
      version: str(labels.DCOS_PACKAGE_VERSION),
      appId: String(app.id),
      ...(options ? { options } : {}),
    });
  }
  for (const [appId, p] of listed) if (!installs.has(appId)) installs.set(appId, { ...p, appId });

  const out: PackageInstall[] = [];
  for (const install of installs.values()) {
    if (catalog === undefined) {
      out.push(install);
      continue;
    }
    const versions = catalog.get(install.name) ?? [];
    if (versions.length === 0) {
      dropped.push(`package ${install.name} (${install.appId}): not in the sandbox's catalog; its service is not imported`);
      continue;
    }
    if (install.version !== undefined && !versions.includes(install.version)) {
      const newest = versions.at(-1)!;
      dropped.push(`package ${install.name} ${install.version}: the catalog has ${versions.join(', ')}; ${newest} is installed`);
      install.version = newest;
    }
    out.push(install);
  }
  return out;
}

function decodeOptions(label: unknown): Json | null | undefined {
  if (typeof label !== 'string') return undefined;
  try {
    const parsed = JSON.parse(fromBase64(label)) as unknown;
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** The name a package's service registers with Mesos: its `service.name` option, else its app id's last part. */
export function frameworkName(p: PackageInstall): string {
  const service = p.options && isObject(p.options.service) ? str(p.options.service.name) : undefined;
  return (
    service ??
    p.appId
      .split('/')
      .filter((x) => x !== '')
      .join('/')
  );
}

/** The scripted actions that make the pods and install the packages, packages first. */
export function serviceActions(services: ServicesRead): ScriptAction[] {
  const installs: ScriptAction[] = services.packages.map((p) => {
    const body: Json = { packageName: p.name };
    if (p.version !== undefined) body.packageVersion = p.version;
    if (p.options !== undefined) body.options = p.options;
    if (p.appId !== `/${p.name}` && !(p.options && isObject(p.options.service) && str(p.options.service.name))) body.appId = p.appId;
    return { at: SERVICES_AT_MS, request: { method: 'POST', path: '/package/install', body } };
  });
  const pods: ScriptAction[] = services.pods.map((body) => ({
    at: SERVICES_AT_MS,
    request: { method: 'POST', path: '/marathon/v2/pods', body },
  }));
  return [...installs, ...pods];
}
