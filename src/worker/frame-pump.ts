/**
 * Sends frames to the page at a bounded rate: at most one every MIN_FRAME_INTERVAL_MS and at
 * most one in flight (the next waits until the page's callback has returned). A request made
 * while a frame is in flight or too soon is remembered and sent as soon as allowed, so the
 * last state always reaches the page.
 */
import type { DriverClock } from './driver.ts';
import { defaultClock } from './driver.ts';

/** ≤ 10 frames per second. */
export const MIN_FRAME_INTERVAL_MS = 100;

export class FramePump {
  readonly #send: () => Promise<unknown> | undefined;
  readonly #clock: DriverClock;
  #inFlight = false;
  #pending = false;
  #timer: unknown = null;
  #lastSent = -Infinity;
  #generation = 0;

  /** @param send pushes one frame; resolves when the page has taken it. Returns undefined when there is nobody to send to. */
  constructor(send: () => Promise<unknown> | undefined, clock: DriverClock = defaultClock) {
    this.#send = send;
    this.#clock = clock;
  }

  get inFlight(): boolean {
    return this.#inFlight;
  }

  /** Ask for a frame to be sent as soon as the rate limit allows. */
  request(): void {
    if (this.#inFlight || this.#timer !== null) {
      this.#pending = true;
      return;
    }
    const wait = this.#lastSent + MIN_FRAME_INTERVAL_MS - this.#clock.now();
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
    const sent = this.#send();
    if (!sent) return;
    this.#lastSent = this.#clock.now();
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
