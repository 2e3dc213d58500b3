/**
 * The Universe repository format (mesosphere/universe:scripts/gen_universe.py; dcos/cosmos
 * universe/PackageDefinition.scala V4Package): `{packages}`, each package.json plus `releaseVersion`, `config`,
 * `resource` and `marathon.v2AppMustacheTemplate` (base64 of marathon.json.mustache).
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The draft-04 JSON Schema subset config.json files use (a type alias, so it is a plain record). */
export type JsonSchema = {
  type?: 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array';
  description?: string;
  default?: JsonValue;
  properties?: { [name: string]: JsonSchema };
  required?: string[];
  additionalProperties?: boolean;
  enum?: JsonValue[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema | JsonSchema[];
  /** DC/OS UI hint, e.g. `{type: 'application/x-zone-constraints+json'}`. */
  media?: { type: string };
};

export type Images = { 'icon-small'?: string; 'icon-medium'?: string; 'icon-large'?: string; screenshots?: string[] };

export type CliBinary = { kind: string; url: string; contentHash: { algo: string; value: string }[] };

export type Resource = {
  assets?: { uris?: { [name: string]: string }; container?: { docker: { [name: string]: string } } };
  images?: Images;
  cli?: { binaries?: { darwin?: { 'x86-64': CliBinary }; linux?: { 'x86-64': CliBinary }; windows?: { 'x86-64': CliBinary } } };
};

/** One package revision as served, fields in V4Package order. */
export type UniversePackage = {
  packagingVersion: '2.0' | '3.0' | '4.0';
  name: string;
  version: string;
  /** The revision directory's number (`repo/packages/K/kafka/1200` → 1200). */
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
  licenses?: { name: string; url: string }[];
  minDcosReleaseVersion?: string;
  marathon: { v2AppMustacheTemplate: string };
  resource: Resource;
  config: JsonSchema;
  lastUpdated?: number;
  upgradesFrom?: string[];
  downgradesTo?: string[];
};

export type UniverseRepository = { packages: UniversePackage[] };

/** A repository as `/package/repository/list` shows it, with the content bundled for its URI. */
export type BundledRepository = { name: string; uri: string; repository: UniverseRepository };
