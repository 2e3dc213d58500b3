/**
 * Calls to the worker per UI intent, counted through the cluster store's public API on a fake
 * bridge that records every call, including those the store used to make around a write
 * (pendingFork, fork, timeline). A read, a write and a trip in time are one call each; a write at a
 * past moment is one call to learn that it forks, the user's answer, and one call that forks and writes.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiRequest, ApiResponse } from '../../src/api/types.ts';
import type { SandboxBridge, Timeline, TravelResult, WriteResult } from '../../src/worker/bridge.ts';
import { ClusterStore, NOT_SENT, SLOW_TRIP_MS } from '../../src/ui/state/cluster.svelte.ts';
import { installRunes, workerStatus } from '../support/runes.ts';

// The store's runes without the Svelte compiler: `$state(v)` is plain `v` (nothing here reacts to changes).
beforeAll(() => {
  installRunes();
});

const timelineAt = (now: number, actions = 0): Timeline => ({
  now,
  end: now,
  actions: Array.from({ length: actions }, () => ({ at: now, method: 'POST', path: '/marathon/v2/apps' })),
  events: [],
  happenings: [],
  happeningsSeen: 0,
  jobs: { marks: [], lookAheadMs: 0, refreshAt: null },
});

/** A worker with `pending` scripted actions ahead of the clock, counting every call made to it. */
class CountingBridge {
  readonly calls: string[] = [];
  pending = 0;
  /** Wall ms a trip in time takes (0: answered at once). */
  tripMs = 0;
  /** Runs while a refused write's answer is on its way (the user scrubbing further back, say). */
  onRefuse: () => void = () => {};

  request(_req: ApiRequest): Promise<ApiResponse> {
    this.calls.push('request');
    return Promise.resolve({ status: 200, body: {} });
  }
  write(_req: ApiRequest, dropsConfirmed = 0): Promise<WriteResult> {
    this.calls.push(`write(${dropsConfirmed})`);
    if (this.pending > dropsConfirmed) {
      const dropped = this.pending;
      this.onRefuse();
      return Promise.resolve({ sent: false, dropped });
    }
    this.pending = 0;
    return Promise.resolve({ sent: true, answer: { status: 201, body: {} }, timeline: timelineAt(0, 1) });
  }
  travelTo(at: number): Promise<TravelResult> {
    this.calls.push(`travelTo(${at})`);
    const landed = { status: workerStatus(at), timeline: timelineAt(at), resumedFrom: 0 };
    return this.tripMs > 0 ? new Promise((done) => setTimeout(() => done(landed), this.tripMs)) : Promise.resolve(landed);
  }
  pendingFork(): Promise<{ dropped: number } | null> {
    this.calls.push('pendingFork');
    return Promise.resolve(this.pending > 0 ? { dropped: this.pending } : null);
  }
  fork(): Promise<void> {
    this.calls.push('fork');
    this.pending = 0;
    return Promise.resolve();
  }
  timeline(): Promise<Timeline> {
    this.calls.push('timeline');
    return Promise.resolve(timelineAt(0, 1));
  }
  shareable(): Promise<null> {
    this.calls.push('shareable');
    return Promise.resolve(null);
  }
}

const POST: ApiRequest = { method: 'POST', path: '/marathon/v2/apps', body: { id: '/web' } };

/** A store on a counting bridge whose user answers `yes` to the fork question, and what it was asked. */
function storeOn(bridge: CountingBridge, yes = true): { store: ClusterStore; asked: number[] } {
  // The store calls only what the fake has.
  const store = new ClusterStore(bridge as unknown as SandboxBridge);
  const asked: number[] = [];
  store.confirmFork = (dropped) => (asked.push(dropped), Promise.resolve(yes));
  return { store, asked };
}

describe('calls to the worker per request', () => {
  it('reads in one call', async () => {
    const bridge = new CountingBridge();
    const { store } = storeOn(bridge);
    expect(await store.request({ method: 'GET', path: '/mesos/master/state' })).toEqual({ status: 200, body: {} });
    expect(bridge.calls).toEqual(['request']);
  });

  it('writes in one call, which also brings the time bar, asking nothing', async () => {
    const bridge = new CountingBridge();
    const { store, asked } = storeOn(bridge);
    expect((await store.request(POST)).status).toBe(201);
    expect(bridge.calls).toEqual(['write(0)']);
    expect(store.timeline.actions).toHaveLength(1);
    expect(asked).toEqual([]);
  });

  it('at a past moment: one call learns the write forks, the user agrees, one call forks and writes', async () => {
    const bridge = new CountingBridge();
    bridge.pending = 2;
    const { store, asked } = storeOn(bridge);
    expect((await store.request(POST)).status).toBe(201);
    expect(asked).toEqual([2]);
    expect(bridge.calls).toEqual(['write(0)', 'write(2)']);
  });

  it('sends nothing more when the user keeps the later actions', async () => {
    const bridge = new CountingBridge();
    bridge.pending = 1;
    const { store } = storeOn(bridge, false);
    expect(await store.request(POST)).toBe(NOT_SENT);
    expect(bridge.calls).toEqual(['write(0)']);
    expect(bridge.pending).toBe(1);
    expect(store.timeline.actions).toEqual([]);
  });

  it('asks again when more actions lie ahead by the time the confirmed write arrives', async () => {
    const bridge = new CountingBridge();
    bridge.pending = 1;
    bridge.onRefuse = () => {
      bridge.pending = 3;
      bridge.onRefuse = () => {};
    };
    const { store, asked } = storeOn(bridge);
    await store.request(POST);
    expect(asked).toEqual([1, 3]);
    expect(bridge.calls).toEqual(['write(0)', 'write(1)', 'write(3)']);
  });
});

describe('calls to the worker per trip in time', () => {
  it('goes to a moment in one call, which also brings the time bar', async () => {
    const bridge = new CountingBridge();
    const { store } = storeOn(bridge);
    await store.travelTo(20_000);
    expect(bridge.calls).toEqual(['travelTo(20000)']);
    expect(store.status.now).toBe(20_000);
    expect(store.timeline.now).toBe(20_000);
  });

  it('while a trip runs, goes only to the latest of the targets asked for meanwhile', async () => {
    const bridge = new CountingBridge();
    const { store } = storeOn(bridge);
    await Promise.all([store.travelTo(1000), store.travelTo(2000), store.travelTo(3000)]);
    expect(bridge.calls).toEqual(['travelTo(1000)', 'travelTo(3000)']);
  });
});

describe('a trip in time that takes a while', () => {
  afterEach(() => vi.useRealTimers());

  it('shows where it is going once it takes longer than SLOW_TRIP_MS, and nothing after it lands', async () => {
    vi.useFakeTimers();
    const bridge = new CountingBridge();
    bridge.tripMs = 1500;
    const { store } = storeOn(bridge);
    const trip = store.travelTo(45_000);
    await vi.advanceTimersByTimeAsync(SLOW_TRIP_MS - 1);
    expect(store.slowTripTo).toBeNull();
    await vi.advanceTimersByTimeAsync(2);
    expect(store.slowTripTo).toBe(45_000);
    await vi.advanceTimersByTimeAsync(1500);
    await trip;
    expect(store.slowTripTo).toBeNull();
    expect(store.status.now).toBe(45_000);
  });

  it('shows nothing for a quick one', async () => {
    vi.useFakeTimers();
    const bridge = new CountingBridge();
    bridge.tripMs = 50;
    const { store } = storeOn(bridge);
    const trip = store.travelTo(10_000);
    await vi.advanceTimersByTimeAsync(60);
    await trip;
    await vi.advanceTimersByTimeAsync(SLOW_TRIP_MS * 2);
    expect(store.slowTripTo).toBeNull();
  });
});
