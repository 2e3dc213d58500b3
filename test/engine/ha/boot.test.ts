/** The boot sequence (Exhibitor → ZooKeeper → Mesos masters → Mesos-DNS → Marathon → Admin Router; agents after a leader). */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/sandbox/index.ts';
import { MASTER_UNITS, type MasterUnit } from '../../../src/common/units.ts';
import { haScenario } from './support.ts';

describe('boot sequence', () => {
  it('starts the units of every master in dependency order, then agents and frameworks', async () => {
    const sb = await createSandbox(haScenario(), { allocator: 'ts', matcher: 'ts' });
    const upAt = sb.layout().masters.map(() => ({}) as Partial<Record<MasterUnit, number>>);
    let leaderAt: number | null = null;
    let marathonAt: number | null = null;
    let firstAgentAt: number | null = null;
    let subscribedAt: number | null = null;
    while (sb.now < 20_000) {
      sb.advance(10);
      const f = sb.frame();
      f.ha.masters.forEach((m, i) => {
        for (const unit of MASTER_UNITS) if (m.units[unit] === 'up') upAt[i]![unit] ??= sb.now;
      });
      if (f.ha.leader !== null) leaderAt ??= sb.now;
      if (f.ha.marathonLeader !== null) marathonAt ??= sb.now;
      if (f.agentStatus.some((s) => s === 1)) firstAgentAt ??= sb.now;
      if (f.frameworks > 0) subscribedAt ??= sb.now;
    }
    for (const at of upAt) {
      for (const unit of MASTER_UNITS) expect(at[unit], unit).toBeDefined();
      expect(at.exhibitor!).toBeLessThan(at.zookeeper!);
      expect(at.zookeeper!).toBeLessThan(at['mesos-master']!);
      expect(at.zookeeper!).toBeLessThan(at.marathon!);
      expect(leaderAt!).toBeLessThan(at['mesos-dns']!);
      expect(at['mesos-dns']!).toBeLessThan(at.adminrouter!);
    }
    // Nothing registers before a leader exists; Marathon subscribes after it is elected itself.
    expect(leaderAt).not.toBeNull();
    expect(firstAgentAt!).toBeGreaterThan(leaderAt!);
    expect(subscribedAt!).toBeGreaterThan(Math.min(leaderAt!, marathonAt!));
    expect(marathonAt!).toBeLessThan(10_000);
    const events = (sb.request({ method: 'GET', path: '/sandbox/v1/events' }).body as { events: Array<{ label: string }> }).events.map(
      (e) => e.label,
    );
    expect(events.slice(0, 3)).toEqual([
      expect.stringMatching(/^ZooKeeper on master-\d leads the ensemble$/),
      expect.stringMatching(/^master-\d is the leading Mesos master$/),
      expect.stringMatching(/^Marathon on master-\d leads$/),
    ]);
  });

  it('answers 503 until the leaders are elected', async () => {
    const sb = await createSandbox(haScenario(), { allocator: 'ts', matcher: 'ts' });
    expect(sb.request({ method: 'GET', path: '/mesos/master/state' })).toEqual({ status: 503, body: { message: 'No leader elected' } });
    expect(sb.request({ method: 'GET', path: '/marathon/v2/apps' }).status).toBe(503);
    expect(sb.request({ method: 'GET', path: '/marathon/v2/leader' })).toEqual({ status: 404, body: { message: 'There is no leader' } });
    sb.advance(10_000);
    expect(sb.request({ method: 'GET', path: '/mesos/master/state' }).status).toBe(200);
    expect(sb.request({ method: 'GET', path: '/marathon/v2/leader' }).status).toBe(200);
  });
});
