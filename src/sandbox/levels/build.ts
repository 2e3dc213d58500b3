/** Small builders the shipped levels share: clusters, apps and health checks. */

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

export interface AgentOpts {
  count?: number;
  cpus?: number;
  mem?: number;
  disk?: number;
  zone?: string;
}

export const agent = (hostname: string, opts: AgentOpts = {}) => ({
  hostname,
  public: false,
  count: opts.count ?? 1,
  resources: { cpus: opts.cpus ?? 4, mem: opts.mem ?? 8192, disk: opts.disk ?? 16384 },
  attributes: opts.zone ? { zone: opts.zone } : {},
});

/** Three zones of `perZone` agents each: `a-1` … in us-east-1a, `b-…` in 1b, `c-…` in 1c. */
export const zonedAgents = (perZone: number, opts: AgentOpts = {}) =>
  ['a', 'b', 'c'].map((z) => agent(z, { ...opts, count: perZone, zone: `us-east-1${z}` }));

/** A DC/OS-like cluster: Marathon in role slave_public accepting `*`, as DC/OS runs it. */
export const cluster = (o: {
  masters?: number;
  seed?: number;
  agents: unknown[];
  apps?: unknown[];
  behavior?: Record<string, unknown>;
}) => ({
  seed: o.seed ?? 7,
  cluster: { name: 'chaos', masters: o.masters ?? 3, agents: o.agents, roles: {} },
  frameworks: [],
  marathon: { role: 'slave_public', apps: o.apps ?? [], behavior: o.behavior ?? {} },
  script: [],
});

/** A Marathon HTTP health check every 2 s that kills a task after 3 failures in a row. */
export const quickHealthCheck = {
  protocol: 'HTTP',
  path: '/',
  portIndex: 0,
  gracePeriodSeconds: 10,
  intervalSeconds: 2,
  timeoutSeconds: 1,
  maxConsecutiveFailures: 3,
};

export const app = (id: string, instances: number, more: Record<string, unknown> = {}) => ({
  id,
  cmd: `.${id} --version 1`,
  instances,
  cpus: 0.5,
  mem: 128,
  portDefinitions: [{ port: 0, name: 'http' }],
  ...more,
});

export const fault = (at: number, kind: string, target?: string) => ({ at, fault: target === undefined ? { kind } : { kind, target } });
