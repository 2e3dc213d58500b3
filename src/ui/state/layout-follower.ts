/**
 * Keeps the page's layout in step with the frames: agents are added and decommissioned while the
 * cluster runs (and a trip in time lands on another moment's agents), and a frame's per-agent arrays
 * follow the layout of its `agentsVersion`. Before a frame whose version (or cluster) differs from
 * the layout's reaches the feed, the worker is asked for the layout; a frame that raced ahead of
 * the answer is left out (the next one follows it), so the page never pairs arrays with the wrong agents.
 */
import type { ClusterFrame, ClusterLayout } from '../../common/view-types.ts';
import type { SandboxBridge, WorkerStatus } from '../../worker/bridge.ts';

export interface LayoutFeed {
  readonly layout: ClusterLayout | null;
  readonly status: WorkerStatus;
  setLayout(layout: ClusterLayout): void;
  receive(frame: ClusterFrame, status: WorkerStatus): void;
}

export class LayoutFollower {
  readonly #bridge: Pick<SandboxBridge, 'layout'>;
  readonly #feed: LayoutFeed;
  /** The cluster (worker generation) the layout was last checked against. */
  #generation = -1;

  constructor(bridge: Pick<SandboxBridge, 'layout'>, feed: LayoutFeed) {
    this.#bridge = bridge;
    this.#feed = feed;
  }

  get status(): WorkerStatus {
    return this.#feed.status;
  }

  /** The worker's frame listener: the next frame waits until this one is through. */
  readonly receive = async (frame: ClusterFrame, status: WorkerStatus): Promise<void> => {
    const layout = this.#feed.layout;
    if (layout && (frame.agentsVersion !== layout.agentsVersion || status.generation !== this.#generation)) {
      const fresh = await this.#bridge.layout();
      if (!fresh || fresh.generation !== status.generation) return; // a frame of a cluster since replaced
      this.#generation = fresh.generation;
      this.#feed.setLayout(fresh.layout);
      if (fresh.layout.agentsVersion !== frame.agentsVersion) return; // the cluster moved on meanwhile
    }
    this.#feed.receive(frame, status);
  };
}
