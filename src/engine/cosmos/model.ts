/**
 * Cosmos' (the package manager's) state: its list of package repositories, in order (the first that has a
 * package wins). Cosmos keeps it in ZooKeeper (`/package/repositories`); a new cluster starts with Cosmos'
 * default list (CO:cosmos-server/src/main/resources/default-repositories.json). Installed packages are not kept
 * here: Cosmos finds them as Marathon apps with its labels (docs/catalog-sources-cosmos.md §5).
 */

export interface CosmosRepository {
  name: string;
  uri: string;
}

export interface CosmosState {
  repositories: CosmosRepository[];
}

export const DEFAULT_REPOSITORIES: readonly CosmosRepository[] = [{ name: 'Universe', uri: 'https://universe.mesosphere.com/repo' }];

export function emptyCosmos(): CosmosState {
  return { repositories: DEFAULT_REPOSITORIES.map((r) => ({ ...r })) };
}
