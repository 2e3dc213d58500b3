/** What the What-if page offers to change (src/ui/pages/forks/fork-options.ts), and its route (forks-route.ts). */
import { describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResponse } from '../../../src/api/types.ts';
import type { AgentInfo, ClusterLayout } from '../../../src/common/view-types.ts';
import { readForkOptions } from '../../../src/ui/pages/forks/fork-options.ts';
import { forksHref, forksRouteOf } from '../../../src/ui/pages/forks/forks-route.ts';

const agent = (hostname: string, isPublic: boolean, attributes: AgentInfo['attributes']): AgentInfo => ({
  id: `${hostname}-id`,
  hostname,
  ip: '10.0.0.1',
  public: isPublic,
  total: [4, 4096, 0, 0],
  attributes,
  reservedRoles: [],
});

const layout: ClusterLayout = {
  clusterName: 'sandbox',
  seed: 1,
  masters: [
    { id: 'm1', hostname: 'master-1', ip: '10.0.1.1' },
    { id: 'm2', hostname: 'master-2', ip: '10.0.1.2' },
  ],
  agents: [agent('a1', false, { zone: 'us-east-1a', rack: 'r1' }), agent('p1', true, { rack: 'r3', public_ip: 'true' })],
  agentsVersion: 1,
};

const ROLES = { roles: [{ name: '*' }, { name: 'analytics' }, 'junk', { name: 'web' }] };
const APPS = {
  apps: [
    { id: '/web', instances: 2, constraints: [['hostname', 'UNIQUE'], 'rack:LIKE:r1', ['rack', 'LIKE', 'r1']] },
    { id: '/api', instances: '3' },
    null,
  ],
};

/** A cluster that answers `bodies` by path (200), or 404 for any other path, and records what it was asked. */
function cluster(answers: Record<string, () => ApiResponse | Promise<ApiResponse>>) {
  const asked: ApiRequest[] = [];
  const request = (req: ApiRequest): Promise<ApiResponse> => {
    asked.push(req);
    const answer = answers[req.path];
    return Promise.resolve(answer ? answer() : { status: 404, body: {} });
  };
  return { asked, request };
}
const ok = (body: unknown) => () => ({ status: 200, body });

describe('readForkOptions', () => {
  it("reads the roles (not '*') and the apps with their constraints; the layout's agents and masters; the leader as given", async () => {
    const { asked, request } = cluster({ '/mesos/roles': ok(ROLES), '/marathon/v2/apps': ok(APPS) });
    expect(await readForkOptions(request, layout, 'master-2')).toEqual({
      roles: ['analytics', 'web'],
      apps: [
        {
          id: '/web',
          instances: 2,
          constraints: [
            ['hostname', 'UNIQUE'],
            ['rack', 'LIKE', 'r1'],
          ],
        },
        { id: '/api', instances: 0, constraints: [] },
      ],
      agents: [
        { hostname: 'a1', public: false },
        { hostname: 'p1', public: true },
      ],
      attributes: ['public_ip', 'rack', 'zone'],
      masters: ['master-1', 'master-2'],
      leader: 'master-2',
    });
    // Never the whole state: at 1,000 agents it is large, and the page reads these every second.
    expect(asked.map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /marathon/v2/apps', 'GET /mesos/roles']);
  });

  it('leaves a part empty when its request rejects, answers an error or answers no object', async () => {
    const { request } = cluster({
      '/mesos/roles': () => Promise.reject(new Error('worker gone')),
      '/marathon/v2/apps': () => ({ status: 503, body: APPS }),
    });
    expect(await readForkOptions(request, layout, 'master-2')).toMatchObject({ roles: [], apps: [], leader: 'master-2' });
    const second = cluster({ '/mesos/roles': ok(ROLES), '/marathon/v2/apps': ok([APPS]) });
    expect(await readForkOptions(second.request, layout, null)).toMatchObject({ roles: ['analytics', 'web'], apps: [], leader: null });
    const thrown = (): Promise<ApiResponse> => {
      throw new Error('synchronous');
    };
    expect(await readForkOptions(thrown, null, null)).toEqual({
      roles: [],
      apps: [],
      agents: [],
      attributes: [],
      masters: [],
      leader: null,
    });
  });

  it('without a layout: no agents, attributes or masters', async () => {
    const { request } = cluster({ '/mesos/roles': ok(ROLES) });
    expect(await readForkOptions(request, null, null)).toEqual({
      roles: ['analytics', 'web'],
      apps: [],
      agents: [],
      attributes: [],
      masters: [],
      leader: null,
    });
  });
});

describe('the forks route', () => {
  it('a comparison link after #/forks/, or a new comparison', () => {
    expect(forksRouteOf('#/forks')).toEqual({ kind: 'new' });
    expect(forksRouteOf('#/forks/')).toEqual({ kind: 'new' });
    expect(forksRouteOf('#forks')).toEqual({ kind: 'new' });
    expect(forksRouteOf('#/forks/f=1.abc')).toEqual({ kind: 'link', link: 'f=1.abc' });
    expect(forksRouteOf('#forks/f=1.abc')).toEqual({ kind: 'link', link: 'f=1.abc' });
    expect(forksRouteOf('#/forks/s=4.abc')).toEqual({ kind: 'new' });
    expect(forksRouteOf('#/forks/anything')).toEqual({ kind: 'new' });
  });

  it('links back to itself', () => {
    expect(forksHref(null)).toBe('#/forks');
    expect(forksHref('f=1.abc')).toBe('#/forks/f=1.abc');
    expect(forksRouteOf(forksHref('f=1.xyz'))).toEqual({ kind: 'link', link: 'f=1.xyz' });
  });
});
