import { agentsUnreachable, allOf, appRunning, appTasksEnded, launchDelayAtLeast } from '../goals.ts';
import type { Lesson } from '../types.ts';
import { agent, fault, navigate, request, scenario } from './build.ts';

export const selfHealing: Lesson = {
  id: 'self-healing',
  title: 'Scale and self-healing',
  summary: 'Scale to 10, kill a task, kill an agent: Marathon puts things back, and backs off when they keep failing.',
  scenario: scenario({
    agents: [agent('a', { count: 4 })],
    apps: [{ id: '/hello', cmd: 'python3 -m http.server $PORT0', instances: 3, cpus: 1, mem: 256, backoffSeconds: 2, backoffFactor: 2 }],
  }),
  steps: [
    {
      id: 'scale',
      title: 'Scale to 10',
      text: 'Services → `/hello` → Scale, and ask for 10 instances. Each takes 1 CPU; the four agents have 16.',
      goal: appRunning('/hello', 10),
      hints: ['Or in the Terminal: `dcos marathon app update /hello instances=10`.'],
      showMe: [navigate('services'), request('PUT', '/marathon/v2/apps/hello', { instances: 10 })],
      settleMs: 10000,
    },
    {
      id: 'kill-task',
      title: 'Kill a task',
      text: 'Open `/hello`, select one instance and Kill it. Marathon still wants 10, so it launches a replacement at the next offer.',
      goal: allOf('A /hello task ended and 10 run again', appTasksEnded('/hello', 1), appRunning('/hello', 10)),
      hints: [
        'Kill without "scale": killing with scale lowers the instance count instead.',
        '`dcos marathon app kill /hello --host=a-1` kills every task on one agent.',
      ],
      showMe: [request('DELETE', '/marathon/v2/apps/hello/tasks/{{task:/hello}}')],
      settleMs: 10000,
    },
    {
      id: 'kill-agent',
      title: 'Kill an agent',
      text: 'In the ⚡ Faults panel, crash an agent that runs `/hello` tasks. The master waits 75 s of missed pings (press play, or speed up) before it marks the agent unreachable; then Marathon replaces its tasks elsewhere.',
      goal: allOf('An agent unreachable and /hello back to 10 tasks', agentsUnreachable(1), appRunning('/hello', 10)),
      hints: ['Nodes shows the agent go unhealthy, then unreachable.', 'Three agents have 12 CPUs: room for all 10.'],
      showMe: [fault('agent-crash', '{{host:/hello}}'), navigate('nodes')],
      settleMs: 150000,
    },
    {
      id: 'backoff',
      title: 'Backing off',
      text: 'A task that keeps failing is relaunched later each time: the launch delay doubles (backoffFactor 2). Show me makes every new `/hello` task fail at start and restarts the app; watch it turn Delayed.',
      goal: launchDelayAtLeast('/hello', 8),
      hints: [
        'The sandbox API `PUT /sandbox/v1/marathon/apps/hello/behavior` sets failure rates.',
        '`dcos marathon app list` shows WAITING; the queue shows the delay left.',
      ],
      showMe: [
        request('PUT', '/sandbox/v1/marathon/apps/hello/behavior', { startFailureRate: 1 }),
        request('POST', '/marathon/v2/apps/hello/restart'),
        navigate('services'),
      ],
      settleMs: 60000,
    },
  ],
};
