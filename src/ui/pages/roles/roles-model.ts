/**
 * The Roles page's arithmetic and API calls, apart from the DOM: rows from `/mesos/master/roles`
 * and the cluster totals, each role's dominant share (raw, and weighted as the DRF allocator sorts
 * by), and the bodies of the writes: `PUT /mesos/weights` and the v1 operator call UPDATE_QUOTA.
 */
import type { MesosRoleInfo, ScalarAmounts, ScalarName } from '../../../api/shapes/mesos-roles.ts';
import type { ApiRequest, ApiResponse } from '../../../api/types.ts';

export const RESOURCES: readonly ScalarName[] = ['cpus', 'mem', 'disk', 'gpus'];

export interface RoleRow {
  name: string;
  weight: number;
  frameworks: number;
  allocated: ScalarAmounts;
  reserved: ScalarAmounts;
  consumed: ScalarAmounts;
  guarantee: ScalarAmounts;
  limit: ScalarAmounts;
  hasQuota: boolean;
  /** Allocated (offered + used) over the cluster total, max over the resources. */
  rawShare: number;
  /** rawShare ÷ weight: what the DRF allocator sorts roles by. */
  weightedShare: number;
  /** The resource that gives the raw share, or null when nothing is allocated. */
  dominant: ScalarName | null;
}

/** Raw and weighted dominant share of `allocated` against `total` ([cpus, mem, disk, gpus]). */
export function dominantShare(allocated: ScalarAmounts, total: readonly number[], weight: number) {
  let raw = 0;
  let dominant: ScalarName | null = null;
  RESOURCES.forEach((r, i) => {
    const t = total[i] ?? 0;
    const share = t > 0 ? (allocated[r] ?? 0) / t : 0;
    if (share > raw) {
      raw = share;
      dominant = r;
    }
  });
  return { raw, weighted: weight > 0 ? raw / weight : raw, dominant };
}

/** What a row needs of a role. */
export type RoleFigures = Pick<MesosRoleInfo, 'name' | 'weight' | 'allocated' | 'reserved' | 'quota' | 'frameworks'>;

export function roleRows(roles: readonly RoleFigures[], total: readonly number[]): RoleRow[] {
  return roles.map((r) => {
    const share = dominantShare(r.allocated, total, r.weight);
    return {
      name: r.name,
      weight: r.weight,
      frameworks: r.frameworks.length,
      allocated: r.allocated,
      reserved: r.reserved,
      consumed: r.quota.consumed,
      guarantee: r.quota.guarantee,
      limit: r.quota.limit,
      hasQuota: Object.keys(r.quota.guarantee).length + Object.keys(r.quota.limit).length > 0,
      rawShare: share.raw,
      weightedShare: share.weighted,
      dominant: share.dominant,
    };
  });
}

/** A typed weight: a positive number, else why not. */
export function parseWeight(text: string): number | string {
  const t = text.trim();
  const n = /^(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : NaN;
  return Number.isFinite(n) && n > 0 ? n : 'The weight must be a positive number.';
}

/** Typed amounts (blank: no quota on that resource): the amounts, else why not. */
export function parseAmounts(texts: Partial<Record<ScalarName, string>>): ScalarAmounts | string {
  const out: ScalarAmounts = {};
  for (const r of RESOURCES) {
    const t = (texts[r] ?? '').trim();
    if (t === '') continue;
    const n = /^(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : NaN;
    if (!Number.isFinite(n)) return `The ${r} amount must be a number of 0 or more.`;
    out[r] = n;
  }
  return out;
}

export const weightRequest = (role: string, weight: number): ApiRequest => ({
  method: 'PUT',
  path: '/mesos/weights',
  body: [{ role, weight }],
});

/**
 * UPDATE_QUOTA with the amounts as both guarantees and limits (the sandbox's quota is one figure);
 * no amounts at all clears the role's quota, as Mesos' default config does.
 */
export function quotaRequest(role: string, amounts: ScalarAmounts, force: boolean): ApiRequest {
  const quantities = Object.fromEntries(Object.entries(amounts).map(([r, v]) => [r, { value: v }]));
  const config = Object.keys(quantities).length ? { role, guarantees: quantities, limits: quantities } : { role };
  return { method: 'POST', path: '/mesos/api/v1', body: { type: 'UPDATE_QUOTA', update_quota: { force, quota_configs: [config] } } };
}

/** An error answer as the API gives it: its text body, or its JSON `message`, else the JSON itself. */
export function errorText(res: ApiResponse): string {
  const body = res.body;
  if (typeof body === 'string') return body === '' ? `HTTP ${res.status}` : body;
  if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string')
    return (body as { message: string }).message;
  return body === undefined || body === null ? `HTTP ${res.status}` : JSON.stringify(body);
}

/** The amounts as form texts (blank where none). */
export function amountTexts(amounts: ScalarAmounts): Record<ScalarName, string> {
  return Object.fromEntries(RESOURCES.map((r) => [r, amounts[r] === undefined ? '' : String(amounts[r])])) as Record<ScalarName, string>;
}
