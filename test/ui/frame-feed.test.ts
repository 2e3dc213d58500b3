/**
 * The page's feed of frames after a reopen: a cluster run on to its moment before it is shown, then
 * taken back in time, shows the moment it was taken to (not the frames of before, not nothing).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import type { ClusterFrame, FigureSample } from '../../src/common/view-types.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { FrameFeed } from '../../src/ui/state/frame-feed.svelte.ts';
import { pointsOfPast } from '../../src/ui/state/history.ts';
import { HistoryRecord, MAX_PAST_SAMPLES } from '../../src/worker/history-record.ts';
import { workerInNode } from '../support/worker-in-node.ts';
import { installRunes, workerStatus } from '../support/runes.ts';

// The feed's runes without the Svelte compiler: `$state(v)` is plain `v` (nothing here reacts to changes).
beforeAll(() => {
  installRunes();
});

/** A cluster loaded into a fresh feed (generation 1), its first frame computed at 0, then run on to `at` in the worker. */
async function loadedThenRunTo(at: number): Promise<{ sb: Sandbox; feed: FrameFeed; first: ClusterFrame }> {
  const sb = await createSandbox(defaultScenario);
  const feed = new FrameFeed(() => {});
  feed.reset(sb.layout(), 1);
  const first = sb.frame();
  sb.advance(at);
  return { sb, feed, first };
}

describe('the frame feed of a reopened cluster', () => {
  it("keeps the moment it was run on to when the load's first frame, at 0, arrives after the run's answer", async () => {
    const { sb, feed, first } = await loadedThenRunTo(120_000);
    feed.setStatus(workerStatus(120_000, 1));
    feed.startAt(120_000);
    expect(feed.now).toBe(120_000);
    feed.receive(first, workerStatus(0, 1));
    expect(feed.now).toBe(120_000);
    feed.receive(sb.frame(), workerStatus(120_000, 1));
    expect(feed.now).toBe(120_000);
  });

  it("keeps the moment once the run to it has answered, when the load's first frame arrives before the charts are filled", async () => {
    const { sb, feed, first } = await loadedThenRunTo(120_000);
    // As the loader's openAt does: the run is announced, it answers, and only then are its past figures asked for.
    feed.runningTo(120_000);
    feed.setStatus(workerStatus(120_000, 1));
    expect(feed.now).toBe(120_000);
    feed.receive(first, workerStatus(0, 1));
    expect(feed.now).toBe(120_000);
    feed.startAt(120_000);
    feed.receive(sb.frame(), workerStatus(120_000, 1));
    expect(feed.now).toBe(120_000);
  });

  it("shows 0, not the replaced cluster's time, from the load of another cluster until its first frame", async () => {
    const sb = await createSandbox(defaultScenario);
    const feed = new FrameFeed(() => {});
    feed.reset(sb.layout(), 1);
    sb.advance(120_000);
    feed.receive(sb.frame(), workerStatus(120_000, 1));
    expect(feed.now).toBe(120_000);
    const next = await createSandbox(defaultScenario);
    feed.reset(next.layout(), 2);
    expect(feed.now).toBe(0);
    expect(feed.status.generation).toBe(2);
    next.advance(1_000);
    feed.receive(next.frame(), workerStatus(1_000, 2));
    expect(feed.now).toBe(1_000);
  });

  it('shows the moment a trip back lands on, before the moment the cluster was reopened at', async () => {
    const sb = await createSandbox(defaultScenario);
    const frameAt = (ms: number): ClusterFrame => (sb.advance(ms - sb.now), sb.frame());
    const feed = new FrameFeed(() => {});
    feed.reset(sb.layout(), 1);
    feed.receive(frameAt(0), workerStatus(0, 1)); // the first frame goes out before the run to the moment
    feed.startAt(120_000);
    feed.receive(frameAt(120_000), workerStatus(120_000, 1));
    expect(feed.now).toBe(120_000);

    // Back to 30 s: a rebuilt cluster (generation 2) whose frames start there.
    const back = await createSandbox(defaultScenario);
    back.advance(30_000);
    feed.landed(workerStatus(30_000, 2));
    back.advance(200);
    feed.receive(back.frame(), workerStatus(30_200, 2));
    expect(feed.now).toBe(30_200);
    expect(feed.frame?.now).toBe(30_200);
  });
});

describe('the charts of a reopened cluster', () => {
  const worker = workerInNode();

  it('start with the figures sampled on the way to its moment, at their own times, not at the reopen', async () => {
    expect((await worker.api.load(defaultScenario, { allocator: 'ts', matcher: 'ts' })).ok).toBe(true);
    const status = await worker.api.runTo(86_000);
    const figures = await worker.api.pastFigures();
    expect(figures.length).toBeGreaterThan(60);
    expect(figures.length).toBeLessThanOrEqual(MAX_PAST_SAMPLES);
    expect(figures[0]!.now).toBeLessThanOrEqual(1_000);
    expect(figures.at(-1)!.now).toBe(86_000);

    const feed = new FrameFeed(() => {});
    const sb = await createSandbox(defaultScenario);
    feed.reset(sb.layout(), status.generation);
    feed.startAt(status.now, [], figures);
    expect(feed.history[0]!.t).toBe(figures[0]!.now);
    expect(feed.history.at(-1)!.t).toBe(86_000);
    // The sampled figures are the frames' own: the cluster at 86 s reads the same either way.
    sb.advance(86_000);
    expect(feed.history.at(-1)!.used).toEqual(sb.frame().used);
    expect([...feed.roles].sort()).toEqual(
      sb
        .frame()
        .roles.map((r) => r.role)
        .sort(),
    );
  });

  it('samples a long run at most MAX_PAST_SAMPLES times, evenly, and drops what a fork leaves behind', async () => {
    const record = new HistoryRecord();
    const sb = await createSandbox(defaultScenario, { allocator: 'ts', matcher: 'ts' });
    const straight = await createSandbox(defaultScenario, { allocator: 'ts', matcher: 'ts' });
    record.runKeeping(sb, 1_200_000);
    straight.advance(1_200_000);
    expect(sb.historyHash()).toBe(straight.historyHash());
    const past = record.pastFigures(sb.now);
    expect(past.length).toBe(MAX_PAST_SAMPLES);
    expect(past[1]!.now - past[0]!.now).toBe(2_000);
    record.forkAt(600_000);
    expect(record.pastFigures(Infinity).at(-1)!.now).toBe(600_000);
  });
});

describe('chart points of a sampled past', () => {
  it('hold the last figures a leader answered for where none did, as live frames are held', () => {
    const at = (now: number, answers: FigureSample['answers'], cpus: number): FigureSample => ({
      now,
      answers,
      total: [10, 100, 100, 0],
      allocated: [cpus + 1, 0, 0, 0],
      used: [cpus, 0, 0, 0],
      offered: [1, 0, 0, 0],
      roles: [],
      tasks: { staging: 0, starting: 0, running: cpus, finished: 0, failed: 0, killed: 0, lost: 0 },
    });
    const points = pointsOfPast([at(0, 'none', 0), at(1000, 'leader', 4), at(2000, 'none', 0), at(3000, 'leader', 6)]);
    expect(points.map((p) => [p.t, p.used[0], p.offered[0], p.held ?? false])).toEqual([
      [0, 0, 1, false],
      [1000, 4, 1, false],
      [2000, 4, 0, true],
      [3000, 6, 1, false],
    ]);
    expect(pointsOfPast([at(0, 'leader', 1), at(1, 'leader', 2), at(2, 'leader', 3)], 2).map((p) => p.t)).toEqual([0, 2]);
  });
});
