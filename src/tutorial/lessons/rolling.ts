import { appRolledOut, deploymentRunning } from '../goals.ts';
import type { Lesson } from '../types.ts';
import { agent, navigate, quickHealthCheck, request, scenario } from './build.ts';

const web = { id: '/web', cmd: './web --version 1', instances: 4, cpus: 0.5, mem: 128, healthChecks: [quickHealthCheck] };

export const rolling: Lesson = {
  id: 'rolling',
  title: 'Rolling upgrades',
  summary: "Change an app's version under different upgrade strategies, and roll one back.",
  scenario: scenario({ agents: [agent('a', { count: 3 })], apps: [web] }),
  steps: [
    {
      id: 'half',
      title: 'Half the capacity',
      text: 'Edit `/web`: command `./web --version 2`, and `upgradeStrategy` `{"minimumHealthCapacity": 0.5, "maximumOverCapacity": 0}`. Marathon may kill 2 of 4 at once but never starts a fifth; healthy tasks never drop below 2.',
      goal: appRolledOut('/web', 4, '/web runs 4 healthy tasks of version 2', (app) => app.cmd === './web --version 2'),
      hints: [
        'Services → /web → Edit → JSON editor.',
        'minimumHealthCapacity is the floor: the share of instances that must stay healthy.',
      ],
      showMe: [
        navigate('services'),
        request('PUT', '/marathon/v2/apps/web', {
          cmd: './web --version 2',
          upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 },
        }),
      ],
      settleMs: 40000,
    },
    {
      id: 'surge',
      title: 'Never below 4',
      text: 'Now version 3 with `{"minimumHealthCapacity": 1, "maximumOverCapacity": 0.25}`: capacity never drops; Marathon starts one extra task, waits until it is healthy, then kills an old one.',
      goal: appRolledOut('/web', 4, '/web runs 4 healthy tasks of version 3', (app) => app.cmd === './web --version 3'),
      hints: ['maximumOverCapacity 0.25 of 4 instances is one extra task at a time.'],
      showMe: [
        request('PUT', '/marathon/v2/apps/web', {
          cmd: './web --version 3',
          upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 0.25 },
        }),
      ],
      settleMs: 60000,
    },
    {
      id: 'stuck',
      title: 'A version that cannot start',
      text: 'Push version 4 asking for 8 CPUs. No agent has that many, so the deployment stalls while the old tasks keep serving.',
      goal: deploymentRunning('/web', 'A deployment of /web in progress'),
      hints: ['`dcos marathon deployment list` shows it; the queue shows the new task waiting.'],
      showMe: [request('PUT', '/marathon/v2/apps/web', { cmd: './web --version 4', cpus: 8 })],
      settleMs: 5000,
    },
    {
      id: 'rollback',
      title: 'Roll it back',
      text: 'Roll back: `dcos marathon deployment rollback <id>` (it calls `DELETE /marathon/v2/deployments/{id}`). Marathon deploys the previous version again.',
      goal: appRolledOut(
        '/web',
        4,
        '/web back on version 3 with 0.5 CPUs, no deployment left',
        (app) => app.cmd === './web --version 3' && app.cpus === 0.5,
      ),
      hints: [
        '`dcos marathon deployment list` gives the id.',
        'With ?force=true the deployment only stops, leaving the new definition in place.',
      ],
      showMe: [request('DELETE', '/marathon/v2/deployments/{{deployment:/web}}')],
      settleMs: 30000,
    },
  ],
};
