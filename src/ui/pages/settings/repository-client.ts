/**
 * Cosmos' package repositories as the DC/OS UI's PackageRepositoryClient calls them: `POST /package/repository/
 * {list,add,delete}` with the versioned vendor media types (requests and responses `version=v1`). Every call answers
 * the list after it, or Cosmos' refusal as the UI shows it (description, else message, else a fixed sentence).
 */
import type { PackageRepositoryJson, RepositoryListResponseJson } from '../../../api/shapes/cosmos.ts';
import type { ApiRequest, ApiResponse } from '../../../api/types.ts';

export type Requester = (req: ApiRequest) => Promise<ApiResponse>;
export type RepositoryResult = { ok: true; repositories: PackageRepositoryJson[] } | { ok: false; status: number; message: string };

type Op = 'list' | 'add' | 'delete';

export const repositoryMediaType = (op: Op, part: 'request' | 'response'): string =>
  `application/vnd.dcos.package.repository.${op}-${part}+json;charset=utf-8;version=v1`;

/** The request of one operation: what the DC/OS UI sends. */
export function repositoryRequest(op: Op, body: Record<string, unknown>): ApiRequest {
  return {
    method: 'POST',
    path: `/package/repository/${op}`,
    body,
    headers: { 'Content-Type': repositoryMediaType(op, 'request'), Accept: repositoryMediaType(op, 'response') },
  };
}

/** The message of a refusal: Cosmos' description or message, a plain-text body, else the UI's fixed sentence. */
export function refusalMessage(res: ApiResponse): string {
  if (typeof res.body === 'string' && res.body.trim() !== '') return res.body;
  const b = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as { description?: unknown; message?: unknown };
  if (typeof b.description === 'string' && b.description) return b.description;
  if (typeof b.message === 'string' && b.message) return b.message;
  return 'An error has occurred.';
}

export class RepositoryClient {
  readonly #request: Requester;

  constructor(request: Requester) {
    this.#request = request;
  }

  async #call(op: Op, body: Record<string, unknown>): Promise<RepositoryResult> {
    let res: ApiResponse;
    try {
      res = await this.#request(repositoryRequest(op, body));
    } catch (e) {
      return { ok: false, status: 0, message: e instanceof Error ? e.message : String(e) };
    }
    if (res.status >= 200 && res.status < 300) {
      const list = (res.body as Partial<RepositoryListResponseJson> | null)?.repositories;
      return { ok: true, repositories: Array.isArray(list) ? list : [] };
    }
    return { ok: false, status: res.status, message: refusalMessage(res) };
  }

  list(): Promise<RepositoryResult> {
    return this.#call('list', {});
  }

  /** `index`: where it goes in the list (0 first); undefined: last. */
  add(name: string, uri: string, index: number | undefined): Promise<RepositoryResult> {
    return this.#call('add', index === undefined ? { name, uri } : { name, uri, index });
  }

  remove(repository: PackageRepositoryJson): Promise<RepositoryResult> {
    return this.#call('delete', { name: repository.name, uri: repository.uri });
  }
}
