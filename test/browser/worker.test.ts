// The real worker in Chromium: boots, loads the Wasm, runs a scenario through Comlink, and
// reaches the same history as Node (the golden fixture written by test/engine/golden.test.ts).
import { proxy } from 'comlink';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import type { ClusterFrame } from '../../src/common/view-types.ts';
import { SandboxBridge } from '../../src/worker/bridge.ts';
import { assert, assertEqual } from './assert.ts';

describe('sandbox worker', () => {
  it('runs the default scenario to the same history hash as Node', async () => {
    const golden = (await (await fetch(new URL('../fixtures/default-history.json', import.meta.url))).json()) as { ms: number; events: number; hash: string };
    const bridge = new SandboxBridge();
    try {
      const loaded = await bridge.load(defaultScenario);
      assert(loaded.ok, 'the default scenario loads');
      assertEqual(loaded.layout.agents.length, 14, 'agents in the layout');
      const status = await bridge.step(golden.ms);
      assertEqual(status.now, golden.ms, 'simulated time after the step');
      assertEqual(await bridge.remote.historyHash(), golden.hash, 'history hash');
      assertEqual(status.eventCount, golden.events, 'events processed');

      const state = await bridge.request({ method: 'GET', path: '/mesos/master/state' });
      assertEqual(state.status, 200, 'state status');
      assertEqual((state.body as { slaves: unknown[] }).slaves.length, 14, 'slaves in /mesos/master/state');
    } finally {
      bridge.terminate();
    }
  });

  it('pushes frames with typed arrays, and reports a bad scenario with its field', async () => {
    const bridge = new SandboxBridge();
    try {
      const bad = await bridge.load({ cluster: { agents: [{ hostname: 'x', resources: { cpus: -1, mem: 1 } }] } });
      assert(!bad.ok, 'a negative cpus scenario is rejected');
      assertEqual(bad.error.field, 'cluster.agents[0].resources.cpus', 'field of the error');

      assert((await bridge.load(defaultScenario)).ok, 'then the default scenario loads');
      const frame = await new Promise<ClusterFrame>((resolve) => {
        void bridge.remote.subscribe(proxy((f: ClusterFrame) => (f.now >= 10_000 ? resolve(f) : undefined)));
        void bridge.step(10_000);
      });
      assert(frame.agentAllocated instanceof Float64Array, 'agentAllocated is a Float64Array');
      assertEqual(frame.agentAllocated.length, 14 * 4, 'agentAllocated length');
      assert(frame.total[0] > 0, 'the cluster has CPUs');
    } finally {
      bridge.terminate();
    }
  });
});
