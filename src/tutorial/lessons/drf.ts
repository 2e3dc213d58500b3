import { allOf, roleWeight, taskSplit, uiEvent } from '../goals.ts';
import type { Lesson } from '../types.ts';
import { agent, fault, navigate, request, scenario } from './build.ts';

const framework = (name: string, role: string, cpus: number, mem: number) => ({
  name,
  role,
  task: { cpus, mem, disk: 0, gpus: 0, ports: 0 },
  instances: 'unlimited',
  tasksPerOffer: 1,
  refuseSeconds: 1,
  taskDurationSeconds: 20,
});

/** The DRF paper's example: 9 CPUs and 18 GB; user A's tasks <1 CPU, 4 GB>, user B's <3 CPUs, 1 GB>. */
export const drf: Lesson = {
  id: 'drf',
  title: 'Fair sharing with DRF',
  summary: "Two frameworks with different task shapes share one agent the way the DRF paper's example does.",
  scenario: scenario({
    agents: [agent('drf', { cpus: 9, mem: 18432 })],
    roles: { a: { weight: 1 }, b: { weight: 1 } },
    frameworks: [framework('A', 'a', 1, 4096), framework('B', 'b', 3, 1024)],
    script: [{ at: 0, request: { method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-crash', target: 'drf' } } }],
  }),
  steps: [
    {
      id: 'meet',
      title: 'Dominant shares meet',
      text: 'One agent: 9 CPUs, 18 GB. A wants <1 CPU, 4 GB> per task, B <3 CPUs, 1 GB>. The agent is down; restore it in ⚡ Faults and watch offers go to whoever has the smaller dominant share, until A runs 3 tasks and B 2: both at 2/3.',
      goal: taskSplit({ a: 3, b: 2 }, 'Role a runs 3 tasks and role b runs 2'),
      hints: [
        "A's dominant resource is memory (3 × 4 GB = 12 of 18), B's is CPU (2 × 3 = 6 of 9).",
        'The chart beside this text draws both weighted dominant shares over time (weight 1: the share itself).',
      ],
      showMe: [fault('agent-restore', 'drf'), navigate('dashboard')],
      settleMs: 15000,
      visual: 'drf-shares',
      visualRoles: ['a', 'b'],
    },
    {
      id: 'weight',
      title: 'Weights',
      text: 'The clock waits. Give role a weight 3 on the Roles page (Edit, or `PUT /mesos/weights`): its share now counts a third. Predict the weighted shares, then Lock in and play. Tasks end every 20 s, so the next free resources go to a until A runs 4 and B 1.',
      goal: allOf("Role a has weight 3, and runs 4 tasks to b's 1", roleWeight('a', 3), taskSplit({ a: 4, b: 1 }, 'a runs 4, b runs 1')),
      hints: [
        '4 A tasks hold 16 GB; a fifth would not fit in 18.',
        'A weight change applies at the next allocation run; running tasks are not moved.',
        "The chart draws each role's weighted dominant share: its dominant share ÷ its weight. A's 16 of 18 GB counts as 89% ÷ 3.",
        'By hand: Roles page → role a → Edit → Weight 3 → Set weight. "Show me" makes the API call for you.',
      ],
      showMe: [request('PUT', '/mesos/weights', [{ role: 'a', weight: 3 }]), navigate('roles')],
      settleMs: 90000,
      visual: 'drf-predict',
      visualRoles: ['a', 'b'],
    },
    {
      id: 'quota',
      title: 'Quota',
      text: 'A quota is a guarantee: the allocator serves it before fair sharing. Guarantee role b all 9 CPUs on the Roles page (Edit, or `POST /mesos/quota`), predict the weighted shares, then Lock in and play.',
      goal: allOf(
        'Split predicted; b runs 3 tasks and a none',
        uiEvent('split-predicted', 'The split predicted'),
        taskSplit({ a: 0, b: 3 }, 'b runs 3, a none'),
      ),
      hints: [
        'A still gets offers of memory, but every CPU is held back for b.',
        'Delete the quota with `DELETE /mesos/quota/b` to go back.',
        'By hand: Roles page → role b → Edit → Quota CPUs 9 → Set quota. "Show me" makes the API call for you.',
      ],
      showMe: [
        { kind: 'ui', event: 'split-predicted' },
        request('POST', '/mesos/quota', { role: 'b', guarantee: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 9 } }] }),
        navigate('roles'),
      ],
      settleMs: 90000,
      visual: 'drf-predict',
      visualRoles: ['a', 'b'],
    },
  ],
};
