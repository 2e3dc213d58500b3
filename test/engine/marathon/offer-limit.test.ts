/**
 * Marathon starts at most --max_instances_per_offer (Marathon's default 5, set here; DC/OS starts it with 100) instances on one offer, as Marathon's
 * OfferMatcherManager does: the rest wait for the next offers. Without the limit one offer took
 * every waiting instance that fit, packing the first agent offered to its last CPU; an app whose
 * constraint needed room on that agent's rack then waited forever (fuzz seed 2039: /app-4, MAX_PER
 * rack 3, stuck at 7 of 8 from boot on, its deployment never done).
 */
import { describe, expect, it } from 'vitest';
import { agent } from '../../support/cluster.ts';
import { appOf, boot, deploy, deployments, mesosTasks, waitFor } from '../../support/marathon.ts';
import { LAUNCH_WINDOW, MAX_LAUNCH_WINDOW, launchWindow } from '../../../src/engine/marathon/launch-window.ts';

const FIVE_PER_OFFER = { marathon: { flags: { max_instances_per_offer: 5 } } };

describe('--max_instances_per_offer', () => {
  it('launches at most 5 instances on one offer; the others go on later offers', async () => {
    const sb = await boot([agent('a1', { cpus: 8, mem: 8192 })], FIVE_PER_OFFER);
    deploy(sb, { id: '/many', cmd: 'serve', instances: 12, cpus: 0.1, mem: 16 });
    waitFor(sb, () => deployments(sb).length === 0, 120_000);
    expect(appOf(sb, '/many').tasksRunning).toBe(12);
    // Tasks staged at the same moment on the same agent came from one offer.
    const perOffer = new Map<string, number>();
    for (const t of mesosTasks(sb, '/many')) {
      const staged = t.statuses.find((s) => s.state === 'TASK_STAGING')!.timestamp;
      const key = `${t.slave_id}@${staged}`;
      perOffer.set(key, (perOffer.get(key) ?? 0) + 1);
    }
    expect(Math.max(...perOffer.values())).toBe(5);
    expect([...perOffer.values()].sort()).toEqual([2, 5, 5]);
  });

  it('an app spread over racks (MAX_PER) reaches its target when another app could fill a whole agent at boot', async () => {
    const racks = [1, 2, 3].map((n) => agent(`a${n}`, { cpus: 4, mem: 8192 }, { attributes: { rack: `r${n}` } }));
    const sb = await boot(racks, {
      marathon: {
        flags: { max_instances_per_offer: 5 },
        apps: [
          { id: '/fill', cmd: 'serve', instances: 16, cpus: 0.25, mem: 16 },
          { id: '/spread', cmd: 'serve', instances: 6, cpus: 0.25, mem: 16, constraints: [['rack', 'MAX_PER', '2']] },
        ],
      },
    });
    waitFor(sb, () => deployments(sb).length === 0, 300_000, 1000);
    expect(appOf(sb, '/fill').tasksRunning).toBe(16);
    expect(appOf(sb, '/spread').tasksRunning).toBe(6);
  });
  it('on a big cluster one offer round launches 5 per agent: the launch window grows with the cluster, it never holds a deployment back', async () => {
    const agents = Array.from({ length: 300 }, (_, k) => agent(`a${k}`, { cpus: 1, mem: 1024 }));
    expect(launchWindow(agents.length, 5)).toBe(1500);
    expect(launchWindow(3, 5)).toBe(LAUNCH_WINDOW);
    expect(launchWindow(50_000, 100)).toBe(MAX_LAUNCH_WINDOW);
    const sb = await boot(agents, FIVE_PER_OFFER);
    deploy(sb, { id: '/wide', cmd: 'serve', instances: 1500, cpus: 0.1, mem: 16 });
    waitFor(sb, () => deployments(sb).length === 0, 120_000);
    const staged = new Set(mesosTasks(sb, '/wide').map((t) => t.statuses.find((u) => u.state === 'TASK_STAGING')!.timestamp));
    // Every instance was waiting at once, and every agent's offer took 5 of them in the same round.
    expect(mesosTasks(sb, '/wide')).toHaveLength(1500);
    expect(staged.size).toBe(1);
  });
});
