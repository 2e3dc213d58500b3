/**
 * The cluster's Marathon services as a real cluster takes them, from `GET /marathon/v2/groups` (the root tree):
 * (a) the tree without runtime fields (version, versionInfo, task counts and tasks, deployments,
 *     lastTaskFailure), each top-level group of which `POST /v2/groups` accepts as is; pods are left out of
 *     the groups (a real Marathon's GroupUpdate has none) and listed on their own;
 * (b) a shell script of `dcos marathon group add` / `app add` / `pod add` commands, one per top-level group,
 *     root app and pod (a real Marathon refuses to POST `/`: "Group / is already created"), dependencies first.
 * Jobs (Metronome) are not simulated by the sandbox yet, so there are no `dcos job add` commands.
 */
import { podsIn, rootSteps, stripGroup, type ImportStep, type Json } from './marathon-import.ts';

export interface MarathonExport {
  /** The root group (`/`) without runtime fields or pods, as pretty JSON is in `json`. */
  group: Json;
  pods: Json[];
  /** One request per top-level group, root app and pod: what the script runs. */
  steps: ImportStep[];
  appCount: number;
  json: string;
  script: string;
}

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

export function exportMarathon(tree: unknown, clusterName = 'sandbox'): MarathonExport {
  const root = isObject(tree) ? stripGroup(tree) : { id: '/', apps: [], groups: [] };
  const pods = podsIn(root);
  const group = tidy(root, true);
  const steps = rootSteps({ ...group, pods });
  const appCount = countApps(group);
  return { group, pods, steps, appCount, json: `${JSON.stringify(group, null, 2)}\n`, script: scriptOf(steps, clusterName) };
}

/** No pods; `enforceRole` only where Marathon takes it (top-level groups); no empty `dependencies`. */
function tidy(group: Json, isRoot: boolean, topLevel = false): Json {
  const { pods: _pods, enforceRole, dependencies, groups, ...rest } = group;
  const out: Json = { ...rest };
  if (Array.isArray(dependencies) && dependencies.length > 0) out.dependencies = dependencies;
  if (topLevel && typeof enforceRole === 'boolean') out.enforceRole = enforceRole;
  out.groups = Array.isArray(groups) ? groups.filter(isObject).map((g) => tidy(g, false, isRoot)) : [];
  return out;
}

function countApps(group: Json): number {
  const apps = Array.isArray(group.apps) ? group.apps.length : 0;
  return apps + (Array.isArray(group.groups) ? group.groups.filter(isObject).reduce((n, g) => n + countApps(g), 0) : 0);
}

const COMMAND: Record<ImportStep['kind'], string> = {
  group: 'dcos marathon group add',
  app: 'dcos marathon app add',
  pod: 'dcos marathon pod add',
};

/** A POSIX shell script; each body goes to the CLI on stdin through a quoted here-document (no expansion). */
export function scriptOf(steps: readonly ImportStep[], clusterName: string): string {
  const lines = [
    '#!/bin/sh',
    `# Recreates the Marathon services of the DC/OS sandbox cluster '${clusterName.replace(/[^\w .-]/g, '')}' on a real DC/OS cluster.`,
    '# Needs the dcos CLI attached to that cluster (dcos cluster setup https://<master>).',
    '# Jobs are not simulated by the sandbox yet, so there are none to add.',
    'set -e',
  ];
  if (steps.length === 0) lines.push('', '# The cluster has no apps, pods or groups.');
  for (const step of steps) {
    lines.push('', `# ${step.kind} ${step.id}`, `${COMMAND[step.kind]} <<'JSON'`, JSON.stringify(step.request.body, null, 2), 'JSON');
  }
  return `${lines.join('\n')}\n`;
}
