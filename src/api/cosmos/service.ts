/**
 * Cosmos, the DC/OS package manager, behind Admin Router at `/package/…` (all POST): search, describe,
 * list-versions, render, install, uninstall, list and repository list/add/delete, with Cosmos' versioned media
 * types and error bodies (docs/catalog-sources-cosmos.md).
 */
import type { ApiContext, ApiService, RequestProblem } from '../service.ts';
import type { CosmosOp } from '../shapes/cosmos.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { CosmosFailure, errorResponse } from './errors.ts';
import { responseMediaType } from './media.ts';
import {
  describeOp,
  installOp,
  listOp,
  listVersionsOp,
  renderOp,
  repositoryAddOp,
  repositoryDeleteOp,
  repositoryListOp,
  searchOp,
  uninstallOp,
} from './operations.ts';
import { readRequest } from './requests.ts';
import { describeServiceOp, updateServiceOp } from './service-ops.ts';

type Op = (api: ApiContext, body: Record<string, unknown>, version: string) => unknown;

const OPS: Record<CosmosOp, Op> = {
  search: searchOp,
  describe: describeOp,
  'list-versions': listVersionsOp,
  render: renderOp,
  install: installOp,
  uninstall: uninstallOp,
  list: listOp,
  'repository/list': repositoryListOp,
  'repository/add': repositoryAddOp,
  'repository/delete': repositoryDeleteOp,
  'service/describe': describeServiceOp,
  'service/update': updateServiceOp,
};

function isOp(path: string): path is CosmosOp {
  return Object.hasOwn(OPS, path);
}

function refuse(problem: RequestProblem): ApiResponse {
  if (problem.kind === 'internal') return errorResponse(500, { type: 'unhandled_exception', message: problem.error });
  return errorResponse(400, { type: 'not_parsed', message: `Item 'body' unable to be parsed: ${problem.kind}` });
}

function answer(api: ApiContext, req: ApiRequest, path: string): ApiResponse {
  // Finch matches method and path together: anything else is its empty 404.
  if (req.method !== 'POST' || !isOp(path)) return { status: 404, body: '' };
  const read = readRequest(path, req);
  if (!read.ok) return errorResponse(400, read.error);
  try {
    const body = OPS[path](api, read.body, read.version);
    return { status: 200, body, headers: { 'Content-Type': responseMediaType(path, read.version) } };
  } catch (e) {
    if (e instanceof CosmosFailure) return errorResponse(e.status, e.body);
    throw e;
  }
}

export const cosmosService: ApiService = {
  prefix: 'package',
  postReads: ['search', 'describe', 'list-versions', 'list', 'render', 'repository/list'],
  handle: (api, { req, segments }) => (segments[0] === 'service' ? { status: 404, body: '' } : answer(api, req, segments.join('/'))),
  refuse,
};

/** `/cosmos/service/describe|update`: what the DC/OS UI's Edit of a package's service and `dcos <svc> update` use. */
export const cosmosServiceRoutes: ApiService = {
  prefix: 'cosmos/service',
  postReads: ['describe'],
  handle: (api, { req, segments }) => answer(api, req, `service/${segments.join('/')}`),
  refuse,
};
