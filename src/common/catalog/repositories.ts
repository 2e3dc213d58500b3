/**
 * Bundled repositories (nothing is fetched). Default: dcos/cosmos:cosmos-server/src/main/resources/
 * default-repositories.json. dev-universe: the local Universe of mesosphere/universe's README.
 */
import { CASSANDRA } from './cassandra.ts';
import { ELASTIC } from './elastic.ts';
import { HDFS } from './hdfs.ts';
import { JENKINS } from './jenkins.ts';
import { KAFKA } from './kafka.ts';
import { MARATHON_LB } from './marathon-lb.ts';
import { NGINX, NGINX_1_10_2 } from './nginx.ts';
import { SPARK } from './spark.ts';
import type { BundledRepository, UniversePackage } from './types.ts';

/** gen_universe.py's content type for the full repo. */
export const UNIVERSE_REPO_MEDIA_TYPE = 'application/vnd.dcos.universe.repo+json;charset=utf-8;version=v5';

/** By name, then oldest revision first. */
const sorted = (packages: UniversePackage[]) =>
  [...packages].sort((a, b) => (a.name === b.name ? a.releaseVersion - b.releaseVersion : a.name < b.name ? -1 : 1));

export const UNIVERSE: BundledRepository = {
  name: 'Universe',
  uri: 'https://universe.mesosphere.com/repo',
  repository: { packages: sorted([...KAFKA, CASSANDRA, HDFS, ELASTIC, JENKINS, SPARK, ...MARATHON_LB, NGINX]) },
};

export const DEV_UNIVERSE: BundledRepository = {
  name: 'dev-universe',
  uri: 'http://universe.marathon.mesos:8085/repo',
  repository: { packages: [NGINX_1_10_2] },
};

/** What Cosmos lists before any `repository add`/`delete`. */
export const DEFAULT_REPOSITORIES: readonly BundledRepository[] = [UNIVERSE];

const BUNDLED: readonly BundledRepository[] = [UNIVERSE, DEV_UNIVERSE];

/** The bundled repository at `uri`, or undefined (another URI would need the network). */
export function bundledRepository(uri: string): BundledRepository | undefined {
  return BUNDLED.find((r) => r.uri === uri);
}
