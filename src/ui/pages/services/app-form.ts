/**
 * The create/edit form's model: the main fields of an app definition as the strings the inputs
 * hold, kept in step with the JSON editor (the form edits a copy of the JSON, so fields the form
 * does not show survive), and the API's 422 details sorted onto the fields they belong to.
 */
import { RUNTIME_APP_FIELDS } from '../../../common/marathon/app-definition.ts';
import { numberOrText, sortErrors, textOf, type FieldErrors, type Json } from './form-fields.ts';
import { isObject } from './marathon-read.ts';
import { placeNetworkError, type NetworkFieldKey } from './network-form.ts';

export interface AppForm {
  id: string;
  instances: string;
  cpus: string;
  mem: string;
  disk: string;
  gpus: string;
  cmd: string;
  role: string;
  /** One constraint a line, `field:OPERATOR[:value]` as the dcos CLI writes them. */
  constraints: string;
  /** Comma-separated. */
  acceptedResourceRoles: string;
  /** The container image (`container.docker.image`); empty: the command runs in the agent's own filesystem. */
  image: string;
  /** Which runtime pulls and runs the image: Docker Engine, or Mesos' Universal Container Runtime (UCR). */
  runtime: ContainerRuntime;
}

export type ContainerRuntime = 'DOCKER' | 'MESOS';

export type FieldKey = keyof AppForm;

const NUMBER_FIELDS = ['instances', 'cpus', 'mem', 'disk', 'gpus'] as const;

/** Status fields Marathon adds to an app; PUT treats `version` as "roll back to it", so they go. */
const STATUS_FIELDS: readonly string[] = [...RUNTIME_APP_FIELDS, 'counts'];

/** The definition as a user edits it: the app JSON without its status fields. */
export function editableDefinition(raw: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(raw)) if (!STATUS_FIELDS.includes(k)) out[k] = v;
  return out;
}

export function newAppDefinition(groupId: string): Json {
  const prefix = groupId === '/' ? '/' : `${groupId}/`;
  return { id: `${prefix}new-service`, instances: 1, cpus: 0.1, mem: 128, disk: 0, cmd: 'sleep 3600' };
}

function constraintLine(c: unknown): string {
  return Array.isArray(c) && c.every((p) => typeof p === 'string' && !p.includes(':')) ? c.join(':') : JSON.stringify(c);
}

export function formFromJson(json: Json): AppForm {
  const constraints = Array.isArray(json.constraints) ? json.constraints.map(constraintLine).join('\n') : textOf(json.constraints);
  const roles = json.acceptedResourceRoles;
  return {
    id: textOf(json.id),
    instances: textOf(json.instances),
    cpus: textOf(json.cpus),
    mem: textOf(json.mem),
    disk: textOf(json.disk),
    gpus: textOf(json.gpus),
    cmd: textOf(json.cmd),
    role: textOf(json.role),
    constraints,
    acceptedResourceRoles: Array.isArray(roles) ? roles.map(textOf).join(', ') : textOf(roles),
    image: textOf(dockerOf(json).image),
    runtime: isObject(json.container) && json.container.type === 'DOCKER' ? 'DOCKER' : 'MESOS',
  };
}

/** `container.docker`, or nothing. */
function dockerOf(json: Json): Json {
  return isObject(json.container) && isObject(json.container.docker) ? json.container.docker : {};
}

/** The image and runtime written into (a copy of) the definition's container; no image, no image in it. */
function withImage(out: Json, form: AppForm): void {
  const image = form.image.trim();
  const container: Json = isObject(out.container) ? { ...out.container } : {};
  const docker: Json = { ...dockerOf(out) };
  if (image === '') {
    if (!isObject(out.container)) return;
    delete docker.image;
  } else {
    docker.image = image;
    container.type = form.runtime;
  }
  if (Object.keys(docker).length > 0) container.docker = docker;
  else delete container.docker;
  if (Object.keys(container).length === 0 || (image === '' && Object.keys(container).every((k) => k === 'type'))) delete out.container;
  else out.container = container;
}

function parseConstraint(line: string): unknown {
  const t = line.trim();
  if (t.startsWith('[') || t.startsWith('{')) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return t;
    }
  }
  return t.split(':').map((p) => p.trim());
}

/** The form's fields written over a copy of `base`; an empty optional field is left out. */
export function jsonFromForm(form: AppForm, base: Json): Json {
  const out: Json = { ...base, id: form.id.trim() };
  for (const f of NUMBER_FIELDS) {
    if (form[f].trim() === '') delete out[f];
    else out[f] = numberOrText(form[f]);
  }
  for (const f of ['cmd', 'role'] as const) {
    if (form[f].trim() === '') delete out[f];
    else out[f] = form[f];
  }
  const lines = form.constraints.split('\n').filter((l) => l.trim() !== '');
  if (lines.length > 0) out.constraints = lines.map(parseConstraint);
  else if (base.constraints !== undefined) out.constraints = [];
  const roles = form.acceptedResourceRoles
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (roles.length > 0) out.acceptedResourceRoles = roles;
  else delete out.acceptedResourceRoles;
  withImage(out, form);
  return out;
}

const FIELD_OF_TOP: Record<string, FieldKey> = {
  id: 'id',
  instances: 'instances',
  cpus: 'cpus',
  mem: 'mem',
  disk: 'disk',
  gpus: 'gpus',
  cmd: 'cmd',
  args: 'cmd',
  role: 'role',
  constraints: 'constraints',
  acceptedResourceRoles: 'acceptedResourceRoles',
  container: 'image',
};

/** The Volumes section's places for errors: the list, one volume, a volume's field. */
export type VolumeField = 'containerPath' | 'hostPath' | 'size' | 'name' | 'mode';
export type VolumeFieldKey = 'volumes' | `volume(${number})` | `volume(${number})/${VolumeField}`;

function placeVolumeError(path: string): VolumeFieldKey | undefined {
  const v = /^\/container\/volumes(?:\((\d+)\)(.*))?$/.exec(path);
  if (!v) return undefined;
  if (v[1] === undefined) return 'volumes';
  const i = Number(v[1]);
  const f = /^\/(?:persistent\/|external\/)?(containerPath|hostPath|size|name|mode)$/.exec(v[2] ?? '');
  return f ? `volume(${i})/${f[1] as VolumeField}` : `volume(${i})`;
}

/**
 * Sort 422 details onto the app form's fields; a constraint's index becomes its line number; networking onto
 * the Network section, volumes onto the Volumes section.
 */
export function fieldErrors(
  details: ReadonlyArray<{ path: string; errors: string[] }>,
): FieldErrors<FieldKey | NetworkFieldKey | VolumeFieldKey> {
  return sortErrors<FieldKey | NetworkFieldKey | VolumeFieldKey>(details, (path, message) => {
    const network = placeNetworkError(path, message) ?? placeVolumeError(path);
    if (network) return { field: network, message };
    const top = /^\/([^/(]+)(?:\((\d+)\))?/.exec(path);
    const field = top ? FIELD_OF_TOP[top[1]!] : undefined;
    if (field === 'constraints' && top?.[2] !== undefined) return { field, message: `line ${Number(top[2]) + 1}: ${message}` };
    if (field) return { field, message };
    return path === '/' && /'cmd'|'args'/.test(message) ? { field: 'cmd', message } : undefined;
  });
}
