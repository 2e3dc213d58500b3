/** Sorting the service list's rows by a column; ties by name, so the order is stable between polls. */
import type { ColumnSort } from '../../components/table/sort.ts';
import { compareText, compareValues } from './compare.ts';
import type { ServiceRow } from './tree.ts';

export type RowSortKey = 'name' | 'status' | 'version' | 'instances' | 'cpus' | 'mem' | 'disk' | 'gpus';
export type RowSort = ColumnSort<RowSortKey>;

function value(r: ServiceRow, key: RowSortKey): number | string {
  switch (key) {
    case 'name':
      return r.name;
    case 'status':
      return r.status.priority;
    case 'version':
      // Undated rows (groups, pods) sort as the oldest.
      return r.version ? Date.parse(r.version) || 0 : 0;
    case 'instances':
      return r.counts.running;
    case 'cpus':
      return r.cpus;
    case 'mem':
      return r.mem;
    case 'disk':
      return r.disk;
    case 'gpus':
      return r.gpus;
  }
}

export function sortRows(rows: readonly ServiceRow[], sort: RowSort): ServiceRow[] {
  const dir = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    return compareValues(value(a, sort.key), value(b, sort.key)) * dir || compareText(a.name, b.name);
  });
}
