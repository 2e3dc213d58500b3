import { residentBack, residentRelaunched, residentRunning, residentSuspended, residentWaiting, residentWiped } from '../volume-goals.ts';
import type { Lesson } from '../types.ts';
import { agent, cli, fault, navigate, scenario } from './build.ts';

/** A small "database": it appends to a file on its volume (`data`, 1024 MiB). */
export const db = {
  id: '/db',
  cmd: 'while true; do date >> data/log; sleep 5; done',
  cpus: 0.5,
  mem: 256,
  container: { type: 'MESOS', volumes: [{ containerPath: 'data', mode: 'RW', persistent: { size: 1024 } }] },
};

export const volumes: Lesson = {
  id: 'volumes',
  title: 'Keep your data',
  summary:
    'Give an app a local persistent volume: it keeps its agent and data through a crash, a lost agent and a scale to 0, until you wipe it.',
  scenario: scenario({ agents: [agent('a', { count: 3 })] }),
  steps: [
    {
      id: 'deploy',
      title: 'A volume for /db',
      text: `In the Terminal, type \`dcos marathon app add\` and paste on the next lines: \`${JSON.stringify(db)}\`. Marathon reserves its resources and the volume’s disk on one agent for role \`slave_public\`, creates the volume, then launches.`,
      goal: residentRunning('/db'),
      hints: [
        'Or Services → Run a Service → Volumes → Local Persistent Volume, container path `data`, 1024 MiB.',
        '`dcos marathon task list --json` shows the task’s `localVolumes` with their persistence id.',
      ],
      showMe: [cli(`dcos marathon app add\n${JSON.stringify(db, null, 2)}`), navigate('services')],
      settleMs: 20000,
    },
    {
      id: 'crash-task',
      title: 'Crash the task',
      text: 'In the ⚡ Faults panel, crash the `/db` task. Its resources stay reserved for it, so Marathon relaunches it on the same agent and volume: the new task has the same persistence id.',
      goal: residentRelaunched('/db'),
      hints: [
        'Compare `dcos marathon task list --json` before and after: `localVolumes` is unchanged.',
        'Only that agent’s offers carry the reservation, so the task goes nowhere else.',
      ],
      showMe: [fault('task-crash', '{{task:/db}}')],
      settleMs: 20000,
    },
    {
      id: 'crash-agent',
      title: 'Lose its agent',
      text: 'Now crash the agent `/db` runs on. After 75 s of missed pings the master marks it unreachable. Marathon does not replace the task elsewhere, as a new agent would mean a new, empty volume: `/db` waits for its agent.',
      goal: residentWaiting('/db'),
      hints: [
        'Press play or speed up the clock.',
        'A resident app’s unreachable strategy is `disabled`: its tasks are never replaced while unreachable.',
      ],
      showMe: [fault('agent-crash', '{{host:/db}}'), navigate('nodes')],
      settleMs: 150000,
    },
    {
      id: 'restore-agent',
      title: 'Its agent is back',
      text: 'Restore the agent from ⚡ Faults. It re-registers with the master and `/db` runs there again, on its volume.',
      goal: residentBack('/db'),
      hints: [
        'Had the agent never come back, `dcos marathon task stop --wipe` would let Marathon start over on another agent, with a new volume.',
      ],
      showMe: [fault('agent-restore', '{{anyHost:/db}}')],
      settleMs: 30000,
    },
    {
      id: 'scale-down',
      title: 'Scale to 0',
      text: 'Scale `/db` to 0: `dcos marathon app update /db instances=0`. Marathon kills the task but keeps its volume and reservation: the task stays listed as `TASK_KILLED`, and Nodes still shows the reservation on its agent. Scaling up again would relaunch it there.',
      goal: residentSuspended('/db'),
      hints: [
        '`dcos marathon task list /db --json` shows the kept task and its `localVolumes`.',
        '`dcos node list --json` shows each agent’s `reserved_resources`.',
      ],
      showMe: [cli('dcos marathon app update /db instances=0'), navigate('nodes')],
      settleMs: 20000,
    },
    {
      id: 'wipe',
      title: 'Wipe it',
      text: 'Free the agent: `dcos marathon task stop --wipe <task-id>`, with the id `dcos marathon task list /db` shows. Marathon forgets the task, destroys the volume and unreserves the resources.',
      goal: residentWiped('/db'),
      hints: [
        'The API call is `DELETE /v2/apps/db/tasks/<task-id>?wipe=true`; removing the app also destroys its volumes.',
        'Mesos leaves the files on the disk: destroying a volume removes only its record.',
      ],
      showMe: [cli('dcos marathon task stop --wipe {{anyTask:/db}}'), navigate('nodes')],
      settleMs: 20000,
    },
  ],
};
