/**
 * The `usage` field of `PUT /sandbox/v1/marathon/apps/{id}/behavior` (the sandbox's own): read as scenario files
 * read it; once set, the app's running tasks whose memory will reach their limit get their OOM kill scheduled from
 * their own start.
 */
import type { UsageSpec } from '../../common/scenario/types.ts';
import { isUsageProblem, readUsageSpec } from '../../common/scenario/usage.ts';
import { own } from '../../common/own.ts';
import { recordOf } from '../../engine/marathon/store.ts';
import { scheduleOomKill } from '../../engine/usage/oom.ts';
import type { ApiContext } from '../service.ts';

/** A usage spec from a behaviour body (null: back to the default), or the message to refuse it with. */
export function readUsagePatch(raw: unknown): { usage: UsageSpec | null } | { message: string } {
  if (raw === null) return { usage: null };
  const read = readUsageSpec(raw);
  return isUsageProblem(read) ? { message: `${read.path}: ${read.message}` } : { usage: read };
}

/** Sets (or clears) the app's usage spec; its live tasks whose memory now reaches their limit get an OOM kill scheduled. */
export function applyUsage(api: ApiContext, appId: string, usage: UsageSpec | null): void {
  const m = api.state.marathon;
  const record = recordOf(m, appId);
  if (!record) return;
  if (usage === null) delete record.behavior.usage;
  else record.behavior.usage = usage;
  if (usage === null) return;
  for (const instanceId of record.instanceIds) {
    const instance = own(m.instances, instanceId);
    for (const taskId of instance?.taskIds ?? [])
      if (api.state.tasks[taskId]?.state === 'TASK_RUNNING') scheduleOomKill(api.ctx, api.state, taskId);
  }
}
