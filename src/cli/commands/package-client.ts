/**
 * What dcos-core-cli 2.2's `dcos package` (Go: pkg/cmd/pkg/*.go) asks Cosmos, through its client
 * (pkg/cosmos/client.go) and the generated dcos/client-go `CosmosApiService` (vendor/…/dcos/api_cosmos.go): every
 * call a `POST /package/<op>` with Cosmos' versioned media types, and the error text each call gives back.
 */
import type {
  DescribeResponseV3Json,
  InstallationJson,
  ListResponseJson,
  ListVersionsResponseJson,
  PackageDefinitionJson,
  RenderResponseJson,
  RepositoryListResponseJson,
  SearchResponseJson,
  UninstallResponseJson,
} from '../../api/shapes/cosmos.ts';
import { goError, isSuccess } from '../format.ts';
import type { ApiRequest, RequestFn } from '../types.ts';

/** Go's `http.StatusText`, as `Response.Status` ("400 Bad Request") names an answer. */
const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

interface Op {
  /** The media-type name: `repository.add` for `/package/repository/add`. */
  type: string;
  /** The response version the client asks for (`Accept`). */
  version: string;
  /** The statuses whose body the client decodes as a `CosmosError` (its message is the error). */
  cosmosErrors: number[];
  /** False: the command returns the client's error as is (`PackageSearch`, `PackageList`), status text only. */
  unwrap: boolean;
  /** False: the client asks for no error media type (`PackageRepositoryList`). */
  errorType?: boolean;
}

const OPS = {
  search: { type: 'search', version: 'v1', cosmosErrors: [400, 409], unwrap: false },
  describe: { type: 'describe', version: 'v3', cosmosErrors: [400], unwrap: true },
  'list-versions': { type: 'list-versions', version: 'v1', cosmosErrors: [400, 409], unwrap: true },
  render: { type: 'render', version: 'v1', cosmosErrors: [400], unwrap: true },
  install: { type: 'install', version: 'v1', cosmosErrors: [400, 409], unwrap: true },
  uninstall: { type: 'uninstall', version: 'v1', cosmosErrors: [400, 404, 409], unwrap: true },
  list: { type: 'list', version: 'v1', cosmosErrors: [400], unwrap: false },
  'repository/list': { type: 'repository.list', version: 'v1', cosmosErrors: [], unwrap: true, errorType: false },
  'repository/add': { type: 'repository.add', version: 'v1', cosmosErrors: [400, 409], unwrap: true },
  'repository/delete': { type: 'repository.delete', version: 'v1', cosmosErrors: [400, 404], unwrap: true },
} satisfies Record<string, Op>;

type OpName = keyof typeof OPS;

const mediaType = (name: string, version: string) => `application/vnd.dcos.package.${name}+json;charset=utf-8;version=${version}`;

/** The headers client-go sets: the request type, and the response type (then the error type) joined by commas. */
export function cosmosHeaders(op: OpName): Record<string, string> {
  const o: Op = OPS[op];
  const accepts = [mediaType(`${o.type}-response`, o.version)];
  if (o.errorType !== false) accepts.push(mediaType('error', 'v1'));
  return { 'Content-Type': mediaType(`${o.type}-request`, 'v1'), Accept: accepts.join(',') };
}

/**
 * One call. A 2xx answer's body; otherwise the command's error: the Cosmos message when the client decodes one
 * for that status and `cosmosErrUnwrap` runs, else the HTTP status line (`GenericOpenAPIError.Error()`).
 */
export async function cosmos<T>(request: RequestFn, op: OpName, body: unknown): Promise<T> {
  const req: ApiRequest & { headers: Record<string, string> } = {
    method: 'POST',
    path: `/package/${op}`,
    body,
    headers: cosmosHeaders(op),
  };
  const res = await request(req);
  if (isSuccess(res)) return res.body as T;
  const o: Op = OPS[op];
  const message = (res.body as { message?: unknown } | null)?.message;
  if (o.unwrap && o.cosmosErrors.includes(res.status) && typeof message === 'string') throw goError(message);
  throw goError(`${res.status} ${STATUS_TEXT[res.status] ?? ''}`.trimEnd());
}

/** `PackageDescribe`: the package definition of a version (the newest when none is named). */
export const describePackage = async (request: RequestFn, name: string, version: string): Promise<PackageDefinitionJson> =>
  (
    await cosmos<DescribeResponseV3Json>(
      request,
      'describe',
      version ? { packageName: name, packageVersion: version } : { packageName: name },
    )
  ).package;

/** `PackageListVersions`: the versions, sorted as Go's `sort.Strings` sorts (bytes); none is Go's nil slice. */
export async function listVersions(request: RequestFn, name: string): Promise<string[] | null> {
  const { results } = await cosmos<ListVersionsResponseJson>(request, 'list-versions', { packageName: name, includePackageVersions: true });
  const versions = Object.keys(results ?? {}).sort(byBytes);
  return versions.length > 0 ? versions : null;
}

/** Go's string order (`<` on the UTF-8 bytes), which for these texts is the code-point order. */
export const byBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The install and render request: empty fields left out (`omitempty`), options only when a file gave some. */
function installBody(appId: string, name: string, version: string, options: Record<string, unknown> | undefined) {
  return {
    ...(appId ? { appId } : {}),
    ...(options && Object.keys(options).length > 0 ? { options } : {}),
    packageName: name,
    ...(version ? { packageVersion: version } : {}),
  };
}

export const renderPackage = async (request: RequestFn, appId: string, name: string, version: string, options?: Record<string, unknown>) =>
  (await cosmos<RenderResponseJson>(request, 'render', installBody(appId, name, version, options))).marathonJson;

export const installPackage = (request: RequestFn, appId: string, name: string, version: string, options?: Record<string, unknown>) =>
  cosmos<unknown>(request, 'install', installBody(appId, name, version, options));

export const uninstallPackage = (request: RequestFn, name: string, all: boolean, appId: string) =>
  cosmos<UninstallResponseJson>(request, 'uninstall', { ...(appId ? { appId } : {}), packageName: name, ...(all ? { all } : {}) });

export const searchPackages = (request: RequestFn, query: string) => cosmos<SearchResponseJson>(request, 'search', query ? { query } : {});

export const installedPackages = async (request: RequestFn): Promise<InstallationJson[]> =>
  (await cosmos<ListResponseJson>(request, 'list', {})).packages ?? [];

export const repositories = (request: RequestFn) => cosmos<RepositoryListResponseJson>(request, 'repository/list', {});

export const addRepository = (request: RequestFn, name: string, uri: string, index: number | undefined) =>
  cosmos<RepositoryListResponseJson>(request, 'repository/add', index === undefined ? { name, uri } : { name, uri, index });

export const deleteRepository = (request: RequestFn, name: string) =>
  cosmos<RepositoryListResponseJson>(request, 'repository/delete', name ? { name } : {});
