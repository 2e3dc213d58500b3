import { describe, expect, it } from 'vitest';
import { MAX_SPEED, SimDriver, TICK_BUDGET_MS, type DriverClock } from '../../src/worker/driver.ts';
import { FramePump, MIN_FRAME_INTERVAL_MS } from '../../src/worker/frame-pump.ts';

/** A manual clock: timers fire only when the test moves time forward. */
class FakeClock implements DriverClock {
  t = 0;
  #timers: Array<{ at: number; fn: () => void; id: number }> = [];
  #next = 1;

  now = (): number => this.t;

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.#next++;
    this.#timers.push({ at: this.t + ms, fn, id });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.#timers = this.#timers.filter((x) => x.id !== handle);
  };

  /** Run timers due up to `t + ms`, in order. */
  run(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      this.#timers.sort((a, b) => a.at - b.at);
      const due = this.#timers[0];
      if (!due || due.at > end) break;
      this.#timers.shift();
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = end;
  }
}

/** A sandbox whose advance() costs `costPerMs` wall ms per simulated ms on the fake clock. */
function fakeSandbox(clock: FakeClock, costPerMs = 0) {
  const calls: number[] = [];
  return {
    calls,
    now: 0,
    advance(ms: number) {
      calls.push(ms);
      this.now += ms;
      clock.t += ms * costPerMs;
    },
  };
}

describe('SimDriver', () => {
  it('advances about speed × wall time while playing, and nothing when paused', () => {
    const clock = new FakeClock();
    const sb = fakeSandbox(clock);
    const driver = new SimDriver(sb, 1000, () => {}, clock);
    driver.setSpeed(10);
    driver.play();
    clock.run(1000);
    expect(sb.now).toBeGreaterThan(9000);
    expect(sb.now).toBeLessThanOrEqual(10_000);
    expect(driver.effectiveSpeed).toBeCloseTo(10, 0);
    driver.pause();
    const at = sb.now;
    clock.run(1000);
    expect(sb.now).toBe(at);
    expect(driver.effectiveSpeed).toBe(0);
  });

  it('advances whole simulated milliseconds, carrying the fractions of uneven ticks', () => {
    const clock = new FakeClock();
    const sb = fakeSandbox(clock);
    const driver = new SimDriver(sb, 1000, () => {}, clock);
    driver.setSpeed(2.7);
    driver.play();
    clock.run(1600); // 100 ticks of 16 wall ms, 43.2 simulated ms each
    expect(sb.calls.every((ms) => Number.isInteger(ms))).toBe(true);
    // Nothing is lost to rounding: dropping each tick's 0.2 ms would end at 4300.
    expect(sb.now).toBeGreaterThanOrEqual(4319);
    expect(sb.now).toBeLessThanOrEqual(4320);
  });

  it('never advances more than one allocation interval per call', () => {
    const clock = new FakeClock();
    const sb = fakeSandbox(clock);
    const driver = new SimDriver(sb, 1000, () => {}, clock);
    driver.setSpeed(MAX_SPEED);
    driver.play();
    clock.run(200);
    expect(Math.max(...sb.calls)).toBeLessThanOrEqual(1000);
    expect(sb.now).toBeGreaterThan(150_000);
  });

  it('caps the work per tick when the engine is slow and reports the lower effective speed', () => {
    const clock = new FakeClock();
    // 5 wall ms per simulated second: ×1000 would need 5× real time.
    const sb = fakeSandbox(clock, 0.005);
    const driver = new SimDriver(sb, 1000, () => {}, clock);
    driver.setSpeed(1000);
    driver.play();
    let longest = 0;
    let last = sb.calls.length;
    while (clock.t < 2000) {
      const before = clock.t;
      clock.run(1);
      if (sb.calls.length > last) longest = Math.max(longest, clock.t - before);
      last = sb.calls.length;
    }
    expect(longest).toBeLessThanOrEqual(TICK_BUDGET_MS + 5 + 1);
    expect(driver.effectiveSpeed).toBeGreaterThan(50);
    expect(driver.effectiveSpeed).toBeLessThan(500);
  });

  it('ends chunks half-way between allocations, so a slow engine is not sampled at offer time', () => {
    const clock = new FakeClock();
    const sb = fakeSandbox(clock, 0.005);
    const driver = new SimDriver(sb, 1000, () => {}, clock);
    driver.setSpeed(1000);
    driver.play();
    const ends: number[] = [];
    const onTick = sb.calls.length;
    for (let i = 0; i < 50; i++) {
      clock.run(1);
      ends.push(sb.now % 1000);
    }
    expect(sb.calls.length).toBeGreaterThan(onTick);
    expect(sb.calls.slice(1).every((c) => c <= 1000)).toBe(true);
    expect(new Set(ends.slice(20))).toEqual(new Set([500])); // the first tick is at 16 ms
  });

  it('stops and reports the error when the engine throws', () => {
    const clock = new FakeClock();
    let ticks = 0;
    const sb = {
      now: 0,
      advance() {
        throw new Error('boom');
      },
    };
    const driver = new SimDriver(sb, 1000, () => ticks++, clock);
    driver.play();
    clock.run(100);
    expect(driver.playing).toBe(false);
    expect(driver.error).toBe('boom');
    expect(ticks).toBe(1);
  });

  it('clamps the speed and steps one interval by default', () => {
    const clock = new FakeClock();
    const sb = fakeSandbox(clock);
    const driver = new SimDriver(sb, 250, () => {}, clock);
    expect(driver.setSpeed(5000)).toBe(MAX_SPEED);
    expect(driver.setSpeed(0)).toBe(1);
    expect(driver.setSpeed(Number.NaN)).toBe(1);
    driver.play();
    expect(driver.step()).toBe(250);
    expect(driver.playing).toBe(false);
    expect(driver.step(40)).toBe(40);
    expect(sb.now).toBe(290);
  });
});

describe('FramePump', () => {
  it('sends at most one frame in flight and at most one per interval, and never drops the last request', async () => {
    const clock = new FakeClock();
    const sent: number[] = [];
    let resolve: (() => void) | null = null;
    const pump = new FramePump(() => {
      sent.push(clock.t);
      return new Promise<void>((r) => (resolve = r));
    }, clock);
    pump.request();
    pump.request();
    pump.request();
    expect(sent).toEqual([0]);
    clock.run(500);
    expect(sent).toEqual([0]); // still in flight
    resolve!();
    await Promise.resolve();
    await Promise.resolve();
    expect(sent).toEqual([0, 500]); // the remembered request goes out at once: the interval has passed
    resolve!();
    await Promise.resolve();
    pump.request();
    expect(sent.length).toBe(2); // too soon
    clock.run(MIN_FRAME_INTERVAL_MS);
    expect(sent).toEqual([0, 500, 500 + MIN_FRAME_INTERVAL_MS]);
  });

  it('spaces frames out when building one is slow', async () => {
    const clock = new FakeClock();
    const sent: number[] = [];
    const pump = new FramePump(() => {
      sent.push(clock.t);
      clock.t += 50; // a 50 ms frame may take a quarter of the time: one per 200 ms
      return Promise.resolve();
    }, clock);
    pump.request();
    await Promise.resolve();
    await Promise.resolve();
    expect(pump.interval).toBe(200);
    pump.request(); // at t = 50, when the first frame was done
    clock.run(150);
    expect(sent).toEqual([0]);
    clock.run(100);
    expect(sent).toEqual([0, 250]);
  });

  it('sends nothing without a subscriber', () => {
    const clock = new FakeClock();
    const pump = new FramePump(() => undefined, clock);
    pump.request();
    expect(pump.inFlight).toBe(false);
  });
});
