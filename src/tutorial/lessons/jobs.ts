import { jobExists, jobRetriedAndFailed, jobScheduled, jobSucceeded } from '../job-goals.ts';
import type { Lesson } from '../types.ts';
import { agent, cli, navigate, request, scenario } from './build.ts';

const backup = { id: 'backup', description: 'Copy the database', run: { cpus: 0.1, mem: 32, disk: 0, cmd: 'sleep 20' } };

export const jobs: Lesson = {
  id: 'jobs',
  title: 'Jobs on a schedule',
  summary: 'Create a job, run it once, put it on a cron schedule, then make it fail and watch ON_FAILURE retry it within its deadline.',
  scenario: scenario({ agents: [agent('a', { count: 2 })] }),
  steps: [
    {
      id: 'create',
      title: 'A job',
      text: 'Jobs → Create a job: id `backup`, command `sleep 20`, 0.1 CPU, 32 MiB. Metronome, the second scheduler on the masters, stores it; nothing runs yet.',
      goal: jobExists('backup'),
      hints: [
        'Or paste the job JSON after `dcos job add` in the Terminal.',
        'The id may hold lower-case letters, digits, dashes and dots.',
      ],
      showMe: [navigate('jobs'), request('POST', '/service/metronome/v1/jobs', backup)],
      settleMs: 2000,
    },
    {
      id: 'run',
      title: 'Run it once',
      text: 'Open `backup` and press Run now. The run waits in Metronome’s queue for an offer, its task runs 20 s, and the run moves to the history as a success.',
      goal: jobSucceeded('backup', 1, 'One run of backup succeeded'),
      hints: ['`dcos job run backup` does the same; `dcos job history backup` lists finished runs.'],
      showMe: [cli('dcos job run backup'), navigate('jobs')],
      settleMs: 40000,
    },
    {
      id: 'schedule',
      title: 'Every minute',
      text: 'Edit `backup` and give it a schedule `every-minute` with the cron `* * * * *`. The form reads the cron in words and lists the next five times, on the cluster’s clock.',
      goal: jobScheduled('backup', '* * * * *'),
      hints: [
        'Metronome takes one schedule per job; its time zone is UTC unless you set one.',
        '`dcos job schedule add backup` reads the schedule JSON after it.',
      ],
      showMe: [request('POST', '/service/metronome/v1/jobs/backup/schedules', { id: 'every-minute', cron: '* * * * *' })],
      settleMs: 2000,
    },
    {
      id: 'pile-up',
      title: 'Runs pile up',
      text: 'Press play and watch the Run History fill: one run a minute. Metronome waits at least 60 s before the first, so it may start a little after the minute.',
      goal: jobSucceeded('backup', 4, 'Four runs of backup succeeded'),
      hints: ['Speed the clock up in the bar at the bottom.', 'The time bar marks each run, and the ones coming.'],
      showMe: [navigate('jobs')],
      settleMs: 240000,
    },
    {
      id: 'fail',
      title: 'Failing, and retried',
      text: 'Make the task fail (its behaviour: failure rate 1) and set its restart policy to `ON_FAILURE` with `activeDeadlineSeconds` 60. Metronome relaunches the failed task until the run is 60 s old, then records the run as failed.',
      goal: jobRetriedAndFailed('backup', 2, 'A run of backup failed after its task was retried'),
      hints: [
        'The job page’s Behaviour section sets the failure rate (a sandbox setting: real tasks fail on their own).',
        'PUT keeps the schedule: `restart` is part of the run spec.',
      ],
      showMe: [
        request('PUT', '/sandbox/v1/metronome/jobs/backup/behavior', { failureRate: 1, durationSeconds: 5 }),
        request('PUT', '/service/metronome/v1/jobs/backup', {
          ...backup,
          run: { ...backup.run, restart: { policy: 'ON_FAILURE', activeDeadlineSeconds: 60 } },
        }),
        cli('dcos job run backup'),
      ],
      settleMs: 120000,
    },
  ],
};
