/**
 * Everything that changes history is in the script and everything in the script replays; anything
 * accepted can be exported and imported again (issue: reliability, what breaks export or replay).
 */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import type { ApiRequest } from '../../src/api/types.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import {
  MAX_ACTION_BODY_BYTES,
  MAX_RECORDED_BODY_DEPTH,
  MAX_SCENARIO_FILE_BYTES,
  MAX_SCRIPT_BYTES,
} from '../../src/common/scenario/limits.ts';
import { readScenarioFile, writeScenarioFile } from '../../src/share/scenario-file.ts';

const FAST = { allocator: 'ts', matcher: 'ts' } as const;

async function booted(): Promise<Sandbox> {
  const sb = await createSandbox(defaultScenario, FAST);
  sb.advance(5000);
  return sb;
}

/** The cluster's scenario replayed from the start to its moment gives its history. */
async function replaysExactly(sb: Sandbox): Promise<void> {
  const again = await createSandbox(sb.scenario(), FAST);
  again.advance(sb.now);
  expect(again.historyHash()).toBe(sb.historyHash());
}

function nested(depth: number): Record<string, unknown> {
  let body: Record<string, unknown> = { id: '/deep', cmd: 'run x' };
  for (let i = 0; i < depth; i++) body = { env: body };
  return body;
}

describe('what the script records', () => {
  it('methods no route acts on (FOO, TRACE, OPTIONS, HEAD, post) change nothing and enter neither the hash nor the script', async () => {
    const sb = await booted();
    const quiet = await booted();
    for (const method of ['FOO', 'TRACE', 'OPTIONS', 'HEAD', 'post', 'delete']) {
      const res = sb.request({ method, path: '/marathon/v2/apps', body: { id: '/x', cmd: 'run y' } } as unknown as ApiRequest);
      expect(res.status, method).toBeGreaterThanOrEqual(400);
      expect(res.status, method).toBeLessThan(500);
    }
    expect(sb.historyHash()).toBe(quiet.historyHash());
    expect(sb.script()).toEqual(quiet.script());
    await replaysExactly(sb);
  });

  it('a body too deeply nested to write as JSON is refused (400) before it changes anything', async () => {
    const sb = await booted();
    const quiet = await booted();
    const res = sb.request({ method: 'POST', path: '/marathon/v2/apps', body: nested(200_000) });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/cannot be written as JSON/);
    expect(sb.historyHash()).toBe(quiet.historyHash());
    expect(sb.script()).toEqual([]);
  });

  it(`a body nested past ${MAX_RECORDED_BODY_DEPTH} levels (what a copy of the script survives) is refused (400) and not recorded; one just under is recorded and replays`, async () => {
    const sb = await booted();
    const res = sb.request({ method: 'POST', path: '/marathon/v2/apps', body: nested(MAX_RECORDED_BODY_DEPTH + 1) });
    expect(res.status).toBe(400);
    expect(sb.script()).toEqual([]);
    expect(sb.request({ method: 'POST', path: '/marathon/v2/apps', body: nested(MAX_RECORDED_BODY_DEPTH - 1) }).status).toBe(422);
    expect(sb.script()).toHaveLength(1);
    expect(() => structuredClone(sb.scenario())).not.toThrow();
    await replaysExactly(sb);
  });

  it(`a body over ${MAX_ACTION_BODY_BYTES} bytes is refused (413) and not recorded`, async () => {
    const sb = await booted();
    const res = sb.request({ method: 'POST', path: '/marathon/v2/apps', body: { id: '/big', cmd: 'run x'.repeat(MAX_ACTION_BODY_BYTES) } });
    expect(res.status).toBe(413);
    expect(sb.script()).toEqual([]);
    expect(sb.request({ method: 'GET', path: '/marathon/v2/apps/big' }).status).toBe(404);
  });

  it(`the script stops taking writes at ${MAX_SCRIPT_BYTES} bytes, and what it took exports and imports again`, async () => {
    const sb = await booted();
    const label = (i: number): ApiRequest => ({
      method: 'POST',
      path: '/marathon/v2/apps',
      body: { id: `/big-${i}`, cmd: 'run x', cpus: 0.01, mem: 1, labels: { note: `${i}`.padEnd(MAX_ACTION_BODY_BYTES * 0.9, 'x') } },
    });
    const answers = [0, 1, 2].map((i) => sb.request(label(i)).status);
    expect(answers).toEqual([201, 201, 413]); // 0.9 MB each: the third would pass the budget
    const small = sb.request({ method: 'POST', path: '/marathon/v2/apps', body: { id: '/small', cmd: 'run x', cpus: 0.01, mem: 1 } });
    expect(small.status).toBe(201);
    sb.advance(5000);
    const file = writeScenarioFile(sb.scenario(), sb.now);
    expect(new TextEncoder().encode(file).length).toBeLessThan(MAX_SCENARIO_FILE_BYTES);
    const read = readScenarioFile(file);
    expect(read.ok).toBe(true);
    await replaysExactly(sb);
  });
});
