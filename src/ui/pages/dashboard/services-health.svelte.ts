/**
 * The Dashboard's view of Marathon, refreshed by polling (services/poller.ts): its apps counted by
 * health. While Marathon does not answer (no leader during a failover), the last answer is kept,
 * with the simulated time it was had at, rather than nothing.
 */
import type { MarathonClient } from '../services/marathon-client.ts';
import type { ApiProblem } from '../services/marathon-types.ts';
import { servicesHealth, type ServicesHealth } from './service-health.ts';

export class ServicesHealthFeed {
  readonly #client: MarathonClient;
  readonly #now: () => number;
  #health = $state.raw<ServicesHealth | null>(null);
  #at = $state.raw<number | null>(null);
  #problem = $state.raw<ApiProblem | null>(null);
  #key = '';
  #epoch = 0;

  /** `now`: the simulated clock, for when an answer was had. */
  constructor(client: MarathonClient, now: () => number) {
    this.#client = client;
    this.#now = now;
  }

  /** The last answer; null until the first. */
  get health(): ServicesHealth | null {
    return this.#health;
  }
  /** Simulated ms of the last answer. */
  get at(): number | null {
    return this.#at;
  }
  /** Why the last poll had no answer (the figures are then the last known), or null. */
  get problem(): ApiProblem | null {
    return this.#problem;
  }

  /** Another cluster: forget this one's services. */
  reset(): void {
    this.#epoch++;
    this.#key = '';
    this.#health = null;
    this.#at = null;
    this.#problem = null;
  }

  async refresh(): Promise<void> {
    const epoch = this.#epoch;
    const [apps, queue] = await Promise.all([this.#client.apps(), this.#client.queue()]);
    if (epoch !== this.#epoch) return;
    if (!apps.ok) {
      this.#problem = apps.problem;
      return;
    }
    this.#problem = null;
    this.#at = this.#now();
    const health = servicesHealth(apps.value, queue.ok ? queue.value : []);
    const key = JSON.stringify(health);
    if (key === this.#key) return;
    this.#key = key;
    this.#health = health;
  }
}
