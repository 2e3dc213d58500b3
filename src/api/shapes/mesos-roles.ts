/** Mesos' roles, weights and quota: GET /mesos/master/roles, /mesos/weights and /mesos/quota. Types only. */
import type { SCALAR_NAMES } from '../../common/resources.ts';
import type { MesosResources } from './mesos.ts';

export type ScalarName = (typeof SCALAR_NAMES)[number];

/** Scalars by name, only those above 0. */
export type ScalarAmounts = Partial<Record<ScalarName, number>>;

export interface MesosRoleInfo {
  name: string;
  weight: number;
  /** Offered and used by the role's own frameworks. */
  resources: MesosResources;
  allocated: ScalarAmounts;
  offered: ScalarAmounts;
  reserved: ScalarAmounts;
  quota: { role: string; consumed: ScalarAmounts; guarantee: ScalarAmounts; limit: ScalarAmounts };
  frameworks: string[];
}

/** GET /mesos/master/roles */
export interface MesosRoleList {
  roles: MesosRoleInfo[];
}

/** An entry of GET /mesos/weights: the roles whose weight is not 1. */
export interface MesosWeight {
  role: string;
  weight: number;
}

export interface QuotaResource {
  name: ScalarName;
  type: 'SCALAR';
  scalar: { value: number };
}

/** GET /mesos/quota: legacy `infos` and Mesos 1.9+ `configs` (the sandbox's guarantee is also the limit). */
export interface MesosQuota {
  infos: Array<{ role: string; guarantee: QuotaResource[] }>;
  configs: Array<{ role: string; guarantees: ScalarAmounts; limits: ScalarAmounts }>;
}
