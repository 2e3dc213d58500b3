/**
 * Opening a lesson at step n (a link, a reload): the steps before it are brought about by
 * performing their "Show me" and running the simulation until each goal holds, in 1-second
 * simulated jumps. A step whose goal does not hold within twice its settle time (plus 5 s) stops
 * the jump there: the reader lands on it, honestly, instead of on a step whose premise is false.
 */
import type { ClusterStore } from '../state/cluster.svelte.ts';
import type { LessonRunner, ShowMeExecutor } from '../../tutorial/runner.ts';

const JUMP_MS = 1000;
const BOOT_LIMIT_MS = 30_000;

type Clock = Pick<ClusterStore, 'travelTo' | 'request'> & { readonly status: { now: number } };

/** Runs until the API answers (a leader elected and Marathon up), at most 30 simulated seconds. */
async function booted(cluster: Clock): Promise<void> {
  const limit = cluster.status.now + BOOT_LIMIT_MS;
  while (cluster.status.now < limit) {
    const [mesos, marathon] = await Promise.all([
      cluster.request({ method: 'GET', path: '/mesos/master/state' }),
      cluster.request({ method: 'GET', path: '/marathon/v2/info' }),
    ]);
    if (mesos.status === 200 && marathon.status === 200) return;
    await cluster.travelTo(cluster.status.now + JUMP_MS);
  }
}

/** Brings the runner to step `target` (0-based); returns the step reached. */
export async function fastForward(runner: LessonRunner, cluster: Clock, exec: ShowMeExecutor, target: number): Promise<number> {
  await booted(cluster);
  while (runner.progress.index < target) {
    const step = runner.progress.step!;
    if (await runner.check()) continue;
    await runner.showMe(exec);
    const deadline = cluster.status.now + 2 * step.settleMs + 5000;
    let met = await runner.check();
    while (!met && cluster.status.now < deadline) {
      await cluster.travelTo(cluster.status.now + JUMP_MS);
      met = await runner.check();
    }
    if (!met) break;
  }
  return runner.progress.index;
}
