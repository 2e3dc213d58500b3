/** Goals over DC/OS Jobs, read through Metronome's API (`/service/metronome/v1`) as the Jobs page reads it. */
import type { JobJson } from '../api/shapes/metronome.ts';
import type { Goal, TutorialApi } from './types.ts';

const jobOf = (api: TutorialApi, id: string, embeds = 'embed=history'): Promise<JobJson | null> =>
  api.get<JobJson>(`/service/metronome/v1/jobs/${encodeURIComponent(id)}?${embeds}`);

/** A job `id` exists. */
export const jobExists = (id: string): Goal => ({
  description: `A job ${id}`,
  check: async ({ api }) => (await jobOf(api, id)) !== null,
});

/** At least `n` runs of `id` succeeded. */
export const jobSucceeded = (id: string, n: number, description: string): Goal => ({
  description,
  check: async ({ api }) => ((await jobOf(api, id))?.history?.successCount ?? 0) >= n,
});

/** `id`'s first schedule is enabled with the cron `cron`. */
export const jobScheduled = (id: string, cron: string): Goal => ({
  description: `${id} runs on the schedule ${cron}`,
  check: async ({ api }) => {
    const first = (await jobOf(api, id))?.schedules[0];
    return first !== undefined && first.enabled && first.cron.trim().replace(/\s+/g, ' ') === cron;
  },
});

/** A run of `id` failed after its task was retried: it lists at least `tasks` tasks. */
export const jobRetriedAndFailed = (id: string, tasks: number, description: string): Goal => ({
  description,
  check: async ({ api }) => ((await jobOf(api, id))?.history?.failedFinishedRuns ?? []).some((run) => run.tasks.length >= tasks),
});
