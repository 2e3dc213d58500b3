import { allOf, appRunning, uiEvent } from '../goals.ts';
import type { Lesson } from '../types.ts';
import { agent, navigate, request, scenario } from './build.ts';

export const share: Lesson = {
  id: 'share',
  title: 'Share what you built',
  summary: 'Make a link to your cluster, open it in a new tab, and find the same cluster there.',
  scenario: scenario({ agents: [agent('a', { count: 2 })] }),
  steps: [
    {
      id: 'build',
      title: 'Build something',
      text: 'Deploy `/shared` with 2 instances, any way you like: the form, the JSON editor or the Terminal.',
      goal: appRunning('/shared', 2),
      hints: ['`dcos marathon app add` followed by {"id": "/shared", "cmd": "sleep 3600", "instances": 2, "cpus": 0.1, "mem": 32}'],
      showMe: [
        navigate('services'),
        request('POST', '/marathon/v2/apps', { id: '/shared', cmd: 'sleep 3600', instances: 2, cpus: 0.1, mem: 32 }),
      ],
      settleMs: 8000,
    },
    {
      id: 'link',
      title: 'Make a link',
      text: 'Press Share. The link holds the scenario and your actions, not the state: whoever opens it replays the same history to the same moment.',
      goal: allOf('A share link made, with /shared running', uiEvent('share-link-created', 'A share link made'), appRunning('/shared', 2)),
      hints: ['The Share button is in the header.', 'Too big for a link? The dialog offers a scenario file instead.'],
      showMe: [{ kind: 'ui', event: 'share-link-created' }],
      settleMs: 1000,
    },
    {
      id: 'open',
      title: 'Open it',
      text: 'Open the link in a new tab. Same seed, same actions: the same cluster, with `/shared` running on the same agents.',
      goal: allOf(
        'The link opened, with /shared running',
        uiEvent('share-link-opened', 'The link opened in a new tab'),
        appRunning('/shared', 2),
      ),
      hints: ['Copy the link from the Share dialog and paste it in a new tab.'],
      showMe: [{ kind: 'ui', event: 'share-link-opened' }],
      settleMs: 1000,
    },
  ],
};
