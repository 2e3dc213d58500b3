/**
 * `/cosmos/service/describe` and `/cosmos/service/update` (CO:cosmos-server/…/handler/Service{Describe,Update}Handler.scala):
 * the package and options a running service was installed with, read from its Marathon app's labels, and a new
 * configuration rendered from them and put on the app (`PUT …?force=true&partialUpdate=false`). Open DC/OS keeps the
 * version: another `packageVersion` is refused. An SDK scheduler reads its new environment once Marathon restarts it
 * (src/engine/sdk/config-update.ts).
 */
import type { UniversePackage } from '../../common/catalog/types.ts';
import type { ApiContext } from '../service.ts';
import type { ServiceDescribeResponseJson, ServiceUpdateResponseJson } from '../shapes/cosmos.ts';
import { appIdChanged, marathonAppNotFound, optionsNotStored, versionUpgradeNotSupportedInOpen } from './errors.ts';
import { getApp, replaceApp, type MarathonAppJson } from './marathon.ts';
import { locate, packageDefinition, packagesNamed } from './packages.ts';
import { fromBase64, isObject, merge, mergedOptions, readDefinitionLabel, renderMarathonApp, type JsonObject } from './render.ts';

type Body = Record<string, unknown>;

function appOf(api: ApiContext, b: Body): MarathonAppJson {
  const appId = b['appId'] as string;
  const app = getApp(api, appId);
  if (!app) throw marathonAppNotFound(appId);
  return app;
}

/** The package the service runs: the definition its app stores, else the repositories' by name and version labels. */
function packageOf(api: ApiContext, app: MarathonAppJson): { pkg: UniversePackage; source: string } {
  const label = app.labels['DCOS_PACKAGE_DEFINITION'];
  const stored = label === undefined ? undefined : readDefinitionLabel(label);
  const source = app.labels['DCOS_PACKAGE_SOURCE'] ?? '';
  if (isObject(stored) && typeof stored['name'] === 'string' && typeof stored['version'] === 'string' && isObject(stored['marathon']))
    return { pkg: stored as unknown as UniversePackage, source };
  const name = app.labels['DCOS_PACKAGE_NAME'];
  const version = app.labels['DCOS_PACKAGE_VERSION'];
  if (name === undefined || version === undefined) throw new Error('The name and version of the service were not found in the labels');
  return locate(api.state.cosmos.repositories, name, version);
}

/** The options the service was installed (or last updated) with: the app's DCOS_PACKAGE_OPTIONS label. */
function storedOptions(app: MarathonAppJson): JsonObject | undefined {
  const label = app.labels['DCOS_PACKAGE_OPTIONS'];
  if (label === undefined) return undefined;
  try {
    const parsed = JSON.parse(fromBase64(label)) as unknown;
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Versions whose `upgradesFrom` names this one (or `*`), and this one's `downgradesTo` that exist. */
function versionMoves(api: ApiContext, pkg: UniversePackage): { upgradesTo: string[]; downgradesTo: string[] } {
  const others = packagesNamed(api.state.cosmos.repositories, pkg.name).filter((p) => p.version !== pkg.version);
  const names = (spec: readonly string[] | undefined, version: string) =>
    spec !== undefined && (spec.includes('*') || spec.includes(version));
  return {
    upgradesTo: others.filter((p) => names(p.upgradesFrom, pkg.version)).map((p) => p.version),
    downgradesTo: others.filter((p) => names(pkg.downgradesTo, p.version)).map((p) => p.version),
  };
}

export function describeServiceOp(api: ApiContext, b: Body): ServiceDescribeResponseJson {
  const app = appOf(api, b);
  const { pkg } = packageOf(api, app);
  const userProvidedOptions = storedOptions(app);
  const out: ServiceDescribeResponseJson = { package: packageDefinition(pkg), ...versionMoves(api, pkg) };
  if (userProvidedOptions !== undefined) {
    out.resolvedOptions = mergedOptions(pkg, userProvidedOptions);
    out.userProvidedOptions = userProvidedOptions;
  }
  return out;
}

/** ServiceUpdateHandler.mergeStoredAndProvided. */
function optionsFor(stored: JsonObject | undefined, provided: JsonObject | undefined, replace: boolean): JsonObject | undefined {
  if (replace) return provided;
  if (stored === undefined) throw optionsNotStored();
  return provided === undefined ? stored : merge(stored, provided);
}

export function updateServiceOp(api: ApiContext, b: Body): ServiceUpdateResponseJson {
  const app = appOf(api, b);
  const { pkg, source } = packageOf(api, app);
  const requested = b['packageVersion'] as string | undefined;
  if (requested !== undefined && requested !== pkg.version) throw versionUpgradeNotSupportedInOpen(requested, pkg.version);
  const options = optionsFor(storedOptions(app), b['options'] as JsonObject | undefined, b['replace'] === true);
  const rendered = renderMarathonApp(pkg, packageDefinition(pkg), source, options, undefined);
  const renderedId = rendered['id'];
  if (typeof renderedId === 'string' && normalized(renderedId) !== normalized(app.id)) throw appIdChanged(normalized(renderedId), app.id);
  const marathonDeploymentId = replaceApp(api, app.id, rendered);
  return { package: packageDefinition(pkg), resolvedOptions: mergedOptions(pkg, options), marathonDeploymentId };
}

const normalized = (id: string) => `/${id.replace(/^\/+/, '')}`;
