/**
 * Going back in time is a replay of the scenario with its whole script; acting at a past moment
 * forks: the scripted actions still ahead are dropped.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, resumeSandbox, type Sandbox, type SandboxSnapshot } from '../../src/sandbox/index.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';

const opts = { allocator: 'ts', matcher: 'ts' } as const;

/** The default cluster with three actions, at 10 s, 30 s and 60 s, run to 90 s. */
async function played(): Promise<Sandbox> {
  const live = await createSandbox(defaultScenario, opts);
  live.advance(10_000);
  live.request({ method: 'POST', path: '/marathon/v2/apps', body: { id: '/hello', cmd: 'sleep 1000', instances: 3, cpus: 0.1, mem: 32 } });
  live.advance(20_000);
  live.request({ method: 'PUT', path: '/marathon/v2/apps/hello', body: { instances: 1 } });
  live.advance(30_000);
  live.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-crash', target: 'private-2' } });
  live.advance(30_000);
  return live;
}

describe('time travel', () => {
  it('rewinding then replaying to the same time gives the same history', async () => {
    const live = await played();
    const rewound = await createSandbox(live.scenario(), opts);
    rewound.advance(20_000);
    expect(rewound.pendingActions()).toBe(2);
    // The later actions stay in the script while the clock is before them.
    expect(rewound.scenario().script).toEqual(live.scenario().script);
    rewound.advance(70_000);
    expect(rewound.now).toBe(live.now);
    expect(rewound.pendingActions()).toBe(0);
    expect(rewound.historyHash()).toBe(live.historyHash());
    expect(rewound.scenario().script).toEqual(live.scenario().script);
  });

  it('forking drops the later actions: they neither run nor export', async () => {
    const live = await played();
    const rewound = await createSandbox(live.scenario(), opts);
    rewound.advance(20_000);
    expect(rewound.dropPendingActions()).toBe(2);
    expect(rewound.pendingActions()).toBe(0);
    expect(rewound.dropPendingActions()).toBe(0);
    rewound.request({ method: 'PUT', path: '/marathon/v2/apps/hello', body: { instances: 2 } });
    rewound.advance(70_000);
    const script = rewound.scenario().script;
    expect(script.map((a) => [a.at, a.request.method, a.request.path])).toEqual([
      [10_000, 'POST', '/marathon/v2/apps'],
      [20_000, 'PUT', '/marathon/v2/apps/hello'],
    ]);
    expect(script[1]!.request.body).toEqual({ instances: 2 });
    expect(rewound.historyHash()).not.toBe(live.historyHash());

    // The forked scenario is a history of its own: it replays to the same hash.
    const replay = await createSandbox(JSON.parse(JSON.stringify(rewound.scenario())) as unknown, opts);
    replay.advance(90_000);
    expect(replay.historyHash()).toBe(rewound.historyHash());
  });

  it('a fork with nothing ahead changes nothing', async () => {
    const live = await played();
    const hash = live.historyHash();
    expect(live.dropPendingActions()).toBe(0);
    expect(live.scenario().script).toHaveLength(3);
    expect(live.historyHash()).toBe(hash);
  });

  it('a snapshot resumes to the same history as the run it was taken from, at any moment', async () => {
    const live = await createSandbox(defaultScenario, opts);
    const snapshots: SandboxSnapshot[] = [];
    // Snapshots between actions, at an action's own moment (before and after it), and mid-deployment.
    live.advance(10_000);
    snapshots.push(live.snapshot());
    live.request({
      method: 'POST',
      path: '/marathon/v2/apps',
      body: { id: '/hello', cmd: 'sleep 1000', instances: 3, cpus: 0.1, mem: 32 },
    });
    snapshots.push(live.snapshot());
    live.advance(777);
    snapshots.push(live.snapshot());
    live.advance(19_223);
    live.request({ method: 'PUT', path: '/marathon/v2/apps/hello', body: { instances: 1 } });
    live.advance(30_000);
    live.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-crash', target: 'private-2' } });
    live.advance(1);
    snapshots.push(live.snapshot());
    live.advance(120_000);
    const scenario = JSON.parse(JSON.stringify(live.scenario())) as unknown;
    for (const snapshot of snapshots) {
      const resumed = await resumeSandbox(scenario, JSON.parse(JSON.stringify(snapshot)) as SandboxSnapshot, opts);
      expect(resumed.now).toBe(snapshot.now);
      expect(resumed.scenario().script).toEqual(live.scenario().script);
      resumed.advance(live.now - resumed.now);
      expect(resumed.eventCount).toBe(live.eventCount);
      expect(resumed.historyHash()).toBe(live.historyHash());
      expect(resumed.request({ method: 'GET', path: '/marathon/v2/apps' })).toEqual(
        live.request({ method: 'GET', path: '/marathon/v2/apps' }),
      );
    }
  });

  it('a fork from a resumed snapshot drops the later actions', async () => {
    const live = await played();
    const early = await createSandbox(live.scenario(), opts);
    early.advance(15_000);
    const resumed = await resumeSandbox(live.scenario(), early.snapshot(), opts);
    expect(resumed.pendingActions()).toBe(2);
    expect(resumed.dropPendingActions()).toBe(2);
    expect(resumed.scenario().script).toHaveLength(1);
  });

  it('a snapshot that ran more actions than the script has is refused', async () => {
    const live = await played();
    await expect(resumeSandbox(defaultScenario, live.snapshot(), opts)).rejects.toThrow(/more actions/);
  });
});
