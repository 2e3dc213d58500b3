/** Hand-made dumps: unknown fields, features the sandbox cannot hold, and files that are not a dump. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleOf, exportDcosScript, readClusterDump } from '../../src/share/cluster-dump/index.ts';
import { toBase64, UNIVERSE } from '../../src/common/catalog/index.ts';

/** The bundled catalog, as the UI reads it from Cosmos' /package/search. */
const CATALOG = new Map<string, string[]>();
for (const p of UNIVERSE.repository.packages) CATALOG.set(p.name, [...(CATALOG.get(p.name) ?? []), p.version]);

type Json = Record<string, unknown>;
const file = (name: string, json: unknown) => ({ name, text: JSON.stringify(json) });

const slave = (id: string, hostname: string, extra: Json = {}): Json => ({
  id,
  hostname,
  resources: { cpus: 4, mem: 8192, disk: 10000, gpus: 0, ports: '[1025-2180, 2182-32000]' },
  reserved_resources: {},
  attributes: { zone: 'a' },
  active: true,
  ...extra,
});
const STATE = {
  version: '1.10.0',
  cluster: 'real-one',
  flags: { quorum: '2', allocation_interval: '2secs', max_agent_ping_timeouts: '20' },
  leader_info: {},
  slaves: [
    slave('S1', 'Node-1.Example.com', { attributes: { zone: 'a', hostname: 'x' } }),
    slave('S2', 'agent_2'),
    slave('S3', '10.0.0.3', { reserved_resources: { web: { cpus: 1, mem: 512, disk: 0, gpus: 0 } } }),
    slave('S4', 'pub-1', {
      reserved_resources: { slave_public: { cpus: 4, mem: 8192, disk: 10000, gpus: 0 } },
      attributes: { public_ip: 'true' },
    }),
  ],
  frameworks: [
    { id: 'F1', name: 'marathon', role: 'slave_public', tasks: [] },
    { id: 'F2', name: 'spark-dispatcher', role: 'spark', tasks: [{}, {}] },
  ],
};
const scalar = (name: string, value: number, extra: Json = {}): Json => ({ name, type: 'SCALAR', scalar: { value }, ...extra });
const SLAVES = {
  slaves: [
    {
      ...slave('S3', '10.0.0.3'),
      reserved_resources_full: {
        web: [
          scalar('cpus', 1, { role: 'web', reservations: [{ type: 'STATIC', role: 'web' }] }),
          scalar('mem', 256, { role: 'web', reservations: [{ type: 'STATIC', role: 'web' }] }),
          scalar('mem', 256, {
            role: 'web',
            reservation: { principal: 'dcos_marathon', labels: { labels: [{ key: 'marathon_framework_id', value: 'F1' }] } },
            reservations: [
              {
                type: 'DYNAMIC',
                role: 'web',
                principal: 'dcos_marathon',
                labels: { labels: [{ key: 'marathon_framework_id', value: 'F1' }] },
              },
            ],
          }),
          scalar('disk', 100, {
            role: 'web',
            reservations: [{ type: 'DYNAMIC', role: 'web', principal: 'ops' }],
            disk: { persistence: { id: 'vol-1' }, volume: { mode: 'RW', container_path: 'data' } },
          }),
        ],
      },
      unreserved_resources_full: [],
    },
  ],
  recovered_slaves: [],
};
const ROLES = {
  roles: [
    { name: 'web', weight: 3, quota: { guarantee: { cpus: 1 }, limit: { cpus: 2 } } },
    { name: 'web/team', weight: 1, quota: { guarantee: { cpus: 1 } } },
    { name: 'idle', weight: 1, quota: { guarantee: {} } },
  ],
};
const GROUPS = {
  id: '/',
  apps: [
    { id: '/ok', cmd: 'sleep 1', cpus: 0.1, mem: 32, instances: 1, fooBar: 1, tasksRunning: 1, version: '2020-01-01T00:00:00Z' },
    { id: '/bad', cmd: 'sleep 1', cpus: -1, mem: 32 },
  ],
  groups: [
    { id: '/team', apps: [{ id: 'svc', cmd: 'sleep 1', cpus: 0.1, mem: 32 }], groups: [], dependencies: ['/ok'], colour: 'blue' },
    { id: '/empty', apps: [], groups: [] },
    {
      id: '/infra',
      apps: [
        {
          id: '/infra/kafka',
          cmd: 'x',
          cpus: 1,
          mem: 32,
          labels: {
            DCOS_PACKAGE_NAME: 'kafka',
            DCOS_PACKAGE_VERSION: '0.0.1',
            DCOS_PACKAGE_OPTIONS: toBase64(JSON.stringify({ service: { name: 'infra/kafka' } })),
          },
        },
      ],
      groups: [],
    },
  ],
  pods: [{ id: '/p', containers: [] }],
};
const JOBS = [
  { id: 'nightly', run: { cmd: 'x', cpus: 0.1, mem: 32, disk: 0 }, zzz: 1 },
  { id: 'after', run: { cmd: 'x', cpus: 0.1, mem: 32, disk: 0 }, dependencies: [{ id: 'nightly' }] },
  { id: 'fine', run: { cmd: 'x', cpus: 0.1, mem: 32, disk: 0 }, schedules: [], historySummary: { successCount: 3 } },
];
const PACKAGES = [{ name: 'not-in-catalog', version: '1.0', apps: ['/nic'] }];
const ALL = [file('a', STATE), file('b', SLAVES), file('c', ROLES), file('d', GROUPS), file('e', JOBS), file('f', PACKAGES)];

describe('a hand-made dump', () => {
  it('imports what fits and lists everything it drops, with a reason each', () => {
    const read = readClusterDump(ALL, CATALOG);
    if (!read.ok) throw new Error(read.problems.join('\n'));
    const { scenario, dropped } = read;
    expect(scenario.cluster).toMatchObject({ name: 'real-one', masters: 3, allocationIntervalMs: 2000, maxAgentPingTimeouts: 20 });
    expect(scenario.cluster.agents.map((a) => [a.hostname, a.public])).toEqual([
      ['node-1.example.com', false],
      ['10.0.0.3', false],
      ['pub-1', true],
    ]);
    // Only the static part of S3's reservation stays; the roles carry their weights and guarantees.
    expect(scenario.cluster.agents[1]!.reservations).toEqual({ web: { cpus: 1, mem: 256 } });
    expect(scenario.cluster.roles).toEqual({ web: { weight: 3, quota: { cpus: 1 } } });
    expect(scenario.marathon.apps.map((a) => (a as Json).id)).toEqual(['/ok', '/team/svc']);
    expect(scenario.marathon.apps[0]).toEqual({ id: '/ok', cmd: 'sleep 1', cpus: 0.1, mem: 32, instances: 1 });
    expect(scenario.metronome?.jobs).toEqual([JOBS[2]!].map(({ historySummary: _h, ...job }) => job));
    expect(scenario.script.map((a) => (a.request.body as Json).packageName)).toEqual(['kafka']);
    expect(scenario.script[0]!.request.body).toMatchObject({ options: { service: { name: 'infra/kafka' } } });

    const expected = [
      /^agent agent_2: its hostname is not a DNS name/,
      /^agent Node-1\.Example\.com: attribute hostname: the sandbox sets it/,
      /^agent 10\.0\.0\.3: persistent volume vol-1 \(100 MB for role 'web', at data\): made while the cluster ran by ops/,
      /^agent 10\.0\.0\.3: dynamic reservation to 'web' \(256 MB mem\): made by Marathon for a resident app/,
      /^role web: quota limit \{"cpus":2\}: the sandbox's quota is a guarantee that is also the limit/,
      /^role web\/team: quota .*top-level roles only/,
      /^app \/ok: field fooBar: not a field of a Marathon app/,
      /^group \/team: field colour: not a field of a Marathon group/,
      /^group \/team: dependencies \["\/ok"\]/,
      /^group \/empty: it holds no app or pod/,
      /^pod \/p: .*the pod is not imported/,
      /^package kafka 0\.0\.1: the catalog has .*; .* is installed/,
      /^package not-in-catalog \(\/nic\): not in the sandbox's catalog/,
      /^job nightly: .*Additional properties are not allowed.*zzz.*; the job is not imported/,
      /^job after: it depends on nightly, which is not imported/,
      /^framework spark-dispatcher \(role spark, 2 running tasks\): the sandbox runs Marathon, Metronome and catalog packages/,
      /^app \/bad: \/cpus: .*; it is not imported/,
    ];
    for (const re of expected)
      expect(
        dropped.filter((d) => re.test(d)),
        String(re),
      ).toHaveLength(1);
    expect(dropped).toHaveLength(expected.length);
    // The frameworks of packages and DC/OS's own are not dropped; runtime fields are not listed.
    expect(dropped.join('\n')).not.toMatch(/framework marathon|tasksRunning|historySummary/);
  });

  it('reads /state-summary alone: every reservation as static, with a note saying so', () => {
    const summary = {
      hostname: 'm1',
      cluster: 'c',
      slaves: [
        slave('S3', 'a3', { reserved_resources: { web: { cpus: 1, mem: 512, disk: 0, gpus: 0, ports: '[80-80]' } }, TASK_RUNNING: 0 }),
      ],
      frameworks: [],
    };
    const read = readClusterDump([file('summary.json', summary)]);
    if (!read.ok) throw new Error(read.problems.join('\n'));
    expect(read.scenario.cluster.agents[0]!.reservations).toEqual({ web: { cpus: 1, mem: 512, ports: [[80, 80]] } });
    expect(read.scenario.cluster.roles).toEqual({ web: { weight: 1 } });
    expect(read.notes.join('\n')).toMatch(/does not tell them from dynamic ones/);
    expect(read.notes.join('\n')).toMatch(/how many masters/);
    expect(read.summary.files).toEqual([{ name: 'summary.json', kind: 'mesos-state-summary', label: 'Mesos /master/state-summary' }]);
  });

  it('refuses files that are not a dump, naming each, and makes nothing', () => {
    const bad = readClusterDump([file('state.json', STATE), { name: 'broken.json', text: '{"slaves": [' }, file('odd.json', { hello: 1 })]);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems).toHaveLength(2);
    expect(bad.problems[0]).toMatch(/^broken\.json: not JSON/);
    expect(bad.problems[1]).toMatch(/^odd\.json: not a file this reader knows/);
    const noAgents = readClusterDump([file('groups.json', GROUPS)]);
    expect(noAgents).toEqual({ ok: false, problems: [expect.stringMatching(/^No agents: the dump needs the Mesos \/master\/state/)] });
    const twice = readClusterDump([file('s1', STATE), file('s2', STATE)]);
    expect(twice.ok ? [] : twice.problems).toEqual([expect.stringMatching(/^s1 and s2: each is a Mesos \/master\/state/)]);
    const none = readClusterDump([file('s', { ...STATE, slaves: [slave('S2', 'agent_2')], frameworks: [] })]);
    expect(none.ok ? [] : none.problems).toEqual(['No agent of the dump can be imported.', expect.stringMatching(/^agent agent_2:/)]);
    expect(readClusterDump([])).toEqual({ ok: false, problems: ['No files: choose the JSON files of the dump.'] });
  });
});

describe('the dcos script', () => {
  const groups = {
    id: '/',
    apps: [{ id: '/web', cmd: 'x', dependencies: ['/db/main'], tasksRunning: 2, version: 'v' }],
    groups: [
      {
        id: '/db',
        apps: [{ id: '/db/main', cmd: 'y' }],
        groups: [],
        pods: [{ id: '/db/sidecar', containers: [{ name: 'c', resources: { cpus: 1, mem: 32 } }], status: 'STABLE' }],
      },
      {
        id: '/infra',
        apps: [
          {
            id: '/infra/lb',
            cmd: 'z',
            labels: { DCOS_PACKAGE_NAME: 'marathon-lb', DCOS_PACKAGE_OPTIONS: toBase64('{"marathon-lb":{"name":"infra/lb"}}') },
          },
        ],
        groups: [],
      },
    ],
  };
  const packages = {
    packages: [{ appId: '/infra/lb', packageInformation: { packageDefinition: { name: 'marathon-lb', version: '1.14.1' } } }],
  };
  const jobs = [
    { id: 'b', dependencies: [{ id: 'a' }], run: { cmd: 'x' }, activeRuns: [] },
    {
      id: 'a',
      run: { cmd: 'x' },
      schedules: [
        { id: 's1', cron: '* * * * *' },
        { id: 's2', cron: '0 * * * *' },
      ],
    },
  ];

  it('installs packages first, adds groups, apps and pods in dependency order, then jobs; package apps are left to the package', () => {
    const files = exportDcosScript({ groups, jobs, packages, clusterName: 'demo' });
    const script = files[0]!.text;
    const commands = script.split('\n').filter((l) => l.startsWith('dcos '));
    expect(commands).toEqual([
      'dcos package install marathon-lb --package-version=1.14.1 --options=packages/marathon-lb.json --app-id=/infra/lb --yes',
      'dcos marathon group add groups/db.json',
      'dcos marathon group add groups/infra.json',
      'dcos marathon app add apps/web.json',
      'dcos marathon pod add pods/db-sidecar.json',
      'dcos job add jobs/a.json',
      'dcos job schedule add a jobs/a.schedule-s2.json',
      'dcos job add jobs/b.json',
    ]);
    const json = (path: string) => JSON.parse(files.find((f) => f.path === path)!.text) as Json;
    expect(json('packages/marathon-lb.json')).toEqual({ 'marathon-lb': { name: 'infra/lb' } });
    expect(json('groups/infra.json')).toMatchObject({ id: '/infra', apps: [] });
    expect(json('apps/web.json')).toEqual({ id: '/web', cmd: 'x', dependencies: ['/db/main'] });
    expect(json('pods/db-sidecar.json')).not.toHaveProperty('status');
    expect(json('jobs/a.json')).toEqual({ id: 'a', run: { cmd: 'x' }, schedules: [{ id: 's1', cron: '* * * * *' }] });
    expect(json('jobs/b.json')).toEqual({ id: 'b', dependencies: [{ id: 'a' }], run: { cmd: 'x' } });
  });

  it('the bundle writes every file as it is, and the script it writes names only files that exist', () => {
    const files = exportDcosScript({ groups, jobs, packages, clusterName: 'demo' });
    const dir = mkdtempSync(join(tmpdir(), 'dcos-bundle-'));
    const bundle = join(dir, 'bundle.sh');
    execFileSync('sh', ['-c', `cat > ${bundle}`], { input: bundleOf(files) });
    execFileSync('sh', [bundle, join(dir, 'out')]);
    for (const f of files) expect(readFileSync(join(dir, 'out', f.path), 'utf8'), f.path).toBe(f.text);
    const named = [...files[0]!.text.matchAll(/(?:=| )((?:packages|groups|apps|pods|jobs)\/[\w.-]+\.json)/g)].map((m) => m[1]);
    expect(named.sort()).toEqual(
      files
        .slice(1)
        .map((f) => f.path)
        .sort(),
    );
  });
});

describe('without a catalog', () => {
  it('installs packages as listed, unchecked', () => {
    const read = readClusterDump(ALL);
    expect(read.ok && read.scenario.script.map((a) => (a.request.body as Json).packageName)).toEqual(['kafka', 'not-in-catalog']);
  });
});
