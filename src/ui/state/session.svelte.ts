/**
 * Who the UI acts as: the sandbox's session (`/sandbox/v1/session`, docs/iam.md), whose identity every page's
 * request carries. Signing in posts IAM's login and makes its token the session; signing out clears it.
 */
import type { ApiRequest, ApiResponse } from '../../api/types.ts';
import type { ClusterStore } from './cluster.svelte.ts';

type Requester = (req: ApiRequest) => Promise<ApiResponse>;

const SESSION = '/sandbox/v1/session';

/** IAM's `description`, else a message, else the status. */
function reason(res: ApiResponse): string {
  const b = res.body as { description?: unknown; message?: unknown } | null;
  const text = typeof b === 'object' && b !== null ? (b.description ?? b.message) : undefined;
  return typeof text === 'string' && text ? text : `The cluster answered ${res.status}.`;
}

export class SessionStore {
  /** The signed-in uid; null signed out; undefined not read yet. */
  uid = $state<string | null | undefined>(undefined);
  /** Goes up each time the uid changes from one known value to another: the pages are rebuilt as the new user. */
  changes = $state(0);
  readonly #request: Requester;

  constructor(request: Requester) {
    this.#request = request;
  }

  #set(uid: string | null): void {
    if (this.uid !== undefined && this.uid !== uid) this.changes++;
    this.uid = uid;
  }

  async refresh(): Promise<void> {
    const res = await this.#request({ method: 'GET', path: SESSION });
    if (res.status !== 200) return;
    const uid = (res.body as { uid?: unknown } | null)?.uid;
    this.#set(typeof uid === 'string' ? uid : null);
  }

  async signOut(): Promise<void> {
    const res = await this.#request({ method: 'DELETE', path: SESSION });
    if (res.status < 300) this.#set(null);
  }

  /** Sign in as `uid`; answers null, or the reason it was refused. */
  async signIn(uid: string, password: string): Promise<string | null> {
    const login = await this.#request({ method: 'POST', path: '/acs/api/v1/auth/login', body: { uid, password } });
    if (login.status !== 200) return reason(login);
    const token = (login.body as { token?: unknown } | null)?.token;
    const res = await this.#request({ method: 'PUT', path: SESSION, body: { token } });
    if (res.status !== 200) return reason(res);
    this.#set(uid);
    return null;
  }
}

const SESSIONS = new WeakMap<ClusterStore, SessionStore>();

/**
 * The session of the page's cluster store: the header's menu reads and changes it; the app rebuilds the pages
 * when it changes hands (`changes`), so that they show what the new user may see.
 */
export function sessionOf(cluster: ClusterStore): SessionStore {
  let session = SESSIONS.get(cluster);
  if (!session) SESSIONS.set(cluster, (session = new SessionStore((req) => cluster.request(req))));
  return session;
}
