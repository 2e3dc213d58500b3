/** Mesos-DNS keeps the simulation deterministic and its records survive snapshots (JSON included) and old saves. */
import { describe, expect, it } from 'vitest';
import { createSandbox, resumeSandbox } from '../../../src/sandbox/index.ts';
import { defaultScenario } from '../../../src/common/scenario/examples.ts';
import { restoreState, type SavedClusterState } from '../../../src/engine/core/saved-state.ts';

describe('Mesos-DNS and determinism', () => {
  it('the same seed gives the same history, reloads included', async () => {
    const run = async () => {
      const sb = await createSandbox(structuredClone(defaultScenario));
      sb.advance(120_000);
      return { hash: sb.historyHash(), axfr: sb.request({ method: 'GET', path: '/mesos_dns/v1/axfr' }) };
    };
    const [a, b] = [await run(), await run()];
    expect(a.axfr.status).toBe(200);
    expect(a).toEqual(b);
  });

  it('a snapshot through JSON resumes to the same history and the same records', async () => {
    const whole = await createSandbox(defaultScenario);
    whole.advance(100_000);
    const half = await createSandbox(defaultScenario);
    half.advance(45_000);
    const snapshot = JSON.parse(JSON.stringify(half.snapshot()));
    expect(snapshot.cluster.mesosDns.servers.some((s: { load: unknown }) => s.load !== null)).toBe(true);
    const resumed = await resumeSandbox(defaultScenario, snapshot);
    resumed.advance(55_000);
    expect(resumed.historyHash()).toBe(whole.historyHash());
    const axfr = (sb: typeof whole) => sb.request({ method: 'GET', path: '/mesos_dns/v1/axfr' });
    expect(axfr(resumed)).toEqual(axfr(whole));
  });

  it('a cluster saved before Mesos-DNS was simulated opens with nothing loaded, then its Mesos-DNS starts', async () => {
    const sb = await createSandbox(defaultScenario);
    sb.advance(5_000);
    const snapshot = sb.snapshot();
    const { mesosDns: _dropped, ...older } = snapshot.cluster;
    const restored = restoreState(older as SavedClusterState);
    expect(restored.mesosDns.servers).toHaveLength(restored.masters.length);
    expect(restored.mesosDns.servers.every((s) => s.load === null)).toBe(true);
    const resumed = await resumeSandbox(defaultScenario, { ...snapshot, cluster: older as SavedClusterState });
    expect(resumed.request({ method: 'GET', path: '/mesos_dns/v1/version' }).status).toBe(503);
    resumed.advance(5_000);
    expect(resumed.request({ method: 'GET', path: '/mesos_dns/v1/version' }).status).toBe(200);
  });
});
