/**
 * What the Story panel's chapter points at (its masters, agents, apps and tasks), for the pages to mark where they
 * list them: one chapter at a time, none once the panel is closed.
 */
import type { Highlights } from '../../sandbox/story/types.ts';

type Kind = keyof Highlights;

class StoryMarks {
  #marks = $state.raw<{ title: string; sets: Record<Kind, ReadonlySet<string>> } | null>(null);

  /** The chapter's title while it marks anything, else null. */
  get title(): string | null {
    return this.#marks?.title ?? null;
  }

  show(title: string, highlights: Highlights): void {
    const set = (k: Kind) => new Set(highlights[k] ?? []);
    const sets = { agents: set('agents'), apps: set('apps'), tasks: set('tasks'), masters: set('masters') };
    this.#marks = Object.values(sets).some((s) => s.size > 0) ? { title, sets } : null;
  }

  clear(): void {
    this.#marks = null;
  }

  /** Does the current chapter point at `key` (a hostname, a Marathon app id, a task id)? */
  has(kind: Kind, key: string): boolean {
    return this.#marks?.sets[kind].has(key) ?? false;
  }

  /** Does it point at an app inside group `group` (`/prod` holds `/prod/api`)? */
  hasAppUnder(group: string): boolean {
    const prefix = `${group.replace(/\/+$/, '')}/`;
    return [...(this.#marks?.sets.apps ?? [])].some((app) => app.startsWith(prefix));
  }
}

export const storyMarks = new StoryMarks();
