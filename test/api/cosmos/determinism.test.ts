/**
 * Clusters running an SDK service are deterministic: the same install and faults give the same history; a snapshot
 * (through JSON) resumes to it, and the script replays to it. DRF counts the service's role like any other.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, resumeSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import { marathonScenario, untilBooted, type Json } from '../../support/marathon.ts';
import { agent } from '../../support/cluster.ts';

const AGENTS = [1, 2, 3, 4].map((i) => agent(`a${i}`, { cpus: 8, mem: 16384, disk: 40000 }));

async function play(): Promise<Sandbox> {
  const sb = await createSandbox(marathonScenario(AGENTS, { marathon: { role: 'slave_public' } }), { allocator: 'wasm', matcher: 'wasm' });
  untilBooted(sb);
  sb.request({ method: 'POST', path: '/package/install', body: { packageName: 'kafka', options: { brokers: { count: 3 } } } });
  sb.advance(60_000);
  sb.request({ method: 'POST', path: '/service/kafka/v1/pod/kafka-1/replace' });
  sb.advance(30_000);
  return sb;
}

describe('an SDK service in the history', () => {
  it('same calls, same history; a snapshot resumes and the script replays to it', async () => {
    const a = await play();
    const b = await play();
    expect(b.historyHash()).toBe(a.historyHash());
    const resumed = await resumeSandbox(a.scenario(), JSON.parse(JSON.stringify(a.snapshot())));
    a.advance(60_000);
    resumed.advance(60_000);
    expect(resumed.historyHash()).toBe(a.historyHash());
    const replay = await createSandbox(a.scenario(), { allocator: 'ts', matcher: 'ts' });
    replay.advance(a.now);
    expect(replay.historyHash()).toBe(a.historyHash());
  });

  it("the service's role is a sorter leaf: /roles shows what it holds and reserves", async () => {
    const sb = await play();
    // Each broker's step waits for its readiness check (every 60 s by default): let the deploy plan finish.
    for (let t = 0; sb.request({ method: 'GET', path: '/service/kafka/v1/plans/deploy' }).status !== 200 && t < 600; t++) sb.advance(1000);
    const roles = (sb.request({ method: 'GET', path: '/mesos/master/roles' }).body as { roles: Json[] }).roles;
    const kafka = roles.find((r) => r.name === 'kafka-role')!;
    expect(kafka.frameworks).toHaveLength(1);
    expect(kafka.allocated.cpus).toBeCloseTo(3, 3);
    expect(kafka.reserved.disk).toBeGreaterThanOrEqual(3 * 5000);
  });
});
