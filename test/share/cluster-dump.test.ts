/**
 * A dump recorded from the sandbox's own API imports into a scenario that, booted, answers the same agents, roles,
 * apps, pods, jobs and packages; exported as a dcos script, both clusters give the same JSON files.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { catalogOf, readClusterDump, exportDcosScript } from '../../src/share/cluster-dump/index.ts';
import { untilBooted, type Json } from '../support/marathon.ts';

const ORIGINAL = {
  seed: 7,
  cluster: {
    name: 'prod-east',
    masters: 3,
    agents: [
      {
        hostname: 'priv',
        count: 3,
        resources: {
          cpus: 4,
          mem: 8192,
          disk: 20000,
          ports: [
            [1025, 2180],
            [2182, 32000],
          ],
        },
        attributes: { zone: 'us-east-1a', rack: 2 },
      },
      {
        hostname: 'data',
        resources: { cpus: 8, mem: 16384, disk: 40000 },
        attributes: { zone: 'us-east-1b' },
        reservations: { analytics: { cpus: 2, mem: 4096, ports: [[9000, 9010]] } },
        disks: [{ type: 'MOUNT', root: '/dcos/volume0', size: 50000 }],
      },
      {
        hostname: 'pub',
        public: true,
        resources: {
          cpus: 2,
          mem: 4096,
          ports: [
            [1, 21],
            [23, 5050],
            [5052, 32000],
          ],
        },
      },
    ],
    roles: { analytics: { weight: 2.5, quota: { cpus: 2, mem: 2048 } }, batch: { weight: 0.5 } },
  },
  marathon: {
    apps: [
      { id: '/prod/api', cmd: 'sleep 1000', instances: 2, cpus: 0.5, mem: 128, constraints: [['zone', 'UNIQUE']] },
      { id: '/prod/web', cmd: 'sleep 1000', instances: 1, cpus: 0.1, mem: 64, dependencies: ['/prod/api'], labels: { tier: 'front' } },
      { id: '/hello', cmd: 'python3 -m http.server $PORT0', instances: 1, cpus: 0.1, mem: 32 },
    ],
  },
  metronome: {
    jobs: [
      { id: 'backup', run: { cmd: 'sleep 5', cpus: 0.1, mem: 32, disk: 0 }, schedules: [{ id: 'nightly', cron: '0 3 * * *' }] },
      { id: 'report', dependencies: [{ id: 'backup' }], run: { cmd: 'echo hi', cpus: 0.1, mem: 32, disk: 0 } },
    ],
  },
};

const POD = {
  id: '/tools/pair',
  containers: [
    { name: 'a', resources: { cpus: 0.1, mem: 32 } },
    { name: 'b', resources: { cpus: 0.1, mem: 32 } },
  ],
};

const GROUPS = '/marathon/v2/groups?embed=group.groups&embed=group.apps&embed=group.pods';
const JOBS = '/service/metronome/v1/jobs?embed=schedules';
const get = (sb: Sandbox, path: string): unknown => {
  const answer = sb.request({ method: 'GET', path });
  expect(answer.status, path).toBe(200);
  return answer.body;
};
const packageList = (sb: Sandbox): unknown => sb.request({ method: 'POST', path: '/package/list', body: {} }).body;

/** What a real cluster's operator would save: the JSON of each endpoint, as files. */
function dumpOf(sb: Sandbox): Array<{ name: string; text: string }> {
  const files: Array<[string, unknown]> = [
    ['state.json', get(sb, '/mesos/master/state')],
    ['slaves.json', get(sb, '/mesos/master/slaves')],
    ['roles.json', get(sb, '/mesos/master/roles')],
    ['groups.json', get(sb, GROUPS)],
    ['jobs.json', get(sb, JOBS)],
    ['packages.json', packageList(sb)],
  ];
  return files.map(([name, json]) => ({ name, text: JSON.stringify(json) }));
}

async function running(scenario: unknown): Promise<Sandbox> {
  const sb = await createSandbox(scenario);
  untilBooted(sb);
  sb.advance(60_000);
  return sb;
}

async function recorded(): Promise<Sandbox> {
  const sb = await running(ORIGINAL);
  expect(sb.request({ method: 'POST', path: '/marathon/v2/pods', body: POD }).status).toBe(201);
  expect(
    sb.request({ method: 'POST', path: '/package/install', body: { packageName: 'nginx', options: { service: { name: 'nginx' } } } })
      .status,
  ).toBe(200);
  sb.advance(60_000);
  return sb;
}

/** What matters of the agents: hostname, resources, attributes, reservations by role, sorted by hostname. */
function agentsOf(sb: Sandbox): Json[] {
  const slaves = (get(sb, '/mesos/master/state') as Json).slaves as Json[];
  return slaves
    .map((s) => ({
      hostname: s.hostname,
      resources: s.resources,
      attributes: s.attributes,
      reserved: Object.keys(s.reserved_resources).sort(),
    }))
    .sort((a, b) => (a.hostname < b.hostname ? -1 : 1));
}
const rolesOf = (sb: Sandbox) =>
  ((get(sb, '/mesos/master/roles') as Json).roles as Json[])
    .filter((r) => r.weight !== 1 || Object.keys(r.quota.guarantee).length > 0)
    .map((r) => ({ name: r.name, weight: r.weight, guarantee: r.quota.guarantee }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
const exported = (sb: Sandbox) =>
  exportDcosScript({ groups: get(sb, GROUPS), jobs: get(sb, JOBS), packages: packageList(sb), clusterName: 'x' });

describe('a dump of the sandbox itself', () => {
  it('imports into a cluster with the same agents, roles, apps, pods, jobs and packages, and exports the same dcos files', async () => {
    const original = await recorded();
    const catalog = catalogOf(original.request({ method: 'POST', path: '/package/search', body: {} }).body);
    expect(catalog.get('nginx')?.length).toBeGreaterThan(0);
    const read = readClusterDump(dumpOf(original), catalog);
    if (!read.ok) throw new Error(read.problems.join('\n'));
    expect(read.dropped.filter((d) => !d.includes('dynamic reservation') && !d.includes('persistent volume'))).toEqual([]);
    expect(read.summary).toMatchObject({ agents: 5, publicAgents: 1, apps: 3, pods: 1, jobs: 2 });
    expect(read.summary.packages).toEqual([expect.stringMatching(/^nginx .* \(\/nginx\)$/)]);
    // Identical agents a-1 … a-3 come back as one entry with count 3; the MOUNT disk as a disk; the reservation as static.
    const agents = read.scenario.cluster.agents;
    expect(agents.find((a) => a.hostname === 'priv')).toMatchObject({ count: 3, attributes: { zone: 'us-east-1a', rack: 2 } });
    expect(agents.find((a) => a.hostname === 'data')).toMatchObject({
      disks: [{ type: 'MOUNT', root: '/dcos/volume0', size: 50000 }],
      resources: { disk: 40000 },
      reservations: { analytics: { cpus: 2, mem: 4096, ports: [[9000, 9010]] } },
    });
    expect(read.scenario.cluster).toMatchObject({ name: 'prod-east', masters: 3 });

    const copy = await running(read.scenario);
    copy.advance(60_000);
    expect(agentsOf(copy)).toEqual(agentsOf(original));
    expect(rolesOf(copy)).toEqual(rolesOf(original));
    expect(rolesOf(copy)).toHaveLength(2);
    // The round trip: the dcos files of the copy are those of the original.
    const before = exported(original);
    const after = exported(copy);
    expect(after.map((f) => f.path)).toEqual(before.map((f) => f.path));
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(before.map((f) => f.path)).toEqual([
      'recreate.sh',
      'packages/nginx.json',
      'groups/prod.json',
      'groups/tools.json',
      'apps/hello.json',
      'pods/tools-pair.json',
      'jobs/backup.json',
      'jobs/report.json',
    ]);
  }, 120_000);
});
