/** The offline Universe: repository format, bundled repositories and the package revisions they hold. */
export type {
  BundledRepository,
  CliBinary,
  Images,
  JsonSchema,
  JsonValue,
  Resource,
  UniversePackage,
  UniverseRepository,
} from './types.ts';
export { fromBase64, toBase64 } from './build.ts';
export { bundledRepository, DEFAULT_REPOSITORIES, DEV_UNIVERSE, UNIVERSE, UNIVERSE_REPO_MEDIA_TYPE } from './repositories.ts';
