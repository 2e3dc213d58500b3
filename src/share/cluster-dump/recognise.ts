/**
 * Which file of a dump is which, by its shape (never its name): the Mesos master's `/master/state`,
 * `/master/state-summary` or `/master/slaves`, its `/master/roles`, Marathon's `/v2/groups` tree or `/v2/apps`
 * list (or one group), Marathon's `/v2/info`, Metronome's `/v1/jobs`, and the package list (Cosmos'
 * `/package/list` answer or `dcos package list --json`).
 */
import { isObject, list, type Json } from './common.ts';

export type DumpKind =
  | 'mesos-state'
  | 'mesos-state-summary'
  | 'mesos-slaves'
  | 'mesos-roles'
  | 'marathon-groups'
  | 'marathon-apps'
  | 'marathon-info'
  | 'metronome-jobs'
  | 'package-list'
  | 'empty';

export const KIND_LABEL: Record<DumpKind, string> = {
  'mesos-state': 'Mesos /master/state',
  'mesos-state-summary': 'Mesos /master/state-summary',
  'mesos-slaves': 'Mesos /master/slaves',
  'mesos-roles': 'Mesos /master/roles',
  'marathon-groups': 'Marathon /v2/groups',
  'marathon-apps': 'Marathon /v2/apps',
  'marathon-info': 'Marathon /v2/info',
  'metronome-jobs': 'Metronome /v1/jobs',
  'package-list': 'package list',
  empty: 'an empty list',
};

export interface DumpFile {
  name: string;
  kind: DumpKind;
  json: unknown;
}

/** Larger files are refused before parsing (a /master/state of a few thousand agents is well under this). */
export const MAX_DUMP_FILE_BYTES = 50_000_000;
export const MAX_DUMP_FILES = 20;

/** Each file parsed and recognised, or the reasons none of them is taken. */
export function recogniseFiles(
  files: ReadonlyArray<{ name: string; text: string }>,
): { ok: true; files: DumpFile[] } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const out: DumpFile[] = [];
  if (files.length === 0) return { ok: false, problems: ['No files: choose the JSON files of the dump.'] };
  if (files.length > MAX_DUMP_FILES) return { ok: false, problems: [`At most ${MAX_DUMP_FILES} files at once (got ${files.length}).`] };
  for (const file of files) {
    if (file.text.length > MAX_DUMP_FILE_BYTES) {
      problems.push(
        `${file.name}: too large (${file.text.length.toLocaleString('en-US')} characters, at most ${MAX_DUMP_FILE_BYTES.toLocaleString('en-US')}).`,
      );
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(file.text) as unknown;
    } catch (e) {
      problems.push(`${file.name}: not JSON (${e instanceof Error ? e.message : String(e)}).`);
      continue;
    }
    const kind = kindOf(json);
    if (kind === null)
      problems.push(
        `${file.name}: not a file this reader knows: expected the JSON of /mesos/master/state, /state-summary, /slaves or /roles, Marathon's /v2/groups, /v2/apps or /v2/info, Metronome's /v1/jobs, or a package list.`,
      );
    else out.push({ name: file.name, kind, json });
  }
  if (problems.length > 0) return { ok: false, problems };
  for (const single of ['mesos-state', 'mesos-state-summary', 'mesos-slaves', 'mesos-roles', 'marathon-groups', 'marathon-apps'] as const) {
    const same = out.filter((f) => f.kind === single);
    if (same.length > 1) problems.push(`${same.map((f) => f.name).join(' and ')}: each is a ${KIND_LABEL[single]}; a dump holds one.`);
  }
  if (out.some((f) => f.kind === 'marathon-groups') && out.some((f) => f.kind === 'marathon-apps'))
    problems.push('Both Marathon /v2/groups and /v2/apps: give one of them (the groups tree holds the apps).');
  if (!out.some((f) => f.kind.startsWith('mesos-state') || f.kind === 'mesos-slaves'))
    problems.push('No agents: the dump needs the Mesos /master/state (or /state-summary or /slaves) to know the cluster’s agents.');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, files: out };
}

/** What a parsed file is, by shape. */
export function kindOf(json: unknown): DumpKind | null {
  if (Array.isArray(json)) {
    if (json.length === 0) return 'empty';
    const items = json.filter(isObject);
    if (items.length !== json.length) return null;
    if (items.every((j) => isObject(j.run) && typeof j.id === 'string')) return 'metronome-jobs';
    if (items.every((p) => typeof p.name === 'string' && typeof p.version === 'string' && 'apps' in p)) return 'package-list';
    if (items.every((a) => typeof a.id === 'string' && !('run' in a))) return 'marathon-apps';
    return null;
  }
  if (!isObject(json)) return null;
  if (Array.isArray(json.slaves)) {
    if ('recovered_slaves' in json) return 'mesos-slaves';
    if ('leader_info' in json || 'flags' in json || 'activated_slaves' in json) return 'mesos-state';
    if (Array.isArray(json.frameworks)) return 'mesos-state-summary';
    return null;
  }
  if (Array.isArray(json.roles) && json.roles.every((r) => isObject(r) && typeof r.name === 'string')) return 'mesos-roles';
  if (isObject(json.marathon_config)) return 'marathon-info';
  if (Array.isArray(json.packages) && json.packages.every((p) => isObject(p) && typeof p.appId === 'string')) return 'package-list';
  if (Array.isArray(json.apps) && Object.keys(json).length === 1) return 'marathon-apps';
  if (['apps', 'groups', 'pods'].some((k) => Array.isArray(json[k]))) return 'marathon-groups';
  return null;
}

/** The one file of `kind`, if given. */
export const fileOf = (files: readonly DumpFile[], kind: DumpKind): Json | unknown[] | undefined => {
  const f = files.find((x) => x.kind === kind);
  return f === undefined ? undefined : isObject(f.json) ? f.json : list(f.json);
};
