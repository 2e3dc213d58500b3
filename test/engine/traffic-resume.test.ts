/** The request generator survives a snapshot (JSON included): a resumed cluster goes on with the same history and counts. */
import { expect, it } from 'vitest';
import { createSandbox, resumeSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { MYAPP_VIP, overlayApp } from '../support/network.ts';

async function started(): Promise<Sandbox> {
  const sb = await createSandbox(structuredClone(defaultScenario));
  sb.advance(10_000);
  expect(sb.request({ method: 'POST', path: '/marathon/v2/apps', body: overlayApp(3, { cpus: 0.01 }) }).status).toBe(201);
  sb.advance(20_000);
  expect(sb.request({ method: 'POST', path: '/sandbox/v1/traffic', body: { name: 'c', target: `${MYAPP_VIP}:80`, rps: 25 } }).status).toBe(
    201,
  );
  return sb;
}

it('a snapshot taken while a client runs resumes to the same history and the same traffic', async () => {
  const whole = await started();
  whole.advance(70_000);
  const half = await started();
  half.advance(15_000);
  const snapshot = JSON.parse(JSON.stringify(half.snapshot()));
  const resumed = await resumeSandbox(half.scenario(), snapshot);
  resumed.advance(55_000);
  expect(resumed.historyHash()).toBe(whole.historyHash());
  const traffic = (sb: Sandbox) => sb.request({ method: 'GET', path: '/sandbox/v1/traffic' });
  expect(traffic(resumed)).toEqual(traffic(whole));
  const totals = (traffic(whole).body as { clients: Array<{ totals: { ok: number } }> }).clients[0]!.totals;
  expect(totals.ok).toBeGreaterThan(1000);
});
