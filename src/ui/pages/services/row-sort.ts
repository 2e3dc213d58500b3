/** Sorting the service list's rows by a column; ties by name, so the order is stable between polls. */
import { compareText } from './compare.ts';
import type { ServiceRow } from './tree.ts';

export type RowSortKey = 'name' | 'status' | 'instances' | 'cpus' | 'mem' | 'disk';
export interface RowSort {
  key: RowSortKey;
  descending: boolean;
}

function value(r: ServiceRow, key: RowSortKey): number | string {
  switch (key) {
    case 'name':
      return r.name;
    case 'status':
      return r.status.priority;
    case 'instances':
      return r.counts.running;
    case 'cpus':
      return r.cpus;
    case 'mem':
      return r.mem;
    case 'disk':
      return r.disk;
  }
}

export function sortRows(rows: readonly ServiceRow[], sort: RowSort): ServiceRow[] {
  const dir = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const va = value(a, sort.key);
    const vb = value(b, sort.key);
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : compareText(String(va), String(vb));
    return c * dir || compareText(a.name, b.name);
  });
}
