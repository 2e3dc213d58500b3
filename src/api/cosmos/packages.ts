/**
 * The packages of Cosmos' repository list (CO:cosmos-server/…/repository/PackageCollection.scala): every
 * repository read in list order (its URI looked up among the bundled ones; one the sandbox does not bundle cannot
 * be fetched: RepositoryUriConnection), merged (one entry per name and version, the lowest-index repository's
 * winning), sorted by name, repository index, then release version descending.
 */
import { bundledRepository } from '../../common/catalog/repositories.ts';
import type { UniversePackage } from '../../common/catalog/types.ts';
import type { CosmosRepository } from '../../engine/cosmos/model.ts';
import type { DescribeResponseV2Json, DescribeResponseV3Json, PackageDefinitionJson, SearchResultJson } from '../shapes/cosmos.ts';
import { packageNotFound, repositoryUriConnection, versionNotFound } from './errors.ts';

export interface Located {
  pkg: UniversePackage;
  /** The URI of the repository it came from (the DCOS_PACKAGE_SOURCE label). */
  source: string;
}

/** The packages of one repository; throws RepositoryUriConnection when the sandbox has none for its URI. */
export function readRepository(repo: CosmosRepository): UniversePackage[] {
  const found = bundledRepository(repo.uri);
  if (!found) throw repositoryUriConnection(repo.name, repo.uri);
  return found.repository.packages;
}

export function mergedPackages(repositories: readonly CosmosRepository[]): Located[] {
  const best = new Map<string, { at: Located; index: number }>();
  repositories.forEach((repo, index) => {
    for (const pkg of readRepository(repo)) {
      const key = `${pkg.name}\u0000${pkg.version}`;
      const seen = best.get(key);
      if (!seen || index < seen.index || (index === seen.index && pkg.releaseVersion > seen.at.pkg.releaseVersion))
        best.set(key, { at: { pkg, source: repo.uri }, index });
    }
  });
  return [...best.values()]
    .sort(
      (a, b) =>
        cmp(a.at.pkg.name, b.at.pkg.name) ||
        a.index - b.index ||
        b.at.pkg.releaseVersion - a.at.pkg.releaseVersion ||
        cmp(a.at.pkg.version, b.at.pkg.version),
    )
    .map((e) => e.at);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The package a request names: its version, or the first (newest release of the first repository having it). */
export function locate(repositories: readonly CosmosRepository[], name: string, version: string | undefined): Located {
  const named = mergedPackages(repositories).filter((l) => l.pkg.name === name);
  if (version === undefined) {
    if (named.length === 0) throw packageNotFound(name);
    return named[0]!;
  }
  const found = named.find((l) => l.pkg.version === version);
  if (found) return found;
  throw named.length > 0 ? versionNotFound(name, version) : packageNotFound(name);
}

export function packagesNamed(repositories: readonly CosmosRepository[], name: string): UniversePackage[] {
  const named = mergedPackages(repositories)
    .filter((l) => l.pkg.name === name)
    .map((l) => l.pkg);
  if (named.length === 0) throw packageNotFound(name);
  return named;
}

/** `/package/search`: one result per name, `*` a wildcard (whole-string match), else a case-insensitive substring. */
export function search(repositories: readonly CosmosRepository[], query: string | undefined): SearchResultJson[] {
  const byName = new Map<string, SearchResultJson>();
  for (const { pkg } of mergedPackages(repositories)) {
    const result = byName.get(pkg.name) ?? firstResult(pkg);
    const release = Math.max(Number(result.versions[pkg.version] ?? pkg.releaseVersion), pkg.releaseVersion);
    result.versions[pkg.version] = String(release);
    byName.set(pkg.name, result);
  }
  const matches = predicate(query);
  return [...byName.values()].filter(matches).sort((a, b) => Number(!a.selected) - Number(!b.selected) || cmp(a.name, b.name));
}

function firstResult(pkg: UniversePackage): SearchResultJson {
  const result: SearchResultJson = {
    name: pkg.name,
    currentVersion: pkg.version,
    versions: {},
    description: pkg.description,
    framework: pkg.framework ?? false,
    tags: [...pkg.tags],
  };
  if (pkg.selected !== undefined) result.selected = pkg.selected;
  if (pkg.resource.images) result.images = structuredClone(pkg.resource.images);
  return result;
}

function predicate(query: string | undefined): (r: SearchResultJson) => boolean {
  if (query === undefined) return () => true;
  if (query.includes('*')) {
    const pattern = new RegExp(`^${query.split('*').map(escapeRegExp).join('.*')}$`);
    return (r) => pattern.test(r.name) || pattern.test(r.description) || r.tags.some((t) => pattern.test(t));
  }
  const q = query.toLowerCase();
  return (r) =>
    r.name.toLowerCase().includes(q) || r.description.toLowerCase().includes(q) || r.tags.some((t) => t.toLowerCase().includes(q));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The package definition as Cosmos encodes it (V4Package field order; absent options left out). */
export function packageDefinition(pkg: UniversePackage): PackageDefinitionJson {
  const copy = structuredClone(pkg);
  const def: PackageDefinitionJson = {
    packagingVersion: copy.packagingVersion,
    name: copy.name,
    version: copy.version,
    releaseVersion: copy.releaseVersion,
    maintainer: copy.maintainer,
    description: copy.description,
    tags: copy.tags,
  };
  const optional = [
    'selected',
    'scm',
    'website',
    'framework',
    'preInstallNotes',
    'postInstallNotes',
    'postUninstallNotes',
    'licenses',
    'minDcosReleaseVersion',
    'marathon',
    'resource',
    'config',
    'lastUpdated',
    'upgradesFrom',
    'downgradesTo',
  ] as const;
  const target = def as unknown as Record<string, unknown>;
  for (const key of optional) if (copy[key] !== undefined) target[key] = copy[key];
  return def;
}

/** PackageDetails' fields in Cosmos' order (rpc/v1/model/PackageDetails.scala): framework after website. */
export const PACKAGE_DETAILS_FIELDS = [
  'packagingVersion',
  'name',
  'version',
  'maintainer',
  'description',
  'tags',
  'selected',
  'scm',
  'website',
  'framework',
  'preInstallNotes',
  'postInstallNotes',
  'postUninstallNotes',
  'licenses',
] as const;

export function describeV3(pkg: UniversePackage): DescribeResponseV3Json {
  return { package: packageDefinition(pkg) };
}

/** v2: flat, without releaseVersion, `selected` and `framework` always written. */
export function describeV2(pkg: UniversePackage): DescribeResponseV2Json {
  const def = packageDefinition(pkg);
  const out: DescribeResponseV2Json = {
    packagingVersion: def.packagingVersion,
    name: def.name,
    version: def.version,
    maintainer: def.maintainer,
    description: def.description,
    tags: def.tags,
    selected: def.selected ?? false,
    framework: def.framework ?? false,
  };
  const target = out as unknown as Record<string, unknown>;
  const rest = [
    'scm',
    'website',
    'preInstallNotes',
    'postInstallNotes',
    'postUninstallNotes',
    'licenses',
    'minDcosReleaseVersion',
  ] as const;
  for (const key of rest) if (def[key] !== undefined) target[key] = def[key];
  for (const key of ['marathon', 'resource', 'config'] as const) if (def[key] !== undefined) target[key] = def[key];
  // Field order as rpc/v2/model/DescribeResponse.scala: framework after website.
  return reorder(out, PACKAGE_DETAILS_FIELDS);
}

function reorder<T extends object>(obj: T, first: readonly string[]): T {
  const src = obj as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of first) if (k in src) out[k] = src[k];
  for (const [k, v] of Object.entries(src)) if (!(k in out)) out[k] = v;
  return out as T;
}
