/** Saved clusters in IndexedDB: open the database, read and write clusters, autosave, one writer per cluster. */
export { DB_NAME, DB_VERSION, openSandboxDb, type ClusterRecord, type OpenOptions, type SandboxDb } from './db.ts';
export {
  ClusterRepository,
  MAX_NAME_LENGTH,
  type ClusterChange,
  type ClusterList,
  type ClusterState,
  type CorruptCluster,
  type StoredCluster,
} from './clusters.ts';
export { PersistError, toPersistError, type PersistErrorKind } from './errors.ts';
export { Autosaver, type AutosaverOptions } from './autosave.ts';
export { TabLock, type LockResult, type TabLockOptions } from './tab-lock.ts';
export { TutorialRepository, type StoredProgress } from './tutorial.ts';
