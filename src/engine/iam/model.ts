/**
 * The Identity and Access Manager's state (Enterprise DC/OS's Bouncer, restated in docs/iam.md): users and
 * service accounts, groups and their members, ACL resources (rids) with the actions granted on each to users
 * and groups, and the sandbox's session (whose identity a request without credentials carries). A cluster
 * that never touched IAM has none (`ClusterState.iam` absent) and behaves as `defaultIam()`: the bootstrap
 * superuser alone, signed in. IAM draws nothing from the RNG and schedules no event.
 */
import { hex, sha256, utf8 } from './sha256.ts';

export interface IamUser {
  uid: string;
  description: string;
  /** A service account (signs in with a key) rather than a user (signs in with a password). */
  isService: boolean;
  /** SHA-256 of `<uid>:<password>` in hex; absent for service accounts. Never answered. */
  passwordHash?: string;
  publicKey?: string;
}

export interface IamGroup {
  gid: string;
  description: string;
  /** Member uids, in the order they joined. */
  members: string[];
}

export interface IamAcl {
  rid: string;
  description: string;
  /** uid → actions granted (`create`, `read`, `update`, `delete`, `full`), sorted. */
  users: Record<string, string[]>;
  /** gid → actions granted. */
  groups: Record<string, string[]>;
}

/** Who a request without credentials is: a signed-in token, or nobody (signed out). */
export type IamSession = { token: string } | { token: null };

export interface IamState {
  users: Record<string, IamUser>;
  groups: Record<string, IamGroup>;
  acls: Record<string, IamAcl>;
  /** Absent: the bootstrap superuser's implicit session (a new cluster's). */
  session?: IamSession;
}

/** DC/OS Enterprise's default first user (`bootstrapuser` / `deleteme`), the sandbox's session at start. */
export const BOOTSTRAP_UID = 'bootstrapuser';
export const BOOTSTRAP_PASSWORD = 'deleteme';
export const SUPERUSER_RID = 'dcos:superuser';

export const passwordHash = (uid: string, password: string): string => hex(sha256(utf8(`${uid}:${password}`)));

export function defaultIam(): IamState {
  return {
    users: {
      [BOOTSTRAP_UID]: {
        uid: BOOTSTRAP_UID,
        description: 'Bootstrap superuser',
        isService: false,
        passwordHash: passwordHash(BOOTSTRAP_UID, BOOTSTRAP_PASSWORD),
      },
    },
    groups: {},
    acls: {
      [SUPERUSER_RID]: { rid: SUPERUSER_RID, description: 'Superuser', users: { [BOOTSTRAP_UID]: ['full'] }, groups: {} },
    },
  };
}

const DEFAULT: IamState = defaultIam();

/** The IAM state to read: the cluster's, or the default one of a cluster that never wrote any. */
export function iamOf(state: { iam?: IamState }): IamState {
  return state.iam ?? DEFAULT;
}

/** The IAM state to change, made the cluster's own on the first write. */
export function writableIam(state: { iam?: IamState }): IamState {
  state.iam ??= defaultIam();
  return state.iam;
}
