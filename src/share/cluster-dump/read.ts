/**
 * `readClusterDump`: the JSON files of a real cluster's dump as a sandbox scenario, with everything the scenario
 * cannot hold listed in `dropped` (a reason each). Which file is which is read from its shape (`recognise.ts`).
 * A file that is not JSON, or not one of the known answers, refuses the whole dump with a message naming it.
 */
import { DCOS_MARATHON_ROLE } from '../../common/marathon/flags.ts';
import { ScenarioError } from '../../common/scenario/reader.ts';
import type { Scenario } from '../../common/scenario/types.ts';
import { validateScenario } from '../../common/scenario/validate.ts';
import { readAgents, type AgentJson } from './agents.ts';
import { durationMs, isObject, num, objects, str, type Json } from './common.ts';
import { readJobs } from './jobs.ts';
import { fileOf, KIND_LABEL, recogniseFiles, type DumpKind } from './recognise.ts';
import { readRoles } from './roles.ts';
import { readServices, serviceActions, type Catalog } from './services.ts';

export type { Catalog };

export interface DumpSummary {
  files: Array<{ name: string; kind: DumpKind; label: string }>;
  agents: number;
  publicAgents: number;
  roles: number;
  apps: number;
  pods: number;
  jobs: number;
  packages: string[];
}

export type ClusterDumpRead =
  { ok: true; scenario: Scenario; dropped: string[]; notes: string[]; summary: DumpSummary } | { ok: false; problems: string[] };

/** Frameworks DC/OS runs itself, which the sandbox runs too. */
const DCOS_FRAMEWORKS = new Set(['marathon', 'metronome']);

/**
 * `catalog`: the packages the sandbox can install and their versions (the UI asks Cosmos' `/package/search`); given,
 * a package it lacks is dropped and a version it lacks becomes its newest; absent, installs are made as listed.
 */
export function readClusterDump(files: ReadonlyArray<{ name: string; text: string }>, catalog?: Catalog): ClusterDumpRead {
  const recognised = recogniseFiles(files);
  if (!recognised.ok) return recognised;
  const dumped = recognised.files;
  const dropped: string[] = [];
  const notes: string[] = [];
  const state = (fileOf(dumped, 'mesos-state') ?? fileOf(dumped, 'mesos-state-summary')) as Json | undefined;
  const slaves = fileOf(dumped, 'mesos-slaves') as Json | undefined;
  const agentsRead = readAgents(objects(state?.slaves), objects(slaves?.slaves));
  dropped.push(...agentsRead.dropped);
  notes.push(...agentsRead.notes);
  const roles = readRoles(fileOf(dumped, 'mesos-roles') as Json | undefined, agentsRead.reservationRoles, dropped);

  const info = fileOf(dumped, 'marathon-info') as Json | undefined;
  const config = info && isObject(info.marathon_config) ? info.marathon_config : {};
  const marathonRole = str(config.mesos_role) ?? DCOS_MARATHON_ROLE;
  const services = readServices(
    fileOf(dumped, 'marathon-groups') ?? fileOf(dumped, 'marathon-apps'),
    fileOf(dumped, 'package-list'),
    marathonRole,
    dropped,
    catalog,
  );
  const jobs = readJobs(fileOf(dumped, 'metronome-jobs'), dropped);

  for (const fw of objects(state?.frameworks)) {
    const name = str(fw.name) ?? '';
    if (DCOS_FRAMEWORKS.has(name) || services.packageFrameworks.has(name)) continue;
    const role = str(fw.role) ?? (Array.isArray(fw.roles) ? fw.roles.join(', ') : '*');
    const tasks = Array.isArray(fw.tasks) ? fw.tasks.length : num(fw.TASK_RUNNING);
    dropped.push(
      `framework ${name || str(fw.id) || '?'} (role ${role}, ${tasks} running task${tasks === 1 ? '' : 's'}): the sandbox runs Marathon, Metronome and catalog packages; other schedulers are not imported (a synthetic framework in the scenario's frameworks can stand in for its load)`,
    );
  }

  const flags = state && isObject(state.flags) ? state.flags : {};
  const quorum = Number(flags.quorum);
  const interval = durationMs(flags.allocation_interval);
  const pings = Number(flags.max_agent_ping_timeouts);
  const cluster: Json = {
    name: str(state?.cluster) || 'imported',
    masters: Number.isInteger(quorum) && quorum >= 1 && quorum <= 5 ? 2 * quorum - 1 : 3,
    agents: [],
    roles,
    ...(interval !== null && interval >= 10 && interval <= 600_000 ? { allocationIntervalMs: interval } : {}),
    ...(Number.isInteger(pings) && pings >= 1 && pings <= 100 ? { maxAgentPingTimeouts: pings } : {}),
  };
  if (!(Number.isInteger(quorum) && quorum >= 1))
    notes.push('The dump does not say how many masters the cluster has (/master/state’s flags.quorum); the sandbox starts 3.');

  const marathon: Json = { role: marathonRole, apps: [] };
  if (services.enforceRoleOff) marathon.flags = { new_group_enforce_role: 'off' };
  const base = { cluster, marathon };
  // Each agent, app and job alone first (their own messages), then the whole (what spans them).
  cluster.agents = agentsRead.agents.filter((agent) =>
    keep(`agent ${agent.hostname}`, { ...base, cluster: { ...cluster, agents: [agent] } }, dropped),
  );
  if ((cluster.agents as AgentJson[]).length === 0) return { ok: false, problems: ['No agent of the dump can be imported.', ...dropped] };
  marathon.apps = services.apps.filter((app) =>
    keep(`app ${String(app.id)}`, { ...base, marathon: { ...marathon, apps: [app] } }, dropped),
  );
  const metronome = { jobs, behavior: {} };
  const raw: Json = { seed: 1, cluster, frameworks: [], marathon, metronome, script: serviceActions(services) };

  let scenario: Scenario | null = null;
  for (let attempt = 0; scenario === null; attempt++) {
    try {
      scenario = validateScenario(raw);
    } catch (e) {
      if (!(e instanceof ScenarioError) || attempt > 1000) throw e;
      if (!dropPart(raw, e, dropped))
        return { ok: false, problems: [`The scenario made from the dump is not valid: ${e.message}`, ...dropped] };
    }
  }
  const agents = scenario.cluster.agents;
  const summary: DumpSummary = {
    files: dumped.map((f) => ({ name: f.name, kind: f.kind, label: KIND_LABEL[f.kind] })),
    agents: agents.reduce((n, a) => n + a.count, 0),
    publicAgents: agents.filter((a) => a.public).reduce((n, a) => n + a.count, 0),
    roles: Object.keys(scenario.cluster.roles).length,
    apps: scenario.marathon.apps.length,
    pods: services.pods.length,
    jobs: scenario.metronome?.jobs.length ?? 0,
    packages: services.packages.map((p) => `${p.name}${p.version ? ` ${p.version}` : ''} (${p.appId})`),
  };
  return { ok: true, scenario, dropped, notes, summary };
}

/** Whether `part` of the scenario reads; when not, why is added to `dropped` under `name`. */
function keep(name: string, scenario: Json, dropped: string[]): boolean {
  try {
    validateScenario(scenario);
    return true;
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    dropped.push(`${name}: ${marathonPath(e.field)}${e.message.slice(e.message.indexOf(': ') + 2)}; it is not imported`);
    return false;
  }
}

/** `marathon.apps[0].container.portMappings[1].hostPort` → `/container/portMappings(1)/hostPort: `. */
function marathonPath(field: string): string {
  const m = /^(?:marathon\.apps|metronome\.jobs|cluster\.agents)\[\d+\]\.?(.*)$/.exec(field);
  if (!m) return field ? `${field}: ` : '';
  return m[1] ? `/${m[1].replace(/\./g, '/').replace(/\[(\d+)\]/g, '($1)')}: ` : '';
}

/** Drops the agent, app or job a whole-scenario error names; false when it names none. */
function dropPart(raw: Json, e: ScenarioError, dropped: string[]): boolean {
  const m = /^(cluster\.agents|marathon\.apps|metronome\.jobs)\[(\d+)\]/.exec(e.field);
  if (!m) return false;
  const [section, key] = m[1]!.split('.') as [string, string];
  const items = (raw[section] as Json)[key] as Json[];
  const [item] = items.splice(Number(m[2]), 1);
  const kind = key === 'agents' ? 'agent' : key === 'apps' ? 'app' : 'job';
  const id = kind === 'agent' ? String(item?.hostname) : String(item?.id);
  dropped.push(`${kind} ${id}: ${marathonPath(e.field)}${e.message.slice(e.message.indexOf(': ') + 2)}; it is not imported`);
  return true;
}

/** The catalog from Cosmos' `POST /package/search` answer (`{packages: [{name, versions: {version: release}}]}`), oldest release first. */
export function catalogOf(search: unknown): Catalog {
  const out = new Map<string, string[]>();
  for (const p of objects(isObject(search) ? search.packages : undefined))
    if (typeof p.name === 'string' && isObject(p.versions)) {
      const versions = p.versions;
      out.set(
        p.name,
        Object.keys(versions).sort((a, b) => Number(versions[a]) - Number(versions[b])),
      );
    }
  return out;
}
