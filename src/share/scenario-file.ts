/**
 * Scenario files: `{ "format": "dcos-sandbox/scenario", "version": 4, "at": <simulated ms>, "scenario": {...} }`,
 * pretty JSON. Reading trusts nothing, like links: the size, the JSON, the envelope (a newer version is
 * refused with a message, not guessed at; an older one is migrated, `migrateScenario`) and every bad field of
 * the scenario, each named by its path in the file. A bare scenario object (what the sandbox downloaded before
 * the envelope, or a hand-written one) is read too, as the current version; its moment is the last scripted
 * action, so opening it replays everything it records.
 */
import type { Scenario } from '../common/scenario/types.ts';
import { validateScenario } from '../common/scenario/validate.ts';
import { MAX_SCENARIO_FILE_BYTES } from '../common/scenario/limits.ts';
import { MAX_LINK_AT_MS } from './link.ts';
import { scenarioProblems } from './scenario-problems.ts';

export const SCENARIO_FORMAT = 'dcos-sandbox/scenario';
/** 4: agents' `disks`; 3: `metronome` (jobs present at boot); 2: `cluster.overlay`. */
export const SCENARIO_FILE_VERSION = 4;
/** The oldest version read: older files are migrated to the current one (`migrateScenario`). */
export const OLDEST_SCENARIO_FILE_VERSION = 1;
/** Larger files are refused before parsing (the biggest built-in cluster is well under 1 MB). */
export { MAX_SCENARIO_FILE_BYTES };
/** A file replays to its moment when opened: at most this far (simulated ms), as a link does. */
export const MAX_FILE_AT_MS = MAX_LINK_AT_MS;

export interface ScenarioFile {
  format: typeof SCENARIO_FORMAT;
  version: typeof SCENARIO_FILE_VERSION;
  at: number;
  scenario: Scenario;
}

export type ReadScenarioFile = { ok: true; scenario: Scenario; at: number } | { ok: false; errors: string[] };

const ENVELOPE_FIELDS = ['format', 'version', 'at', 'scenario'];
const mb = (bytes: number) => `${(bytes / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

export function writeScenarioFile(scenario: Scenario, at: number): string {
  const file: ScenarioFile = { format: SCENARIO_FORMAT, version: SCENARIO_FILE_VERSION, at, scenario };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function readScenarioFile(text: string): ReadScenarioFile {
  const fail = (...errors: string[]): ReadScenarioFile => ({ ok: false, errors });
  const bytes = text.length > MAX_SCENARIO_FILE_BYTES ? text.length : new TextEncoder().encode(text).length;
  if (bytes > MAX_SCENARIO_FILE_BYTES)
    return fail(`The file is too large (${mb(bytes)}); a scenario file is at most ${mb(MAX_SCENARIO_FILE_BYTES)}.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch (e) {
    return fail(`The file is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('The file is not a scenario: it must hold a JSON object.');
  const json = raw as Record<string, unknown>;
  if (!('format' in json) && !('scenario' in json)) return readBare(json);

  const errors: string[] = [];
  const { format, version, at = 0, scenario } = json;
  if (format !== undefined && format !== SCENARIO_FORMAT) {
    return fail(`format: this is not a sandbox scenario file (format ${JSON.stringify(format)}, expected "${SCENARIO_FORMAT}").`);
  }
  const reads = `versions ${OLDEST_SCENARIO_FILE_VERSION} to ${SCENARIO_FILE_VERSION}`;
  if (format !== undefined) {
    if (typeof version !== 'number' || !Number.isInteger(version))
      return fail(`version: must be a whole number (this sandbox reads ${reads}).`);
    if (version > SCENARIO_FILE_VERSION)
      return fail(
        `version: this file was made by a newer version of the sandbox (version ${version}); this page reads version ${SCENARIO_FILE_VERSION}. Reload to get the latest sandbox.`,
      );
    if (version < OLDEST_SCENARIO_FILE_VERSION)
      return fail(`version: version ${version} is not one this sandbox reads (it reads ${reads}).`);
  }
  for (const key of Object.keys(json))
    if (!ENVELOPE_FIELDS.includes(key)) errors.push(`${key}: unknown field (expected one of: ${ENVELOPE_FIELDS.join(', ')})`);
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0 || at > MAX_FILE_AT_MS) {
    errors.push(`at: must be the simulated time in ms, from 0 to ${MAX_FILE_AT_MS.toLocaleString('en-US')}`);
  }
  const current = format === undefined ? scenario : migrateScenario(version as number, scenario);
  if (current === undefined) errors.push('scenario: missing (the file holds no scenario)');
  // Fields are named by their path in the file: `scenario.cluster.agents[2].resources.cpus`.
  else errors.push(...scenarioProblems(current).map((p) => (p.startsWith('scenario: ') || p.startsWith('… ') ? p : `scenario.${p}`)));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, scenario: validateScenario(current), at: at as number };
}

/**
 * The scenario of a file of an older `version`, as the current version has it. Version 1 had no `cluster.overlay`:
 * its clusters get DC/OS's virtual networks on, as DC/OS installs them; versions 1 and 2 had no `metronome`, which
 * absent means no jobs. Anything not a scenario is left to validation.
 */
export function migrateScenario(version: number, scenario: unknown): unknown {
  const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (version < 2 && isObject(scenario) && isObject(scenario.cluster) && !Object.hasOwn(scenario.cluster, 'overlay'))
    return { ...scenario, cluster: { ...scenario.cluster, overlay: true } };
  return scenario;
}

/** A scenario without the envelope: opened at its last scripted action. */
function readBare(json: Record<string, unknown>): ReadScenarioFile {
  const errors = scenarioProblems(json);
  if (errors.length > 0) return { ok: false, errors };
  const scenario = validateScenario(json);
  const at = scenario.script.at(-1)?.at ?? 0;
  if (at > MAX_FILE_AT_MS)
    return {
      ok: false,
      errors: [
        `script: its last action is at ${at.toLocaleString('en-US')} ms; a file opens at most ${MAX_FILE_AT_MS.toLocaleString('en-US')} ms in`,
      ],
    };
  return { ok: true, scenario, at };
}
