/** The cluster dump reader piece by piece, on small hand-made files: shapes, refusals, agents, roles, services. */
import { describe, expect, it } from 'vitest';
import { catalogOf, readClusterDump, type ClusterDumpRead } from '../../src/share/cluster-dump/index.ts';
import { readAgents } from '../../src/share/cluster-dump/agents.ts';
import { amountsText, durationMs, parsePorts, slug } from '../../src/share/cluster-dump/common.ts';
import { fileOf, kindOf, MAX_DUMP_FILES, recogniseFiles } from '../../src/share/cluster-dump/recognise.ts';
import { readRoles } from '../../src/share/cluster-dump/roles.ts';
import { frameworkName, readServices, serviceActions, SERVICES_AT_MS } from '../../src/share/cluster-dump/services.ts';
import { toBase64 } from '../../src/common/catalog/index.ts';
import { MAX_RECORDED_BODY_DEPTH } from '../../src/common/scenario/limits.ts';

type Json = Record<string, unknown>;
const file = (name: string, json: unknown) => ({ name, text: JSON.stringify(json) });
const slave = (id: string, hostname: string, extra: Json = {}): Json => ({
  id,
  hostname,
  resources: { cpus: 2, mem: 1024, disk: 1000, gpus: 0, ports: '[1025-2000]' },
  reserved_resources: {},
  attributes: {},
  ...extra,
});
const state = (slaves: Json[], extra: Json = {}): Json => ({ cluster: 'c', flags: { quorum: '1' }, slaves, frameworks: [], ...extra });
function ok(read: ClusterDumpRead) {
  if (!read.ok) throw new Error(read.problems.join('\n'));
  return read;
}
const problems = (read: ClusterDumpRead) => (read.ok ? [] : read.problems);

describe('kindOf: what a file is, by its shape', () => {
  it.each([
    [[], 'empty'],
    [[1, 2], null],
    [[{ id: 'j', run: {} }], 'metronome-jobs'],
    [[{ name: 'kafka', version: '1', apps: [] }], 'package-list'],
    [[{ id: '/a' }], 'marathon-apps'],
    [[{ id: '/a', run: 'x' }], null],
    [[{ name: 'x' }], null],
    ['text', null],
    [null, null],
    [{ slaves: [], recovered_slaves: [] }, 'mesos-slaves'],
    [{ slaves: [], leader_info: {} }, 'mesos-state'],
    [{ slaves: [], flags: {} }, 'mesos-state'],
    [{ slaves: [], activated_slaves: 1 }, 'mesos-state'],
    [{ slaves: [], frameworks: [] }, 'mesos-state-summary'],
    [{ slaves: [] }, null],
    [{ roles: [{ name: 'web' }] }, 'mesos-roles'],
    [{ roles: [1] }, null],
    [{ marathon_config: {} }, 'marathon-info'],
    [{ packages: [{ appId: '/x' }] }, 'package-list'],
    [{ packages: [{ name: 'x' }] }, null],
    [{ apps: [] }, 'marathon-apps'],
    [{ id: '/', apps: [] }, 'marathon-groups'],
    [{ groups: [] }, 'marathon-groups'],
    [{ pods: [] }, 'marathon-groups'],
    [{ hello: 1 }, null],
  ])('%j is %s', (json, kind) => {
    expect(kindOf(json)).toBe(kind);
  });

  it('fileOf gives the object, or the list of a list file, or nothing', () => {
    const got = recogniseFiles([file('s', state([])), file('j', [{ id: 'j', run: {} }])]);
    if (!got.ok) throw new Error(got.problems.join());
    expect(fileOf(got.files, 'mesos-state')).toMatchObject({ cluster: 'c' });
    expect(fileOf(got.files, 'metronome-jobs')).toEqual([{ id: 'j', run: {} }]);
    expect(fileOf(got.files, 'mesos-roles')).toBeUndefined();
  });
});

describe('recogniseFiles refusals', () => {
  const s = file('state.json', state([slave('S1', 'a1')]));

  it('too many files', () => {
    const many = Array.from({ length: MAX_DUMP_FILES + 1 }, (_, i) => file(`f${i}`, []));
    expect(problems(readClusterDump(many))).toEqual([`At most ${MAX_DUMP_FILES} files at once (got ${MAX_DUMP_FILES + 1}).`]);
  });

  it('a file too large, before parsing it', () => {
    const big = { name: 'big.json', text: ' '.repeat(50_000_001) };
    expect(problems(readClusterDump([s, big]))).toEqual([
      expect.stringMatching(/^big\.json: too large \(50,000,001 characters, at most 50,000,000\)\.$/),
    ]);
  });

  it('two files of each single kind, naming both', () => {
    const two = (json: unknown) => [file('x1', json), file('x2', json)];
    expect(problems(readClusterDump([s, ...two({ roles: [] })]))).toEqual(['x1 and x2: each is a Mesos /master/roles; a dump holds one.']);
    expect(problems(readClusterDump([s, ...two({ id: '/', apps: [] })]))).toEqual([
      'x1 and x2: each is a Marathon /v2/groups; a dump holds one.',
    ]);
    expect(problems(readClusterDump([s, ...two([{ id: '/a' }])]))).toEqual(['x1 and x2: each is a Marathon /v2/apps; a dump holds one.']);
    expect(problems(readClusterDump([...two({ slaves: [], recovered_slaves: [] })]))).toEqual([
      'x1 and x2: each is a Mesos /master/slaves; a dump holds one.',
    ]);
  });

  it('both /v2/groups and /v2/apps', () => {
    expect(problems(readClusterDump([s, file('g', { id: '/', apps: [] }), file('a', { apps: [] })]))).toEqual([
      'Both Marathon /v2/groups and /v2/apps: give one of them (the groups tree holds the apps).',
    ]);
  });

  it('no agents file, even with other known files (an empty list counts as none)', () => {
    expect(problems(readClusterDump([file('e', []), file('r', { roles: [] })]))).toEqual([
      expect.stringMatching(/^No agents: the dump needs the Mesos \/master\/state/),
    ]);
  });

  it('every broken file at once, and nothing else', () => {
    expect(problems(readClusterDump([s, { name: 'a', text: 'nope' }, file('b', 42), file('c', { slaves: [] })]))).toEqual([
      expect.stringMatching(/^a: not JSON \(/),
      expect.stringMatching(/^b: not a file this reader knows/),
      expect.stringMatching(/^c: not a file this reader knows/),
    ]);
  });
});

describe('agents', () => {
  const agentsOf = (slaves: Json[], full: Json[] = []) => readAgents(slaves, full);

  it('keeps resources and ports, rounds gpus, lowercases hostnames', () => {
    const read = agentsOf([slave('S1', 'Big.Host', { resources: { cpus: 8, mem: 100, disk: 5, gpus: 1.6, ports: '[1-2, 10-20]' } })]);
    expect(read.agents).toEqual([
      {
        hostname: 'big.host',
        public: false,
        resources: {
          cpus: 8,
          mem: 100,
          disk: 5,
          gpus: 2,
          ports: [
            [1, 2],
            [10, 20],
          ],
        },
        attributes: {},
        reservations: {},
        count: 1,
      },
    ]);
    expect(read.dropped).toEqual([]);
    expect(read.notes).toEqual([]);
  });

  it('an agent without resources has none; ports that are not Mesos ranges give it none, with a reason', () => {
    const read = agentsOf([
      { id: 'S0', hostname: 'bare' },
      slave('S1', 'p1', { resources: { cpus: 1, mem: 1, ports: 'lots' } }),
      slave('S2', 'p2', { resources: { cpus: 1, mem: 1, ports: 5 } }),
      slave('S3', 'p3', { resources: { cpus: 1, mem: 1, ports: '[1-2, x]' } }),
    ]);
    expect(read.agents.map((a) => [a.hostname, a.resources])).toEqual([
      ['bare', { cpus: 0, mem: 0, disk: 0, gpus: 0, ports: [] }],
      ['p1', { cpus: 1, mem: 1, disk: 0, gpus: 0, ports: [] }],
      ['p2', { cpus: 1, mem: 1, disk: 0, gpus: 0, ports: [] }],
      ['p3', { cpus: 1, mem: 1, disk: 0, gpus: 0, ports: [] }],
    ]);
    expect(read.dropped).toEqual([
      'agent p1: ports "lots" are not Mesos ranges; the agent gets none',
      'agent p2: ports 5 are not Mesos ranges; the agent gets none',
      'agent p3: ports "[1-2, x]" are not Mesos ranges; the agent gets none',
    ]);
  });

  it('drops bad and repeated hostnames, naming the agent by id when it has no hostname', () => {
    const read = agentsOf([{ id: 'S9' }, {}, slave('S1', 'Same'), { ...slave('S2', 'same'), id: undefined }]);
    expect(read.agents.map((a) => a.hostname)).toEqual(['same']);
    expect(read.dropped).toEqual([
      expect.stringMatching(/^agent S9: its hostname is not a DNS name/),
      expect.stringMatching(/^agent \(no hostname\): its hostname is not a DNS name/),
      'agent same: a second agent with the same hostname (id ?); only the first is imported',
    ]);
  });

  it('attributes: text and numbers kept; others, hostname and a private public_ip dropped', () => {
    const read = agentsOf([
      slave('S1', 'a1', { attributes: { zone: 'z', rack: 3, ok: true, list: [1], public_ip: 'true', hostname: 'h' } }),
    ]);
    expect(read.agents[0]!.attributes).toEqual({ zone: 'z', rack: 3 });
    expect(read.dropped).toEqual([
      'agent a1: attribute ok: true is neither text nor a number',
      'agent a1: attribute list: [1] is neither text nor a number',
      'agent a1: attribute public_ip: the sandbox sets it on public agents only',
      "agent a1: attribute hostname: the sandbox sets it from the agent's hostname",
    ]);
  });

  it('a public agent keeps public_ip silently and drops reservations to other roles', () => {
    const read = agentsOf([
      slave('S1', 'pub', {
        attributes: { public_ip: 'true' },
        reserved_resources: { slave_public: { cpus: 2 }, web: { cpus: 1, mem: 0 }, skip: 3 },
      }),
    ]);
    expect(read.agents[0]).toMatchObject({ public: true, attributes: {}, reservations: {} });
    expect(read.dropped).toEqual([
      "agent pub: reserved to 'web' (1 cpus); a public agent reserves everything to 'slave_public' in the sandbox",
    ]);
    expect(read.notes).toEqual([]);
  });

  it('deactivated and draining agents are imported as active ones, with a reason', () => {
    const read = agentsOf([slave('S1', 'd1', { deactivated: true }), slave('S2', 'd2', { drain_info: { state: 'DRAINING' } })]);
    expect(read.agents).toHaveLength(2);
    expect(read.dropped).toEqual([
      'agent d1: it was deactivated; it is imported as an active agent',
      'agent d2: it was draining; it is imported as an active agent',
    ]);
  });

  it('state-summary reservations are guessed static, ports and gpus included, with a note', () => {
    const read = agentsOf([slave('S1', 'r1', { reserved_resources: { web: { cpus: 1, gpus: 1.4, mem: -1, ports: '[80-81]' } } })]);
    expect(read.agents[0]!.reservations).toEqual({ web: { cpus: 1, gpus: 1, ports: [[80, 81]] } });
    expect([...read.reservationRoles]).toEqual(['web']);
    expect(read.notes).toEqual([expect.stringMatching(/^Reservations are read from \/master\/state as static ones/)]);
  });

  const scalar = (name: string, value: number, extra: Json = {}): Json => ({ name, type: 'SCALAR', scalar: { value }, ...extra });
  const disk = (type: string, root: unknown, size: number, extra: Json = {}): Json =>
    scalar('disk', size, {
      disk: { source: { type, [type === 'MOUNT' ? 'mount' : 'path']: root === undefined ? {} : { root } } },
      ...extra,
    });

  it('/master/slaves alone: MOUNT and PATH disks come off the agent disk; bad disks are dropped', () => {
    const full = slave('S1', 'disky', {
      resources: { cpus: 1, mem: 1, disk: 10_000 },
      unreserved_resources_full: [
        disk('MOUNT', '/mnt/a', 3000),
        disk('PATH', '/p', 1000),
        disk('MOUNT', '/mnt/a', 500),
        disk('MOUNT', 'relative', 500),
        disk('PATH', undefined, 500),
        disk('MOUNT', '/tiny', 0.5),
        disk('ROOT', '/', 100),
        scalar('cpus', 1),
      ],
      reserved_resources_full: {},
    });
    const read = agentsOf([], [full]);
    expect(read.agents[0]!.disks).toEqual([
      { type: 'MOUNT', root: '/mnt/a', size: 3000 },
      { type: 'PATH', root: '/p', size: 1000 },
    ]);
    expect(read.agents[0]!.resources.disk).toBe(6000);
    expect(read.dropped).toEqual([
      'agent disky: MOUNT disk "/mnt/a" of 500 MB: the sandbox needs an absolute root used once and at least 1 MB',
      'agent disky: MOUNT disk "relative" of 500 MB: the sandbox needs an absolute root used once and at least 1 MB',
      'agent disky: PATH disk null of 500 MB: the sandbox needs an absolute root used once and at least 1 MB',
      'agent disky: MOUNT disk "/tiny" of 0 MB: the sandbox needs an absolute root used once and at least 1 MB',
    ]);
  });

  it('full resources: static ports and disks of a role kept; dynamic ones by who made them; public agents drop other roles', () => {
    const statik = { reservations: [{ type: 'STATIC', role: 'web' }] };
    const byOperator = { reservation: {} };
    const sdk = { reservations: [{ type: 'DYNAMIC', labels: { labels: [{ key: 'resource_id', value: 'r' }] } }] };
    const priv = slave('S1', 'priv', {
      reserved_resources_full: {
        web: [
          scalar('cpus', 1, statik),
          scalar('cpus', 0.5, statik),
          { name: 'ports', type: 'RANGES', ranges: { range: [{ begin: 80, end: 81 }] }, ...statik },
          { name: 'ports', type: 'RANGES', ranges: { range: [{ begin: 90, end: 90 }] }, ...statik },
          { name: 'ports', type: 'RANGES', ...statik },
          disk('MOUNT', '/mnt/web', 100, statik),
          scalar('mem', 64, byOperator),
          scalar('gpus', 1, sdk),
          scalar('disk', 10, { disk: { persistence: { id: 'v' } }, reservation: { principal: 'p' } }),
          scalar('disk', 10, { disk: { persistence: {} }, ...sdk }),
        ],
        dyn: [scalar('mem', 8, byOperator)],
      },
    });
    const pub = slave('S2', 'pub', {
      reserved_resources: { slave_public: { cpus: 1 } },
      reserved_resources_full: { slave_public: [scalar('cpus', 1)], other: [scalar('cpus', 1)] },
    });
    const read = agentsOf([priv, pub], []);
    expect(read.agents[0]!.reservations).toEqual({
      web: {
        cpus: 1.5,
        ports: [
          [80, 81],
          [90, 90],
        ],
      },
    });
    expect(read.agents[0]!.disks).toEqual([{ type: 'MOUNT', root: '/mnt/web', size: 100 }]);
    expect(read.agents[1]).toMatchObject({ public: true, reservations: {} });
    expect([...read.reservationRoles]).toEqual(['web']);
    expect(read.notes).toEqual([]);
    expect(read.dropped).toEqual([
      "agent priv: persistent volume v (10 MB for role 'web'): made while the cluster ran by p; the scenario holds static reservations only (make it again with the operator API, docs/storage.md)",
      "agent priv: persistent volume ? (10 MB for role 'web'): made by an SDK service (a catalog package); the package makes its own when it is installed in the sandbox",
      "agent priv: dynamic reservation to 'web' (64 MB mem): made while the cluster ran; the scenario holds static reservations only (make it again with the operator API, docs/storage.md)",
      "agent priv: dynamic reservation to 'web' (1 gpus): made by an SDK service (a catalog package); the package makes its own when it is installed in the sandbox",
      "agent priv: dynamic reservation to 'dyn' (8 MB mem): made while the cluster ran; the scenario holds static reservations only (make it again with the operator API, docs/storage.md)",
      "agent pub: reserved to 'other' (1 cpus); a public agent reserves everything to 'slave_public' in the sandbox",
    ]);
  });

  it('the full resources of /master/slaves are joined to /master/state by id', () => {
    const summary = slave('S1', 'j1', { reserved_resources: { web: { cpus: 2 } } });
    const full = {
      id: 'S1',
      reserved_resources_full: { web: [{ name: 'cpus', scalar: { value: 2 }, reservations: [{ type: 'DYNAMIC' }] }] },
    };
    const read = agentsOf([summary], [full]);
    expect(read.agents[0]!.reservations).toEqual({});
    expect(read.dropped).toEqual([
      expect.stringMatching(/^agent j1: dynamic reservation to 'web' \(2 cpus\): made while the cluster ran;/),
    ]);
  });

  it('groups x-1 … x-N alike into x with count N, and only those', () => {
    const names = (hosts: string[], differ?: string) =>
      readAgents(
        hosts.map((h, i) => slave(`S${i}`, h, h === differ ? { attributes: { odd: 1 } } : {})),
        [],
      ).agents.map((a) => `${a.hostname}×${a.count}`);
    expect(names(['w-1', 'w-2', 'w-3'])).toEqual(['w×3']);
    expect(names(['w-2', 'w-1'])).toEqual(['w×2']);
    expect(names(['w-1', 'w-3'])).toEqual(['w-1×1', 'w-3×1']);
    expect(names(['w-1', 'w-2'], 'w-2')).toEqual(['w-1×1', 'w-2×1']);
    expect(names(['w', 'w-1', 'w-2'])).toEqual(['w×1', 'w-1×1', 'w-2×1']);
    expect(names(['w-1', 'v'])).toEqual(['w-1×1', 'v×1']);
    expect(names(['w-0', 'w-1'])).toEqual(['w-0×1', 'w-1×1']);
  });
});

describe('roles', () => {
  const roles = (list: unknown[], reservation: string[] = []) => {
    const dropped: string[] = [];
    return { roles: readRoles({ roles: list }, new Set(reservation), dropped), dropped };
  };

  it('skips *, drops bad names, defaults a weight, and declares only roles with something to say', () => {
    const got = roles(
      [
        { name: '*', weight: 5 },
        { name: '.', weight: 2 },
        { weight: 2 },
        { name: 'heavy', weight: 2 },
        { name: 'zero', weight: 0 },
        { name: 'plain', weight: 1 },
        { name: 'reserved', weight: -1 },
      ],
      ['reserved', 'undeclared'],
    );
    expect(got.roles).toEqual({ heavy: { weight: 2 }, reserved: { weight: 1 }, undeclared: { weight: 1 } });
    expect(got.dropped).toEqual([
      expect.stringMatching(/^role "\.": not a Mesos role name \(/),
      expect.stringMatching(/^role "": not a Mesos role name \(/),
    ]);
  });

  it('quota: guarantee kept; a limit alone is the quota; a differing limit and a sub-role quota are dropped', () => {
    const got = roles([
      { name: 'g', quota: { guarantee: { cpus: 1, mem: 10, disk: 0 } } },
      { name: 'l', quota: { limit: { gpus: 2 } } },
      { name: 'same', quota: { guarantee: { cpus: 1 }, limit: { cpus: 1 } } },
      { name: 'diff', quota: { guarantee: { cpus: 1 }, limit: { cpus: 3 } } },
      { name: 'empty', quota: { guarantee: {}, limit: 'x' } },
      { name: 'odd', quota: 'x' },
      { name: 'top/sub', quota: { guarantee: { mem: 5 } } },
    ]);
    expect(got.roles).toEqual({
      g: { weight: 1, quota: { cpus: 1, mem: 10 } },
      l: { weight: 1, quota: { gpus: 2 } },
      same: { weight: 1, quota: { cpus: 1 } },
      diff: { weight: 1, quota: { cpus: 1 } },
    });
    expect(got.dropped).toEqual([
      `role diff: quota limit {"cpus":3}: the sandbox's quota is a guarantee that is also the limit; the guarantee {"cpus":1} is kept`,
      'role top/sub: quota {"mem":5}: the sandbox sets quota on top-level roles only',
    ]);
  });

  it('without a roles file, reservation roles are declared with weight 1', () => {
    expect(readRoles(undefined, new Set(['a']), [])).toEqual({ a: { weight: 1 } });
  });
});

describe('common helpers', () => {
  it('parsePorts', () => {
    expect(parsePorts(undefined)).toEqual([]);
    expect(parsePorts('')).toEqual([]);
    expect(parsePorts('[]')).toEqual([]);
    expect(parsePorts(' [1-2,3-4] ')).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(parsePorts('1-2')).toBeNull();
    expect(parsePorts(['1-2'])).toBeNull();
  });

  it('amountsText says only what is there', () => {
    expect(amountsText({})).toBe('nothing');
    expect(amountsText({ ports: [] })).toBe('nothing');
    expect(amountsText({ cpus: 1, mem: 2, disk: 3, gpus: 4, ports: [[5, 6]] })).toBe('1 cpus, 2 MB mem, 3 MB disk, 4 gpus, ports [5-6]');
  });

  it('durationMs reads each Mesos unit and refuses others', () => {
    expect(['1000ns', '5us', '500ms', '2secs', '1.5mins', '1hrs', '1days', '1weeks'].map(durationMs)).toEqual([
      0.001, 0.005, 500, 2000, 90_000, 3_600_000, 86_400_000, 604_800_000,
    ]);
    expect(durationMs('2 fortnights')).toBeNull();
    expect(durationMs(2)).toBeNull();
  });

  it('slug', () => {
    expect(slug('/prod/api')).toBe('prod-api');
    expect(slug('/')).toBe('root');
    expect(slug('a b/c')).toBe('a_b-c');
  });
});

describe('catalogOf', () => {
  it('orders each package’s versions by release, skipping entries without a name or versions', () => {
    const catalog = catalogOf({
      packages: [{ name: 'k', versions: { '2.0': '5', '1.0': '1', '1.5': '3' } }, { name: 'noversions' }, { versions: {} }, 'x'],
    });
    expect([...catalog]).toEqual([['k', ['1.0', '1.5', '2.0']]]);
    expect(catalogOf(null).size).toBe(0);
    expect(catalogOf([]).size).toBe(0);
  });
});

describe('services', () => {
  const read = (marathon: unknown, packageList?: unknown, catalog?: Map<string, string[]>) => {
    const dropped: string[] = [];
    return { ...readServices(marathon, packageList, 'slave_public', dropped, catalog), dropped };
  };

  it('an /v2/apps list (array or {apps}) gives the apps at the root, runtime fields stripped', () => {
    const app = { id: 'a', cmd: 'x', tasksRunning: 1, deployments: [] };
    expect(read([app]).apps).toEqual([{ id: '/a', cmd: 'x' }]);
    expect(read({ apps: [app] }).apps).toEqual([{ id: '/a', cmd: 'x' }]);
    expect(read('nothing').apps).toEqual([]);
  });

  it('one group (not the root) is read as a top-level group, relative ids under it', () => {
    const got = read({ id: '/prod', apps: [{ id: 'api', cmd: 'x' }], groups: [{ id: 'db', apps: [{ id: '/prod/db/pg', cmd: 'y' }] }] });
    expect(got.apps.map((a) => a.id)).toEqual(['/prod/api', '/prod/db/pg']);
    expect(got.dropped).toEqual([]);
  });

  it('enforceRole false on every top-level group turns new groups’ enforceRole off; on some of them it is dropped', () => {
    const g = (id: string, enforceRole: boolean) => ({ id, enforceRole, apps: [{ id: `${id}/a`, cmd: 'x' }] });
    const off = read({ id: '/', groups: [g('/a', false), g('/b', false)] });
    expect(off.enforceRoleOff).toBe(true);
    expect(off.dropped).toEqual([]);
    const mixed = read({ id: '/', groups: [g('/a', false), g('/b', true)] });
    expect(mixed.enforceRoleOff).toBe(false);
    expect(mixed.dropped).toEqual([expect.stringMatching(/^groups with enforceRole false: /)]);
    expect(read({ id: '/', groups: [g('/a', true)] }).enforceRoleOff).toBe(false);
  });

  it('pods: a good one becomes a script action, unknown fields are dropped', () => {
    const pod = {
      id: 'p',
      containers: [{ name: 'c', resources: { cpus: 0.1, mem: 32 }, exec: { command: { shell: 'sleep 1' } } }],
      status: 'STABLE',
      colour: 'red',
    };
    const got = read({ id: '/', pods: [pod] });
    expect(got.pods).toEqual([{ id: '/p', containers: pod.containers }]);
    expect(got.dropped).toEqual(['pod /p: field colour: not a field of a Marathon pod']);
    expect(serviceActions(got)).toEqual([
      { at: SERVICES_AT_MS, request: { method: 'POST', path: '/marathon/v2/pods', body: got.pods[0] } },
    ]);
  });

  it('packages: from app labels and both list forms; bad options, unknown packages and versions said', () => {
    const pkgApp = (id: string, labels: Json) => ({ id, cmd: 'x', labels });
    const got = read(
      {
        id: '/',
        apps: [
          pkgApp('/kafka', { DCOS_PACKAGE_NAME: 'kafka', DCOS_PACKAGE_VERSION: '9', DCOS_PACKAGE_OPTIONS: 'not base64 json' }),
          pkgApp('/lb', { DCOS_PACKAGE_NAME: 'marathon-lb', DCOS_PACKAGE_OPTIONS: toBase64('[1]') }),
          pkgApp('/infra/es', { DCOS_PACKAGE_NAME: 'elastic', DCOS_PACKAGE_OPTIONS: toBase64('{"service":{"name":"es"}}') }),
        ],
      },
      {
        packages: [
          { appId: 'kafka', packageInformation: { packageDefinition: { name: 'kafka', version: '1' } } },
          { appId: '/cassandra', packageInformation: { packageDefinition: { name: 'cassandra', version: '2' } } },
          { appId: '/none', packageInformation: {} },
        ],
      },
      new Map([
        ['kafka', ['1', '2']],
        ['marathon-lb', ['1']],
        ['elastic', ['3']],
      ]),
    );
    expect(got.packages).toEqual([
      { name: 'kafka', version: '2', appId: '/kafka' },
      { name: 'marathon-lb', version: undefined, appId: '/lb' },
      { name: 'elastic', version: undefined, appId: '/infra/es', options: { service: { name: 'es' } } },
    ]);
    expect(got.dropped).toEqual([
      "package app /kafka: its DCOS_PACKAGE_OPTIONS label is not base64 JSON; it is installed with the package's defaults",
      "package app /lb: its DCOS_PACKAGE_OPTIONS label is not base64 JSON; it is installed with the package's defaults",
      'package kafka 9: the catalog has 1, 2; 2 is installed',
      "package cassandra (/cassandra): not in the sandbox's catalog; its service is not imported",
    ]);
    expect([...got.packageFrameworks]).toEqual(['kafka', 'lb', 'es']);
    expect(serviceActions(got).map((a) => a.request.body)).toEqual([
      { packageName: 'kafka', packageVersion: '2' },
      { packageName: 'marathon-lb', appId: '/lb' },
      { packageName: 'elastic', options: { service: { name: 'es' } } },
    ]);
  });

  it('the dcos package list --json form names each app of a package', () => {
    const got = read({ id: '/' }, [
      { name: 'jenkins', version: '3', apps: ['/ci/jenkins', 'jenkins'] },
      { version: '1', apps: ['/x'] },
    ]);
    expect(got.packages).toEqual([
      { name: 'jenkins', version: '3', appId: '/ci/jenkins' },
      { name: 'jenkins', version: '3', appId: '/jenkins' },
    ]);
    expect(frameworkName(got.packages[0]!)).toBe('ci/jenkins');
  });
});

describe('readClusterDump as a whole', () => {
  it('reads flags, Marathon’s role, frameworks it does not run, and counts the summary', () => {
    const s = {
      flags: { quorum: '3', allocation_interval: '5ms', max_agent_ping_timeouts: '0' },
      leader_info: {},
      slaves: [slave('S1', 'pub', { reserved_resources: { slave_public: { cpus: 2 } } }), slave('S2', 'w-1'), slave('S3', 'w-2')],
      frameworks: [
        { id: 'F1', name: 'metronome' },
        { id: 'F2', name: 'es', role: 'x', tasks: [{}] },
        { id: 'F3', roles: ['a', 'b'], TASK_RUNNING: 4 },
        { name: '', roles: 'odd' },
        { id: 'F5', name: 'other' },
      ],
    };
    const read = ok(
      readClusterDump([
        file('state', s),
        file('info', { marathon_config: { mesos_role: 'web' } }),
        file('apps', { apps: [{ id: '/es', cmd: 'x', labels: { DCOS_PACKAGE_NAME: 'elastic', DCOS_PACKAGE_VERSION: '1' } }] }),
        file('jobs', []),
      ]),
    );
    expect(read.scenario.cluster).toMatchObject({ name: 'imported', masters: 5 });
    // Out of range: the scenario's defaults, not the dump's.
    expect(read.scenario.cluster).toMatchObject({ allocationIntervalMs: 1000, maxAgentPingTimeouts: 5 });
    expect(read.scenario.marathon.role).toBe('web');
    expect(read.notes).toEqual([]);
    expect(read.dropped).toEqual([
      "framework F3 (role a, b, 4 running tasks): the sandbox runs Marathon, Metronome and catalog packages; other schedulers are not imported (a synthetic framework in the scenario's frameworks can stand in for its load)",
      "framework ? (role *, 0 running tasks): the sandbox runs Marathon, Metronome and catalog packages; other schedulers are not imported (a synthetic framework in the scenario's frameworks can stand in for its load)",
      "framework other (role *, 0 running tasks): the sandbox runs Marathon, Metronome and catalog packages; other schedulers are not imported (a synthetic framework in the scenario's frameworks can stand in for its load)",
    ]);
    expect(read.summary).toMatchObject({ agents: 3, publicAgents: 1, roles: 0, apps: 0, pods: 0, jobs: 0, packages: ['elastic 1 (/es)'] });
    expect(read.summary.files.map((f) => f.kind)).toEqual(['mesos-state', 'marathon-info', 'marathon-apps', 'empty']);
  });

  it('a framework with one task says “task”; enforceRole off reaches Marathon’s flags', () => {
    const read = ok(
      readClusterDump([
        file('s', state([slave('S1', 'a1')], { frameworks: [{ name: 'spark', role: 'r', tasks: [{}] }] })),
        file('g', { id: '/', groups: [{ id: '/t', enforceRole: false, apps: [{ id: '/t/a', cmd: 'sleep 1', cpus: 0.1, mem: 32 }] }] }),
      ]),
    );
    expect(read.dropped).toEqual([expect.stringMatching(/^framework spark \(role r, 1 running task\):/)]);
    expect(read.scenario.marathon.flags).toMatchObject({ new_group_enforce_role: 'off' });
    expect(read.summary.packages).toEqual([]);
  });

  it('an app that reads alone but not beside the others (a repeated id) is dropped by the whole-scenario pass', () => {
    const app = { id: '/a', cmd: 'sleep 1', cpus: 0.1, mem: 32 };
    const read = ok(readClusterDump([file('s', state([slave('S1', 'a1')])), file('apps', [app, { ...app, cmd: 'sleep 2' }])]));
    expect(read.scenario.marathon.apps).toEqual([app]);
    expect(read.dropped).toEqual([expect.stringMatching(/^app \/a: \/id: duplicate app id '\/a'; it is not imported$/)]);
  });

  it('an agent named like a master is dropped alone, with the field path left out', () => {
    const read = ok(readClusterDump([file('s', state([slave('S1', 'master-1'), slave('S2', 'a2')]))]));
    expect(read.scenario.cluster.agents.map((a) => a.hostname)).toEqual(['a2']);
    expect(read.dropped).toEqual([
      expect.stringMatching(/^agent master-1: \/hostname: 'master-1' is the hostname of a master; it is not imported$/),
    ]);
  });

  it('refuses a dump whose whole is invalid with no one part to blame (a package’s options nested too deep for the script)', () => {
    let options: unknown = 1;
    for (let i = 0; i < MAX_RECORDED_BODY_DEPTH + 5; i++) options = { o: options };
    const apps = [
      { id: '/deep', cmd: 'sleep 1', labels: { DCOS_PACKAGE_NAME: 'deep', DCOS_PACKAGE_OPTIONS: toBase64(JSON.stringify(options)) } },
    ];
    const read = readClusterDump([file('s', state([slave('S1', 'a1')])), file('apps', apps)]);
    expect(problems(read)).toEqual([expect.stringMatching(/^The scenario made from the dump is not valid: script\[0\]\.request\.body: /)]);
  });
});
