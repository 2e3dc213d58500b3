/**
 * Cosmos' errors (CO:cosmos-common/src/main/scala/com/mesosphere/cosmos/error/*.scala): the body
 * `{"type": <class name>, "message", "data"?}` with `Content-Type: application/vnd.dcos.package.error+json;…;version=v1`,
 * status 400 unless the class says otherwise. Thrown as CosmosFailure inside the service and answered by it.
 */
import type { CosmosErrorJson } from '../shapes/cosmos.ts';
import type { ApiResponse } from '../types.ts';
import { ERROR_MEDIA_TYPE } from './media.ts';

export class CosmosFailure extends Error {
  readonly status: number;
  readonly body: CosmosErrorJson;
  constructor(type: string, message: string, data?: Record<string, unknown>, status = 400) {
    super(message);
    this.status = status;
    this.body = data === undefined ? { type, message } : { type, message, data };
  }
}

export function errorResponse(status: number, body: CosmosErrorJson): ApiResponse {
  return { status, body, headers: { 'Content-Type': ERROR_MEDIA_TYPE } };
}

export const packageNotFound = (packageName: string) =>
  new CosmosFailure('PackageNotFound', `Package [${packageName}] not found`, { packageName });

export const versionNotFound = (packageName: string, packageVersion: string) =>
  new CosmosFailure('VersionNotFound', `Version [${packageVersion}] of package [${packageName}] not found`, {
    packageName,
    packageVersion,
  });

export const packageAlreadyInstalled = () => new CosmosFailure('PackageAlreadyInstalled', 'Package is already installed', undefined, 409);

export const packageNotInstalled = (packageName: string) =>
  new CosmosFailure('PackageNotInstalled', `Package [${packageName}] is not installed`, { packageName });

export const uninstallNonExistentApp = (packageName: string, appId: string) =>
  new CosmosFailure('UninstallNonExistentAppForPackage', `Package [${packageName}] with id [${appId}] is not installed`, {
    packageName,
    appId,
  });

export const ambiguousAppId = (packageName: string, appIds: string[]) =>
  new CosmosFailure('AmbiguousAppId', `Multiple apps named [${packageName}] are installed: [${appIds.join(', ')}]`, {
    packageName,
    appIds,
  });

export const jsonSchemaMismatch = (errors: unknown[]) =>
  new CosmosFailure('JsonSchemaMismatch', 'Options JSON failed validation', { errors });

export const optionsNotAllowed = () => new CosmosFailure('OptionsNotAllowed', 'No schema available to validate the provided options');

export const templateMustBeObject = () =>
  new CosmosFailure('MarathonTemplateMustBeJsonObject', 'Rendered Marathon JSON must be a JSON object');

export const templateNotFound = (packageName: string, packageVersion: string) =>
  new CosmosFailure(
    'ServiceMarathonTemplateNotFound',
    `Package: [${packageName}] version: [${packageVersion}] does not have a Marathon template defined and can not be rendered`,
    { packageName, packageVersion },
  );

function nameOrUriData(name: string | undefined, uri: string | undefined): Record<string, string> {
  return { ...(name !== undefined ? { name } : {}), ...(uri !== undefined ? { uri } : {}) };
}

export function repositoryAlreadyPresent(name: string | undefined, uri: string | undefined): CosmosFailure {
  const message =
    name !== undefined && uri !== undefined
      ? `Repository name [${name}] and URI [${uri}] are both already present in the list`
      : name !== undefined
        ? `Repository name [${name}] is already present in the list`
        : `Repository URI [${uri}] is already present in the list`;
  return new CosmosFailure('RepositoryAlreadyPresent', message, nameOrUriData(name, uri));
}

export function repositoryNotPresent(name: string | undefined, uri: string | undefined): CosmosFailure {
  const message =
    name !== undefined && uri !== undefined
      ? `Neither repository name [${name}] nor URI [${uri}] are present in the list`
      : name !== undefined
        ? `Repository name [${name}] is not present in the list`
        : `Repository URI [${uri}] is not present in the list`;
  return new CosmosFailure('RepositoryNotPresent', message, nameOrUriData(name, uri));
}

export const repoNameOrUriMissing = () =>
  new CosmosFailure('RepoNameOrUriMissing', 'Must specify either the name or URI of the repository');

export function repositoryAddIndexOutOfBounds(attempted: number, max: number): CosmosFailure {
  const suggestion = max === 0 ? 'can be at most 0' : `must be between 0 and ${max} inclusive.`;
  return new CosmosFailure('RepositoryAddIndexOutOfBounds', `Index (${attempted}) is out of range. Index value ${suggestion}`, {
    attempted,
    max,
  });
}

export const unsupportedRepositoryUri = (uri: string) =>
  new CosmosFailure('UnsupportedRepositoryUri', `Repository URI [${uri}] uses an unsupported scheme. Only http and https are supported`, {
    uri,
  });

function hostOf(uri: string): string {
  try {
    return new URL(uri).host;
  } catch {
    return uri;
  }
}

/** What Cosmos answers when it cannot fetch a repository (UniverseClient: a connection failure). */
export const repositoryUriConnection = (name: string, uri: string) =>
  new CosmosFailure('RepositoryUriConnection', `Could not access data at URI for repository [${name}]: ${uri}`, {
    repository: { name, uri },
    cause: `${hostOf(uri)}: Name or service not known`,
  });

export const marathonBadResponse = (message: string, details: unknown) =>
  new CosmosFailure('MarathonBadResponse', message, details === undefined ? undefined : { errors: details });

export const marathonGenericError = (status: number) =>
  new CosmosFailure(
    'MarathonGenericError',
    `Received response status code ${status} from Marathon`,
    { marathonStatus: status, status: 500 },
    500,
  );

export const marathonBadGateway = (status: number) =>
  new CosmosFailure(
    'MarathonBadGateway',
    `Received response status code ${status} from Marathon`,
    { marathonStatus: status, status: 502 },
    502,
  );

export const marathonAppDeleteError = (appId: string) =>
  new CosmosFailure('MarathonAppDeleteError', `Error while deleting marathon app '${appId}'`, { appId });

export const marathonAppNotFound = (appId: string) =>
  new CosmosFailure('MarathonAppNotFound', `Unable to locate service with marathon appId: '${appId}'`, { appId });

export const optionsNotStored = () => new CosmosFailure('OptionsNotStored', 'The options of the current service were not stored');

export const appIdChanged = (newAppId: string, oldAppId: string) =>
  new CosmosFailure('AppIdChanged', `The new appId ${newAppId} must be equal to the old appId ${oldAppId}`, { newAppId, oldAppId });

export const versionUpgradeNotSupportedInOpen = (requested: string | undefined, actual: string) =>
  new CosmosFailure('VersionUpgradeNotSupportedInOpen', 'Version Upgrades are an Enterprise DC/OS feature only', {
    ...(requested === undefined ? {} : { requested }),
    actual,
  });
