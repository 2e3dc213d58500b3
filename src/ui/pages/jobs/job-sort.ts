/** The job list's rows and their sort by any column (ties by id), as the table's header changes it. */
import type { JobJson } from '../../../api/shapes/metronome.ts';
import type { ColumnSort } from '../../components/table/sort.ts';
import { jobStatus, lastRun, nextRun, type JobStatus, type JobStatusKind, type LastRun } from './job-status.ts';

export type JobSortKey = 'id' | 'status' | 'last' | 'next' | 'cpus' | 'mem' | 'disk';
export type JobSort = ColumnSort<JobSortKey>;

export interface JobRow {
  job: JobJson;
  status: JobStatus;
  last: LastRun;
  /** Simulated ms, or null. */
  next: number | null;
}

export function jobRows(jobs: readonly JobJson[]): JobRow[] {
  return jobs.map((job) => ({ job, status: jobStatus(job), last: lastRun(job.historySummary), next: nextRun(job) }));
}

/** Busiest first when descending. */
const STATUS_RANK: Record<JobStatusKind, number> = { unscheduled: 0, completed: 1, scheduled: 2, starting: 3, running: 4 };
const LAST_RANK = { 'N/A': 0, Success: 1, Failed: 2 } as const;

function compare(a: JobRow, b: JobRow, key: JobSortKey): number {
  switch (key) {
    case 'id':
      return 0;
    case 'status':
      return STATUS_RANK[a.status.kind] - STATUS_RANK[b.status.kind];
    case 'last':
      return LAST_RANK[a.last.word] - LAST_RANK[b.last.word] || (a.last.at ?? 0) - (b.last.at ?? 0);
    case 'next':
      // Soonest first; none after any time.
      return (a.next ?? Infinity) - (b.next ?? Infinity);
    default:
      return a.job.run[key] - b.job.run[key];
  }
}

/** A sorted copy; rows without a next run stay last whichever way that column sorts. */
export function sortJobRows(rows: readonly JobRow[], sort: JobSort): JobRow[] {
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    if (sort.key === 'next' && (a.next === null) !== (b.next === null)) return a.next === null ? 1 : -1;
    return sign * (compare(a, b, sort.key) || a.job.id.localeCompare(b.job.id));
  });
}

/** Jobs whose id or description holds the text (case-insensitive). */
export function filterJobs(jobs: readonly JobJson[], text: string): JobJson[] {
  const f = text.trim().toLowerCase();
  if (f === '') return [...jobs];
  return jobs.filter((j) => j.id.includes(f) || (j.description ?? '').toLowerCase().includes(f));
}
