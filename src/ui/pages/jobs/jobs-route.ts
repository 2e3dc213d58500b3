/**
 * The Jobs page's own part of the hash, as DC/OS routes it: `#/jobs` (the list), `#/jobs/detail/<id>` (a job's run
 * history) and `#/jobs/detail/<id>/configuration`. Job ids are dotted paths (`prod.backup`), escaped as one segment.
 */

export const JOB_TABS = [
  { id: 'runs', label: 'Run History' },
  { id: 'configuration', label: 'Configuration' },
] as const;

export type JobTab = (typeof JOB_TABS)[number]['id'];

export type JobsView = { view: 'list' } | { view: 'detail'; jobId: string; tab: JobTab };

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

export function parseJobsHash(hash: string): JobsView {
  const [, kind, id, tab] = hash.replace(/^#\/?/, '').split('?')[0]!.split('/');
  const jobId = kind === 'detail' && id ? decode(id) : undefined;
  if (!jobId) return { view: 'list' };
  return { view: 'detail', jobId, tab: JOB_TABS.find((t) => t.id === tab)?.id ?? 'runs' };
}

export const LIST_HREF = '#/jobs';

export function jobHref(jobId: string, tab: JobTab = 'runs'): string {
  const base = `#/jobs/detail/${encodeURIComponent(jobId)}`;
  return tab === 'runs' ? base : `${base}/${tab}`;
}
