/**
 * Cosmos' (the DC/OS package manager, 0.6.2 in DC/OS 2.2) JSON as the sandbox answers it behind Admin Router
 * (`POST /package/<op>`), field names and order as Cosmos encodes them (CO = dcos/cosmos@v0.6.2
 * cosmos-common/src/main/scala/com/mesosphere/cosmos/rpc/{v1,v2,v3}/model/*.scala,
 * …/universe/PackageDefinition.scala; see docs/catalog-sources-cosmos.md). Optional fields are left out when
 * absent (Cosmos prints without nulls). Types only.
 *
 * Media types: requests carry `Content-Type: application/vnd.dcos.package.<op>-request+json;charset=utf-8;version=v1`
 * and ask `Accept: application/vnd.dcos.package.<op>-response+json;charset=utf-8;version=vN`; see
 * `CosmosMediaTypes` for every op's versions.
 */

/**
 * Each op's media-type names and the response versions Cosmos 0.6.2 answers (first = what a request without a
 * versioned `Accept` gets). Requests are always `version=v1`. Build the header as
 * `application/vnd.dcos.package.${request}+json;charset=utf-8;version=v1`.
 */
export interface CosmosMediaTypes {
  search: { request: 'search-request'; response: 'search-response'; versions: 'v1' };
  describe: { request: 'describe-request'; response: 'describe-response'; versions: 'v3' | 'v2' };
  'list-versions': { request: 'list-versions-request'; response: 'list-versions-response'; versions: 'v1' };
  render: { request: 'render-request'; response: 'render-response'; versions: 'v1' };
  install: { request: 'install-request'; response: 'install-response'; versions: 'v2' | 'v1' };
  uninstall: { request: 'uninstall-request'; response: 'uninstall-response'; versions: 'v1' };
  list: { request: 'list-request'; response: 'list-response'; versions: 'v1' };
  'repository/list': { request: 'repository.list-request'; response: 'repository.list-response'; versions: 'v1' };
  'repository/add': { request: 'repository.add-request'; response: 'repository.add-response'; versions: 'v1' };
  'repository/delete': {
    request: 'repository.delete-request';
    response: 'repository.delete-response';
    versions: 'v1';
  };
  /** At `/cosmos/service/<op>`, with `application/vnd.dcos.service.<name>+json` media types. */
  'service/describe': { request: 'describe-request'; response: 'describe-response'; versions: 'v1' };
  'service/update': { request: 'update-request'; response: 'update-response'; versions: 'v1' };
}

/** The op, as the path after `/package/`. */
export type CosmosOp = keyof CosmosMediaTypes;

/** `application/vnd.dcos.package.<name>+json;charset=utf-8;version=<v>`. */
export type CosmosMediaType = `application/vnd.dcos.package.${string}+json;charset=utf-8;version=v${number}`;

/** The error body of every failure (`application/vnd.dcos.package.error+json;charset=utf-8;version=v1`). */
export interface CosmosErrorJson {
  /** The Cosmos error class' simple name: `PackageNotFound`, `JsonSchemaMismatch`, … */
  type: string;
  message: string;
  data?: Record<string, unknown>;
}

// ---- Universe model pieces (universe/v3/model/*.scala) ----

export interface ImagesJson {
  'icon-small'?: string;
  'icon-medium'?: string;
  'icon-large'?: string;
  screenshots?: string[];
}

export interface HashInfoJson {
  algo: string;
  value: string;
}

export interface BinaryJson {
  kind: string;
  url: string;
  contentHash: HashInfoJson[];
}

export interface PlatformsJson {
  windows?: { 'x86-64': BinaryJson };
  linux?: { 'x86-64': BinaryJson };
  darwin?: { 'x86-64': BinaryJson };
}

export interface CliJson {
  binaries?: PlatformsJson;
}

export interface AssetsJson {
  uris?: Record<string, string>;
  container?: { docker: Record<string, string> };
}

export interface ResourceJson {
  assets?: AssetsJson;
  images?: ImagesJson;
  cli?: CliJson;
}

export interface LicenseJson {
  name: string;
  url: string;
}

/** A JSON Schema (draft-04) object, the package's `config.json`. */
export type ConfigSchemaJson = Record<string, unknown>;

/**
 * A package definition as Cosmos encodes it (V3Package/V4Package/V5Package), field order of V4Package.
 * `marathon.v2AppMustacheTemplate` is the base64 of `marathon.json.mustache`.
 */
export interface PackageDefinitionJson {
  packagingVersion: '2.0' | '3.0' | '4.0' | '5.0';
  name: string;
  version: string;
  releaseVersion: number;
  maintainer: string;
  description: string;
  tags: string[];
  selected?: boolean;
  scm?: string;
  website?: string;
  framework?: boolean;
  preInstallNotes?: string;
  postInstallNotes?: string;
  postUninstallNotes?: string;
  licenses?: LicenseJson[];
  minDcosReleaseVersion?: string;
  marathon?: { v2AppMustacheTemplate: string };
  resource?: ResourceJson;
  config?: ConfigSchemaJson;
  lastUpdated?: number;
  hasKnownIssues?: boolean;
  upgradesFrom?: string[];
  downgradesTo?: string[];
}

// ---- /package/search ----

export interface SearchRequestJson {
  query?: string;
}

export interface SearchResultJson {
  name: string;
  currentVersion: string;
  /** version → releaseVersion (as a string, e.g. `"1200"`). */
  versions: Record<string, string>;
  description: string;
  framework: boolean;
  tags: string[];
  selected?: boolean;
  images?: ImagesJson;
}

export interface SearchResponseJson {
  packages: SearchResultJson[];
}

// ---- /package/describe ----

export interface DescribeRequestJson {
  packageName: string;
  packageVersion?: string;
}

/** v3 (the default). */
export interface DescribeResponseV3Json {
  package: PackageDefinitionJson;
}

/** v2: the package definition flattened (no releaseVersion; `selected`/`framework` always written). */
export interface DescribeResponseV2Json {
  packagingVersion: string;
  name: string;
  version: string;
  maintainer: string;
  description: string;
  tags: string[];
  selected: boolean;
  scm?: string;
  website?: string;
  framework: boolean;
  preInstallNotes?: string;
  postInstallNotes?: string;
  postUninstallNotes?: string;
  licenses?: LicenseJson[];
  minDcosReleaseVersion?: string;
  marathon?: { v2AppMustacheTemplate: string };
  resource?: ResourceJson;
  config?: ConfigSchemaJson;
}

// ---- /package/list-versions ----

export interface ListVersionsRequestJson {
  packageName: string;
  includePackageVersions: boolean;
}

export interface ListVersionsResponseJson {
  /** version → releaseVersion (string). */
  results: Record<string, string>;
}

// ---- /package/render and /package/install ----

export interface RenderRequestJson {
  packageName: string;
  packageVersion?: string;
  options?: Record<string, unknown>;
  appId?: string;
}

export interface RenderResponseJson {
  /** The Marathon app JSON Cosmos would POST, labels included. */
  marathonJson: Record<string, unknown>;
}

export interface InstallRequestJson {
  packageName: string;
  packageVersion?: string;
  options?: Record<string, unknown>;
  appId?: string;
  managerId?: string;
}

/** v2 (the default). */
export interface InstallResponseV2Json {
  packageName: string;
  packageVersion: string;
  appId?: string;
  postInstallNotes?: string;
  cli?: CliJson;
}

/** v1. */
export interface InstallResponseV1Json {
  packageName: string;
  packageVersion: string;
  appId: string;
}

// ---- /package/uninstall ----

export interface UninstallRequestJson {
  packageName: string;
  appId?: string;
  all?: boolean;
  managerId?: string;
  packageVersion?: string;
}

export interface UninstallResultJson {
  packageName: string;
  appId: string;
  packageVersion?: string;
  postUninstallNotes?: string;
}

export interface UninstallResponseJson {
  results: UninstallResultJson[];
}

// ---- /package/list ----

export interface ListRequestJson {
  packageName?: string;
  appId?: string;
}

export interface InstalledPackageDetailsJson {
  packagingVersion: string;
  name: string;
  version: string;
  maintainer: string;
  description: string;
  tags: string[];
  selected?: boolean;
  scm?: string;
  website?: string;
  framework?: boolean;
  preInstallNotes?: string;
  postInstallNotes?: string;
  postUninstallNotes?: string;
  licenses?: LicenseJson[];
}

export interface InstallationJson {
  appId: string;
  packageInformation: {
    packageDefinition: InstalledPackageDetailsJson;
    resourceDefinition?: { assets?: AssetsJson; images?: ImagesJson };
  };
}

export interface ListResponseJson {
  packages: InstallationJson[];
}

// ---- /package/repository/* ----

export interface PackageRepositoryJson {
  name: string;
  uri: string;
}

export type RepositoryListRequestJson = Record<string, never>;

export interface RepositoryAddRequestJson {
  name: string;
  uri: string;
  /** Position in the list (0 = first); default: append. */
  index?: number;
}

export interface RepositoryDeleteRequestJson {
  name?: string;
  uri?: string;
}

export interface RepositoryListResponseJson {
  repositories: PackageRepositoryJson[];
}

// ---- /cosmos/service/* (rpc/v1/model/Service{Describe,Update}{Request,Response}.scala) ----

export interface ServiceDescribeRequestJson {
  appId: string;
  managerId?: string;
  packageName?: string;
  packageVersion?: string;
}

export interface ServiceDescribeResponseJson {
  package: PackageDefinitionJson;
  /** Versions of the package that name this one in their `upgradesFrom`. */
  upgradesTo: string[];
  /** This package's `downgradesTo` versions that the repositories hold. */
  downgradesTo: string[];
  /** The package's defaults merged with the options the service was installed with; absent when none were stored. */
  resolvedOptions?: Record<string, unknown>;
  /** The options as given at install or last update (the app's DCOS_PACKAGE_OPTIONS label). */
  userProvidedOptions?: Record<string, unknown>;
}

export interface ServiceUpdateRequestJson {
  appId: string;
  packageVersion?: string;
  options?: Record<string, unknown>;
  /** true: `options` replace the stored ones; false: they are merged over them. */
  replace: boolean;
  managerId?: string;
  packageName?: string;
  currentPackageVersion?: string;
}

export interface ServiceUpdateResponseJson {
  package: PackageDefinitionJson;
  resolvedOptions: Record<string, unknown>;
  marathonDeploymentId: string;
}
