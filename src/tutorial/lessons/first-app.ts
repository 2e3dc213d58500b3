import { allOf, appRolledOut, appRunning, appSpread } from '../goals.ts';
import type { Lesson } from '../types.ts';
import { agent, cli, navigate, request, scenario } from './build.ts';

const helloCli = { id: '/hello-cli', cmd: 'python3 -m http.server $PORT0', instances: 2, cpus: 0.1, mem: 64 };

export const firstApp: Lesson = {
  id: 'first-app',
  title: 'Your first app',
  summary: 'Deploy /hello through the form and through the CLI, then find its tasks and their agents.',
  scenario: scenario({ agents: [agent('a', { count: 3 })] }),
  steps: [
    {
      id: 'form',
      title: 'Through the form',
      text: 'Open Services → Run a service. Service ID `/hello`, command `python3 -m http.server $PORT0`, 0.1 CPUs, 64 MiB, one instance. Run service.',
      goal: appRunning('/hello', 1),
      hints: [
        'The form writes the same app JSON as the JSON editor tab beside it.',
        'The status goes Deploying, then Running once Marathon has an offer and the task starts.',
      ],
      showMe: [
        navigate('services'),
        request('POST', '/marathon/v2/apps', { id: '/hello', cmd: 'python3 -m http.server $PORT0', instances: 1, cpus: 0.1, mem: 64 }),
      ],
      settleMs: 15000,
    },
    {
      id: 'cli',
      title: 'Through the CLI',
      text: 'Press the backtick key for the Terminal. Type `dcos marathon app add`, then paste an app JSON on the next lines: `/hello-cli` with 2 instances.',
      goal: appRunning('/hello-cli', 2),
      hints: [
        'The JSON starts on the line after the command: {"id": "/hello-cli", "cmd": "...", "instances": 2, "cpus": 0.1, "mem": 64}',
        '`dcos marathon app list` shows both apps.',
      ],
      showMe: [cli(`dcos marathon app add\n${JSON.stringify(helloCli, null, 2)}`)],
      settleMs: 10000,
    },
    {
      id: 'scale',
      title: 'Three of them',
      text: 'Scale `/hello` to 3 from the Terminal: `dcos marathon app update /hello instances=3`. Marathon asks Mesos for offers and starts two more.',
      goal: appRunning('/hello', 3, { settled: true }),
      hints: ['Services → /hello → Scale does the same.'],
      showMe: [cli('dcos marathon app update /hello instances=3')],
      settleMs: 15000,
    },
    {
      id: 'where',
      title: 'Where they run',
      text: '`dcos task hello` lists each task with its HOST; Nodes shows the same per agent. Two may share an agent. Ask for one per agent: `dcos marathon app update /hello constraints=\'[["hostname","UNIQUE"]]\'`.',
      goal: allOf(
        '/hello held to one task per agent, on 3 agents',
        // Rolled out: every task replaced under the constraint (not merely spread while the restart runs).
        appRolledOut('/hello', 3, '/hello has a hostname UNIQUE constraint', (app) =>
          (app.constraints ?? []).some((c) => c[0] === 'hostname' && c[1] === 'UNIQUE'),
        ),
        appSpread('/hello', 3, 'hostname', 3, '3 tasks of /hello on 3 agents'),
      ),
      hints: [
        'Changing constraints restarts the app: new tasks replace the old ones, one per agent.',
        'Single quotes keep the JSON in one word.',
      ],
      showMe: [cli('dcos task hello'), cli('dcos marathon app update /hello constraints=\'[["hostname","UNIQUE"]]\''), navigate('nodes')],
      settleMs: 30000,
    },
  ],
};
