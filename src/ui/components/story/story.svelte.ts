/**
 * The Story panel's state: the open cluster's run told as chapters by a worker of its own (so the cluster keeps
 * playing while the story is told), the chapter the reader is on, and Play stepping through the chapters.
 * Going to a chapter moves the cluster there as the time bar does (pause, travel).
 */
import { SandboxBridge } from '../../../worker/bridge.ts';
import type { Chapter } from '../../../sandbox/story/types.ts';
import type { ClusterStore } from '../../state/cluster.svelte.ts';
import { axisEnd } from '../timeline/timeline.ts';
import { DEFAULT_PACE, PACES_MS, chapterAt, nextIndex, paceAfter, previousIndex, storyUntil } from './story.ts';

type Cluster = Pick<ClusterStore, 'now' | 'timeline' | 'status' | 'scenarioFile' | 'travelTo' | 'pause'>;

export class StoryState {
  readonly #cluster: Cluster;
  #bridge: SandboxBridge | null = null;
  /** Latest request wins: an older telling that comes back late is dropped. */
  #asked = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Which Play is running: a stop (or a new Play) ends the one before. */
  #run = 0;

  chapters = $state.raw<Chapter[]>([]);
  /** The simulated ms the story was told up to. */
  until = $state(0);
  loading = $state(false);
  error = $state<string | null>(null);
  index = $state<number | null>(null);
  playing = $state(false);
  pace = $state(DEFAULT_PACE);

  constructor(cluster: Cluster) {
    this.#cluster = cluster;
  }

  /** Tell the run from its start to now (or to the end of what it recorded, after going back). */
  async tell(): Promise<void> {
    this.stop();
    const asked = ++this.#asked;
    this.loading = true;
    this.error = null;
    try {
      const text = await this.#cluster.scenarioFile();
      if (!text) throw new Error('No cluster is loaded.');
      const { scenario } = JSON.parse(text) as { scenario: unknown };
      const { now, timeline } = this.#cluster;
      const untilMs = storyUntil(now, timeline.end, axisEnd(0, timeline.actions));
      this.#bridge ??= new SandboxBridge();
      const result = await this.#bridge.lab({ kind: 'story', scenario, untilMs });
      if (asked !== this.#asked) return;
      if (result.kind === 'error') throw new Error(result.message);
      if (result.kind !== 'story') throw new Error('The worker answered with something other than a story.');
      this.chapters = result.chapters;
      this.until = result.until;
      this.index = chapterAt(result.chapters, this.#cluster.now);
    } catch (e) {
      if (asked === this.#asked) this.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (asked === this.#asked) this.loading = false;
    }
  }

  /** Go to chapter `i`: the cluster pauses at its moment. */
  async goTo(i: number): Promise<void> {
    const chapter = this.chapters[i];
    if (!chapter) return;
    this.index = i;
    if (this.#cluster.status.playing) await this.#cluster.pause();
    await this.#cluster.travelTo(chapter.at);
  }

  next(): Promise<void> {
    this.stop();
    const i = nextIndex(this.chapters.length, this.index);
    return i === null ? Promise.resolve() : this.goTo(i);
  }

  previous(): Promise<void> {
    this.stop();
    const i = previousIndex(this.index);
    return i === null ? Promise.resolve() : this.goTo(i);
  }

  /** Step through the chapters from the current one (from the first when on the last), staying on each a while. */
  play(): void {
    if (this.chapters.length === 0) return;
    this.stop();
    this.playing = true;
    const start = this.index === null || this.index >= this.chapters.length - 1 ? 0 : this.index;
    void this.#playFrom(start, this.#run);
  }

  async #playFrom(i: number, run: number): Promise<void> {
    await this.goTo(i);
    if (run !== this.#run) return;
    const after = nextIndex(this.chapters.length, i);
    if (after === null) {
      this.playing = false;
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (run === this.#run) void this.#playFrom(after, run);
    }, PACES_MS[this.pace]);
  }

  stop(): void {
    this.#run++;
    this.playing = false;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  changePace(change: -1 | 1): void {
    this.pace = paceAfter(this.pace, change);
  }

  /** Stop playing and end the story's worker. */
  dispose(): void {
    this.stop();
    this.#asked++;
    this.#bridge?.terminate();
    this.#bridge = null;
  }
}
