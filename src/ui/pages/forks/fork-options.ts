/** What the open cluster offers to change at the fork: its roles and apps (read through its API), agents and masters. */
import type { ApiRequest, ApiResponse } from '../../../api/types.ts';
import type { ClusterLayout } from '../../../common/view-types.ts';

export interface ForkOptions {
  roles: string[];
  apps: Array<{ id: string; instances: number; constraints: string[][] }>;
  agents: Array<{ hostname: string; public: boolean }>;
  /** Agent attribute names, for constraints. */
  attributes: string[];
  masters: string[];
  leader: string | null;
}

type Request = (req: ApiRequest) => Promise<ApiResponse>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

async function read(request: Request, path: string): Promise<Record<string, unknown>> {
  try {
    const r = await request({ method: 'GET', path });
    return r.status === 200 && isObject(r.body) ? r.body : {};
  } catch {
    return {};
  }
}

/**
 * Roles from `/mesos/roles` and apps from `/marathon/v2/apps` (a part that does not answer is left empty); agents and
 * masters from the layout, the leader as the frames have it (not `/mesos/master/state`: at 1,000 agents it is large,
 * and this is read every second).
 */
export async function readForkOptions(request: Request, layout: ClusterLayout | null, leader: string | null): Promise<ForkOptions> {
  const [roles, apps] = await Promise.all(['/mesos/roles', '/marathon/v2/apps'].map((p) => read(request, p)));
  const agents = layout?.agents ?? [];
  return {
    roles: list(roles!.roles)
      .filter(isObject)
      .flatMap((r) => (typeof r.name === 'string' && r.name !== '*' ? [r.name] : [])),
    apps: list(apps!.apps)
      .filter((a): a is Record<string, unknown> & { id: string } => isObject(a) && typeof a.id === 'string')
      .map((a) => ({
        id: a.id,
        instances: typeof a.instances === 'number' ? a.instances : 0,
        constraints: list(a.constraints).filter(Array.isArray) as string[][],
      })),
    agents: agents.map((a) => ({ hostname: a.hostname, public: a.public })),
    attributes: [...new Set(agents.flatMap((a) => Object.keys(a.attributes)))].sort(),
    masters: layout?.masters.map((m) => m.hostname) ?? [],
    leader,
  };
}
