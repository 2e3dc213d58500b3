// The engine and the real Wasm kernel in Chromium's main thread: same history as Node.
import { assertEqual } from './assert.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';

it('runs the default scenario with the Wasm kernel to the same history hash as Node', async () => {
  const golden = (await (await fetch(new URL('../fixtures/default-history.json', import.meta.url))).json()) as {
    ms: number;
    events: number;
    hash: string;
  };
  const sb = await createSandbox(defaultScenario, { allocator: 'wasm' });
  sb.advance(golden.ms);
  assertEqual({ events: sb.eventCount, hash: sb.historyHash() }, { events: golden.events, hash: golden.hash }, 'history');
});
