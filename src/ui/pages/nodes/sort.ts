/** Sort keys of the Nodes table, read from the layout and the frame's typed arrays. */
import type { AgentInfo } from '../../../common/view-types.ts';
import type { ColumnSort } from '../../components/table/sort.ts';

export type SortKey = 'hostname' | 'ip' | 'type' | 'rack' | 'zone' | 'tasks' | 'cpus' | 'mem' | 'disk' | 'gpus';

export type SortState = ColumnSort<SortKey>;

/** Natural order: agent-2 before agent-10. One collator: far faster than localeCompare per pair. */
const collator = new Intl.Collator('en', { numeric: true });

const RESOURCE_INDEX: Partial<Record<SortKey, number>> = { cpus: 0, mem: 1, disk: 2, gpus: 3 };

function ipNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + (Number(part) || 0), 0);
}

function attr(agent: AgentInfo, name: string): string {
  const v = agent.attributes[name];
  return v === undefined ? '' : String(v);
}

/** Agent indexes (layout order) in the order of `sort`; ties keep layout order. */
export function sortedIndexes(
  agents: readonly AgentInfo[],
  allocated: Float64Array | undefined,
  tasks: Int32Array | undefined,
  sort: SortState,
): Int32Array {
  const order = new Int32Array(agents.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const r = RESOURCE_INDEX[sort.key];
  let key: (i: number) => number | string;
  if (r !== undefined) {
    // Allocated fraction, so agents of different sizes compare fairly.
    key = (i) => {
      const total = agents[i]!.total[r as 0 | 1 | 2 | 3];
      return total > 0 ? (allocated?.[i * 4 + r] ?? 0) / total : -1;
    };
  } else if (sort.key === 'tasks') key = (i) => tasks?.[i] ?? 0;
  else if (sort.key === 'ip') key = (i) => ipNumber(agents[i]!.ip);
  else if (sort.key === 'type') key = (i) => (agents[i]!.public ? 1 : 0);
  else if (sort.key === 'rack' || sort.key === 'zone') {
    const name = sort.key;
    key = (i) => attr(agents[i]!, name);
  } else key = (i) => agents[i]!.hostname;
  const keys = Array.from(order, key);
  const dir = sort.descending ? -1 : 1;
  return order.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    if (ka === kb) return a - b;
    if (typeof ka === 'string' && typeof kb === 'string') return dir * collator.compare(ka, kb);
    return dir * (ka < kb ? -1 : 1);
  });
}
