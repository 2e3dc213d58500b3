// The real worker in Chromium: boots, loads the Wasm, runs a scenario through Comlink, and
// reaches the same history as Node (the golden fixture written by test/engine/golden.test.ts).
import { proxy } from 'comlink';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import type { ClusterFrame } from '../../src/common/view-types.ts';
import { SandboxBridge } from '../../src/worker/bridge.ts';
import { assert, assertEqual } from './assert.ts';

describe('sandbox worker', () => {
  it('runs the default scenario to the same history hash as Node', async () => {
    const golden = (await (await fetch(new URL('../fixtures/default-history.json', import.meta.url))).json()) as {
      ms: number;
      events: number;
      hash: string;
    };
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

  it('writes in one call with the time bar, and forks a past moment only once confirmed', async () => {
    const bridge = new SandboxBridge();
    try {
      assert((await bridge.load(defaultScenario)).ok, 'the default scenario loads');
      await bridge.step(10_000);
      const app = {
        method: 'POST',
        path: '/marathon/v2/apps',
        body: { id: '/web', cmd: 'sleep 1000', instances: 1, cpus: 0.1, mem: 32 },
      } as const;
      const written = await bridge.write(app);
      assert(written.sent, 'a write at the latest moment is sent');
      assertEqual(written.answer.status, 201, 'the answer of the write');
      assertEqual(written.timeline.actions, [{ at: 10_000, method: 'POST', path: '/marathon/v2/apps' }], 'the time bar after the write');

      const { status, timeline } = await bridge.travelTo(5_000);
      assertEqual([status.now, timeline.now, timeline.end], [5_000, 5_000, 10_000], 'where the trip landed, and the time bar there');
      assertEqual(await bridge.write(app), { sent: false, dropped: 1 }, 'a write that would fork, unconfirmed');
      const forked = await bridge.write(app, 1);
      assert(forked.sent, 'the confirmed write is sent');
      assertEqual([forked.timeline.actions.map((a) => a.at), forked.timeline.end], [[5_000], 5_000], 'the forked time bar');
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
