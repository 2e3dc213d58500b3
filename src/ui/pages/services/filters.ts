/**
 * Filtering the service list: without a filter a group shows its direct children; with one, every
 * group and app below it that matches, named by its path relative to the group (as DC/OS does).
 */
import { STATUS_FILTERS, type StatusFilterId } from './status.ts';
import { appRow, childRows, groupRow, type QueueIndex, type ServiceRow, type TreeNode } from './tree.ts';

export interface ServiceFilter {
  text: string;
  status: StatusFilterId | '';
}

export const NO_FILTER: ServiceFilter = { text: '', status: '' };

export function isFiltering(f: ServiceFilter): boolean {
  return f.text.trim() !== '' || f.status !== '';
}

function relative(id: string, base: string): string {
  const prefix = base === '/' ? '/' : `${base}/`;
  return id.startsWith(prefix) ? id.slice(prefix.length) : id;
}

function descendants(node: TreeNode, queue: QueueIndex, into: ServiceRow[]): ServiceRow[] {
  for (const g of node.groups) {
    into.push(groupRow(g, queue));
    descendants(g, queue, into);
  }
  for (const a of node.apps) into.push(appRow(a, queue));
  return into;
}

export function filterRows(node: TreeNode, queue: QueueIndex, filter: ServiceFilter): ServiceRow[] {
  if (!isFiltering(filter)) return childRows(node, queue);
  const text = filter.text.trim().toLowerCase();
  const status = STATUS_FILTERS.find((s) => s.id === filter.status);
  return descendants(node, queue, [])
    .filter((r) => (status ? r.kind === 'app' && status.match(r.status) : true))
    .filter((r) => text === '' || relative(r.id, node.id).toLowerCase().includes(text))
    .map((r) => ({ ...r, name: relative(r.id, node.id) }));
}
