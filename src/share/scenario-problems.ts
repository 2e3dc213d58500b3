/**
 * Every bad field of a scenario, not just the first: `validateScenario` stops at the first problem,
 * so each independent part (seed, cluster settings, each agent, each framework, each Marathon app,
 * each script action) is validated on its own inside a minimal valid scenario and its error is
 * re-pathed to where it sits in the file. A final whole-scenario pass catches what crosses parts
 * (duplicate hostnames, unknown reservation roles, script order).
 */
import { ScenarioError } from '../common/scenario/reader.ts';
import { validateScenario } from '../common/scenario/validate.ts';

/** Keep the list readable: a file broken everywhere shows this many messages. */
export const MAX_PROBLEMS = 50;

type Json = Record<string, unknown>;
const STUB_AGENT = { hostname: 'stub', resources: { cpus: 1, mem: 1 } };
const STUB_CLUSTER = { agents: [STUB_AGENT] };
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** `field: reason` for each problem found, in file order; empty when the scenario is valid. */
export function scenarioProblems(raw: unknown): string[] {
  const first = problemOf(raw);
  if (first === null) return [];
  if (!isObject(raw)) return [first.text];
  const found: Array<{ field: string; text: string }> = [];
  const check = (piece: unknown, from?: string, to?: string) => {
    const p = problemOf(piece);
    if (!p) return;
    const field =
      from !== undefined && to !== undefined && (p.field === from || p.field.startsWith(`${from}.`) || p.field.startsWith(`${from}[`))
        ? to + p.field.slice(from.length)
        : p.field;
    found.push({ field, text: `${field || 'scenario'}: ${p.reason}` });
  };
  const { cluster, frameworks, marathon, script, ...rest } = raw;
  check({ ...rest, cluster: STUB_CLUSTER });
  if (isObject(cluster) && Array.isArray(cluster.agents) && cluster.agents.length > 0) {
    check({ cluster: { ...cluster, agents: [STUB_AGENT] } });
    // Agents are read against the declared roles when those are fine (reservations name them).
    const base = problemOf({ cluster: { roles: cluster.roles, agents: [STUB_AGENT] } }) === null ? { roles: cluster.roles } : {};
    cluster.agents.forEach((agent, i) => check({ cluster: { ...base, agents: [agent] } }, 'cluster.agents[0]', `cluster.agents[${i}]`));
  } else check({ cluster });
  if (Array.isArray(frameworks))
    frameworks.forEach((fw, i) => check({ cluster: STUB_CLUSTER, frameworks: [fw] }, 'frameworks[0]', `frameworks[${i}]`));
  else if (frameworks !== undefined) check({ cluster: STUB_CLUSTER, frameworks });
  if (isObject(marathon) && Array.isArray(marathon.apps)) {
    const { apps, ...settings } = marathon;
    check({ cluster: STUB_CLUSTER, marathon: settings });
    const { behavior: _behavior, ...appSettings } = settings;
    apps.forEach((app, i) =>
      check({ cluster: STUB_CLUSTER, marathon: { ...appSettings, apps: [app] } }, 'marathon.apps[0]', `marathon.apps[${i}]`),
    );
  } else if (marathon !== undefined) check({ cluster: STUB_CLUSTER, marathon });
  if (Array.isArray(script)) script.forEach((action, i) => check({ cluster: STUB_CLUSTER, script: [action] }, 'script[0]', `script[${i}]`));
  else if (script !== undefined) check({ cluster: STUB_CLUSTER, script });

  // Whatever spans parts shows only in the whole; add it unless a part already named that field.
  if (!found.some((f) => f.field === first.field)) found.push({ field: first.field, text: first.text });
  const texts = [...new Set(found.map((f) => f.text))];
  return texts.length > MAX_PROBLEMS ? [...texts.slice(0, MAX_PROBLEMS), `… and ${texts.length - MAX_PROBLEMS} more problems`] : texts;
}

function problemOf(raw: unknown): { field: string; reason: string; text: string } | null {
  try {
    validateScenario(raw);
    return null;
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    const prefix = `${e.field || 'scenario'}: `;
    const reason = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
    return { field: e.field, reason, text: e.message };
  }
}
