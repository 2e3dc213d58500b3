/** Whole-engine allocation behaviour, through the API, for both kernels. */
import { describe, expect, it } from 'vitest';
import { agent, framework, frameworks, run, scenario, taskCounts } from '../support/cluster.ts';

describe.each(['wasm', 'ts'] as const)('allocation with the %s kernel', (allocator) => {
  it("reproduces the DRF paper's example: A runs 3 tasks, B runs 2", async () => {
    const s = scenario(
      [agent('a1', { cpus: 9, mem: 18432 })],
      [framework('A', 'a', { cpus: 1, mem: 4096 }), framework('B', 'b', { cpus: 3, mem: 1024 })],
    );
    const sb = await run(s, 60, allocator);
    expect(taskCounts(sb)).toEqual({ A: 3, B: 2 });
  });

  it('gives a role with weight 2 about twice the dominant share', async () => {
    const s = scenario(
      [agent('a', { cpus: 30, mem: 30720 }, { count: 4 })],
      // No filters: every batch offers each agent to the role with the lowest weighted share.
      [
        framework('heavy', 'heavy', { cpus: 1, mem: 128 }, { refuseSeconds: 0 }),
        framework('light', 'light', { cpus: 1, mem: 128 }, { refuseSeconds: 0 }),
      ],
      { heavy: { weight: 2 } },
    );
    const sb = await run(s, 120, allocator);
    const counts = taskCounts(sb);
    expect(counts.heavy! + counts.light!).toBeGreaterThanOrEqual(110);
    expect(counts.heavy! / counts.light!).toBeGreaterThan(1.7);
    expect(counts.heavy! / counts.light!).toBeLessThan(2.3);
  });

  it('offers reserved resources only to their role (and its descendants)', async () => {
    const s = scenario(
      [agent('r1', { cpus: 4, mem: 4096 }, { reservations: { db: { cpus: 4, mem: 4096 } } })],
      [framework('outsider', 'web', { cpus: 1, mem: 256 }), framework('child', 'db/replica', { cpus: 1, mem: 256 })],
      { db: {} },
    );
    const sb = await run(s, 30, allocator);
    expect(taskCounts(sb)).toEqual({ outsider: 0, child: 4 });
  });

  it('public agents serve only slave_public; slave_public may also use unreserved resources', async () => {
    const s = scenario(
      [agent('pub', { cpus: 2, mem: 2048 }, { public: true }), agent('priv', { cpus: 2, mem: 2048 })],
      [framework('edge', 'slave_public', { cpus: 1, mem: 256 }), framework('app', '*', { cpus: 1, mem: 256 })],
    );
    const sb = await run(s, 30, allocator);
    const state = frameworks(sb);
    const slaves = (sb.request({ method: 'GET', path: '/mesos/master/slaves' }).body as { slaves: Array<{ id: string; hostname: string }> })
      .slaves;
    const hosts = (name: string) => state.find((f) => f.name === name)!.tasks.map((t) => slaves.find((a) => a.id === t.slave_id)!.hostname);
    expect(hosts('app')).not.toContain('pub');
    expect(hosts('edge').filter((h) => h === 'pub')).toHaveLength(2);
    expect(hosts('app').length + hosts('edge').length).toBe(4);
  });

  it('guarantees quota before fair sharing, and limits the role to it', async () => {
    const s = scenario(
      [agent('a', { cpus: 4, mem: 8192 }, { count: 4 })],
      [framework('big', 'big', { cpus: 1, mem: 512 }), framework('q', 'q', { cpus: 1, mem: 512 })],
      { q: { quota: { cpus: 6, mem: 3072 } }, big: { weight: 10 } },
    );
    const sb = await run(s, 60, allocator);
    expect(taskCounts(sb).q).toBe(6);
    expect(taskCounts(sb).big).toBe(10);
  });

  it("serves a quota role's guarantee to frameworks of its sub-roles", async () => {
    const s = scenario(
      // Only the guarantee's headroom is left for 'q': it must reach q's sub-role in stage 1.
      [agent('a', { cpus: 4, mem: 8192 }, { count: 2 })],
      [framework('big', 'big', { cpus: 1, mem: 512 }), framework('child', 'q/x', { cpus: 1, mem: 512 })],
      { q: { quota: { cpus: 6, mem: 3072 } }, big: { weight: 10 } },
    );
    const sb = await run(s, 60, allocator);
    expect(taskCounts(sb)).toEqual({ big: 2, child: 6 });
  });

  it('a framework with no pending work is offered nothing', async () => {
    const s = scenario([agent('a', { cpus: 8, mem: 8192 })], [framework('done', 'x', { cpus: 1, mem: 128 }, { instances: 2 })]);
    const sb = await run(s, 20, allocator);
    expect(taskCounts(sb).done).toBe(2);
    expect(frameworks(sb).find((f) => f.name === 'done')!.offered_resources.cpus).toBe(0);
  });

  it('returns resources of finished tasks and keeps running new ones', async () => {
    const s = scenario(
      [agent('a', { cpus: 2, mem: 2048 })],
      [framework('batch', 'b', { cpus: 1, mem: 512 }, { instances: 10, taskDurationSeconds: 5 })],
    );
    const sb = await run(s, 120, allocator);
    const summary = sb.request({ method: 'GET', path: '/mesos/master/state-summary' }).body as {
      frameworks: Array<{ name: string; TASK_FINISHED: number }>;
    };
    expect(summary.frameworks.find((f) => f.name === 'batch')!.TASK_FINISHED).toBe(10);
    expect(taskCounts(sb).batch).toBe(0);
  });

  it('a refused offer is not made again to that framework until the filter expires', async () => {
    // 'tiny' fits nothing on the agent, so it declines every offer it gets.
    const offersMade = async (refuseSeconds: number) => {
      const s = scenario([agent('a', { cpus: 1, mem: 1024 })], [framework('tiny', 't', { cpus: 2, mem: 128 }, { refuseSeconds })]);
      const sb = await run(s, 70, allocator);
      return sb.snapshot().cluster.frameworks.find((f) => f.name === 'tiny')!.shares.t!.allocationCount;
    };
    // Subscribed at < 1 s: offered then, again once each 30 s filter has expired (~31 s, ~62 s).
    expect(await offersMade(30)).toBe(3);
    // Without a filter the same resources come back at every 1 s batch.
    expect(await offersMade(0)).toBeGreaterThanOrEqual(69);
  });
});
