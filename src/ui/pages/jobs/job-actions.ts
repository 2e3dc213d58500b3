/** A job's actions as its row menu and its page offer them (DC/OS: Run Now, Edit, Enable/Disable Schedule, Delete). */
import type { JobJson } from '../../../api/shapes/metronome.ts';
import type { JobAction } from './job-status.ts';

export interface JobActionItem {
  kind: JobAction;
  label: string;
  danger?: boolean;
}

export function jobActions(job: Pick<JobJson, 'schedules'>): JobActionItem[] {
  const schedule = job.schedules[0];
  return [
    { kind: 'run', label: 'Run now' },
    { kind: 'edit', label: 'Edit' },
    ...(schedule ? [{ kind: 'schedule' as const, label: schedule.enabled ? 'Disable schedule' : 'Enable schedule' }] : []),
    { kind: 'delete', label: 'Delete', danger: true },
  ];
}
