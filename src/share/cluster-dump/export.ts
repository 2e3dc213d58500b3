/**
 * Any cluster as the `dcos` commands that recreate it on a real DC/OS cluster, from what its API answers
 * (`GET /marathon/v2/groups?embed=…`, `GET /service/metronome/v1/jobs?embed=…`, `POST /package/list`):
 * `recreate.sh` and the JSON files it names, packages first (apps may depend on their services), then each
 * top-level group, root app and pod in dependency order (`exportMarathon`), then jobs in dependency order.
 * Apps a package made are left to `dcos package install`, with the options they were installed with.
 */
import { fromBase64 } from '../../common/catalog/build.ts';
import { exportMarathon } from '../marathon-export.ts';
import type { ImportStep } from '../marathon-import.ts';
import { isObject, list, objects, slug, str, type Json } from './common.ts';
import { dependenciesFirst, stripJob } from './jobs.ts';

export interface ScriptFile {
  path: string;
  text: string;
}

export interface DcosScriptInput {
  /** Marathon's root group (`GET /marathon/v2/groups?embed=group.groups&embed=group.apps&embed=group.pods`). */
  groups: unknown;
  /** Metronome's `GET /v1/jobs?embed=schedules` (absent: no jobs). */
  jobs?: unknown;
  /** Cosmos' `/package/list` answer or `dcos package list --json` (absent: none). */
  packages?: unknown;
  clusterName?: string;
}

export const SCRIPT_PATH = 'recreate.sh';

interface Install {
  name: string;
  version?: string;
  appId: string;
  options?: Json;
}

const pretty = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`;
/** A word for the shell, single-quoted unless it is plain. */
const sh = (word: string) => (/^[A-Za-z0-9_./=:@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
const absolute = (id: unknown) => `/${String(id ?? '').replace(/^\/+|\/+$/g, '')}`;

export function exportDcosScript(input: DcosScriptInput): ScriptFile[] {
  const installs = installsOf(input.packages, input.groups);
  const packageApps = new Set(installs.map((i) => i.appId));
  const tree = isObject(input.groups) ? withoutApps(input.groups, packageApps, '/') : { id: '/', apps: [], groups: [] };
  const marathon = exportMarathon(tree, input.clusterName);
  const jobs = dependenciesFirst(objects(input.jobs).map(stripJob));

  const files: ScriptFile[] = [];
  const used = new Set<string>();
  const file = (dir: string, name: string, body: unknown): string => {
    let path = `${dir}/${name}.json`;
    for (let i = 2; used.has(path); i++) path = `${dir}/${name}-${i}.json`;
    used.add(path);
    files.push({ path, text: pretty(body) });
    return path;
  };
  const lines = [
    '#!/bin/sh',
    `# Recreates the apps, groups, pods, jobs and packages of the DC/OS sandbox cluster '${(input.clusterName ?? 'sandbox').replace(/[^\w .-]/g, '')}'`,
    '# on a real DC/OS cluster. Needs the dcos CLI attached to it (dcos cluster setup https://<master>).',
    '# Run it from anywhere: the JSON files it names sit next to it.',
    'set -e',
    'cd "$(dirname "$0")"',
  ];
  if (installs.length > 0) lines.push('', '# Packages first: apps may depend on their services.');
  const names = new Map<string, number>();
  installs.forEach((i) => names.set(i.name, (names.get(i.name) ?? 0) + 1));
  for (const i of installs) {
    const args = ['dcos', 'package', 'install', sh(i.name)];
    if (i.version) args.push(`--package-version=${sh(i.version)}`);
    if (i.options && Object.keys(i.options).length > 0)
      args.push(`--options=${sh(file('packages', (names.get(i.name) ?? 0) > 1 ? slug(i.appId) : i.name, i.options))}`);
    const serviceName = i.options && isObject(i.options.service) ? str(i.options.service.name) : undefined;
    if (i.appId !== `/${i.name}` && serviceName === undefined) args.push(`--app-id=${sh(i.appId)}`);
    args.push('--yes');
    lines.push(args.join(' '));
  }
  const COMMAND: Record<ImportStep['kind'], [string, string]> = {
    group: ['dcos marathon group add', 'groups'],
    app: ['dcos marathon app add', 'apps'],
    pod: ['dcos marathon pod add', 'pods'],
  };
  if (marathon.steps.length > 0) lines.push('', '# Marathon: each top-level group, root app and pod, dependencies first.');
  for (const step of marathon.steps) {
    const [command, dir] = COMMAND[step.kind];
    lines.push(`${command} ${sh(file(dir, slug(step.id), step.request.body))}`);
  }
  if (jobs.length > 0) lines.push('', '# Jobs, dependencies first (dcos job add adds the first schedule; others follow).');
  for (const job of jobs) {
    const schedules = objects(job.schedules);
    const path = file('jobs', slug(String(job.id)), schedules.length > 1 ? { ...job, schedules: schedules.slice(0, 1) } : job);
    lines.push(`dcos job add ${sh(path)}`);
    for (const s of schedules.slice(1))
      lines.push(
        `dcos job schedule add ${sh(String(job.id))} ${sh(file('jobs', `${slug(String(job.id))}.schedule-${slug(String(s.id))}`, s))}`,
      );
  }
  if (installs.length + marathon.steps.length + jobs.length === 0)
    lines.push('', '# The cluster has no apps, pods, groups, jobs or packages.');
  return [{ path: SCRIPT_PATH, text: `${lines.join('\n')}\n` }, ...files];
}

/** Installed packages, by app id, with the options their app's DCOS_PACKAGE_OPTIONS label holds. */
function installsOf(packages: unknown, groups: unknown): Install[] {
  const labelsById = new Map<string, Json>();
  const walk = (g: Json, base: string) => {
    const here = g.id === undefined ? base : absolute(String(g.id).startsWith('/') ? g.id : `${base}/${String(g.id)}`);
    for (const a of objects(g.apps))
      if (isObject(a.labels)) labelsById.set(absolute(String(a.id).startsWith('/') ? a.id : `${here}/${String(a.id)}`), a.labels);
    for (const sub of objects(g.groups)) walk(sub, here);
  };
  if (isObject(groups)) walk(groups, '/');
  const listed: Install[] = [];
  if (isObject(packages))
    for (const p of objects(packages.packages)) {
      const def =
        isObject(p.packageInformation) && isObject(p.packageInformation.packageDefinition) ? p.packageInformation.packageDefinition : {};
      if (typeof def.name === 'string') listed.push({ name: def.name, version: str(def.version), appId: absolute(p.appId) });
    }
  for (const p of objects(packages))
    for (const appId of list(p.apps))
      if (typeof p.name === 'string') listed.push({ name: p.name, version: str(p.version), appId: absolute(appId) });
  return listed.map((install) => {
    const label = labelsById.get(install.appId)?.DCOS_PACKAGE_OPTIONS;
    if (typeof label !== 'string') return install;
    try {
      const options = JSON.parse(fromBase64(label)) as unknown;
      return isObject(options) ? { ...install, options } : install;
    } catch {
      return install;
    }
  });
}

/** The tree without the apps whose absolute id is in `ids`. */
function withoutApps(group: Json, ids: ReadonlySet<string>, base: string): Json {
  const here = group.id === undefined ? base : absolute(String(group.id).startsWith('/') ? group.id : `${base}/${String(group.id)}`);
  const out: Json = { ...group };
  if (Array.isArray(group.apps))
    out.apps = group.apps.filter(
      (a) => !(isObject(a) && ids.has(absolute(String(a.id).startsWith('/') ? a.id : `${here}/${String(a.id)}`))),
    );
  if (Array.isArray(group.groups)) out.groups = group.groups.map((g) => (isObject(g) ? withoutApps(g, ids, here) : g));
  return out;
}

/**
 * One file that holds them all: a shell script that writes each file under a directory (its first argument, by
 * default `dcos-recreate`) and says how to run it. No archive library needed; each file stays readable in it.
 */
export function bundleOf(files: readonly ScriptFile[]): string {
  const EOF = 'DCOS_SANDBOX_FILE_END';
  const dirs = [...new Set(files.map((f) => f.path.split('/').slice(0, -1).join('/')).filter((d) => d !== ''))];
  const lines = [
    '#!/bin/sh',
    '# The dcos script of a DC/OS sandbox cluster and its JSON files: sh this-file [directory]',
    'set -e',
    'dir="${1:-dcos-recreate}"',
  ];
  lines.push(`mkdir -p "$dir"${dirs.map((d) => ` "$dir/${d}"`).join('')}`);
  for (const f of files) lines.push(`cat > "$dir/${f.path}" <<'${EOF}'`, f.text.replace(/\n$/, ''), EOF);
  lines.push(`chmod +x "$dir/${SCRIPT_PATH}"`, `echo "Wrote $dir; run: sh $dir/${SCRIPT_PATH}"`);
  return `${lines.join('\n')}\n`;
}
