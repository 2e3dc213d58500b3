/**
 * The page's feed of frames after a reopen: a cluster run on to its moment before it is shown, then
 * taken back in time, shows the moment it was taken to (not the frames of before, not nothing).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.ts';
import type { WorkerStatus } from '../../src/worker/protocol.ts';
import type { ClusterFrame } from '../../src/common/view-types.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { FrameFeed } from '../../src/ui/state/frame-feed.svelte.ts';

// The feed's runes without the Svelte compiler: `$state(v)` is plain `v` (nothing here reacts to changes).
beforeAll(() => {
  Object.assign(globalThis, { $state: Object.assign(<T>(v: T) => v, { raw: <T>(v: T) => v }) });
});

const statusAt = (now: number, generation: number): WorkerStatus => ({
  loaded: true,
  playing: false,
  speed: 1,
  effectiveSpeed: 0,
  now,
  eventCount: 0,
  allocationIntervalMs: 1000,
  generation,
  error: null,
});

describe('the frame feed of a reopened cluster', () => {
  it('shows the moment a trip back lands on, before the moment the cluster was reopened at', async () => {
    const sb = await createSandbox(defaultScenario);
    const frameAt = (ms: number): ClusterFrame => (sb.advance(ms - sb.now), sb.frame());
    const feed = new FrameFeed(() => {});
    feed.reset(sb.layout(), 1);
    feed.receive(frameAt(0), statusAt(0, 1)); // the first frame goes out before the run to the moment
    feed.startAt(120_000);
    feed.receive(frameAt(120_000), statusAt(120_000, 1));
    expect(feed.now).toBe(120_000);

    // Back to 30 s: a rebuilt cluster (generation 2) whose frames start there.
    const back = await createSandbox(defaultScenario);
    back.advance(30_000);
    feed.landed(statusAt(30_000, 2));
    back.advance(200);
    feed.receive(back.frame(), statusAt(30_200, 2));
    expect(feed.now).toBe(30_200);
    expect(feed.frame?.now).toBe(30_200);
  });
});
