/**
 * `--gpu_scheduling_behavior` (Marathon 1.11 `ResourceMatcher.checkGpuSchedulingBehaviour`; DC/OS sets `restricted`,
 * gen/calc.py): an app that asks no GPU declines offers holding GPUs (DeclinedScarceResources, last in the funnel), so
 * GPU agents stay free for GPU work; the app label GPU_SCHEDULING_BEHAVIOR wins over the flag. And /v2/queue's
 * reject summaries name every reason of `NoOfferMatchReason.reasonFunnel`, in its order.
 */
import { describe, expect, it } from 'vitest';
import { agent } from '../../support/cluster.ts';
import { boot, declinedByReason, deploy, get, queueEntry, tasksOf, type Json } from '../../support/marathon.ts';

const GPU_AND_CPU = [agent('gpu-1', { cpus: 8, mem: 8192, gpus: 2 }), agent('cpu-1', { cpus: 1, mem: 1024 })];
const app = (id: string, extra: Json = {}): Json => ({ id, cmd: 'run x', cpus: 0.5, mem: 256, instances: 3, ...extra });

describe('GPU agents kept for GPU work (gpu_scheduling_behavior)', () => {
  it('restricted (DC/OS): an app asking no GPU stays off the GPU agent and waits, declined as DeclinedScarceResources', async () => {
    const sb = await boot(GPU_AND_CPU);
    deploy(sb, app('/web'));
    sb.advance(20_000);
    const hosts = tasksOf(sb, '/web').map((t) => t.host);
    expect(hosts).toEqual(['cpu-1', 'cpu-1']);
    const entry = queueEntry(sb, '/web')!;
    expect(entry.count).toBe(1);
    expect(declinedByReason(entry).DeclinedScarceResources).toBeGreaterThan(0);
    const placement = get(sb, '/sandbox/v1/marathon/apps/web/placement');
    expect(placement.failures).toContainEqual(expect.objectContaining({ hostname: 'gpu-1', stage: 'gpus' }));
    // A GPU app lands there.
    deploy(sb, app('/train', { gpus: 1, instances: 1 }));
    sb.advance(20_000);
    expect(tasksOf(sb, '/train').map((t) => t.host)).toEqual(['gpu-1']);
  });

  it('the app label GPU_SCHEDULING_BEHAVIOR=unrestricted, or the flag, lets it use the GPU agent', async () => {
    const sb = await boot(GPU_AND_CPU);
    deploy(sb, app('/web', { labels: { GPU_SCHEDULING_BEHAVIOR: 'unrestricted' } }));
    sb.advance(20_000);
    expect(tasksOf(sb, '/web')).toHaveLength(3);
    const open = await boot(GPU_AND_CPU, { marathon: { flags: { gpu_scheduling_behavior: 'unrestricted' } } });
    deploy(open, app('/web'));
    open.advance(20_000);
    expect(tasksOf(open, '/web')).toHaveLength(3);
  });

  it("/v2/queue's reject summaries list the ten reasons of Marathon's funnel, in order", async () => {
    const sb = await boot(GPU_AND_CPU);
    deploy(sb, app('/big', { cpus: 16, instances: 1 }));
    sb.advance(10_000);
    const summary = queueEntry(sb, '/big')!.processedOffersSummary;
    for (const list of [summary.rejectSummaryLastOffers, summary.rejectSummaryLaunchAttempt])
      expect(list.map((r: Json) => r.reason)).toEqual([
        'UnfulfilledRole',
        'UnfulfilledConstraint',
        'NoCorrespondingReservationFound',
        'AgentMaintenance',
        'InsufficientCpus',
        'InsufficientMemory',
        'InsufficientDisk',
        'InsufficientGpus',
        'InsufficientPorts',
        'DeclinedScarceResources',
      ]);
    expect(declinedByReason(queueEntry(sb, '/big')!).InsufficientCpus).toBeGreaterThan(0);
  });
});
