/**
 * An app's `tasksStats` (`embed=apps.taskStats`; Marathon's `TaskStatsByVersion`, `TaskStats`, `TaskLifeTime`):
 * counts and life times of its launched instances, in all and by version (started after the last scaling, with the
 * latest or an outdated configuration). A group with no instance is left out.
 */
import type { InstanceState, RunSpecRecord } from '../../engine/marathon/model.ts';
import { isoOf } from '../../engine/marathon/store.ts';
import type { TaskStatsByVersion, TaskStatsJson } from '../shapes/marathon.ts';

/** What the statistics read of one launched instance (`TaskForStatistics`). */
interface Launched {
  staging: boolean;
  running: boolean;
  healthy: boolean;
  unhealthy: boolean;
  /** Seconds since it started running, if it has. */
  lifeTime: number | null;
  afterLastScaling: boolean;
  latestConfig: boolean;
}

export function taskStatsByVersion(record: RunSpecRecord, instances: readonly InstanceState[], now: number): TaskStatsByVersion {
  const lastScaling = Date.parse(record.lastScalingAt);
  const launched: Launched[] = instances
    .filter((i) => i.condition !== 'Scheduled' && i.taskIds.length > 0)
    .map((i) => {
      const state = i.taskStates[0];
      return {
        staging: state === undefined || state === 'TASK_STAGING',
        running: state === 'TASK_RUNNING',
        healthy: i.health?.alive === true,
        unhealthy: i.health?.alive === false,
        lifeTime: i.startedAt === null ? null : (now - i.startedAt) / 1000,
        // An instance runs the version the app had when it was launched: after the last scaling if staged after it.
        afterLastScaling: i.stagedAt !== null && Date.parse(isoOf(i.stagedAt)) >= lastScaling,
        latestConfig: i.configVersion >= record.lastConfigChangeAt,
      };
    });
  const out: TaskStatsByVersion = {};
  const put = (key: keyof TaskStatsByVersion, some: Launched[]) => {
    const stats = statsOf(some);
    if (stats) out[key] = { stats };
  };
  put(
    'startedAfterLastScaling',
    launched.filter((l) => l.afterLastScaling),
  );
  put(
    'withLatestConfig',
    launched.filter((l) => l.latestConfig),
  );
  put(
    'withOutdatedConfig',
    launched.filter((l) => !l.latestConfig),
  );
  put('totalSummary', launched);
  return out;
}

function statsOf(some: Launched[]): TaskStatsJson | null {
  if (some.length === 0) return null;
  const count = (f: (l: Launched) => boolean) => some.filter(f).length;
  const stats: TaskStatsJson = {
    counts: {
      staged: count((l) => l.staging),
      running: count((l) => l.running),
      healthy: count((l) => l.healthy),
      unhealthy: count((l) => l.unhealthy),
    },
  };
  const lifeTimes = some.flatMap((l) => (l.lifeTime === null ? [] : [l.lifeTime])).sort((a, b) => a - b);
  if (lifeTimes.length > 0)
    stats.lifeTime = {
      averageSeconds: lifeTimes.reduce((a, b) => a + b, 0) / lifeTimes.length,
      medianSeconds: lifeTimes[Math.floor(lifeTimes.length / 2)]!,
    };
  return stats;
}
