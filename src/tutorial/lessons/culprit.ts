import { containerNearMemLimit, nodeCpuAtLeast, oomKilled, outgrewOldLimit, type WorkingSet } from '../operate-goals.ts';
import type { Lesson } from '../types.ts';
import { agent, cli, navigate, scenario } from './build.ts';

/**
 * `/cache` warms its cache up: it starts at 160 MB and grows 96 MB a minute until it holds 700 MB. Its 512 MB limit
 * is reached in under 4 minutes, every time; a limit above 700 MB is never reached (levelled off in under 6).
 */
export const cacheWorkingSet: WorkingSet = { memMb: 160, memMbPerMinute: 96, peakMemMb: 700 };

/** The limit `/cache` starts with, and the one the reader raises it to. */
export const cacheMemMb = 512;
export const roomierMemMb = 1024;

/** How long past its old death a task of the new limit must run: 2 minutes, by when its working set has levelled off. */
export const outliveMarginSeconds = 120;

const apps = [
  { id: '/web', cmd: 'python3 -m http.server $PORT0', instances: 3, cpus: 0.5, mem: 256 },
  { id: '/api', cmd: './api-server --port $PORT0', instances: 2, cpus: 1, mem: 512 },
  { id: '/cache', cmd: './cache-server --port $PORT0', instances: 1, cpus: 1, mem: cacheMemMb },
];

const base = scenario({ agents: [agent('a', { count: 3, cpus: 4, mem: 4096 })], apps });

/** Marathon packs the first offer it gets, so most of these land on one agent (a-1), which runs hot. */
const culpritScenario = {
  ...base,
  marathon: {
    ...base.marathon,
    behavior: {
      '/web': { usage: { profile: 'steady', cpus: 0.35, memMb: 120 } },
      '/api': { usage: { profile: 'steady', cpus: 0.9, memMb: 300 } },
      '/cache': { usage: { profile: 'leak', cpus: 0.95, ...cacheWorkingSet } },
    },
  },
};

export const culprit: Lesson = {
  id: 'culprit',
  title: 'Find the culprit',
  summary:
    'A node runs hot and a service keeps restarting: find the node in the metrics, the task on it, why it dies, then give it the memory it needs.',
  scenario: culpritScenario,
  steps: [
    {
      id: 'busy-node',
      title: 'Which node is busy?',
      text: 'Open Nodes and each agent for its CPU and memory charts, or in the Terminal `dcos node list`, then `dcos node metrics summary <mesos-id>` for each agent. Telegraf collects once a minute, so press play: after a minute one agent stands out.',
      goal: nodeCpuAtLeast(75, 'The metrics show an agent above 75% CPU'),
      hints: [
        '`dcos node metrics details <mesos-id>` lists every datapoint: `cpu.total`, `load.1min`, `memory.free`.',
        'The API behind both: `GET /system/v1/agent/<mesos-id>/metrics/v0/node`.',
      ],
      showMe: [navigate('nodes'), cli('dcos node list'), cli('dcos node metrics summary {{agentId:a-1}}')],
      settleMs: 90_000,
    },
    {
      id: 'task',
      title: 'Which task?',
      text: '`dcos task list` shows what runs where. `dcos task metrics details <task>` shows a container’s use beside its limits: `mem.total_bytes` beside `mem.limit_bytes`. Check each task on the busy agent a minute apart: one’s memory keeps climbing towards its limit.',
      goal: containerNearMemLimit('/cache', 0.75, 'A /cache task above 75% of its memory limit'),
      hints: [
        'In the UI: Services → the service → its task → the memory chart, with the limit drawn on it.',
        '`dcos task metrics summary` prints MEM as 0.00GiB: the 2.2 CLI reads a key Telegraf never sends. Use `details`.',
      ],
      showMe: [cli('dcos task list'), cli('dcos task metrics details cache')],
      settleMs: 180_000,
    },
    {
      id: 'why',
      title: 'Why does it die?',
      text: 'Keep watching `/cache`: its memory reaches the limit and the kernel’s OOM killer ends it. Its last status says so: TASK_FAILED, reason REASON_CONTAINER_LIMITATION_MEMORY, "Memory limit exceeded". Its stderr just stops, with no exit status: the agent destroyed the container, executor and all. Marathon launches it again, to be killed again.',
      goal: oomKilled('/cache', 1),
      hints: [
        'After the kill: `dcos marathon app show /cache` has `lastTaskFailure`. Each status with its reason and message: `GET /mesos/master/tasks` (the CLI’s `dcos task list --json` leaves them out).',
        '`dcos task log --completed cache stderr` ends at `Forked command`. Marathon’s journal, `dcos node log --leader --component=dcos-marathon`, has `TASK_FAILED (Memory limit exceeded: …)`.',
      ],
      showMe: [navigate('services'), cli('dcos marathon app show /cache')],
      settleMs: 120_000,
    },
    {
      id: 'room',
      title: 'Give it room',
      text: `Not a leak: \`/cache\` warms a cache of about ${cacheWorkingSet.peakMemMb} MB, more than its ${cacheMemMb}. Give it more: Services → \`/cache\` → Edit → Memory ${roomierMemMb}, or \`dcos marathon app update /cache mem=${roomierMemMb}\`. Watch the new task’s memory pass ${cacheMemMb} MB and level off: once it has run 2 minutes past where it used to die, with no OOM kill, the kills are over.`,
      goal: outgrewOldLimit(
        '/cache',
        cacheWorkingSet,
        { minMemMb: cacheWorkingSet.peakMemMb + 1, oldMemMb: cacheMemMb, instances: 1, marginSeconds: outliveMarginSeconds },
        `/cache has more than ${cacheWorkingSet.peakMemMb} MB and has run 2 minutes past its old limit without an OOM kill`,
      ),
      hints: [
        `A limit still under ${cacheWorkingSet.peakMemMb} MB only delays the kill. The API: \`PUT /marathon/v2/apps/cache\` with \`{"mem": ${roomierMemMb}}\`; Deployments shows the rollout.`,
        'Memory is a hard limit (the kernel kills at it); CPU is a share (the task is throttled, not killed). Speed up the clock: the proof takes 6 simulated minutes.',
      ],
      showMe: [cli(`dcos marathon app update /cache mem=${roomierMemMb}`)],
      settleMs: 420_000,
    },
  ],
};
