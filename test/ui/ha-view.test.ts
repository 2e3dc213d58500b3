import { describe, expect, it } from 'vitest';
import type { AgentInfo, HaView } from '../../src/common/view-types.ts';
import { largestMasterGroup, leaderNotice, masterStanding, quorumSummary } from '../../src/ui/state/ha.ts';
import {
  EMPTY_TRACK,
  electionQueue,
  outsideElection,
  sessionLeft,
  stepsBetween,
  trackElection,
  trackFromPast,
  znodePlace,
} from '../../src/ui/state/election.ts';
import {
  agentGroupKey,
  intersects,
  islandKeys,
  lassoed,
  mapLayout,
  rectBetween,
  sidesOf,
  statusCounts,
  toggled,
} from '../../src/ui/components/faults/fault-map.ts';
import { agentUnitHealth, nodeRows, unitRows } from '../../src/ui/pages/components/units.ts';
import { worstFirst } from '../../src/ui/pages/components/limit.ts';
import { AGENT_STATUS, type ClusterFrame, type ClusterLayout } from '../../src/common/view-types.ts';

const HOSTS = ['master-1', 'master-2', 'master-3'];
const UP = {
  exhibitor: 'up',
  zookeeper: 'up',
  'mesos-master': 'up',
  'mesos-dns': 'up',
  marathon: 'up',
  metronome: 'up',
  adminrouter: 'up',
} as const;
const DOWN = {
  exhibitor: 'down',
  zookeeper: 'down',
  'mesos-master': 'down',
  'mesos-dns': 'down',
  marathon: 'down',
  metronome: 'down',
  adminrouter: 'down',
} as const;

/** A healthy 3-master view: master-1 leads Mesos and Marathon, ZooKeeper led by master-3. */
function healthy(): HaView {
  return {
    leader: 0,
    electedAt: 1800,
    leaderLostAt: null,
    marathonLeader: 0,
    marathonElectedAt: 2200,
    marathonLostAt: null,
    metronomeLeader: 0,
    metronomeElectedAt: 4100,
    metronomeLostAt: null,
    zk: {
      serving: true,
      electing: false,
      leader: 2,
      members: [0, 1, 2],
      quorum: 2,
      sessionTimeoutMs: 10_000,
      znodes: [0, 1, 2]
        .flatMap((m) => [
          { group: 'mesos-master' as const, seq: m, master: m, lostAt: null, clientAlive: true },
          { group: 'marathon' as const, seq: m + 3, master: m, lostAt: null, clientAlive: true },
        ])
        .sort((a, b) => a.seq - b.seq),
    },
    masters: [
      { up: true, mesos: 'leader', marathon: 'leader', metronome: 'leader', units: { ...UP } },
      { up: true, mesos: 'contender', marathon: 'standby', metronome: 'standby', units: { ...UP } },
      { up: true, mesos: 'contender', marathon: 'standby', metronome: 'standby', units: { ...UP } },
    ],
    partitions: [],
  };
}

/** Master `i`'s host crashed at `at`: its process is gone, its znodes linger with their sessions lost. */
function crashed(ha: HaView, i: number, at = 0): HaView {
  const masters = ha.masters.map((m, k) =>
    k === i ? { up: false, mesos: 'down' as const, marathon: 'down' as const, metronome: 'down' as const, units: { ...DOWN } } : m,
  );
  const znodes = ha.zk.znodes.map((z) => (z.master === i ? { ...z, lostAt: z.lostAt ?? at, clientAlive: false } : z));
  return {
    ...ha,
    masters,
    zk: { ...ha.zk, znodes },
    leader: ha.leader === i ? null : ha.leader,
    marathonLeader: ha.marathonLeader === i ? null : ha.marathonLeader,
    metronomeLeader: ha.metronomeLeader === i ? null : ha.metronomeLeader,
  };
}

/** The ensemble deleted master `i`'s znodes (its sessions expired). */
function expired(ha: HaView, i: number): HaView {
  return { ...ha, zk: { ...ha.zk, znodes: ha.zk.znodes.filter((z) => z.master !== i) } };
}

function withMesos(ha: HaView, i: number, mesos: HaView['masters'][number]['mesos'], leader: number | null = ha.leader): HaView {
  return { ...ha, leader, masters: ha.masters.map((m, k) => (k === i ? { ...m, up: true, mesos } : m)) };
}

const NO_ZK = { serving: false, electing: false, leader: null, members: [], quorum: 2, sessionTimeoutMs: 10_000, znodes: [] };

describe('ha view helpers', () => {
  it('reads each master standing', () => {
    const ha = healthy();
    expect(HOSTS.map((_, i) => masterStanding(ha, i))).toEqual(['leader', 'standby', 'standby']);
    expect(masterStanding(crashed(ha, 0), 0)).toBe('down');
  });

  it('summarises the quorum, and says why there is none', () => {
    expect(quorumSummary(healthy(), HOSTS)).toEqual({ ok: true, text: '3 of 3 serving, leader master-3' });
    const lost = crashed(crashed(healthy(), 0), 1);
    lost.zk = { ...NO_ZK };
    expect(quorumSummary(lost, HOSTS)).toEqual({ ok: false, text: 'no quorum: 1 of 3 masters reachable' });
    const split: HaView = {
      ...healthy(),
      partitions: [
        [['master-1'], ['master-2']],
        [['master-3'], ['master-1', 'master-2']],
      ],
      zk: { ...NO_ZK },
    };
    expect(largestMasterGroup(split, HOSTS)).toEqual([0]);
    expect(quorumSummary(split, HOSTS).text).toBe('no quorum: a partition splits the masters (at most 1 of 3 together, 2 needed)');
  });

  it('explains a missing leader in the banner, and is quiet when all lead', () => {
    expect(leaderNotice(healthy(), HOSTS)).toBeNull();
    const lost = crashed(crashed(healthy(), 0), 1);
    lost.zk = { ...NO_ZK };
    expect(leaderNotice(lost, HOSTS)?.title).toBe('No leading master: ZooKeeper has no quorum (1 of 3 masters up).');
    expect(leaderNotice(lost, HOSTS)?.text).toContain('Running tasks keep running; no offers, no launches');
    const waiting = crashed(healthy(), 0);
    expect(leaderNotice(waiting, HOSTS)?.title).toContain("old leader's ZooKeeper session to expire");
    const cut: HaView = { ...healthy(), partitions: [[['master-1'], ['master-2', 'master-3']]], zk: { ...healthy().zk, members: [1, 2] } };
    expect(leaderNotice(cut, HOSTS)?.title).toContain('master-1 is cut off from ZooKeeper');
    expect(leaderNotice({ ...healthy(), leader: null, electedAt: 0 }, HOSTS)?.tone).toBe('info');
  });
});

describe('election track', () => {
  it('a cluster first seen past its start (reopened, from a link) lists its past elections at their own times', () => {
    const past = [
      { at: 1_100, kind: 'leader' as const, label: 'ZooKeeper on master-3 leads the ensemble' },
      { at: 1_900, kind: 'leader' as const, label: 'master-1 is the leading Mesos master' },
      { at: 40_000, kind: 'failure' as const, label: 'Agent private-2 unreachable' },
      { at: 90_000, kind: 'leader' as const, label: 'master-2 is the leading Mesos master' },
    ];
    const seeded = trackFromPast(past, 86_000);
    expect(seeded.steps.map((s) => [s.at, s.text])).toEqual([
      [1_100, 'ZooKeeper on master-3 leads the ensemble'],
      [1_900, 'master-1 is the leading Mesos master'],
    ]);
    // The first frame after it keeps them (nothing is compared with a view it never had) and adds none at 86 s.
    const t = trackElection(seeded, healthy(), 86_000, HOSTS);
    expect(t.steps.map((s) => s.at)).toEqual([1_100, 1_900]);
    expect(t.holder).toBe(0);
  });

  it('tells a crash, the exact session countdown, the expiry and the new leader from the znodes', () => {
    let t = trackElection(EMPTY_TRACK, healthy(), 5000, HOSTS);
    expect(t.holder).toBe(0);
    expect(sessionLeft(t)).toBeNull();
    const down = crashed(healthy(), 0, 6500);
    t = trackElection(t, down, 7000, HOSTS);
    expect(t.steps.map((s) => s.text)).toEqual(['master-1 crashed', 'master-1 stopped leading']);
    expect(t.holder).toBe(0);
    // The session was lost at 6500, not when the frame at 7000 was seen.
    expect(t.lostAt).toBe(6500);
    expect(sessionLeft(t)).toBe(9500);
    t = trackElection(t, down, 13_000, HOSTS);
    expect(sessionLeft(t)).toBe(3500);
    // Past its timeout, the znode is still there until the ensemble deletes it: the holder stays.
    t = trackElection(t, down, 16_600, HOSTS);
    expect(t.holder).toBe(0);
    expect(sessionLeft(t)).toBe(0);
    const gone = expired(down, 0);
    t = trackElection(t, gone, 16_700, HOSTS);
    expect(t.steps.at(-1)?.text).toBe("master-1's ZooKeeper session expired: znode #0 deleted");
    expect(t.steps.filter((s) => s.text.includes('#3'))).toEqual([]); // Marathon's znodes tell no Mesos step
    expect(t.holder).toBe(1);
    expect(sessionLeft(t)).toBeNull();
    const recovering = withMesos(gone, 1, 'recovering');
    t = trackElection(t, recovering, 16_800, HOSTS);
    expect(t.steps.at(-1)?.text).toBe('master-2 holds the lowest znode #1: it recovers the registry');
    const led = withMesos(recovering, 1, 'leader', 1);
    t = trackElection(t, led, 17_500, HOSTS);
    expect(t.steps.at(-1)?.text).toBe('master-2 is the leading Mesos master');
    expect(new Set(t.steps.map((s) => s.seq)).size).toBe(t.steps.length);
  });

  it('counts down a cut-off leader and restarts the count when the ensemble serves again', () => {
    const cut = (lostAt: number | null, serving = true): HaView => {
      const ha = healthy();
      const znodes = ha.zk.znodes.map((z) => (z.master === 0 ? { ...z, lostAt } : z));
      return { ...ha, partitions: [[['master-1'], ['master-2', 'master-3']]], zk: { ...ha.zk, serving, znodes } };
    };
    let t = trackElection(EMPTY_TRACK, healthy(), 1000, HOSTS);
    t = trackElection(t, cut(2000), 4000, HOSTS);
    expect(t.holder).toBe(0);
    expect(sessionLeft(t)).toBe(8000);
    // Without a quorum the expiry waits: the count stops at 0 and the znode stays.
    t = trackElection(t, cut(2000, false), 15_000, HOSTS);
    expect(sessionLeft(t)).toBe(0);
    expect(t.holder).toBe(0);
    const queue = electionQueue(t.ha!);
    expect(znodePlace(t.ha!, queue, 0, 0)).toBe('leader, session lost');
    // A new ensemble leader gives every session a fresh timeout.
    t = trackElection(t, cut(16_000), 16_500, HOSTS);
    expect(sessionLeft(t)).toBe(9500);
    t = trackElection(t, cut(null), 17_000, HOSTS);
    expect(sessionLeft(t)).toBeNull();
  });

  it('tells a join only for a new znode, and a restart as a deletion then a higher znode', () => {
    const starting = withMesos(expired(healthy(), 2), 2, 'down');
    const contender = withMesos(starting, 2, 'contender');
    // A master that becomes a contender without a new znode has not joined anything.
    expect(stepsBetween(starting, contender, HOSTS, 1)).toEqual([]);
    const joined: HaView = {
      ...contender,
      zk: {
        ...contender.zk,
        znodes: [...contender.zk.znodes, { group: 'mesos-master', seq: 7, master: 2, lostAt: null, clientAlive: true }],
      },
    };
    expect(stepsBetween(contender, joined, HOSTS, 2).map((s) => s.text)).toEqual(['master-3 joins the election: znode #7']);
    // Its session expired by force: the old znode goes and the restarted process joins anew, at the back.
    const restarted: HaView = {
      ...healthy(),
      zk: {
        ...healthy().zk,
        znodes: [...expired(healthy(), 1).zk.znodes, { group: 'mesos-master', seq: 8, master: 1, lostAt: null, clientAlive: true }],
      },
    };
    expect(stepsBetween(healthy(), restarted, HOSTS, 3).map((s) => s.text)).toEqual([
      "master-2's ZooKeeper session expired: znode #1 deleted",
      'master-2 joins the election: znode #8',
    ]);
    const queue = electionQueue(restarted);
    expect(queue.map((z) => z.seq)).toEqual([0, 2, 8]);
    expect(queue.map((_, k) => znodePlace(restarted, queue, k, null))).toEqual(['leader', 'watches #0', 'watches #2']);
  });

  it('tells when Marathon and Metronome get a new leader', () => {
    const down = crashed(healthy(), 0, 100);
    const next: HaView = { ...down, marathonLeader: 1, metronomeLeader: 2 };
    expect(stepsBetween(down, next, HOSTS, 5).map((s) => s.text)).toEqual(['Marathon on master-2 leads', 'Metronome on master-3 leads']);
  });

  it('lists the masters outside the election and why', () => {
    const ha = crashed(healthy(), 0, 100);
    const queue = electionQueue(ha);
    expect(znodePlace(ha, queue, 0, 5000)).toBe('process gone, znode lingers');
    const alone = expired(healthy(), 2);
    const cutOff: HaView = { ...alone, partitions: [[['master-3'], ['master-1', 'master-2']]], zk: { ...alone.zk, members: [0, 1] } };
    expect(outsideElection(cutOff, HOSTS)).toEqual([{ master: 2, why: 'cannot reach ZooKeeper' }]);
    expect(outsideElection(expired(crashed(cutOff, 0, 100), 0), HOSTS)).toEqual([
      { master: 0, why: 'host down' },
      { master: 2, why: 'cannot reach ZooKeeper' },
    ]);
    expect(outsideElection(withMesos(alone, 2, 'down'), HOSTS)).toEqual([{ master: 2, why: 'starting' }]);
    expect(outsideElection(healthy(), HOSTS)).toEqual([]);
  });

  it('starts over when the clock goes back', () => {
    const t = trackElection(trackElection(EMPTY_TRACK, healthy(), 9000, HOSTS), crashed(healthy(), 0, 9500), 10_000, HOSTS);
    const back = trackElection(t, healthy(), 3000, HOSTS);
    expect(back.steps).toEqual([]);
    expect(back.holder).toBe(0);
  });

  it('names cuts and heals', () => {
    const cut: HaView = { ...healthy(), partitions: [[['master-1'], ['master-2', 'master-3', 'a1', 'a2']]] };
    expect(stepsBetween(healthy(), cut, HOSTS, 1).map((s) => s.text)).toEqual(['Network cut: master-1 | master-2, master-3 +2']);
    expect(stepsBetween(cut, healthy(), HOSTS, 2).map((s) => s.text)).toEqual(['Network healed']);
  });
});

function agent(hostname: string, attributes: Record<string, string>, pub = false): AgentInfo {
  return { id: hostname, hostname, ip: '10.0.1.1', public: pub, total: [4, 4096, 0, 0], attributes, reservedRoles: [] };
}

describe('fault map', () => {
  const agents = [
    agent('a1', { rack: 'r1' }),
    agent('a2', { rack: 'r2' }),
    agent('a3', { rack: 'r1' }),
    agent('p1', {}, true),
    agent('z1', { zone: 'z' }),
  ];

  it('groups agents by rack, else zone, else public / private', () => {
    expect(agents.map(agentGroupKey)).toEqual(['rack r1', 'rack r2', 'rack r1', 'public', 'zone z']);
    const map = mapLayout(HOSTS, agents, []);
    expect(map.islands).toHaveLength(1);
    expect(map.islands[0]!.groups.map((g) => [g.key, g.agents])).toEqual([
      ['rack r1', [0, 2]],
      ['rack r2', [1]],
      ['public', [3]],
      ['zone z', [4]],
    ]);
    expect(map.collapsed).toBe(false);
    expect(mapLayout(HOSTS, agents, [], 4).collapsed).toBe(true);
  });

  it('splits the picture into the sides of the cuts', () => {
    expect(islandKeys(['m1', 'a1', 'x'], [[['m1'], ['a1']]])).toEqual(['a', 'b', '-']);
    const map = mapLayout(HOSTS, agents, [
      [
        ['master-1', 'a1'],
        ['master-2', 'master-3', 'a2', 'a3', 'p1', 'z1'],
      ],
    ]);
    expect(map.islands.map((i) => i.hosts)).toEqual([
      ['master-1', 'a1'],
      ['master-2', 'master-3', 'a2', 'a3', 'p1', 'z1'],
    ]);
    expect(map.islands[0]!.masters).toEqual([0]);
  });

  it('turns a selection into the two sides of a partition', () => {
    const all = ['m1', 'm2', 'a1'];
    expect(sidesOf(new Set(['a1', 'm1']), all)).toEqual([['m1', 'a1'], ['m2']]);
    expect(sidesOf(new Set(), all)).toBeNull();
    expect(sidesOf(new Set(all), all)).toBeNull();
  });

  it('selects by click and by lasso', () => {
    expect([...toggled(new Set(['a']), ['a'])]).toEqual([]);
    expect([...toggled(new Set(['a']), ['a', 'b'])].sort()).toEqual(['a', 'b']);
    expect([...lassoed(new Set(['a']), ['b'], false)]).toEqual(['b']);
    expect([...lassoed(new Set(['a']), ['b'], true)]).toEqual(['a', 'b']);
    const r = rectBetween(10, 10, 0, 0);
    expect(r).toEqual({ left: 0, top: 0, right: 10, bottom: 10 });
    expect(intersects(r, { left: 5, top: 5, right: 20, bottom: 20 })).toBe(true);
    expect(intersects(r, { left: 10, top: 0, right: 20, bottom: 5 })).toBe(false);
  });

  it('counts agents by status', () => {
    const status = Uint8Array.from(['active', 'down', 'active'].map((s) => AGENT_STATUS.indexOf(s as 'active')));
    const counts = statusCounts([0, 1, 2], status);
    expect(counts.active).toBe(2);
    expect(counts.down).toBe(1);
    expect(counts.unreachable).toBe(0);
  });
});

describe('components', () => {
  const layout: ClusterLayout = {
    clusterName: 'c',
    seed: 1,
    masters: HOSTS.map((h, i) => ({ id: h, hostname: h, ip: `10.0.0.${11 + i}` })),
    agents: [agent('a1', {}), agent('p1', {}, true)],
    agentsVersion: 2,
  };
  const frame = {
    ha: crashed(healthy(), 0),
    agentStatus: Uint8Array.from([AGENT_STATUS.indexOf('unreachable'), AGENT_STATUS.indexOf('active')]),
  } as unknown as ClusterFrame;

  it('lists the DC/OS units with their health per node', () => {
    const rows = unitRows(layout, frame);
    expect(rows.map((r) => r.id)).toEqual([
      'dcos-exhibitor',
      'dcos-exhibitor/zookeeper',
      'dcos-mesos-master',
      'dcos-mesos-dns',
      'dcos-marathon',
      'dcos-metronome',
      'dcos-adminrouter',
      'dcos-mesos-slave',
      'dcos-mesos-slave-public',
    ]);
    const mesos = rows[2]!;
    expect(mesos.health).toBe('unhealthy');
    expect(mesos.counts).toEqual({ healthy: 2, starting: 0, unhealthy: 1 });
    expect(rows[7]!.nodes[0]).toMatchObject({ hostname: 'a1', health: 'unhealthy', detail: 'unreachable from the leader' });
    expect(rows[8]!.health).toBe('healthy');
    expect(unitRows(layout, null).every((r) => r.health === 'starting')).toBe(true);
  });

  it('regroups the health by node, worst first', () => {
    const nodes = nodeRows(unitRows(layout, frame));
    expect(nodes.map((n) => [n.hostname, n.health, n.units.length])).toEqual([
      ['master-1', 'unhealthy', 7],
      ['master-2', 'healthy', 7],
      ['master-3', 'healthy', 7],
      ['a1', 'unhealthy', 1],
      ['p1', 'healthy', 1],
    ]);
    const { shown, hidden } = worstFirst(nodes, 2);
    expect(shown.map((n) => n.hostname)).toEqual(['master-1', 'a1']);
    expect(hidden).toBe(3);
    expect(agentUnitHealth(AGENT_STATUS.indexOf('registering')).health).toBe('starting');
  });
});
