/**
 * Pasted or imported Marathon JSON: one app, an array of apps (or `GET /v2/apps`' `{"apps": [...]}`), one
 * pod, or a group (`{id, apps, groups}`). It is checked with the sandbox's own Marathon readers, so problems
 * come with Marathon's paths (`/groups(1)/apps(0)/cpus`), and turned into the API requests that create it.
 * The root group (`/`, or a group body without id) cannot be POSTed on a real Marathon ("Group / is already
 * created"), so it is split like the `dcos` commands of the export: each top-level group, app and pod alone.
 * Runtime fields (version, tasks, counts, ...) are dropped, so `dcos marathon app show` output imports as is.
 */
import { DCOS_MARATHON_FLAGS } from '../common/marathon/flags.ts';
import { RUNTIME_APP_FIELDS } from '../common/marathon/app-definition.ts';
import type { ApiRequest, ApiResponse } from '../api/types.ts';
import { readApp } from '../common/marathon/validate-app.ts';
import { readGroup } from '../common/marathon/validate-group.ts';
import { readPod } from '../common/marathon/validate-pod.ts';
import type { Violation } from '../common/marathon/violations.ts';

export type Json = Record<string, unknown>;
export type MarathonKind = 'app' | 'apps' | 'pod' | 'group';

/** One request of an import, and what it creates (`app /web`, `group /prod`). */
export interface ImportStep {
  kind: 'app' | 'pod' | 'group';
  id: string;
  request: ApiRequest;
}

export type MarathonImport =
  { ok: true; kind: MarathonKind; steps: ImportStep[] } | { ok: false; kind: MarathonKind | null; errors: string[] };

export interface ImportOptions {
  /** Marathon's --mesos_role (`GET /marathon/v2/info` → `marathon_config.mesos_role`); it decides which roles are valid. */
  defaultRole?: string;
  /** Marathon's --default_network_name (`marathon_config.default_network_name`): the name of a container network given none. */
  defaultNetworkName?: string | null;
}

/** Larger pastes are refused before parsing. */
export const MAX_IMPORT_BYTES = 5_000_000;
export const MAX_IMPORT_APPS = 1000;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const without = (json: Json, keys: readonly string[]): Json => Object.fromEntries(Object.entries(json).filter(([k]) => !keys.includes(k)));
export const stripApp = (app: Json): Json => without(app, RUNTIME_APP_FIELDS);
export const stripPod = (pod: Json): Json => without(pod, ['version', 'status', 'instances']);

/** What the JSON is, by shape: a pod has `containers`, a group `apps`/`groups`/`pods` lists, an app neither. */
export function classifyMarathon(raw: unknown): MarathonKind | null {
  if (Array.isArray(raw)) return 'apps';
  if (!isObject(raw)) return null;
  if (isObject(raw.app) && Object.keys(raw).length === 1) return 'app';
  if (Array.isArray(raw.apps) && Object.keys(raw).length === 1) return 'apps';
  if (Array.isArray(raw.containers)) return 'pod';
  if (['apps', 'groups', 'pods'].some((k) => k in raw)) return 'group';
  return 'app';
}

export function readMarathonImport(text: string, options: ImportOptions = {}): MarathonImport {
  if (text.length > MAX_IMPORT_BYTES)
    return {
      ok: false,
      kind: null,
      errors: [
        `The JSON is too large (${text.length.toLocaleString('en-US')} characters, at most ${MAX_IMPORT_BYTES.toLocaleString('en-US')}).`,
      ],
    };
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch (e) {
    return { ok: false, kind: null, errors: [`Not JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  return planMarathonImport(raw, options);
}

/** Validate parsed Marathon JSON and list the requests that create it. */
export function planMarathonImport(raw: unknown, options: ImportOptions = {}): MarathonImport {
  const network =
    options.defaultNetworkName === undefined
      ? {}
      : { network: { defaultNetworkName: options.defaultNetworkName, mesosBridgeName: DCOS_MARATHON_FLAGS.mesos_bridge_name } };
  const ctx = { base: '/', defaultRole: options.defaultRole ?? '*', ...network };
  const kind = classifyMarathon(raw);
  if (kind === null) return { ok: false, kind, errors: ['/: expected a Marathon app, pod or group (a JSON object) or an array of apps'] };
  const fail = (errors: string[]): MarathonImport => ({ ok: false, kind, errors });

  if (kind === 'app' || kind === 'apps') {
    const single = kind === 'app';
    const items = single
      ? [isObject(raw) && isObject(raw.app) ? raw.app : raw]
      : Array.isArray(raw)
        ? raw
        : ((raw as Json).apps as unknown[]);
    if (items.length === 0) return fail(['/: the list holds no apps']);
    if (items.length > MAX_IMPORT_APPS) return fail([`/: at most ${MAX_IMPORT_APPS} apps at once (got ${items.length})`]);
    const errors: string[] = [];
    const steps: ImportStep[] = [];
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const at = single ? '' : `(${i})`;
      const body = isObject(item) ? stripApp(item) : item;
      const read = readApp(body, ctx);
      if (!read.ok) errors.push(...detailLines(read.body.details ?? [], at, read.body.message));
      else if (seen.has(read.app.id)) errors.push(`${at}/id: the app '${read.app.id}' is listed twice`);
      else {
        seen.add(read.app.id);
        steps.push({ kind: 'app', id: read.app.id, request: { method: 'POST', path: '/marathon/v2/apps', body } });
      }
    });
    return errors.length > 0 ? fail(errors) : { ok: true, kind, steps };
  }

  if (kind === 'pod') {
    const body = stripPod(raw as Json);
    const read = readPod(body, ctx);
    if (!read.ok) return fail(detailLines(read.body.details, '', read.body.message));
    return { ok: true, kind, steps: [{ kind: 'pod', id: read.pod.id, request: { method: 'POST', path: '/marathon/v2/pods', body } }] };
  }

  const group = stripGroup(raw as Json);
  const read = readGroup(group, ctx);
  if (!read.ok) return fail(detailLines(read.body.details, '', read.body.message));
  if (read.group.apps.length + read.group.pods.length > MAX_IMPORT_APPS)
    return fail([`/: at most ${MAX_IMPORT_APPS} apps and pods at once`]);
  if (read.group.id !== '/')
    return {
      ok: true,
      kind,
      steps: [{ kind: 'group', id: read.group.id, request: { method: 'POST', path: '/marathon/v2/groups', body: group } }],
    };
  return { ok: true, kind, steps: rootSteps(group) };
}

/** A root group as a real Marathon takes it: each top-level group, app and pod on its own, dependencies first. */
export function rootSteps(root: Json): ImportStep[] {
  const steps: ImportStep[] = [];
  const deps = new Map<string, string[]>();
  const absolute = (id: unknown) => (typeof id === 'string' ? `/${id.replace(/^\/+|\/+$/g, '')}` : '/');
  const list = (x: unknown): Json[] => (Array.isArray(x) ? x.filter(isObject) : []);
  const depsOf = (node: Json, base: string): string[] => [
    ...(Array.isArray(node.dependencies)
      ? node.dependencies.filter((d): d is string => typeof d === 'string').map((d) => (d.startsWith('/') ? d : `${base}/${d}`))
      : []),
    ...list(node.apps).flatMap((a) => depsOf(a, base)),
    ...list(node.groups).flatMap((g) => depsOf(g, absolute(g.id))),
  ];
  for (const group of list(root.groups)) {
    const id = absolute(group.id);
    steps.push({ kind: 'group', id, request: { method: 'POST', path: '/marathon/v2/groups', body: { ...withoutPods(group), id } } });
    deps.set(id, depsOf(group, id));
  }
  for (const app of list(root.apps)) {
    const id = absolute(app.id);
    steps.push({ kind: 'app', id, request: { method: 'POST', path: '/marathon/v2/apps', body: { ...app, id } } });
    deps.set(id, depsOf(app, ''));
  }
  for (const pod of podsIn(root))
    steps.push({ kind: 'pod', id: absolute(pod.id), request: { method: 'POST', path: '/marathon/v2/pods', body: pod } });
  return dependenciesFirst(steps, deps);
}

/** Every pod of the tree, with its absolute id (a real Marathon's groups hold none: they are posted alone). */
export function podsIn(node: Json, base = '/'): Json[] {
  const resolve = (id: unknown, parent: string) =>
    typeof id !== 'string' ? parent : id.startsWith('/') ? id : `${parent.replace(/\/$/, '')}/${id}`;
  const here = resolve(node.id, base);
  const own = (Array.isArray(node.pods) ? node.pods.filter(isObject) : []).map((p) => ({ ...p, id: resolve(p.id, here) }));
  return [...own, ...(Array.isArray(node.groups) ? node.groups.filter(isObject).flatMap((g) => podsIn(g, here)) : [])];
}

/** The group without its pods, at every level. */
function withoutPods(group: Json): Json {
  const { pods: _pods, ...rest } = group;
  if (Array.isArray(rest.groups)) rest.groups = rest.groups.map((g) => (isObject(g) ? withoutPods(g) : g));
  return rest;
}

/** Stable order where a step comes after the steps holding what it depends on (as given on a cycle). */
function dependenciesFirst(steps: ImportStep[], deps: Map<string, string[]>): ImportStep[] {
  const holder = (dep: string) => steps.find((s) => dep === s.id || dep.startsWith(`${s.id}/`));
  const out: ImportStep[] = [];
  const state = new Map<ImportStep, 'visiting' | 'done'>();
  const visit = (s: ImportStep) => {
    if (state.has(s)) return;
    state.set(s, 'visiting');
    for (const d of deps.get(s.id) ?? []) {
      const h = holder(d);
      if (h && h !== s) visit(h);
    }
    state.set(s, 'done');
    out.push(s);
  };
  steps.forEach(visit);
  return out;
}

/** A group body without runtime fields: no versions or counts on it, its groups or its apps. */
export function stripGroup(group: Json): Json {
  const out = without(group, ['version']);
  if (Array.isArray(group.apps)) out.apps = group.apps.map((a) => (isObject(a) ? stripApp(a) : a));
  if (Array.isArray(group.pods)) out.pods = group.pods.map((p) => (isObject(p) ? stripPod(p) : p));
  if (Array.isArray(group.groups)) out.groups = group.groups.map((g) => (isObject(g) ? stripGroup(g) : g));
  return out;
}

/** `path: error` lines from Marathon's 422 details, each path under `at` (an array item's `(2)`). */
export function detailLines(details: readonly Violation[], at: string, message: string): string[] {
  if (details.length === 0) return [`${at || '/'}: ${message}`];
  return details.flatMap((d) => d.errors.map((e) => `${at}${d.path === '/' && at ? '' : d.path}: ${e}`));
}

export interface StepResult {
  step: ImportStep;
  ok: boolean;
  status: number;
  /** What the API answered: its message and each detail as `path: error`. */
  messages: string[];
}

/** Run the steps one after another through the cluster's API; a failed step does not stop the others. */
export async function runImport(
  steps: readonly ImportStep[],
  request: (req: ApiRequest) => Promise<ApiResponse> | ApiResponse,
): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const step of steps) {
    const answer = await request(step.request);
    const ok = answer.status >= 200 && answer.status < 300;
    results.push({ step, ok, status: answer.status, messages: ok ? [] : answerLines(answer.body) });
  }
  return results;
}

function answerLines(body: unknown): string[] {
  if (typeof body === 'string') return [body];
  if (!isObject(body)) return [JSON.stringify(body)];
  const message = typeof body.message === 'string' ? body.message : JSON.stringify(body);
  const details = Array.isArray(body.details) ? (body.details as Violation[]).filter((d) => isObject(d) && Array.isArray(d.errors)) : [];
  return [message, ...details.flatMap((d) => d.errors.map((e) => `${d.path}: ${e}`))];
}
