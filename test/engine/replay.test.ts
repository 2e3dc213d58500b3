import { describe, expect, it } from 'vitest';
import { createSandbox, ScenarioError, validateScenario } from '../../src/sandbox/index.ts';
import { defaultScenario, largeScenario } from '../../src/common/scenario/examples.ts';

describe('replay', () => {
  it('a scenario exported with its actions replays to the same history', async () => {
    const live = await createSandbox(defaultScenario);
    live.advance(12_345);
    live.request({
      method: 'POST',
      path: '/marathon/v2/apps',
      body: { id: '/hello', cmd: 'sleep 1000', instances: 3, cpus: 0.1, mem: 32 },
    });
    live.advance(20_000);
    live.request({ method: 'PUT', path: '/marathon/v2/apps/hello', body: { instances: 1 } });
    live.request({ method: 'POST', path: '/sandbox/v1/faults', body: JSON.stringify({ kind: 'agent-crash', target: 'private-2' }) });
    live.request({ method: 'GET', path: '/marathon/v2/apps' });
    live.advance(100_000);
    const exported = live.scenario();
    expect(exported.script.map((a) => [a.at, a.request.method, a.request.path])).toEqual([
      [12_345, 'POST', '/marathon/v2/apps'],
      [32_345, 'PUT', '/marathon/v2/apps/hello'],
      [32_345, 'POST', '/sandbox/v1/faults'],
    ]);
    const copy = JSON.parse(JSON.stringify(exported)) as unknown;
    const replay = await createSandbox(copy);
    replay.advance(50_000);
    replay.advance(82_345);
    expect(replay.now).toBe(live.now);
    expect(replay.historyHash()).toBe(live.historyHash());
    expect(replay.scenario().script).toEqual(exported.script);
  });

  it('a replay that has not reached the later actions still exports them', async () => {
    const live = await createSandbox(defaultScenario);
    live.advance(5000);
    live.request({ method: 'POST', path: '/marathon/v2/apps', body: { id: '/late', cmd: 'run x' } });
    const replay = await createSandbox(live.scenario());
    replay.advance(1000);
    expect(replay.scenario().script).toHaveLength(1);
  });

  it('a validated scenario validates to itself (export and import keep it whole)', () => {
    for (const scenario of [defaultScenario, largeScenario(100, 5)]) {
      const once = validateScenario(scenario);
      expect(validateScenario(JSON.parse(JSON.stringify(once)))).toEqual(once);
    }
  });

  it('rejects scripts out of time order or with reading requests', async () => {
    const base: object = structuredClone(defaultScenario);
    const bad = (script: unknown) => createSandbox({ ...base, script });
    await expect(
      bad([
        { at: 10, request: { method: 'POST', path: '/x' } },
        { at: 5, request: { method: 'POST', path: '/y' } },
      ]),
    ).rejects.toThrow(ScenarioError);
    await expect(bad([{ at: 0, request: { method: 'GET', path: '/x' } }])).rejects.toThrow(/script\[0\]\.request\.method/);
  });
});
