import { describe, expect, it } from 'vitest';
import type { AgentInfo, HaView } from '../../src/engine/view-types.ts';
import { largestMasterGroup, leaderNotice, masterStanding, quorumSummary } from '../../src/ui/state/ha.ts';
import { EMPTY_TRACK, sessionLeft, stepsBetween, trackElection } from '../../src/ui/state/election.ts';
import { agentGroupKey, intersects, islandKeys, lassoed, mapLayout, rectBetween, sidesOf, statusCounts, toggled } from '../../src/ui/components/faults/fault-map.ts';
import { agentUnitHealth, nodeRows, unitRows } from '../../src/ui/pages/components/units.ts';
import { worstFirst } from '../../src/ui/pages/components/limit.ts';
import { AGENT_STATUS, type ClusterFrame, type ClusterLayout } from '../../src/engine/view-types.ts';

const HOSTS = ['master-1', 'master-2', 'master-3'];
const UP = { exhibitor: 'up', zookeeper: 'up', 'mesos-master': 'up', 'mesos-dns': 'up', marathon: 'up', adminrouter: 'up' } as const;
const DOWN = { exhibitor: 'down', zookeeper: 'down', 'mesos-master': 'down', 'mesos-dns': 'down', marathon: 'down', adminrouter: 'down' } as const;

/** A healthy 3-master view: master-1 leads Mesos and Marathon, ZooKeeper led by master-3. */
function healthy(): HaView {
  return {
    leader: 0,
    electedAt: 1800,
    marathonLeader: 0,
    marathonElectedAt: 2200,
    zk: { serving: true, electing: false, leader: 2, members: [0, 1, 2], quorum: 2 },
    masters: [
      { up: true, mesos: 'leader', marathon: 'leader', units: { ...UP } },
      { up: true, mesos: 'contender', marathon: 'standby', units: { ...UP } },
      { up: true, mesos: 'contender', marathon: 'standby', units: { ...UP } },
    ],
    partitions: [],
  };
}

function crashed(ha: HaView, i: number): HaView {
  const masters = ha.masters.map((m, k) => (k === i ? { up: false, mesos: 'down' as const, marathon: 'down' as const, units: { ...DOWN } } : m));
  return { ...ha, masters, leader: ha.leader === i ? null : ha.leader, marathonLeader: ha.marathonLeader === i ? null : ha.marathonLeader };
}

describe('ha view helpers', () => {
  it('reads each master standing', () => {
    const ha = healthy();
    expect(HOSTS.map((_, i) => masterStanding(ha, i))).toEqual(['leader', 'standby', 'standby']);
    expect(masterStanding(crashed(ha, 0), 0)).toBe('down');
  });

  it('summarises the quorum, and says why there is none', () => {
    expect(quorumSummary(healthy(), HOSTS)).toEqual({ ok: true, text: '3 of 3 serving, leader master-3' });
    const lost = crashed(crashed(healthy(), 0), 1);
    lost.zk = { serving: false, electing: false, leader: null, members: [], quorum: 2 };
    expect(quorumSummary(lost, HOSTS)).toEqual({ ok: false, text: 'no quorum: 1 of 3 masters reachable' });
    const split: HaView = { ...healthy(), partitions: [[['master-1'], ['master-2']], [['master-3'], ['master-1', 'master-2']]], zk: { serving: false, electing: false, leader: null, members: [], quorum: 2 } };
    expect(largestMasterGroup(split, HOSTS)).toEqual([0]);
    expect(quorumSummary(split, HOSTS).text).toBe('no quorum: a partition splits the masters (at most 1 of 3 together, 2 needed)');
  });

  it('explains a missing leader in the banner, and is quiet when all lead', () => {
    expect(leaderNotice(healthy(), HOSTS)).toBeNull();
    const lost = crashed(crashed(healthy(), 0), 1);
    lost.zk = { serving: false, electing: false, leader: null, members: [], quorum: 2 };
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
  it('tells a crash, the session countdown, the expiry and the new leader', () => {
    let t = trackElection(EMPTY_TRACK, healthy(), 5000, HOSTS, 10_000);
    expect(t.holder).toBe(0);
    const down = crashed(healthy(), 0);
    t = trackElection(t, down, 7000, HOSTS, 10_000);
    expect(t.steps.map((s) => s.text)).toEqual(['master-1 crashed', 'master-1 stopped leading']);
    expect(t.holder).toBe(0);
    expect(sessionLeft(t, 10_000)).toBe(10_000);
    t = trackElection(t, down, 13_000, HOSTS, 10_000);
    expect(sessionLeft(t, 10_000)).toBe(4000);
    t = trackElection(t, down, 17_000, HOSTS, 10_000);
    expect(t.holder).toBeNull();
    expect(t.steps.at(-1)?.text).toBe("master-1's ZooKeeper session expired: its znode is deleted");
    const recovering: HaView = { ...down, masters: down.masters.map((m, i) => (i === 1 ? { ...m, mesos: 'recovering' as const } : m)) };
    t = trackElection(t, recovering, 17_100, HOSTS, 10_000);
    expect(t.holder).toBe(1);
    expect(t.steps.at(-1)?.text).toBe('master-2 holds the lowest znode: it recovers the registry');
    const led: HaView = { ...recovering, leader: 1, masters: recovering.masters.map((m, i) => (i === 1 ? { ...m, mesos: 'leader' as const } : m)) };
    t = trackElection(t, led, 17_800, HOSTS, 10_000);
    expect(t.steps.at(-1)?.text).toBe('master-2 is the leading Mesos master');
    expect(sessionLeft(t, 10_000)).toBeNull();
    expect(new Set(t.steps.map((s) => s.seq)).size).toBe(t.steps.length);
  });

  it('starts over when the clock goes back', () => {
    const t = trackElection(trackElection(EMPTY_TRACK, healthy(), 9000, HOSTS, 10_000), crashed(healthy(), 0), 10_000, HOSTS, 10_000);
    const back = trackElection(t, healthy(), 3000, HOSTS, 10_000);
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
  const agents = [agent('a1', { rack: 'r1' }), agent('a2', { rack: 'r2' }), agent('a3', { rack: 'r1' }), agent('p1', {}, true), agent('z1', { zone: 'z' })];

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
    const map = mapLayout(HOSTS, agents, [[['master-1', 'a1'], ['master-2', 'master-3', 'a2', 'a3', 'p1', 'z1']]]);
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
  };
  const frame = { ha: crashed(healthy(), 0), agentStatus: Uint8Array.from([AGENT_STATUS.indexOf('unreachable'), AGENT_STATUS.indexOf('active')]) } as unknown as ClusterFrame;

  it('lists the DC/OS units with their health per node', () => {
    const rows = unitRows(layout, frame);
    expect(rows.map((r) => r.id)).toEqual(['dcos-exhibitor', 'dcos-zookeeper', 'dcos-mesos-master', 'dcos-mesos-dns', 'dcos-marathon', 'dcos-adminrouter', 'dcos-mesos-slave', 'dcos-mesos-slave-public']);
    const mesos = rows[2]!;
    expect(mesos.health).toBe('unhealthy');
    expect(mesos.counts).toEqual({ healthy: 2, starting: 0, unhealthy: 1 });
    expect(rows[6]!.nodes[0]).toMatchObject({ hostname: 'a1', health: 'unhealthy', detail: 'unreachable from the leader' });
    expect(rows[7]!.health).toBe('healthy');
    expect(unitRows(layout, null).every((r) => r.health === 'starting')).toBe(true);
  });

  it('regroups the health by node, worst first', () => {
    const nodes = nodeRows(unitRows(layout, frame));
    expect(nodes.map((n) => [n.hostname, n.health, n.units.length])).toEqual([
      ['master-1', 'unhealthy', 6],
      ['master-2', 'healthy', 6],
      ['master-3', 'healthy', 6],
      ['a1', 'unhealthy', 1],
      ['p1', 'healthy', 1],
    ]);
    const { shown, hidden } = worstFirst(nodes, 2);
    expect(shown.map((n) => n.hostname)).toEqual(['master-1', 'a1']);
    expect(hidden).toBe(3);
    expect(agentUnitHealth(AGENT_STATUS.indexOf('registering')).health).toBe('starting');
  });
});
