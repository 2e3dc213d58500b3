import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { validateScenario } from '../../src/common/scenario/validate.ts';
import { decodeScenarioLink, encodeScenarioLink, isScenarioLink, LINK_BUDGET_CHARS, MAX_SCENARIO_BYTES } from '../../src/share/link.ts';

const linkOf = (bytes: Uint8Array, version = 1) => `#s=${version}.${Buffer.from(bytes).toString('base64url')}`;

describe('scenario links', () => {
  it('round trip: a cluster with its actions comes back whole and replays to the same history', async () => {
    const live = await createSandbox(defaultScenario);
    live.advance(8000.25);
    live.request({
      method: 'POST',
      path: '/marathon/v2/apps',
      body: { id: '/hello', cmd: 'python3 -m http.server', instances: 2, cpus: 0.1, mem: 32 },
    });
    live.advance(30_000);
    const link = await encodeScenarioLink(live.scenario(), live.now);
    expect(isScenarioLink(`#${link}`)).toBe(true);
    const decoded = await decodeScenarioLink(`#${link}`);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.scenario).toEqual(live.scenario());
    expect(decoded.at).toBe(38_000.25);
    const replay = await createSandbox(decoded.scenario);
    replay.advance(decoded.at);
    expect(replay.historyHash()).toBe(live.historyHash());
  });

  it('the default cluster with an action fits the link budget', async () => {
    const scenario = {
      ...validateScenario(defaultScenario),
      script: [{ at: 5000, request: { method: 'POST' as const, path: '/marathon/v2/apps', body: { id: '/hello', cmd: 'sleep 1000' } } }],
    };
    const link = await encodeScenarioLink(scenario);
    expect(link.length).toBeLessThan(LINK_BUDGET_CHARS);
  });

  it('carries the page it was shared from, and opens a link without one (or with a strange one) on none', async () => {
    const scenario = validateScenario(defaultScenario);
    const onPage = await decodeScenarioLink(await encodeScenarioLink(scenario, 12_000, '/services/detail/%2Fweb'));
    expect(onPage).toMatchObject({ ok: true, at: 12_000, view: '/services/detail/%2Fweb' });
    expect(await decodeScenarioLink(await encodeScenarioLink(scenario, 12_000))).toMatchObject({ ok: true, view: null });
    for (const view of [42, 'services', '/a b', `/${'x'.repeat(600)}`, '/<script>']) {
      const raw = linkOf(deflateRawSync(Buffer.from(JSON.stringify({ at: 0, scenario, view }))));
      expect(await decodeScenarioLink(raw), String(view).slice(0, 20)).toMatchObject({ ok: true, view: null });
    }
  });

  it('refuses damaged, foreign, future and oversized links with a message', async () => {
    const good = await encodeScenarioLink(validateScenario(defaultScenario));
    const cases: Array<[string, RegExp]> = [
      ['#view=nodes', /does not contain a scenario/],
      [`#${good.slice(0, Math.floor(good.length / 2))}`, /damaged/],
      [`#${good.replace('s=4.', 's=5.')}`, /newer version/],
      [`#${good.replace('s=4.', 's=0.')}`, /format 0/],
      [`#${good.replace('s=4.', 's=x.')}`, /no version/],
      ['#s=1.%%%%', /not valid base64url/],
      [linkOf(Uint8Array.from({ length: 300 }, (_, i) => (i * 7919) % 256)), /damaged/],
      [`#s=1.${'A'.repeat(1_000_000)}`, /too long/],
      [linkOf(deflateRawSync(Buffer.from('not json at all'))), /not JSON/],
      [linkOf(deflateRawSync(Buffer.from(JSON.stringify({ at: 0, scenario: { seed: -1, cluster: {} } })))), /not valid: seed/],
      [linkOf(deflateRawSync(Buffer.from(JSON.stringify({ seed: 1 })))), /holds no scenario/],
      [linkOf(deflateRawSync(Buffer.from(JSON.stringify({ at: -5, scenario: {} })))), /time is not valid/],
      [linkOf(deflateRawSync(Buffer.alloc(MAX_SCENARIO_BYTES + 10, 32))), /expands to more than/],
    ];
    for (const [link, message] of cases) {
      const decoded = await decodeScenarioLink(link);
      expect(decoded.ok, link.slice(0, 40)).toBe(false);
      if (!decoded.ok) expect(decoded.error).toMatch(message);
    }
  });

  it('survives random bytes in any position', async () => {
    const good = await encodeScenarioLink(validateScenario(defaultScenario));
    for (let i = 0; i < 50; i++) {
      const at = 4 + ((i * 104729) % (good.length - 4));
      const broken = good.slice(0, at) + 'Zq_-'[i % 4] + good.slice(at + 1);
      const decoded = await decodeScenarioLink(broken);
      if (decoded.ok) expect(decoded.scenario.cluster.agents.length).toBeGreaterThan(0);
      else expect(decoded.error).toMatch(/damaged|not valid/);
    }
  });

  it('cluster.overlay: false comes back from a link (the scenario travels whole, as JSON) and replays with the overlay off', async () => {
    const off = validateScenario({ ...defaultScenario, cluster: { ...defaultScenario.cluster, overlay: false } });
    const decoded = await decodeScenarioLink(`#${await encodeScenarioLink(off, 4000)}`);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.scenario).toEqual(off);
    expect(decoded.scenario.cluster.overlay).toBe(false);
    expect((await createSandbox(decoded.scenario)).snapshot().cluster.network.overlayDisabled).toBe(true);
    // A link made before the field: the overlay is on.
    const { overlay: _, ...before } = validateScenario(defaultScenario).cluster;
    const old = await decodeScenarioLink(
      linkOf(deflateRawSync(Buffer.from(JSON.stringify({ at: 0, scenario: { ...defaultScenario, cluster: before } })))),
    );
    expect(old.ok && old.scenario.cluster.overlay).toBe(true);
  });
});
