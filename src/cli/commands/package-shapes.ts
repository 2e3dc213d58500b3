/**
 * The Go structs `dcos package` decodes Cosmos' JSON into before it prints it (dcos/client-go as vendored by
 * dcos-core-cli 2.2: vendor/github.com/dcos/client-go/dcos/model_cosmos_*.go; pkg/cosmos/types.go). A struct field
 * tagged `omitempty` is still written (Go never omits a struct), so `images`, `resource`, `marathon` always show.
 */
import type { GoField, GoType } from '../go.ts';

const str = 'string';
const num = 'number';
const bool = 'bool';
const slice = (of: GoType): GoType => ({ slice: of });
const map = (of: GoType): GoType => ({ map: of });
const struct = (fields: GoField[]): GoType => ({ struct: fields });

/** `CosmosPackageResourceImages` */
const IMAGES = struct([
  ['icon-large', str, true],
  ['icon-medium', str, true],
  ['icon-small', str, true],
  ['screenshots', slice(str), true],
]);

const ARTIFACT = struct([
  [
    'contentHash',
    slice(
      struct([
        ['algo', str, true],
        ['value', str, true],
      ]),
    ),
    true,
  ],
  ['kind', str, true],
  ['url', str, true],
]);

const OS_BINARIES = struct([['x86-64', ARTIFACT, true]]);

/** `CosmosPackageResourceCli` */
export const RESOURCE_CLI = struct([
  [
    'binaries',
    struct([
      ['darwin', OS_BINARIES, true],
      ['linux', OS_BINARIES, true],
      ['windows', OS_BINARIES, true],
    ]),
    true,
  ],
]);

/** `CosmosPackageCommand` */
export const COMMAND = struct([
  ['name', str, true],
  ['pip', slice(str), true],
]);

const LICENSE = struct([
  ['name', str],
  ['url', str],
]);

/** `CosmosPackage`: `describe`'s `package`. */
const COSMOS_PACKAGE = struct([
  ['command', COMMAND, true],
  ['config', map('any'), true],
  ['description', str],
  ['downgradesTo', slice(str), true],
  ['framework', bool, true],
  ['licenses', slice(LICENSE), true],
  ['maintainer', str],
  ['marathon', struct([['v2AppMustacheTemplate', str]]), true],
  ['minDcosReleaseVersion', str, true],
  ['name', str],
  ['packagingVersion', str],
  ['postInstallNotes', str, true],
  ['postUninstallNotes', str, true],
  ['preInstallNotes', str, true],
  ['releaseVersion', num],
  [
    'resource',
    struct([
      [
        'assets',
        struct([
          ['container', struct([['docker', map(str), true]]), true],
          ['uris', map(str), true],
        ]),
        true,
      ],
      ['cli', RESOURCE_CLI, true],
      ['images', IMAGES, true],
    ]),
    true,
  ],
  ['scm', str, true],
  ['selected', bool, true],
  ['tags', slice(str), true],
  ['upgradesFrom', slice(str), true],
  ['version', str],
  ['website', str, true],
  [
    'manager',
    struct([
      ['packageName', str, true],
      ['minPackageVersion', str, true],
    ]),
    true,
  ],
  ['lastUpdated', num, true],
]);

/** `cosmos.Description` */
export const DESCRIPTION = struct([['package', COSMOS_PACKAGE]]);

/** `cosmos.SearchResult` of `CosmosPackageSearchDetails` */
export const SEARCH_RESULT = struct([
  [
    'packages',
    slice(
      struct([
        ['name', str],
        ['currentVersion', str],
        ['description', str],
        ['framework', bool],
        ['selected', bool, true],
        ['images', IMAGES, true],
        ['tags', slice(str)],
        ['versions', map('any')],
      ]),
    ),
  ],
]);

/** `cosmos.Package`: a row of `dcos package list --json`. */
export const LISTED_PACKAGE = struct([
  ['apps', slice(str), true],
  ['command', { ptr: COMMAND }, true],
  ['config', map('any'), true],
  ['description', str, true],
  ['framework', bool],
  ['licenses', slice(LICENSE), true],
  ['maintainer', str, true],
  ['marathon', { ptr: struct([['v2AppMustacheTemplate', str, true]]) }, true],
  ['name', str, true],
  ['packagingVersion', str, true],
  ['postInstallNotes', str, true],
  ['postUninstallNotes', str, true],
  ['preInstallNotes', str, true],
  ['scm', str, true],
  ['releaseVersion', { ptr: num }, true],
  ['selected', bool],
  ['tags', slice(str), true],
  ['version', str, true],
  ['website', str, true],
]);

/** `CosmosPackageListRepoV1Response` */
export const REPO_LIST = struct([
  [
    'repositories',
    slice(
      struct([
        ['name', str],
        ['uri', str],
      ]),
    ),
  ],
]);
