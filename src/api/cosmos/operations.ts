/**
 * What each Cosmos op does (CO:cosmos-server/…/handler/*.scala): the repository list in ClusterState.cosmos,
 * packages from the bundled repositories, installed packages as Marathon apps carrying Cosmos' labels.
 */
import type { UniversePackage } from '../../common/catalog/types.ts';
import type { CosmosRepository } from '../../engine/cosmos/model.ts';
import type { ApiContext } from '../service.ts';
import type {
  InstallationJson,
  InstalledPackageDetailsJson,
  InstallResponseV1Json,
  InstallResponseV2Json,
  ListVersionsResponseJson,
  RepositoryListResponseJson,
  UninstallResultJson,
} from '../shapes/cosmos.ts';
import {
  ambiguousAppId,
  marathonAppDeleteError,
  packageNotInstalled,
  repoNameOrUriMissing,
  repositoryAddIndexOutOfBounds,
  repositoryAlreadyPresent,
  repositoryNotPresent,
  uninstallNonExistentApp,
  unsupportedRepositoryUri,
} from './errors.ts';
import { createApp, deleteApp, getApp, listApps, type MarathonAppJson } from './marathon.ts';
import {
  describeV2,
  describeV3,
  locate,
  PACKAGE_DETAILS_FIELDS,
  packageDefinition,
  packagesNamed,
  readRepository,
  search,
} from './packages.ts';
import { isObject, readDefinitionLabel, renderMarathonApp, type JsonObject } from './render.ts';
import { addSdkService, uninstallSdkService } from '../../engine/sdk/services.ts';
import { isSdkPackage } from '../../engine/sdk/spec.ts';
import { addDispatcherService, isDispatcherPackage } from '../../engine/dispatchers/services.ts';

type Body = Record<string, unknown>;
const str = (b: Body, k: string): string | undefined => b[k] as string | undefined;

export const searchOp = (api: ApiContext, b: Body) => ({ packages: search(api.state.cosmos.repositories, str(b, 'query')) });

export function describeOp(api: ApiContext, b: Body, version: string): unknown {
  const { pkg } = locate(api.state.cosmos.repositories, str(b, 'packageName')!, str(b, 'packageVersion'));
  return version === 'v2' ? describeV2(pkg) : describeV3(pkg);
}

export function listVersionsOp(api: ApiContext, b: Body): ListVersionsResponseJson {
  const results: Record<string, string> = {};
  for (const pkg of packagesNamed(api.state.cosmos.repositories, str(b, 'packageName')!)) results[pkg.version] = String(pkg.releaseVersion);
  return { results };
}

function rendered(api: ApiContext, b: Body): { pkg: UniversePackage; app: JsonObject } {
  const { pkg, source } = locate(api.state.cosmos.repositories, str(b, 'packageName')!, str(b, 'packageVersion'));
  const options = b['options'] as JsonObject | undefined;
  return { pkg, app: renderMarathonApp(pkg, packageDefinition(pkg), source, options, str(b, 'appId')) };
}

export const renderOp = (api: ApiContext, b: Body) => ({ marathonJson: rendered(api, b).app });

export function installOp(api: ApiContext, b: Body, version: string): InstallResponseV2Json | InstallResponseV1Json {
  const { pkg, app } = rendered(api, b);
  const created = createApp(api, app);
  const appId = typeof created['id'] === 'string' ? created['id'] : String(app['id']);
  // An SDK package's app is its scheduler: the engine runs the service it deploys (src/engine/sdk).
  if (isSdkPackage(pkg.name)) addSdkService(api.ctx, api.state, { name: appId, appId, packageName: pkg.name, env: envOf(created) });
  // Spark's dispatcher and Jenkins' master are schedulers too (src/engine/dispatchers).
  if (isDispatcherPackage(pkg.name))
    addDispatcherService(api.ctx, api.state, { name: appId, appId, packageName: pkg.name, env: envOf(created) });
  if (version === 'v1') return { packageName: pkg.name, packageVersion: pkg.version, appId };
  const out: InstallResponseV2Json = { packageName: pkg.name, packageVersion: pkg.version, appId };
  if (pkg.postInstallNotes !== undefined) out.postInstallNotes = pkg.postInstallNotes;
  if (pkg.resource.cli !== undefined) out.cli = structuredClone(pkg.resource.cli);
  return out;
}

/**
 * An SDK service's uninstall (label DCOS_COMMONS_UNINSTALL): Cosmos restarts the scheduler with SDK_UNINSTALL=true
 * and the app goes once its uninstall plan completes (UninstallHandler.runSdkUninstall, ServiceUninstaller): the
 * engine's scheduler kills every task, gives every reservation back, tears its framework down and removes the app.
 * A service the engine does not run is deleted at once, as a plain app.
 */
export function startSdkUninstall(api: ApiContext, app: MarathonAppJson): void {
  if (uninstallSdkService(api.ctx, api.state, app.id.replace(/^\//, ''))) return;
  if (!deleteApp(api, app.id)) throw marathonAppDeleteError(app.id);
}

/** The scheduler's environment as Marathon stored it (plain string values only). */
function envOf(app: JsonObject): Record<string, string> {
  const env = isObject(app['env']) ? app['env'] : {};
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export function uninstallOp(api: ApiContext, b: Body): { results: UninstallResultJson[] } {
  const name = str(b, 'packageName')!;
  const appId = str(b, 'appId');
  let apps: MarathonAppJson[];
  if (appId !== undefined) {
    const app = getApp(api, appId);
    if (!app) throw uninstallNonExistentApp(name, appId);
    apps = [app];
  } else apps = listApps(api);
  const targets = apps.filter((a) => a.labels['DCOS_PACKAGE_NAME'] === name);
  if (targets.length === 0) throw packageNotInstalled(name);
  if (targets.length > 1 && b['all'] !== true)
    throw ambiguousAppId(
      name,
      targets.map((a) => a.id),
    );
  return {
    results: targets.map((app) => {
      if (app.labels['DCOS_COMMONS_UNINSTALL'] !== undefined) startSdkUninstall(api, app);
      else if (!deleteApp(api, app.id)) throw marathonAppDeleteError(app.id);
      // Not modelled: the Mesos framework teardown by DCOS_PACKAGE_FRAMEWORK_NAME (no teardown route yet).
      const result: UninstallResultJson = { packageName: name, appId: app.id };
      const version = app.labels['DCOS_PACKAGE_VERSION'];
      if (version !== undefined) result.packageVersion = version;
      const notes = postUninstallNotes(api.state.cosmos.repositories, app);
      if (notes !== undefined) result.postUninstallNotes = notes;
      return result;
    }),
  };
}

/** The notes of the package the app was installed from, looked up again in the repositories (getPackageWithSource). */
function postUninstallNotes(repositories: readonly CosmosRepository[], app: MarathonAppJson): string | undefined {
  const source = repositories.find((r) => r.uri === app.labels['DCOS_PACKAGE_SOURCE']);
  if (!source) return undefined;
  try {
    const pkg = readRepository(source).find(
      (p) => p.name === app.labels['DCOS_PACKAGE_NAME'] && p.version === app.labels['DCOS_PACKAGE_VERSION'],
    );
    return pkg?.postUninstallNotes;
  } catch {
    return undefined;
  }
}

function installation(app: MarathonAppJson): InstallationJson | undefined {
  const label = app.labels['DCOS_PACKAGE_DEFINITION'];
  const def = label === undefined ? undefined : readDefinitionLabel(label);
  if (!isObject(def)) return undefined;
  const details: Record<string, unknown> = {};
  for (const k of PACKAGE_DETAILS_FIELDS) if (def[k] !== undefined) details[k] = def[k];
  details['tags'] ??= [];
  const info: InstallationJson['packageInformation'] = { packageDefinition: details as unknown as InstalledPackageDetailsJson };
  const resource = def['resource'];
  if (isObject(resource) && (resource['assets'] !== undefined || resource['images'] !== undefined)) {
    const r: Record<string, unknown> = {};
    if (resource['assets'] !== undefined) r['assets'] = resource['assets'];
    if (resource['images'] !== undefined) r['images'] = resource['images'];
    info.resourceDefinition = r;
  }
  return { appId: app.id, packageInformation: info };
}

export function listOp(api: ApiContext, b: Body): { packages: InstallationJson[] } {
  const name = str(b, 'packageName');
  const appId = str(b, 'appId');
  const wanted = (a: MarathonAppJson) =>
    a.labels['DCOS_PACKAGE_NAME'] !== undefined &&
    (name === undefined || a.labels['DCOS_PACKAGE_NAME'] === name) &&
    (appId === undefined || a.id === appId);
  const packages = listApps(api)
    .filter(wanted)
    .map(installation)
    .filter((i): i is InstallationJson => i !== undefined)
    .sort(
      (a, b2) => cmp(a.packageInformation.packageDefinition.name, b2.packageInformation.packageDefinition.name) || cmp(a.appId, b2.appId),
    );
  return { packages };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const listed = (api: ApiContext): RepositoryListResponseJson => ({ repositories: api.state.cosmos.repositories.map((r) => ({ ...r })) });

export const repositoryListOp = (api: ApiContext) => listed(api);

export function repositoryAddOp(api: ApiContext, b: Body): RepositoryListResponseJson {
  const repo: CosmosRepository = { name: str(b, 'name')!, uri: str(b, 'uri')! };
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(repo.uri)?.[1]?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') throw unsupportedRepositoryUri(repo.uri);
  readRepository(repo); // checkThatRepoWorks: fetch it once
  const list = api.state.cosmos.repositories;
  const dupName = list.some((r) => r.name === repo.name) ? repo.name : undefined;
  const dupUri = list.some((r) => r.uri === repo.uri) ? repo.uri : undefined;
  if (dupName !== undefined || dupUri !== undefined) throw repositoryAlreadyPresent(dupName, dupUri);
  const index = b['index'] as number | undefined;
  if (index !== undefined && (index < 0 || index > list.length)) throw repositoryAddIndexOutOfBounds(index, list.length);
  list.splice(index ?? list.length, 0, repo);
  return listed(api);
}

export function repositoryDeleteOp(api: ApiContext, b: Body): RepositoryListResponseJson {
  const name = str(b, 'name');
  const uri = str(b, 'uri');
  if (name === undefined && uri === undefined) throw repoNameOrUriMissing();
  const list = api.state.cosmos.repositories;
  const kept = list.filter((r) => !((name === undefined || r.name === name) && (uri === undefined || r.uri === uri)));
  if (kept.length === list.length) throw repositoryNotPresent(name, uri);
  api.state.cosmos.repositories = kept;
  return listed(api);
}
