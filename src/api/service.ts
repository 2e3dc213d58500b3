/**
 * The contract of an API service (see src/engine/README.md): the first path segment it answers
 * behind Admin Router (`/mesos/…`, `/marathon/…`), and its handler.
 */
import type { SimContext } from '../engine/core/events.ts';
import type { ClusterState } from '../engine/core/model.ts';
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

export interface ApiService {
  /** The path prefix it answers, without slashes at either end: `mesos` for `/mesos/master/state`, `service/metronome` for `/service/metronome/v1/jobs`. */
  readonly prefix: string;
  handle(api: ApiContext, request: RoutedRequest): ApiResponse;
}
