/**
 * The contract of an API service (see src/engine/README.md): the first path segment it answers
 * behind Admin Router (`/mesos/…`, `/marathon/…`), and its handler.
 */
import type { SimContext } from '../engine/core/events.ts';
import type { ClusterState } from '../engine/core/model.ts';
import type { JsonLimitProblem } from '../common/json-limits.ts';
import type { ApiRequest, ApiResponse } from './types.ts';

/** What a request may read and change: the cluster's state, and the simulation for scheduling what follows. */
export interface ApiContext {
  state: ClusterState;
  ctx: SimContext;
}

/** A request as a service sees it: the path after its prefix, decoded, and the query. */
export interface RoutedRequest {
  req: ApiRequest;
  segments: string[];
  query: URLSearchParams;
}

/** A request the router answers for the service: a body over the limits, or an exception its handler threw. */
export type RequestProblem = JsonLimitProblem | { kind: 'internal'; error: string };

export interface ApiService {
  /** The path prefix it answers, without slashes at either end: `mesos` for `/mesos/master/state`, `service/metronome` for `/service/metronome/v1/jobs`. */
  readonly prefix: string;
  /** How deeply its bodies may nest (default MAX_JSON_DEPTH). */
  readonly maxBodyDepth?: number;
  handle(api: ApiContext, request: RoutedRequest): ApiResponse;
  /**
   * Its POST routes that only read (paths below the prefix, `search` for `/package/search`): Cosmos' queries, IAM's
   * login. They are not actions: a script does not keep them, and the history hash does not count them.
   */
  readonly postReads?: readonly string[];
  /** Its answer to a problem the router caught, in the service's own error shape (default: `{"message"}`). */
  refuse?(problem: RequestProblem): ApiResponse;
}
