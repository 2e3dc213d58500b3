import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { validateScenario } from '../../src/common/scenario/validate.ts';
import {
  MAX_SCENARIO_FILE_BYTES,
  migrateScenario,
  readScenarioFile,
  SCENARIO_FILE_VERSION,
  SCENARIO_FORMAT,
  writeScenarioFile,
} from '../../src/share/scenario-file.ts';
import type { Json } from '../support/marathon.ts';

const envelope = (scenario: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: SCENARIO_FORMAT, version: SCENARIO_FILE_VERSION, at: 1000, scenario, ...extra });
const errorsOf = (text: string) => {
  const read = readScenarioFile(text);
  if (read.ok) throw new Error('expected the file to be refused');
  return read.errors;
};

describe('scenario files', () => {
  it('round trip: write → read gives the same scenario and moment, and replaying gives the same history', async () => {
    const live = await createSandbox(defaultScenario);
    live.advance(5000.5);
    live.request({
      method: 'POST',
      path: '/marathon/v2/apps',
      body: { id: '/hello', cmd: 'python3 -m http.server', instances: 2, cpus: 0.1, mem: 32 },
    });
    live.advance(20_000);
    const text = writeScenarioFile(live.scenario(), live.now);
    expect(text).toContain('\n  "format": "dcos-sandbox/scenario",\n  "version": 4,');
    const read = readScenarioFile(text);
    if (!read.ok) throw new Error(read.errors.join('\n'));
    expect(read.scenario).toEqual(live.scenario());
    expect(read.at).toBe(25_000.5);
    const replay = await createSandbox(read.scenario);
    replay.advance(read.at);
    expect(replay.historyHash()).toBe(live.historyHash());
  });

  it('reads a bare scenario, opened at its last action', () => {
    const scenario = {
      ...validateScenario(defaultScenario),
      script: [{ at: 4200, request: { method: 'DELETE' as const, path: '/marathon/v2/apps/ops/flaky' } }],
    };
    const read = readScenarioFile(JSON.stringify(scenario));
    expect(read).toEqual({ ok: true, scenario, at: 4200 });
    const plain = readScenarioFile(JSON.stringify({ cluster: { agents: [{ hostname: 'a', resources: { cpus: 1, mem: 1 } }] } }));
    expect(plain.ok && plain.at).toBe(0);
  });

  it('refuses what is not a scenario file, naming the field', () => {
    expect(errorsOf('{"format": "dcos-sandbox/scenario", "version": 1,')[0]).toMatch(/^The file is not JSON/);
    expect(errorsOf('[1, 2]')[0]).toMatch(/must hold a JSON object/);
    expect(errorsOf(JSON.stringify({ format: 'excalidraw', version: 2 }))).toEqual([
      expect.stringMatching(/^format: this is not a sandbox scenario file \(format "excalidraw"/),
    ]);
    expect(errorsOf(envelope(defaultScenario, { version: 5 }))).toEqual([
      expect.stringMatching(/^version: this file was made by a newer version of the sandbox \(version 5\).*reads version 4.*Reload/),
    ]);
    expect(errorsOf(envelope(defaultScenario, { version: 0 }))).toEqual([
      'version: version 0 is not one this sandbox reads (it reads versions 1 to 4).',
    ]);
    expect(errorsOf(envelope(defaultScenario, { version: '1' }))[0]).toMatch(/^version: must be a whole number/);
    expect(errorsOf(envelope(undefined))).toEqual(['scenario: missing (the file holds no scenario)']);
    expect(errorsOf(envelope(defaultScenario, { at: -1, extra: true }))).toEqual([
      'extra: unknown field (expected one of: format, version, at, scenario)',
      'at: must be the simulated time in ms, from 0 to 21,600,000',
    ]);
    const big = ' '.repeat(MAX_SCENARIO_FILE_BYTES + 1);
    expect(errorsOf(big)).toEqual([expect.stringMatching(/too large \(5 MB\); a scenario file is at most 5 MB/)]);
  });

  it('lists every bad field with its path in the file', () => {
    const broken = structuredClone(validateScenario(defaultScenario)) as unknown as Json;
    broken.seed = -3;
    broken.cluster.masters = 12;
    broken.cluster.agents[2].resources.cpus = -1;
    broken.cluster.agents[0].colour = 'red';
    broken.frameworks[1].task.mem = 'lots';
    broken.marathon.apps[1].cpus = -2;
    broken.script = [{ at: 5, request: { method: 'GET', path: '/mesos/master/state' } }];
    expect(errorsOf(envelope(broken))).toEqual([
      'scenario.seed: must be at least 0',
      'scenario.cluster.masters: must be at most 9',
      expect.stringMatching(/^scenario\.cluster\.agents\[0\]\.colour: unknown field/),
      'scenario.cluster.agents[2].resources.cpus: must be at least 0',
      expect.stringMatching(/^scenario\.frameworks\[1\]\.task\.mem: must be a finite number/),
      // Marathon's JSON reader: cpus has a minimum of 0.001 (app.raml).
      'scenario.marathon.apps[1].cpus: error.min',
      'scenario.script[0].request.method: must be one of POST, PUT, PATCH, DELETE',
    ]);
    // Problems that span parts show from the whole scenario.
    const dup = structuredClone(validateScenario(defaultScenario)) as unknown as Json;
    dup.cluster.agents[1].hostname = 'private';
    dup.cluster.agents[1].count = 8;
    expect(errorsOf(envelope(dup))).toEqual(["scenario.cluster.agents[1].hostname: duplicate hostname 'private-1'"]);
    // A bare scenario names fields from its root.
    expect(errorsOf(JSON.stringify({ ...defaultScenario, seed: 'x' }))).toEqual([expect.stringMatching(/^seed: must be a/)]);
  });

  it('cluster.overlay: false comes back from a file; a version 1 file (before the field) opens with the overlay on', async () => {
    const off = validateScenario({ ...defaultScenario, cluster: { ...defaultScenario.cluster, overlay: false } });
    const read = readScenarioFile(writeScenarioFile(off, 0));
    expect(read.ok && read.scenario.cluster.overlay).toBe(false);
    expect(read).toEqual({ ok: true, scenario: off, at: 0 });

    const { overlay: _, ...v1Cluster } = validateScenario(defaultScenario).cluster;
    const v1 = readScenarioFile(
      JSON.stringify({ format: SCENARIO_FORMAT, version: 1, at: 1000, scenario: { ...defaultScenario, cluster: v1Cluster } }),
    );
    if (!v1.ok) throw new Error(v1.errors.join('\n'));
    expect(v1.scenario.cluster.overlay).toBe(true);
    expect(v1.scenario).toEqual(validateScenario(defaultScenario));
    expect((await createSandbox(v1.scenario)).snapshot().cluster.network.overlayDisabled).toBeUndefined();
    // The migration copies: the file's object is left as it was; what is not a scenario is left to validation.
    const raw = { cluster: v1Cluster };
    expect(migrateScenario(1, raw)).toEqual({ cluster: { ...v1Cluster, overlay: true } });
    expect(raw.cluster).not.toHaveProperty('overlay');
    expect(migrateScenario(1, 'x')).toBe('x');
    expect(migrateScenario(2, raw)).toBe(raw);
    // A version 1 file's bad fields are still named by their path.
    expect(errorsOf(JSON.stringify({ format: SCENARIO_FORMAT, version: 1, scenario: { cluster: { ...v1Cluster, masters: 0 } } }))).toEqual([
      'scenario.cluster.masters: must be at least 1',
    ]);
  });
});
