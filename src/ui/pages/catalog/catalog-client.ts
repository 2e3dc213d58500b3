/**
 * Cosmos (`POST /package/*`, `POST /cosmos/service/*`) as the DC/OS UI's CosmosPackagesActions.ts calls it: versioned
 * vendor media types (requests `version=v1`; responses search v1, describe v3, list-versions v1, install v2; a
 * service's describe and update v1, `vnd.dcos.service.*`). Every call answers a `Result`; a refusal keeps Cosmos' error
 * type, message and data.
 */
import type {
  CosmosErrorJson,
  DescribeResponseV3Json,
  InstallResponseV2Json,
  ListVersionsResponseJson,
  PackageDefinitionJson,
  SearchResultJson,
  SearchResponseJson,
  ServiceDescribeResponseJson,
  ServiceUpdateResponseJson,
} from '../../../api/shapes/cosmos.ts';
import type { ApiRequest, ApiResponse } from '../../../api/types.ts';

export type Requester = (req: ApiRequest) => Promise<ApiResponse>;
export type CosmosProblem = CosmosErrorJson & { status: number };
export type Result<T> = { ok: true; value: T } | { ok: false; problem: CosmosProblem };

const type = (name: string, version: string, entity = 'package') =>
  `application/vnd.dcos.${entity}.${name}+json;charset=utf-8;version=${version}`;

export class CatalogClient {
  readonly #request: Requester;

  constructor(request: Requester) {
    this.#request = request;
  }

  /** `POST /package/<op>`, or `POST /cosmos/service/<op>` (entity `service`). */
  async #call<T>(op: string, version: string, body: unknown, entity: 'package' | 'service' = 'package'): Promise<Result<T>> {
    const req: ApiRequest & { headers: Record<string, string> } = {
      method: 'POST',
      path: entity === 'package' ? `/package/${op}` : `/cosmos/service/${op}`,
      body,
      headers: { 'Content-Type': type(`${op}-request`, 'v1', entity), Accept: type(`${op}-response`, version, entity) },
    };
    let res: ApiResponse;
    try {
      res = await this.#request(req);
    } catch (e) {
      return { ok: false, problem: { status: 0, type: 'Error', message: e instanceof Error ? e.message : String(e) } };
    }
    if (res.status >= 200 && res.status < 300) return { ok: true, value: res.body as T };
    const b = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as Partial<CosmosErrorJson> & { description?: string };
    // CosmosPackagesActions' getErrorMessage: description, message, else a fixed sentence.
    const message = b.description ?? b.message ?? (typeof res.body === 'string' ? res.body : 'An error has occurred.');
    return { ok: false, problem: { status: res.status, type: b.type ?? '', message, ...(b.data ? { data: b.data } : {}) } };
  }

  async search(query = ''): Promise<Result<SearchResultJson[]>> {
    const r = await this.#call<SearchResponseJson>('search', 'v1', query ? { query } : {});
    return r.ok ? { ok: true, value: r.value.packages ?? [] } : r;
  }

  async describe(packageName: string, packageVersion = ''): Promise<Result<PackageDefinitionJson>> {
    const r = await this.#call<DescribeResponseV3Json>(
      'describe',
      'v3',
      packageVersion ? { packageName, packageVersion } : { packageName },
    );
    return r.ok ? { ok: true, value: r.value.package } : r;
  }

  async versions(packageName: string): Promise<Result<Record<string, string>>> {
    const r = await this.#call<ListVersionsResponseJson>('list-versions', 'v1', { packageName, includePackageVersions: true });
    return r.ok ? { ok: true, value: r.value.results ?? {} } : r;
  }

  install(packageName: string, packageVersion: string, options: Record<string, unknown>): Promise<Result<InstallResponseV2Json>> {
    return this.#call('install', 'v2', { packageName, packageVersion, options });
  }

  /** A running service's package and options (fetchServiceDescription): what "Edit" of a package's service shows. */
  describeService(appId: string): Promise<Result<ServiceDescribeResponseJson>> {
    return this.#call('describe', 'v1', { appId }, 'service');
  }

  /** A service's new configuration (CosmosPackagesActions.updateService): the whole form value, `replace: true`. */
  updateService(appId: string, options: Record<string, unknown>): Promise<Result<ServiceUpdateResponseJson>> {
    return this.#call('update', 'v1', { appId, options, replace: true }, 'service');
  }
}

/** Versions newest first: by release number (Cosmos' `versions` / `results` values), else as given. */
export function versionsNewestFirst(results: Record<string, string>): string[] {
  return Object.entries(results)
    .sort(([, a], [, b]) => Number(b) - Number(a))
    .map(([v]) => v);
}

/** The resources the default configuration asks for, where the schema names them (`cpus`, `mem`, `disk`, `count`). */
export interface ResourceLine {
  group: string;
  count?: number;
  cpus?: number;
  mem?: number;
  disk?: number;
}

export function defaultResources(config: Record<string, unknown> | undefined): ResourceLine[] {
  const props = (s: unknown): Record<string, Record<string, unknown>> =>
    typeof s === 'object' && s !== null && typeof (s as { properties?: unknown }).properties === 'object'
      ? ((s as { properties: Record<string, Record<string, unknown>> }).properties ?? {})
      : {};
  const num = (s: Record<string, unknown> | undefined) => (typeof s?.default === 'number' ? s.default : undefined);
  const lines: ResourceLine[] = [];
  const visit = (name: string, schema: Record<string, unknown>) => {
    const p = props(schema);
    const line: ResourceLine = { group: name };
    const cpus = num(p.cpus);
    const mem = num(p.mem);
    const disk = num(p.disk);
    const count = num(p.count);
    if (cpus !== undefined) line.cpus = cpus;
    if (mem !== undefined) line.mem = mem;
    if (disk !== undefined) line.disk = disk;
    if (count !== undefined) line.count = count;
    if (cpus !== undefined || mem !== undefined) lines.push(line);
    for (const [k, s] of Object.entries(p)) if (typeof s === 'object' && s !== null && s.type === 'object') visit(k, s);
  };
  for (const [k, s] of Object.entries(props(config))) if (s.type === 'object') visit(k, s);
  return lines;
}
