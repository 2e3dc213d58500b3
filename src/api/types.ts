/** A DC/OS HTTP call in-process: what the UI, the CLI, the tutorial and the tests send, and what they get back. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest {
  method: HttpMethod;
  /** Path as behind Admin Router, with an optional query: `/mesos/master/state`, `/mesos/master/slaves?slave_id=…`. */
  path: string;
  body?: unknown;
  /**
   * Request headers a service reads (Cosmos' versioned `Content-Type` and `Accept`); names are matched without
   * regard to case. Absent when there are none. A write's headers are kept in the script, so a replay
   * sends the same ones.
   */
  headers?: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  /** Response headers a client reads (Marathon's `Marathon-Deployment-Id`); absent when there are none. */
  headers?: Record<string, string>;
}
