/**
 * The root group's rule on external volumes (`ProviderValidationHelpers.validateUniqueVolumes`, run for the DVDI then
 * the CSI provider on every change): an external volume that may be attached once (a DVDI volume not `shared`; a CSI
 * volume whose access mode is not shareable, or a writable MULTI_NODE_SINGLE_WRITER one) belongs to one app. Every
 * app naming such a volume held by another app is refused, the apps already there included, at its place in the
 * group tree (`/groups(0)/apps(1)/container`). Groups and apps are walked in id order; Marathon walks its maps, whose
 * order is that of insertion for up to four entries.
 */
import { parentOf } from './path-id.ts';
import type { Violation } from './violations.ts';

export interface AppVolumes {
  id: string;
  container?: Record<string, unknown>;
}

interface ExternalMount {
  name: string;
  provider: string;
  shared: boolean;
  accessMode: string | undefined;
  readOnly: boolean;
}

type Json = Record<string, unknown>;
const asObject = (x: unknown): Json | undefined => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Json) : undefined);

const SHAREABLE_CSI = new Set(['MULTI_NODE_READER_ONLY', 'MULTI_NODE_SINGLE_WRITER', 'MULTI_NODE_MULTI_WRITER']);

function externalMounts(app: AppVolumes): ExternalMount[] {
  const volumes = Array.isArray(app.container?.volumes) ? (app.container.volumes as unknown[]) : [];
  return volumes.flatMap((raw) => {
    const vol = asObject(raw);
    const ext = asObject(vol?.external);
    if (!vol || !ext || typeof ext.name !== 'string') return [];
    const capability = asObject(asObject(ext.options)?.capability);
    return [
      {
        name: ext.name,
        provider: String(ext.provider ?? 'dvdi'),
        shared: ext.shared === true,
        accessMode: typeof capability?.accessMode === 'string' ? capability.accessMode : undefined,
        readOnly: String(vol.mode ?? 'RW').toUpperCase() === 'RO',
      },
    ];
  });
}

/** Attached once: counted as held (`isForUniquenessCheck`). */
function heldAlone(m: ExternalMount): boolean {
  if (m.provider === 'csi') return !SHAREABLE_CSI.has(m.accessMode ?? '') || (!m.readOnly && m.accessMode === 'MULTI_NODE_SINGLE_WRITER');
  return !m.shared;
}

/** Read-only on a single-writer CSI volume: never in conflict (`readOnlyMultiReader`). */
const readOnlyMultiReader = (m: ExternalMount): boolean =>
  m.provider === 'csi' && m.readOnly && m.accessMode === 'MULTI_NODE_SINGLE_WRITER';

/** The apps in the order Marathon's validator visits them, each with its path in the group tree. */
function appsInTreeOrder(apps: readonly AppVolumes[]): Array<{ app: AppVolumes; path: string }> {
  const groups = new Set<string>(['/']);
  for (const a of apps) for (let g = parentOf(a.id); g !== '/'; g = parentOf(g)) groups.add(g);
  const byId = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const out: Array<{ app: AppVolumes; path: string }> = [];
  const visit = (group: string, path: string) => {
    apps
      .filter((a) => parentOf(a.id) === group)
      .sort((x, y) => byId(x.id, y.id))
      .forEach((app, i) => out.push({ app, path: `${path}/apps(${i})` }));
    [...groups]
      .filter((g) => g !== '/' && parentOf(g) === group)
      .sort(byId)
      .forEach((g, i) => visit(g, `${path}/groups(${i})`));
  };
  visit('/', '');
  return out;
}

export function volumeUniquenessViolations(apps: readonly AppVolumes[]): Violation[] {
  const ordered = appsInTreeOrder(apps);
  const out: Violation[] = [];
  for (const provider of ['dvdi', 'csi']) {
    const holders = new Map<string, string[]>();
    for (const { app } of ordered)
      for (const m of externalMounts(app))
        if (m.provider === provider && heldAlone(m)) holders.set(m.name, [...(holders.get(m.name) ?? []), app.id]);
    for (const { app, path } of ordered) {
      const errors = externalMounts(app)
        .filter((m) => m.provider === provider && !readOnlyMultiReader(m))
        .flatMap((m) => {
          const others = (holders.get(m.name) ?? []).filter((id) => id !== app.id);
          return others.length === 0
            ? []
            : [`Volume name '${m.name}' in ${app.id} conflicts with volume(s) of same name in app(s): ${others.join(', ')}`];
        });
      if (errors.length > 0) out.push({ path: `${path}/container`, errors: [...new Set(errors)] });
    }
  }
  return out;
}
