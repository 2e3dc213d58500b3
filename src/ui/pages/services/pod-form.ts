/**
 * The pod form's model: the main fields of a pod definition as the strings the inputs hold. Every
 * container, endpoint, volume mount and volume remembers the item of the definition it was read from
 * (`from`), and is written back over it, so the fields the form does not show survive adding, removing
 * and editing items; and the API's 422 details sorted onto the fields (`c0.e1.hostPort`: container 0,
 * endpoint 1).
 */
import { numberOrText, sortErrors, textOf, type FieldErrors, type Json } from './form-fields.ts';
import { isObject } from './marathon-read.ts';

export type NetworkMode = 'host' | 'container' | 'container/bridge';

interface Item {
  /** The index of the item in the definition's list it was read from; null: added in the form. */
  from: number | null;
}

export interface EndpointForm extends Item {
  name: string;
  containerPort: string;
  hostPort: string;
  /** Comma-separated: `tcp`, `udp`, `tcp, udp`. */
  protocol: string;
}

export interface MountForm extends Item {
  name: string;
  mountPath: string;
}

export interface VolumeForm extends Item {
  name: string;
  /** A directory of the agent; empty: the volume is an empty directory that lives as long as the instance. */
  host: string;
}

export interface ContainerForm extends Item {
  name: string;
  cpus: string;
  mem: string;
  disk: string;
  /** `exec.command.shell`; empty: the image's own entrypoint runs. */
  command: string;
  /** `image.id`; empty: no image. */
  image: string;
  endpoints: EndpointForm[];
  mounts: MountForm[];
}

export interface PodForm {
  id: string;
  instances: string;
  /** The mode of the pod's first network (none: host). */
  network: NetworkMode;
  containers: ContainerForm[];
  volumes: VolumeForm[];
}

export function newPodDefinition(groupId: string): Json {
  const prefix = groupId === '/' ? '/' : `${groupId}/`;
  return {
    id: `${prefix}new-pod`,
    scaling: { kind: 'fixed', instances: 1 },
    containers: [{ name: 'container-1', resources: { cpus: 0.1, mem: 128 }, exec: { command: { shell: 'sleep 3600' } } }],
  };
}

/** A container added in the form, named after the first free `container-N`. */
export function newContainer(taken: readonly ContainerForm[]): ContainerForm {
  const names = new Set(taken.map((c) => c.name));
  let n = taken.length + 1;
  while (names.has(`container-${n}`)) n++;
  return { from: null, name: `container-${n}`, cpus: '0.1', mem: '128', disk: '', command: '', image: '', endpoints: [], mounts: [] };
}

export const newEndpoint = (): EndpointForm => ({ from: null, name: '', containerPort: '', hostPort: '', protocol: 'tcp' });
export const newMount = (): MountForm => ({ from: null, name: '', mountPath: '' });
export const newVolume = (): VolumeForm => ({ from: null, name: '', host: '' });

const at = (v: unknown, ...keys: string[]): unknown => keys.reduce((o, k) => (isObject(o) ? o[k] : undefined), v);
/** A list's items, each an object (anything else reads as an empty one). */
const itemsOf = (v: unknown): Json[] => (Array.isArray(v) ? v.map((x) => (isObject(x) ? x : {})) : []);

function networkOf(json: Json): NetworkMode {
  const first: unknown = Array.isArray(json.networks) ? json.networks[0] : undefined;
  if (!isObject(first)) return 'host';
  const mode = typeof first.mode === 'string' ? first.mode.toLowerCase() : 'container';
  return mode === 'host' || mode === 'container/bridge' ? mode : 'container';
}

export function podFormFromJson(json: Json): PodForm {
  return {
    id: textOf(json.id),
    instances: textOf(at(json, 'scaling', 'instances')),
    network: networkOf(json),
    containers: itemsOf(json.containers).map((c, from) => ({
      from,
      name: textOf(c.name),
      cpus: textOf(at(c, 'resources', 'cpus')),
      mem: textOf(at(c, 'resources', 'mem')),
      disk: textOf(at(c, 'resources', 'disk')),
      command: textOf(at(c, 'exec', 'command', 'shell')),
      image: textOf(at(c, 'image', 'id')),
      endpoints: itemsOf(c.endpoints).map((e, from) => ({
        from,
        name: textOf(e.name),
        containerPort: textOf(e.containerPort),
        hostPort: textOf(e.hostPort),
        protocol: Array.isArray(e.protocol) ? e.protocol.map(textOf).join(', ') : textOf(e.protocol),
      })),
      mounts: itemsOf(c.volumeMounts).map((m, from) => ({ from, name: textOf(m.name), mountPath: textOf(m.mountPath) })),
    })),
    volumes: itemsOf(json.volumes).map((v, from) => ({ from, name: textOf(v.name), host: textOf(v.host) })),
  };
}

/** `item[key]` set to the field's text (a number when `numeric` and it is one); an empty field removes it. */
function put(item: Json, key: string, value: string, numeric = false): Json {
  if (value.trim() === '') delete item[key];
  else item[key] = numeric ? numberOrText(value) : value;
  return item;
}

/** The form's items, each written over (a copy of) the item it was read from; a new one over nothing. */
function itemsOver<F extends Item>(forms: readonly F[], list: unknown, write: (form: F, item: Json) => Json): Json[] {
  const items = itemsOf(list);
  return forms.map((f) => write(f, { ...(f.from === null ? {} : items[f.from]) }));
}

/** A list is written when it has items, or empty when the definition had it (so a round trip keeps `[]`). */
function putList(out: Json, key: string, items: Json[]): void {
  if (items.length > 0 || key in out) out[key] = items;
}

function withCommand(item: Json, shell: string): void {
  const exec: Json = isObject(item.exec) ? { ...item.exec } : {};
  if (shell.trim() !== '') {
    item.exec = { ...exec, command: { shell } };
    return;
  }
  // An `argv` command the form does not show stays; a shell command the field no longer has goes.
  if (at(exec, 'command', 'shell') === undefined) return;
  delete exec.command;
  if (Object.keys(exec).length > 0) item.exec = exec;
  else delete item.exec;
}

function endpointJson(e: EndpointForm, item: Json): Json {
  put(item, 'name', e.name);
  put(item, 'containerPort', e.containerPort, true);
  put(item, 'hostPort', e.hostPort, true);
  const protocols = e.protocol
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (protocols.length > 0) item.protocol = protocols;
  else delete item.protocol;
  return item;
}

function containerJson(c: ContainerForm, item: Json): Json {
  put(item, 'name', c.name);
  const resources: Json = isObject(item.resources) ? { ...item.resources } : {};
  for (const k of ['cpus', 'mem', 'disk'] as const) put(resources, k, c[k], true);
  item.resources = resources;
  withCommand(item, c.command);
  const image = c.image.trim();
  if (image === '') delete item.image;
  else item.image = { kind: 'DOCKER', ...(isObject(item.image) ? item.image : {}), id: image };
  putList(item, 'endpoints', itemsOver(c.endpoints, item.endpoints, endpointJson));
  putList(
    item,
    'volumeMounts',
    itemsOver(c.mounts, item.volumeMounts, (m, x) => put(put(x, 'name', m.name), 'mountPath', m.mountPath)),
  );
  return item;
}

/** The form's fields written over a copy of `base`; an empty optional field is left out. */
export function podJsonFromForm(form: PodForm, base: Json): Json {
  const out: Json = { ...base, id: form.id.trim() };
  if (isObject(base.scaling) || form.instances.trim() !== '')
    out.scaling = put(isObject(base.scaling) ? { ...base.scaling } : { kind: 'fixed' }, 'instances', form.instances, true);
  // A changed mode replaces the networks; an unchanged one keeps them as they are (names, labels, more networks).
  if (form.network !== networkOf(base)) out.networks = [{ mode: form.network }];
  out.containers = itemsOver(form.containers, base.containers, containerJson);
  putList(
    out,
    'volumes',
    itemsOver(form.volumes, base.volumes, (v, x) => put(put(x, 'name', v.name), 'host', v.host)),
  );
  return out;
}

/** Marathon's paths (as normalized: `/containers(0)/…`) and the form field each belongs to. */
const POD_FIELDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/id$/, 'id'],
  [/^\/scaling(\/instances)?$/, 'instances'],
  [/^\/networks.*/, 'network'],
  [/^\/containers\((\d+)\)\/(name)$/, 'c$1.$2'],
  [/^\/containers\((\d+)\)\/resources\/(cpus|mem|disk)$/, 'c$1.$2'],
  [/^\/containers\((\d+)\)\/exec(\/.*)?$/, 'c$1.command'],
  [/^\/containers\((\d+)\)\/image(\/.*)?$/, 'c$1.image'],
  [/^\/containers\((\d+)\)\/endpoints\((\d+)\)\/(name|containerPort|hostPort|protocol)(\(\d+\))?$/, 'c$1.e$2.$3'],
  [/^\/containers\((\d+)\)\/volumeMounts\((\d+)\)\/(name|mountPath)$/, 'c$1.m$2.$3'],
  [/^\/volumes\((\d+)\)(\/name)?$/, 'v$1.name'],
  [/^\/volumes\((\d+)\)\/host$/, 'v$1.host'],
  [/^\/(containers|volumes)$/, '$1'],
  // The pod-wide rules on the containers' endpoints (unique names, container ports and host ports) are posted at `/`.
  [/^\/$/, 'containers'],
];

/** The form field of a Marathon error path, or undefined when the form does not show it. */
export function podFieldOf(path: string): string | undefined {
  const entry = POD_FIELDS.find(([re]) => re.test(path));
  return entry && path.replace(entry[0], entry[1]);
}

export function podFieldErrors(details: ReadonlyArray<{ path: string; errors: string[] }>): FieldErrors<string> {
  return sortErrors<string>(details, (path, message) => {
    const field = podFieldOf(path);
    return field === undefined ? undefined : { field, message };
  });
}
