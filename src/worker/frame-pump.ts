/**
 * Sends frames to the page at a bounded rate: at most one every MIN_FRAME_INTERVAL_MS and at
 * most one in flight (the next waits until the page's callback has returned). A request made
 * while a frame is in flight or too soon is remembered and sent as soon as allowed, so the
 * last state always reaches the page. When building a frame is slow (a very big cluster), the
 * interval grows so frames never take more than a quarter of the worker's time.
 */
import type { DriverClock } from './driver.ts';
import { defaultClock } from './driver.ts';

/** ≤ 10 frames per second. */
export const MIN_FRAME_INTERVAL_MS = 100;
/** A frame may take at most this share of the worker's time: big clusters get fewer frames. */
const MAX_FRAME_SHARE = 0.25;

export class FramePump {
  readonly #send: () => Promise<unknown> | undefined;
  readonly #clock: DriverClock;
  #inFlight = false;
  #pending = false;
  #timer: unknown = null;
  #lastSent = -Infinity;
  #interval = MIN_FRAME_INTERVAL_MS;
  #generation = 0;

  /** @param send pushes one frame; resolves when the page has taken it. Returns undefined when there is nobody to send to. */
  constructor(send: () => Promise<unknown> | undefined, clock: DriverClock = defaultClock) {
    this.#send = send;
    this.#clock = clock;
  }

  get inFlight(): boolean {
    return this.#inFlight;
  }

  /** Current minimum wall ms between frames. */
  get interval(): number {
    return this.#interval;
  }

  /** Ask for a frame to be sent as soon as the rate limit allows. */
  request(): void {
    if (this.#inFlight || this.#timer !== null) {
      this.#pending = true;
      return;
    }
    const wait = this.#lastSent + this.#interval - this.#clock.now();
    if (wait > 0) {
      this.#timer = this.#clock.setTimeout(() => {
        this.#timer = null;
        this.#fire();
      }, wait);
      return;
    }
    this.#fire();
  }

  /** Forget everything queued (a new sandbox or subscriber); a frame in flight is ignored when it returns. */
  reset(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = false;
    this.#inFlight = false;
    this.#generation++;
  }

  #fire(): void {
    this.#pending = false;
    const start = this.#clock.now();
    const sent = this.#send();
    if (!sent) return;
    this.#lastSent = this.#clock.now();
    this.#interval = Math.max(MIN_FRAME_INTERVAL_MS, (this.#lastSent - start) / MAX_FRAME_SHARE);
    this.#inFlight = true;
    const generation = this.#generation;
    const done = (): void => {
      if (generation !== this.#generation) return;
      this.#inFlight = false;
      if (this.#pending) this.request();
    };
    sent.then(done, done);
  }
}
