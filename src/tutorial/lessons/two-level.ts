import { allOf, appDeclines, appRunning, uiEvent } from '../goals.ts';
import type { Lesson } from '../types.ts';
import { agent, navigate, request, scenario } from './build.ts';

export const twoLevel: Lesson = {
  id: 'two-level',
  title: 'Two-level scheduling',
  summary: 'The master offers, the scheduler decides: one offer cycle, slowed down.',
  scenario: scenario({ agents: [agent('a', { count: 2 })] }),
  steps: [
    {
      id: 'cycle',
      title: 'One offer cycle',
      text: "Mesos does not place tasks: it offers. Deploy `/offer-demo` and watch the cycle slowed down: the master offers an agent's resources to Marathon, Marathon accepts and launches, the agent's executor starts the task, and status updates flow back.",
      goal: allOf(
        'The offer cycle watched, and a task of /offer-demo running',
        uiEvent('offer-cycle-watched', 'The offer cycle watched'),
        appRunning('/offer-demo', 1),
      ),
      hints: ['Play the animation beside this text to the end.', 'Services → Create → Single container: id /offer-demo, 0.1 CPUs, 32 MiB.'],
      showMe: [
        { kind: 'ui', event: 'offer-cycle-watched' },
        request('POST', '/marathon/v2/apps', { id: '/offer-demo', cmd: 'sleep 3600', instances: 1, cpus: 0.1, mem: 32 }),
      ],
      settleMs: 8000,
      visual: 'offer-cycle',
    },
    {
      id: 'decline',
      title: 'Saying no',
      text: 'A scheduler declines offers it cannot use. Deploy `/too-big` asking for 8 CPUs: each agent has 4, so Marathon declines every offer and the app waits. Its Debug tab counts the declines by reason.',
      goal: appDeclines('/too-big', 'InsufficientCpus', '/too-big waiting, offers declined for too few CPUs'),
      hints: ['Use the JSON editor: "cpus": 8.', 'Declined resources come back in the next offer to someone else.'],
      showMe: [
        request('POST', '/marathon/v2/apps', { id: '/too-big', cmd: 'sleep 3600', instances: 1, cpus: 8, mem: 64 }),
        navigate('services'),
      ],
      settleMs: 8000,
    },
    {
      id: 'fit',
      title: 'An offer that fits',
      text: 'Edit `/too-big` down to 2 CPUs. Its first deployment is still waiting, so the change must override it (`--force`). At the next offer Marathon accepts and launches it.',
      goal: appRunning('/too-big', 1),
      hints: ['Services → /too-big → Edit, or `dcos marathon app update /too-big cpus=2 --force` in the Terminal (backtick).'],
      showMe: [{ kind: 'cli', line: 'dcos marathon app update /too-big cpus=2 --force' }],
      settleMs: 10000,
    },
  ],
};
