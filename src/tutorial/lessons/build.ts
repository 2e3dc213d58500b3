/** Small builders the lessons share: scenarios, agents, and "show me" actions. */
import type { ApiRequest } from '../../api/types.ts';
import type { ShowMeAction } from '../types.ts';

export interface AgentOpts {
  count?: number;
  public?: boolean;
  cpus?: number;
  mem?: number;
  /** MiB; 16384 unless given. */
  disk?: number;
  attributes?: Record<string, string>;
}

export const agent = (hostname: string, opts: AgentOpts = {}) => ({
  hostname,
  public: opts.public ?? false,
  count: opts.count ?? 1,
  resources: { cpus: opts.cpus ?? 4, mem: opts.mem ?? 8192, disk: opts.disk ?? 16384 },
  attributes: opts.attributes ?? {},
});

export interface ScenarioOpts {
  masters?: number;
  seed?: number;
  agents: unknown[];
  apps?: unknown[];
  frameworks?: unknown[];
  roles?: Record<string, unknown>;
  script?: unknown[];
}

/** A DC/OS-like cluster: Marathon in role slave_public accepting `*` by default, as DC/OS runs it. */
export const scenario = (o: ScenarioOpts) => ({
  seed: o.seed ?? 7,
  cluster: { name: 'tutorial', masters: o.masters ?? 1, agents: o.agents, roles: o.roles ?? {} },
  frameworks: o.frameworks ?? [],
  marathon: { role: 'slave_public', apps: o.apps ?? [] },
  script: o.script ?? [],
});

export const request = (method: ApiRequest['method'], path: string, body?: unknown): ShowMeAction => ({
  kind: 'request',
  request: body === undefined ? { method, path } : { method, path, body },
});
export const cli = (line: string): ShowMeAction => ({ kind: 'cli', line });
export const navigate = (route: string): ShowMeAction => ({ kind: 'navigate', route });
export const fault = (kind: string, target?: string): ShowMeAction =>
  request('POST', '/sandbox/v1/faults', target === undefined ? { kind } : { kind, target });

/** A Marathon HTTP health check that answers within a few simulated seconds. */
export const quickHealthCheck = {
  protocol: 'HTTP',
  path: '/',
  portIndex: 0,
  gracePeriodSeconds: 10,
  intervalSeconds: 2,
  timeoutSeconds: 1,
  maxConsecutiveFailures: 3,
};
