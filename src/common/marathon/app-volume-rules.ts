/**
 * Marathon's rules on an app's volumes that the sandbox answers without simulating them: persistent volumes, external
 * DVDI volumes and their options (`AppValidation` volume validators, `DVDIProvider`), CSI volumes (`CSIProvider`).
 */
import { asObject, objects, scalaDouble } from './json-values.ts';
import type { Violations } from './violations.ts';

type Json = Record<string, unknown>;

/** What the volume rules read of an app: its JSON, its container and the container's engine. */
export interface VolumeView {
  json: Json;
  container: Json | undefined;
  engine: 'DOCKER' | 'MESOS' | undefined;
}

const CONSTRAINT_OPERATORS = ['UNIQUE', 'LIKE', 'CLUSTER', 'GROUP_BY', 'UNLIKE', 'MAX_PER', 'IS'];
const LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;

/** Persistent and external (DVDI) volumes (`AppValidation` volume validators, `DVDIProvider`). */
export function volumeRules(app: VolumeView, features: readonly string[], v: Violations): void {
  const external = objects(app.container?.volumes).filter((vol) => vol.external !== undefined);
  const names = external.flatMap((vol) => (typeof asObject(vol.external)?.name === 'string' ? [String(asObject(vol.external)!.name)] : []));
  if (new Set(names).size !== names.length) v.add('/container/volumes', 'Volume names must be unique');
  objects(app.container?.volumes).forEach((vol, i) => {
    const at = `/container/volumes(${i})`;
    const persistent = asObject(vol.persistent);
    if (persistent) persistentVolumeRules(vol, persistent, at, v);
    const ext = asObject(vol.external);
    if (ext && !features.includes('external_volumes'))
      v.add(at, 'Feature external_volumes is not enabled. Enable with --enable_features external_volumes)');
    if (ext) externalVolumeRules(vol, ext, app.engine, at, v);
  });
}

/** `mode` absent or RW: Marathon reads the enum in any case (`rw` is RW). */
const isReadWrite = (mode: unknown): boolean => mode === undefined || String(mode).toUpperCase() === 'RW';

function persistentVolumeRules(vol: Json, p: Json, at: string, v: Violations): void {
  const path = vol.containerPath;
  if (path === '.' || path === '..') v.add(`${at}/containerPath`, 'can not be one of (.,..)');
  else if (typeof path === 'string' && path.includes('/')) v.add(`${at}/containerPath`, 'value must not contain "/"');
  if (!isReadWrite(vol.mode)) v.add(`${at}/mode`, 'does not equal RW');
  if (typeof p.size === 'number' && p.size <= 0) v.add(`${at}/persistent/size`, `got ${p.size}, expected more than 0`);
  const type = typeof p.type === 'string' ? p.type.toLowerCase() : 'root';
  const constraints = Array.isArray(p.constraints) ? (p.constraints as unknown[]) : [];
  if (type === 'root' && constraints.length > 0) v.add(`${at}/persistent`, 'Constraints on root volumes are not supported');
  if (p.maxSize !== undefined && type !== 'mount') v.add(`${at}/persistent`, 'Only mount volumes can have maxSize');
  if (typeof p.maxSize === 'number' && typeof p.size === 'number' && p.maxSize <= p.size)
    v.add(`${at}/persistent`, 'Max size must be larger than size');
  for (const raw of constraints) {
    const c = Array.isArray(raw) ? raw.map(String) : [];
    if (c[0] !== 'path' || c.length !== 3) v.add(`${at}/persistent/constraints`, `Unsupported constraint ${c.join(',')}`);
    else if (!CONSTRAINT_OPERATORS.includes(c[1]!)) v.add(`${at}/persistent/constraints`, `unknown constraint operator ${c[1]}`);
    else if (c[1] !== 'LIKE' && c[1] !== 'UNLIKE') v.add(`${at}/persistent/constraints`, 'Operator must be one of LIKE, UNLIKE');
    else if (!compiles(c[2]!)) v.add(`${at}/persistent/constraints/${c[2]}`, 'Invalid regular expression');
  }
}

function compiles(re: string): boolean {
  try {
    new RegExp(re);
    return true;
  } catch {
    return false;
  }
}

function externalVolumeRules(vol: Json, ext: Json, engine: VolumeView['engine'], at: string, v: Violations): void {
  const provider = ext.provider;
  if (provider !== undefined && provider !== 'dvdi' && provider !== 'csi') {
    v.add(`${at}/external/provider`, 'is unknown provider');
    return;
  }
  if (provider === 'csi') return;
  if (typeof ext.name !== 'string' || ext.name === '') v.add(`${at}/external/name`, 'must not be empty');
  if (provider === undefined) {
    v.add(`${at}/external/provider`, 'not defined');
    return;
  }
  const options = asObject(ext.options) ?? {};
  if (Object.keys(options).some((k) => !OPTION_KEY.test(k))) v.add(`${at}/external/options/keys`, OPTION_KEY_RULE);
  const driver = options['dvdi/driver'];
  if (driver === undefined) v.add(`${at}/external/options("dvdi/driver")`, 'not defined');
  else if (typeof driver !== 'string' || !LABEL.test(driver)) v.add(`${at}/external/options("dvdi/driver")`, LABEL_RULE);
  if (driver === 'rexray') rexrayOptionRules(options, at, v);
  dvdiVolumeRules(vol, ext, engine, at, v);
}

const LABEL_RULE = "must match regular expression '^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$'";
const OPTION_KEY = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?\/[A-Za-z0-9](?:[-A-Za-z0-9._:]*[A-Za-z0-9])?$/;
const OPTION_KEY_RULE = "must match regular expression '^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?/[A-Za-z0-9](?:[-A-Za-z0-9\\._:]*[A-Za-z0-9])?$'";

/** `DVDIProvider.VolumeOptions.validRexRayOptions`: each at a path that keeps the option's quotes. */
function rexrayOptionRules(options: Json, at: string, v: Violations): void {
  const path = (key: string) => `${at}/external/options/"${key}"`;
  for (const key of ['dvdi/volumetype', 'dvdi/newfstype'])
    if (options[key] !== undefined && !LABEL.test(String(options[key]))) v.add(path(key), LABEL_RULE);
  const iops = options['dvdi/iops'];
  if (iops !== undefined && !(/^[+-]?\d+$/.test(String(iops)) && Number(iops) > 0))
    v.add(path('dvdi/iops'), `Expected a valid, positive integer instead of ${String(iops)}`);
  const overwrite = options['dvdi/overwritefs'];
  if (overwrite !== undefined && !['true', 'false'].includes(String(overwrite).toLowerCase()))
    v.add(path('dvdi/overwritefs'), 'Expected a valid boolean');
}

/** The per-volume DVDI rules of a MESOS or DOCKER container (`DVDIProviderValidations.validContainer`). */
function dvdiVolumeRules(vol: Json, ext: Json, engine: VolumeView['engine'], at: string, v: Violations): void {
  if (engine === 'DOCKER') {
    if (Object.keys(asObject(ext.options) ?? {}).some((k) => k !== 'dvdi/driver'))
      v.add(`${at}/external/options`, 'must only contain dvdi/driver');
    if (ext.size !== undefined) v.add(`${at}/external/size`, 'must be undefined for Docker containers');
  } else if (!isReadWrite(vol.mode)) v.add(`${at}/mode`, 'does not equal RW');
  if (vol.containerPath === '.' || vol.containerPath === '..') v.add(`${at}/containerPath`, 'can not be one of (.,..)');
}

/**
 * `DVDIProviderValidations.ramlApp`, on an app with a DVDI volume: names unique (shared ones aside), one instance, the
 * volume rules again (indexed among the external volumes only), and a posted upgrade strategy fit for resident tasks.
 * Marathon's one-instance message prints the whole App case class where the sandbox prints its id.
 */
export function dvdiAppRules(app: VolumeView, v: Violations): void {
  const volumes = objects(app.container?.volumes).filter((vol) => asObject(vol.external) !== undefined);
  const isDvdi = (vol: Json) => asObject(vol.external)!.provider === 'dvdi';
  if (!volumes.some(isDvdi)) return;
  const id = String(app.json.id);
  const names = volumes.filter((vol) => isDvdi(vol) && asObject(vol.external)!.shared !== true).map((vol) => asObject(vol.external)!.name);
  const repeated = [...new Set(names.filter((n, i) => typeof n === 'string' && names.indexOf(n) !== i))];
  for (const name of repeated) v.add('/', `Requested DVDI volume '${String(name)}' is declared more than once within app ${id}`);
  const instances = typeof app.json.instances === 'number' ? app.json.instances : 1;
  if (instances > 1) v.add('/', `Number of instances is limited to 1 when declaring DVDI volumes in app [${id}]`);
  volumes.forEach((vol, k) => {
    if (isDvdi(vol)) dvdiVolumeRules(vol, asObject(vol.external)!, app.engine, `/container/volumes(${k})`, v);
  });
  const strategy = asObject(app.json.upgradeStrategy);
  if (strategy && typeof strategy.maximumOverCapacity === 'number' && strategy.maximumOverCapacity !== 0)
    v.add('/upgradeStrategy/maximumOverCapacity', `got ${scalaDouble(strategy.maximumOverCapacity)}, expected 0.0`);
}

const CSI_SHAREABLE = ['MULTI_NODE_READER_ONLY', 'MULTI_NODE_SINGLE_WRITER', 'MULTI_NODE_MULTI_WRITER'];
const CSI_READ_ONLY = ['SINGLE_NODE_READER_ONLY', 'MULTI_NODE_READER_ONLY'];

/** `CSIProviderValidations`: scaling only over shareable volumes, and read-only access modes mounted read-only. */
export function csiRules(app: VolumeView, v: Violations): void {
  const csi = objects(app.container?.volumes).flatMap((vol, i) => {
    const ext = asObject(vol.external);
    if (ext?.provider !== 'csi') return [];
    const capability = asObject(asObject(ext.options)?.capability);
    const mode = typeof capability?.accessMode === 'string' ? capability.accessMode : 'UNKNOWN';
    return [{ i, mode, readOnly: vol.mode === 'RO' }];
  });
  if (csi.length === 0) return;
  const instances = typeof app.json.instances === 'number' ? app.json.instances : 1;
  if (instances > 1) {
    if (!csi.every((c) => CSI_SHAREABLE.includes(c.mode)))
      v.add('/instances', `got ${instances}, expected 1 or less while non-shareable CSI volumes are defined`);
    else if (csi.every((c) => !c.readOnly && c.mode === 'MULTI_NODE_SINGLE_WRITER'))
      v.add('/instances', `got ${instances}, expected 1 or less while a multi-node single-writer volume is defined mounted as read/write`);
  }
  for (const c of csi)
    if (!c.readOnly && CSI_READ_ONLY.includes(c.mode))
      v.add(`/container/volumes(${c.i})/volume`, 'CSI volume must be mounted readonly with a read-only access mode');
}
